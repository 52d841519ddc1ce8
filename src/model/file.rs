//! The dataset's files: which ones there are and the shape of each.

use serde::{Deserialize, Serialize};

use super::{Actor, Claim, Event, Quote, Sanction, Source};

/// One file of the dataset directory. Each `dataset/NAME.json` has a `schema/NAME.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    /// `metadata.json`: name, version, licence.
    Metadata,
    /// `sources.json`: the documents records cite.
    Sources,
    /// `actors.json`: states, people and organisations.
    Actors,
    /// `events.json`: what happened.
    Events,
    /// `sanctions.json`: sanctions and restrictions.
    Sanctions,
    /// `quotes.json`: what was said.
    Quotes,
    /// `claims.json`: competing accounts of events.
    Claims,
}

impl DataFile {
    /// Every file, in the order they are loaded and reported.
    pub const ALL: [DataFile; 7] = [
        DataFile::Metadata,
        DataFile::Sources,
        DataFile::Actors,
        DataFile::Events,
        DataFile::Sanctions,
        DataFile::Quotes,
        DataFile::Claims,
    ];

    /// The file's stem: `events` for `events.json`.
    pub fn name(self) -> &'static str {
        match self {
            DataFile::Metadata => "metadata",
            DataFile::Sources => "sources",
            DataFile::Actors => "actors",
            DataFile::Events => "events",
            DataFile::Sanctions => "sanctions",
            DataFile::Quotes => "quotes",
            DataFile::Claims => "claims",
        }
    }

    /// The dataset file's name: `events.json`.
    pub fn file_name(self) -> String {
        format!("{}.json", self.name())
    }

    /// The schema file's name: `events.schema.json`.
    pub fn schema_file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The `$schema` value a dataset file carries: the schema's path relative to `dataset/`.
    pub fn schema_ref(self) -> String {
        format!("../schema/{}", self.schema_file_name())
    }

    /// The file with the given stem, if there is one.
    pub fn from_name(name: &str) -> Option<DataFile> {
        DataFile::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The kind of record the file holds (`None` for metadata).
    pub fn record_kind(self) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.file() == self)
    }
}

/// The kinds of record, one per collection file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A [`Source`].
    Source,
    /// An [`Actor`].
    Actor,
    /// An [`Event`].
    Event,
    /// A [`Sanction`].
    Sanction,
    /// A [`Quote`].
    Quote,
    /// A [`Claim`].
    Claim,
}

impl RecordKind {
    /// Every kind, in file order.
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Source,
        RecordKind::Actor,
        RecordKind::Event,
        RecordKind::Sanction,
        RecordKind::Quote,
        RecordKind::Claim,
    ];

    /// The file that holds records of this kind.
    pub fn file(self) -> DataFile {
        match self {
            RecordKind::Source => DataFile::Sources,
            RecordKind::Actor => DataFile::Actors,
            RecordKind::Event => DataFile::Events,
            RecordKind::Sanction => DataFile::Sanctions,
            RecordKind::Quote => DataFile::Quotes,
            RecordKind::Claim => DataFile::Claims,
        }
    }

    /// The kind's name in messages: `event`.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Actor => "actor",
            RecordKind::Event => "event",
            RecordKind::Sanction => "sanction",
            RecordKind::Quote => "quote",
            RecordKind::Claim => "claim",
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! collection_file {
    ($(#[$meta:meta])* $file:ident, $field:ident, $record:ty, $data_file:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $file {
            #[doc = concat!("The schema this file follows, relative to the file: `../schema/", stringify!($field), ".schema.json`.")]
            #[serde(rename = "$schema")]
            pub schema: String,
            /// The records.
            pub $field: Vec<$record>,
        }

        impl $file {
            /// The file this struct is the shape of.
            pub const FILE: DataFile = $data_file;

            /// Wraps records with the `$schema` reference the dataset uses.
            pub fn new($field: Vec<$record>) -> Self {
                Self { schema: Self::FILE.schema_ref(), $field }
            }
        }
    };
}

collection_file!(
    /// The shape of `dataset/sources.json`.
    SourcesFile, sources, Source, DataFile::Sources
);
collection_file!(
    /// The shape of `dataset/actors.json`.
    ActorsFile, actors, Actor, DataFile::Actors
);
collection_file!(
    /// The shape of `dataset/events.json`.
    EventsFile, events, Event, DataFile::Events
);
collection_file!(
    /// The shape of `dataset/sanctions.json`.
    SanctionsFile, sanctions, Sanction, DataFile::Sanctions
);
collection_file!(
    /// The shape of `dataset/quotes.json`.
    QuotesFile, quotes, Quote, DataFile::Quotes
);
collection_file!(
    /// The shape of `dataset/claims.json`.
    ClaimsFile, claims, Claim, DataFile::Claims
);
