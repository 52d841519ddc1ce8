//! The dataset compiled into the crate (feature `embedded`, on by default).
//!
//! The JSON files are included as text and parsed on first use; at this size that takes
//! milliseconds and needs no build script.

use std::path::PathBuf;
use std::sync::LazyLock;

use crate::dataset::Dataset;
use crate::model::DataFile;

/// The text of each bundled dataset file, exactly as committed.
pub fn file_text(file: DataFile) -> &'static str {
    match file {
        DataFile::Metadata => include_str!("../dataset/metadata.json"),
        DataFile::Sources => include_str!("../dataset/sources.json"),
        DataFile::Actors => include_str!("../dataset/actors.json"),
        DataFile::Events => include_str!("../dataset/events.json"),
        DataFile::Sanctions => include_str!("../dataset/sanctions.json"),
        DataFile::Quotes => include_str!("../dataset/quotes.json"),
        DataFile::Claims => include_str!("../dataset/claims.json"),
    }
}

static EMBEDDED: LazyLock<Dataset> = LazyLock::new(|| {
    Dataset::from_texts(|file| {
        Ok((
            PathBuf::from("dataset").join(file.file_name()),
            file_text(file).to_owned(),
        ))
    })
    // The bundled files are checked by the test suite before any release, so failing here
    // means the crate itself is broken, not the caller's input.
    .expect("the bundled dataset parses")
});

impl Dataset {
    /// The dataset bundled with this version of the crate, parsed once on first use.
    ///
    /// ```
    /// let data = drone_dossier::Dataset::embedded();
    /// assert_eq!(data.metadata.name, "dossier");
    /// ```
    pub fn embedded() -> &'static Dataset {
        &EMBEDDED
    }
}
