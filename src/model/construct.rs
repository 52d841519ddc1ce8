//! Constructors for the model structs.
//!
//! Every model struct is `#[non_exhaustive]` (see "Versioning" in the README): a field added
//! to the data model is a minor release, so code outside this crate cannot use struct
//! literals, which a new field would break. It builds values with `new`, which takes the
//! fields every record must have, and then sets the optional ones, which are public:
//!
//! ```
//! use drone_dossier::{Citation, Event, EventKind, Id};
//! let id = |s: &str| Id::new(s).unwrap();
//! let mut event = Event::new(
//!     id("kashan-inspection"),
//!     EventKind::Inspection,
//!     "Russian officials inspect drones at Kashan airport",
//!     vec![Citation::new(id("atlantic-council-drone-sales-debate"))],
//! );
//! event.date = Some("2022-06-08".parse().unwrap());
//! assert_eq!(event.date.unwrap().to_string(), "2022-06-08");
//! ```

use super::{
    AcknowledgedWarning, Actor, ActorKind, Citation, Claim, ClaimKind, DataFile, Event, EventKind,
    EventLink, EventRelation, Id, LanguageTag, Location, Materiel, Measure, MeasureKind, Metadata,
    Participant, ParticipantRole, Quote, QuoteKind, Relation, RelationKind, Role, Sanction, Source,
    SourceKind, Stance, Version, WarningCode,
};

impl Source {
    /// A source with its id, kind and title; every other field empty.
    pub fn new(id: Id, kind: SourceKind, title: impl Into<String>) -> Self {
        Source {
            id,
            kind,
            title: title.into(),
            url: None,
            publisher: None,
            series: None,
            authors: Vec::new(),
            published: None,
            language: None,
            related: Vec::new(),
            text_file: None,
            text_sha256: None,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Actor {
    /// An actor with its id, kind, name and citations; every other field empty.
    pub fn new(id: Id, kind: ActorKind, name: impl Into<String>, citations: Vec<Citation>) -> Self {
        Actor {
            id,
            kind,
            name: name.into(),
            aliases: Vec::new(),
            country: None,
            lifespan: None,
            description: None,
            roles: Vec::new(),
            relations: Vec::new(),
            citations,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Role {
    /// A role with its title; every other field empty.
    pub fn new(title: impl Into<String>) -> Self {
        Role {
            title: title.into(),
            organisation: None,
            period: None,
            status: None,
            citations: Vec::new(),
        }
    }
}

impl Relation {
    /// A relation of this kind to `target`, supported by the actor's own citations.
    pub fn new(kind: RelationKind, target: Id) -> Self {
        Relation {
            kind,
            target,
            citations: Vec::new(),
        }
    }
}

impl Event {
    /// An event with its id, kind, title and citations; every other field empty.
    pub fn new(
        id: Id,
        kind: EventKind,
        title: impl Into<String>,
        citations: Vec<Citation>,
    ) -> Self {
        Event {
            id,
            kind,
            title: title.into(),
            summary: None,
            date: None,
            location: None,
            participants: Vec::new(),
            related: Vec::new(),
            materiel: Vec::new(),
            reported_by: Vec::new(),
            citations,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Location {
    /// A place by name, with no country.
    pub fn new(name: impl Into<String>) -> Self {
        Location {
            name: name.into(),
            country: None,
        }
    }
}

impl Participant {
    /// An actor taking part in an event in a role.
    pub fn new(actor: Id, role: ParticipantRole) -> Self {
        Participant { actor, role }
    }
}

impl EventLink {
    /// A link of this kind to another event.
    pub fn new(relation: EventRelation, event: Id) -> Self {
        EventLink { relation, event }
    }
}

impl Sanction {
    /// A sanction with its id, title, imposers and citations; every other field empty.
    pub fn new(
        id: Id,
        title: impl Into<String>,
        imposed_by: Vec<Id>,
        citations: Vec<Citation>,
    ) -> Self {
        Sanction {
            id,
            title: title.into(),
            imposed_by,
            targets: Vec::new(),
            scope: None,
            measures: Vec::new(),
            reasons: Vec::new(),
            programme: None,
            legal_basis: None,
            period: None,
            citations,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Measure {
    /// A measure of this kind, with no description.
    pub fn new(kind: MeasureKind) -> Self {
        Measure {
            kind,
            description: None,
        }
    }
}

impl Quote {
    /// A quote with its id, speakers, kind, text, language and citations; every other field
    /// empty.
    pub fn new(
        id: Id,
        speakers: Vec<Id>,
        kind: QuoteKind,
        text: impl Into<String>,
        language: LanguageTag,
        citations: Vec<Citation>,
    ) -> Self {
        Quote {
            id,
            speakers,
            kind,
            text: text.into(),
            language,
            original_language: None,
            original_text: None,
            medium: None,
            date: None,
            about: Vec::new(),
            responds_to: Vec::new(),
            reported_by: Vec::new(),
            citations,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Claim {
    /// A claim with its id, the record it is about, its statement, stance and citations, of
    /// kind [`ClaimKind::Account`] (the default); every other field empty.
    pub fn new(
        id: Id,
        about: Id,
        statement: impl Into<String>,
        stance: Stance,
        citations: Vec<Citation>,
    ) -> Self {
        Claim {
            id,
            about,
            statement: statement.into(),
            kind: ClaimKind::default(),
            stance,
            hedge: None,
            event_date: None,
            asserted_by: Vec::new(),
            attribution: None,
            asserted_on: None,
            denied_by: Vec::new(),
            reported_by: Vec::new(),
            evidence: Vec::new(),
            supersedes: Vec::new(),
            contradicts: Vec::new(),
            citations,
            notes: None,
            withdrawn: None,
            acknowledged_warnings: Vec::new(),
        }
    }
}

impl Citation {
    /// A citation of a source, with no locator or excerpt.
    pub fn new(source: Id) -> Self {
        Citation {
            source,
            locator: None,
            excerpt: None,
        }
    }
}

impl Metadata {
    /// The metadata of a dataset, with the `$schema` reference the dataset's files use.
    pub fn new(
        name: impl Into<String>,
        version: Version,
        schema_version: Version,
        license: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Metadata {
            schema: DataFile::Metadata.schema_ref(),
            name: name.into(),
            version,
            schema_version,
            license: license.into(),
            description: description.into(),
        }
    }
}

impl Materiel {
    /// An item by the name the sources give it, of no stated kind.
    pub fn new(name: impl Into<String>) -> Self {
        Materiel {
            name: name.into(),
            kind: None,
        }
    }
}

impl AcknowledgedWarning {
    /// An accepted warning with the reason it is accepted.
    pub fn new(code: WarningCode, reason: impl Into<String>) -> Self {
        AcknowledgedWarning {
            code,
            reason: reason.into(),
        }
    }
}
