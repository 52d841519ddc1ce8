//! The whole dataset in memory, and loading it from a directory.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{
    Actor, ActorsFile, Claim, ClaimsFile, DataFile, Event, EventsFile, Metadata, Quote, QuotesFile,
    Sanction, SanctionsFile, Source, SourcesFile,
};

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file is not valid JSON, or does not have the shape of the model. The message gives
    /// the line and column.
    #[error("{}: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What serde_json said, with line and column.
        source: serde_json::Error,
    },
}

/// Every record of the dataset, one `Vec` per collection, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// Name, version, licence.
    pub metadata: Metadata,
    /// The documents records cite.
    pub sources: Vec<Source>,
    /// States, people and organisations.
    pub actors: Vec<Actor>,
    /// What happened.
    pub events: Vec<Event>,
    /// Sanctions and restrictions.
    pub sanctions: Vec<Sanction>,
    /// What was said.
    pub quotes: Vec<Quote>,
    /// Competing accounts of events.
    pub claims: Vec<Claim>,
}

impl Dataset {
    /// Loads a dataset directory such as a working copy's `dataset/`: one JSON file per
    /// [`DataFile`]. Each must be a regular file of at most 64 MiB; anything else (a FIFO, a
    /// device, a huge file) is refused with [`LoadError::Io`] rather than read. This checks the files' shape (serde), not the cross-record rules; run the
    /// validator for those.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, LoadError> {
        let dir = dir.as_ref();
        Self::from_texts(|file| {
            let path = dir.join(file.file_name());
            crate::files::read_text(&path)
                .map(|text| (path.clone(), text))
                .map_err(|source| LoadError::Io { path, source })
        })
    }

    /// Builds a dataset from each file's text, as returned by `read` with the path to name in
    /// errors.
    pub fn from_texts(
        mut read: impl FnMut(DataFile) -> Result<(PathBuf, String), LoadError>,
    ) -> Result<Self, LoadError> {
        let mut load = |file: DataFile| read(file);
        Ok(Dataset {
            metadata: parse(load(DataFile::Metadata)?)?,
            sources: parse::<SourcesFile>(load(DataFile::Sources)?)?.sources,
            actors: parse::<ActorsFile>(load(DataFile::Actors)?)?.actors,
            events: parse::<EventsFile>(load(DataFile::Events)?)?.events,
            sanctions: parse::<SanctionsFile>(load(DataFile::Sanctions)?)?.sanctions,
            quotes: parse::<QuotesFile>(load(DataFile::Quotes)?)?.quotes,
            claims: parse::<ClaimsFile>(load(DataFile::Claims)?)?.claims,
        })
    }

    /// The JSON text of one file of this dataset, in the form the files are kept in: two-space
    /// indentation, keys in model order, a trailing newline.
    pub fn file_text(&self, file: DataFile) -> String {
        match file {
            DataFile::Metadata => to_text(&self.metadata),
            DataFile::Sources => to_text(&SourcesFile::new(self.sources.clone())),
            DataFile::Actors => to_text(&ActorsFile::new(self.actors.clone())),
            DataFile::Events => to_text(&EventsFile::new(self.events.clone())),
            DataFile::Sanctions => to_text(&SanctionsFile::new(self.sanctions.clone())),
            DataFile::Quotes => to_text(&QuotesFile::new(self.quotes.clone())),
            DataFile::Claims => to_text(&ClaimsFile::new(self.claims.clone())),
        }
    }
}

fn parse<T: DeserializeOwned>((path, text): (PathBuf, String)) -> Result<T, LoadError> {
    serde_json::from_str(&text).map_err(|source| LoadError::Parse { path, source })
}

/// Pretty JSON with two-space indentation and a trailing newline.
pub(crate) fn to_text(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("model values always serialise");
    text.push('\n');
    text
}
