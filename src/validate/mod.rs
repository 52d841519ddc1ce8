//! The validator behind `dossier validate` (feature `validate`).
//!
//! It runs in layers and collects every problem before returning:
//!
//! 1. **syntax**: each file is read and parsed once as JSON;
//! 2. **schema**: each file is checked against its committed schema in `schema/`, with one
//!    compiled validator per schema, built once;
//! 3. **rules**: files that pass their schema are read into the model types and checked for
//!    what a schema cannot express (unique ids across files, references that resolve).
//!
//! Problems are [`Diagnostic`]s, data rather than errors; [`RunError`] is kept for the cases
//! where validation could not run at all.

mod diagnostic;
mod rules;
mod schema;

use std::path::{Path, PathBuf};

pub use diagnostic::{Code, Diagnostic, Severity};

use crate::model::DataFile;

/// Why validation could not run (as opposed to finding problems).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The dataset directory does not exist or is not a directory.
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// A file exists but could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// The outcome of a validation run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Every problem found, in file order, then in order of position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were checked.
    pub files_checked: usize,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Whether the dataset is valid (no errors; warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }
}

/// A file read and parsed as JSON, kept for the later layers.
pub(crate) struct Parsed {
    pub(crate) file: DataFile,
    pub(crate) path: PathBuf,
    pub(crate) value: serde_json::Value,
}

/// Validates a dataset directory such as `dataset/`.
pub fn validate_dir(dir: &Path) -> Result<Report, RunError> {
    if !dir.is_dir() {
        return Err(RunError::NotADirectory(dir.to_path_buf()));
    }
    let mut report = Report::default();
    let mut parsed = Vec::new();
    for file in DataFile::ALL {
        let path = dir.join(file.file_name());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.diagnostics.push(
                    Diagnostic::new(Code::MissingFile, &path, format!("{} is missing", file.file_name()))
                        .with_help("every dataset directory has one file per collection, even if its list is empty"),
                );
                continue;
            }
            Err(source) => return Err(RunError::Unreadable { path, source }),
        };
        report.files_checked += 1;
        match serde_json::from_str(&text) {
            Ok(value) => parsed.push(Parsed { file, path, value }),
            Err(e) => report.diagnostics.push(
                Diagnostic::new(Code::Syntax, &path, syntax_message(&e))
                    .at_position(e.line(), e.column()),
            ),
        }
    }
    let schema_valid = schema::check(&parsed, &mut report.diagnostics);
    let well_formed: Vec<&Parsed> = parsed
        .iter()
        .filter(|p| schema_valid.contains(&p.file))
        .collect();
    rules::check(&well_formed, &mut report.diagnostics);
    Ok(report)
}

fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
