//! The data model: one type per kind of record, and the value types they share.
//!
//! These types are the public API of the project in two senses: Rust users get them from the
//! crate, and every other language sees them through the JSON Schema generated from them
//! (`schema/`). Renaming a field is a breaking change in both.
//!
//! Every struct rejects unknown fields, so a typo in a dataset file is an error rather than a
//! silently dropped value.

mod actor;
mod checked;
mod citation;
mod claim;
mod construct;
mod date;
mod day;
mod event;
mod exact;
mod file;
mod id;
mod lifecycle;
mod metadata;
mod quote;
pub(crate) mod record;
mod sanction;
mod source;
mod vocabulary;

pub use actor::{Actor, ActorKind, Relation, RelationKind, Role, RoleStatus};
pub use checked::InvalidString;
pub use citation::Citation;
pub use claim::{Claim, ClaimKind, Stance};
pub use date::{DATE_PATTERN, Date, DateError, PartialDate, Precision, QualifiedDate, Qualifier};
pub use day::Day;
pub use event::{
    Event, EventKind, EventLink, EventRelation, Location, Materiel, MaterielKind, Participant,
    ParticipantRole,
};
pub use file::{
    ActorsFile, ClaimsFile, DataFile, EventsFile, QuotesFile, RecordKind, SanctionsFile,
    SourcesFile,
};
pub use id::{CountryCode, Id, LanguageTag, MAX_ID_LEN};
pub use lifecycle::{AcknowledgedWarning, WarningCode};
pub use metadata::{Metadata, Version};
pub use quote::{Medium, Quote, QuoteKind};
pub use record::{Record, Reference};
pub use sanction::{Measure, MeasureKind, Sanction};
pub use source::{Sha256, Source, SourceKind, TextFileName};
