//! The canonical form of dataset files, which `dossier fmt` writes.
//!
//! A file is canonical when it is exactly what the model serialises it to: keys in the order
//! of the model's fields, two-space indentation, empty optional fields omitted, a trailing
//! newline, `$schema` pointing at the file's schema, and records sorted by id (byte order of
//! the id string, which for lowercase slugs is alphabetical order). With one form there is
//! one place for every new record and every contribution is a minimal diff.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::dataset::to_text;
use crate::model::{
    ActorsFile, ClaimsFile, DataFile, EventsFile, Metadata, QuotesFile, Record, SanctionsFile,
    SourcesFile,
};

/// Why a file could not be formatted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// A path does not exist, or is not a dataset file or directory.
    #[error("{} is not a dataset directory or file", .0.display())]
    NotDataset(PathBuf),
    /// A dataset directory lacks one of its files.
    #[error("{} is missing: a dataset directory has every file of the dataset", .0.display())]
    Missing(PathBuf),
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The canonical form would be larger than the file size limit
    /// ([`crate::files::max_file_size`]), so every command would refuse the file once
    /// written (a minified file grows when indented); it is left untouched.
    #[error("{}: the formatted file would be {size} bytes, over the limit of {limit} (--max-file-size); left as it is", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The size of its canonical form, in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not JSON, or not JSON the model accepts; it is left untouched.
    #[error("{}: cannot format a file {}: {source}", path.display(), unparsed(source))]
    Parse {
        /// The file.
        path: PathBuf,
        /// What serde_json said, with line and column.
        source: serde_json::Error,
    },
}

/// Why a file that did not parse is not formatted, in words: its JSON, or what it holds.
fn unparsed(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Data => "the model does not accept",
        _ => "that is not valid JSON",
    }
}

/// The canonical text of a dataset file's contents.
pub fn canonical_text(file: DataFile, text: &str) -> Result<String, serde_json::Error> {
    fn sorted<F: DeserializeOwned + Serialize, R: Record>(
        text: &str,
        records: impl FnOnce(&mut F) -> &mut Vec<R>,
        new: impl FnOnce(Vec<R>) -> F,
    ) -> Result<String, serde_json::Error> {
        let mut f: F = serde_json::from_str(text)?;
        let mut list = std::mem::take(records(&mut f));
        // Stable, so records with a duplicate id keep their order (validate reports them).
        list.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(to_text(&new(list)))
    }
    match file {
        DataFile::Metadata => {
            let mut m: Metadata = serde_json::from_str(text)?;
            m.schema = file.schema_ref();
            Ok(to_text(&m))
        }
        DataFile::Sources => sorted(text, |f: &mut SourcesFile| &mut f.sources, SourcesFile::new),
        DataFile::Actors => sorted(text, |f: &mut ActorsFile| &mut f.actors, ActorsFile::new),
        DataFile::Events => sorted(text, |f: &mut EventsFile| &mut f.events, EventsFile::new),
        DataFile::Sanctions => sorted(
            text,
            |f: &mut SanctionsFile| &mut f.sanctions,
            SanctionsFile::new,
        ),
        DataFile::Quotes => sorted(text, |f: &mut QuotesFile| &mut f.quotes, QuotesFile::new),
        DataFile::Claims => sorted(text, |f: &mut ClaimsFile| &mut f.claims, ClaimsFile::new),
    }
}

/// The dataset files at `path`: every one present in a directory, or the named file.
pub fn dataset_files(path: &Path) -> Result<Vec<(DataFile, PathBuf)>, FormatError> {
    if path.is_dir() {
        // Every file, or an error: `fmt --check` on the wrong directory, or on a dataset with
        // a file missing, must not pass for having checked nothing.
        return DataFile::ALL
            .into_iter()
            .map(|f| {
                let p = path.join(f.file_name());
                if p.is_file() {
                    Ok((f, p))
                } else if p.exists() {
                    Err(FormatError::Io {
                        path: p,
                        source: std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            "not a regular file",
                        ),
                    })
                } else {
                    Err(FormatError::Missing(p))
                }
            })
            .collect();
    }
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".json"))
        .and_then(DataFile::from_name)
        .filter(|_| path.is_file())
        .ok_or_else(|| FormatError::NotDataset(path.to_path_buf()))?;
    Ok(vec![(file, path.to_path_buf())])
}

/// Formats one file. Returns whether it was not in canonical form; writes the canonical form
/// (atomically) only when `write` is set.
///
/// The write is refused with [`FormatError::Io`] (nothing written) when the file changed on
/// disk since it was read, is read-only, has more than one hard link, or is not a regular file
/// ([`crate::files::Refusal`] says which).
pub fn format_file(file: DataFile, path: &Path, write: bool) -> Result<bool, FormatError> {
    let io = |source| FormatError::Io {
        path: path.to_path_buf(),
        source,
    };
    let snapshot = crate::files::read_snapshot(path).map_err(io)?;
    let text = std::str::from_utf8(snapshot.bytes()).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not valid UTF-8",
        ))
    })?;
    let canonical = canonical_text(file, text).map_err(|source| FormatError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    if canonical == text {
        if write {
            // A file already in canonical form is not rewritten, but temporary files an
            // earlier killed run left beside it are still cleaned up.
            crate::files::remove_orphans(path);
        }
        return Ok(false);
    }
    let (size, limit) = (canonical.len() as u64, crate::files::max_file_size());
    if write && size > limit {
        return Err(FormatError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    if write {
        // Refused (and nothing written) if the file changed since it was read: an edit saved
        // while `fmt` ran must not be replaced by the old content reformatted.
        let options = crate::files::WriteOptions {
            unchanged_since: Some(&snapshot),
            ..Default::default()
        };
        crate::files::write_atomic_with(path, canonical.as_bytes(), &options).map_err(io)?;
    }
    Ok(true)
}

/// Writes to a new temporary file in the same directory, then renames it over `path`: an
/// interrupted run leaves either the old file or the new one, never a truncated one. A symlink
/// at `path` is written through (its target replaced, the link kept), and a symlink planted
/// where the temporary file would go is never followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::files::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_records_and_orders_keys() {
        let text = r#"{"events": [], "$schema": "x"}"#;
        assert_eq!(
            canonical_text(DataFile::Events, text).unwrap(),
            "{\n  \"$schema\": \"../schema/events.schema.json\",\n  \"events\": []\n}\n"
        );
        let text = r#"{"$schema": "../schema/sources.schema.json", "sources": [
            {"id": "b", "kind": "article", "title": "B"},
            {"title": "A", "id": "a", "kind": "report"}]}"#;
        let out = canonical_text(DataFile::Sources, text).unwrap();
        assert!(out.find("\"a\"").unwrap() < out.find("\"b\"").unwrap());
        assert!(out.contains("{\n      \"id\": \"a\",\n      \"kind\": \"report\""));
        assert_eq!(canonical_text(DataFile::Sources, &out).unwrap(), out);
    }

    #[test]
    fn refuses_what_does_not_parse() {
        assert!(canonical_text(DataFile::Events, "{").is_err());
        assert!(canonical_text(DataFile::Events, r#"{"$schema": "x", "events": [{}]}"#).is_err());
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let dir = std::env::temp_dir().join(format!("dossier-fmt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
