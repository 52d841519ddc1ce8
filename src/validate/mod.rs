//! The validator behind `dossier validate` (feature `validate`).
//!
//! It runs in layers and collects every problem before returning:
//!
//! 1. **syntax** ([`Layer::Syntax`]): each file is read and parsed once, with a clear
//!    diagnostic for a byte-order mark, invalid UTF-8, an empty or oversized file, trailing
//!    commas, duplicate keys and nesting past the limit;
//! 2. **schema** ([`Layer::Schema`]): date strings are checked against the calendar, then each
//!    file against its committed schema in `schema/`, one compiled validator per schema;
//! 3. **rules** ([`Layer::Rules`]): the records are read into the model types and checked for
//!    what a schema cannot express (unique ids, references, citations, lifespans, …).
//!
//! Problems are [`Diagnostic`]s, data rather than errors; each has a stable [`Code`]
//! documented in `docs/rules.md`. [`RunError`] is kept for the cases where validation could
//! not run at all. Lines and columns are computed only for files that have diagnostics.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The bundled dataset: it ships in the package (tests/ does not), so this runs from crates.io too.
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
//! let report = drone_dossier::validate::validate_dir(&dir)?;
//! assert!(report.is_valid());
//! # Ok(()) }
//! ```

mod dates;
mod diagnostic;
mod locate;
pub mod render;
mod rules;
mod scan;
mod schema;
mod suggest;
mod syntax;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use diagnostic::{Code, Diagnostic, Layer, Location, Severity};

use crate::model::DataFile;

/// Why validation could not run (as opposed to finding problems).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// A path named on the command line does not exist.
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    /// The dataset directory is not a directory.
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// A file named on the command line is not one of the dataset's files.
    #[error("{} is not a dataset file (expected one of: {})", .0.display(), expected_names())]
    NotADatasetFile(PathBuf),
    /// A dataset file is not a regular file (after following symlinks): a FIFO, a device,
    /// a socket or a directory. It is not opened, so a FIFO cannot block the run and a device
    /// cannot feed it endless bytes.
    #[error("{} is not a regular file (a dataset file cannot be a FIFO, a device, a socket or a directory)", .0.display())]
    NotARegularFile(PathBuf),
    /// A file exists but could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

fn expected_names() -> String {
    DataFile::ALL
        .iter()
        .map(|f| f.file_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Limits and the reference date of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Files larger than this many bytes are not parsed (`file-too-large`).
    pub max_file_size: u64,
    /// Arrays and objects nested deeper than this are rejected (`too-deep`). Kept below
    /// serde_json's own recursion limit of 128 so the message is ours.
    pub max_depth: usize,
    /// Dates starting after this day are `future-date`.
    pub today: NaiveDate,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_size: 64 * 1024 * 1024,
            max_depth: 64,
            today: today(),
        }
    }
}

/// Today's date in UTC, from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::days(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// One dataset file to validate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Which file of the dataset it is.
    pub file: DataFile,
    /// The path to name in diagnostics.
    pub path: PathBuf,
    /// The file's bytes, or `None` when it is missing (`missing-file`).
    pub bytes: Option<Vec<u8>>,
    /// Whether to report its diagnostics. Files read only as context for cross-file rules
    /// (when the user named some files of a directory) are checked but not reported.
    pub report: bool,
}

/// The outcome of a validation run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Every problem found, by file (in [`DataFile::ALL`] order), then by position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were checked.
    pub files_checked: usize,
    /// The text of each file that has diagnostics, for rendering snippets (without a
    /// byte-order mark, which columns do not count).
    pub texts: BTreeMap<PathBuf, String>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the dataset is valid (no errors; warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }

    /// Adds another report's findings (of other files) to this one.
    pub fn merge(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
        self.files_checked += other.files_checked;
        self.texts.extend(other.texts);
    }
}

/// Validates a set of files of one dataset.
pub fn validate(inputs: Vec<Input>, options: &Options) -> Report {
    let mut report = Report::default();
    let mut out = Vec::new();
    let mut parsed = Vec::new();
    for input in inputs {
        let Some(bytes) = input.bytes else {
            out.push(
                Diagnostic::new(
                    Code::MissingFile,
                    &input.path,
                    format!("{} is missing", input.file.file_name()),
                )
                .with_help("every dataset directory has one file per collection, even if its list is empty"),
            );
            continue;
        };
        report.files_checked += usize::from(input.report);
        let result = syntax::check(&input.path, bytes, options, &mut out);
        parsed.push((input.file, input.path, input.report, result));
    }
    for (file, path, _, result) in &mut parsed {
        if let Some(value) = result.as_mut().and_then(|p| p.value.as_mut()) {
            dates::check(path, *file, value, options.today, &mut out);
            schema::check(path, *file, value, &mut out);
        }
    }
    let files: Vec<rules::FileValue<'_>> = parsed
        .iter()
        .filter_map(|(file, path, _, result)| {
            Some(rules::FileValue {
                file: *file,
                path,
                value: result.as_ref()?.value.as_ref()?,
            })
        })
        .collect();
    rules::check(&files, &mut out);

    let reported: BTreeSet<&Path> = parsed
        .iter()
        .filter(|(.., report, _)| *report)
        .map(|(_, path, ..)| path.as_path())
        .collect();
    out.retain(|d| reported.contains(d.file.as_path()) || d.code == Code::MissingFile);
    // Locate: one locator per file with diagnostics, built only now.
    for (_, path, _, result) in &parsed {
        let Some(p) = result else { continue };
        let mut mine = out.iter_mut().filter(|d| &d.file == path).peekable();
        if mine.peek().is_none() {
            continue;
        }
        let mut locator = locate::Locator::new(&p.text, options.max_depth).with_bom(p.bom);
        for d in mine {
            locator.locate(d);
        }
        report.texts.insert(path.clone(), p.shown_text().to_owned());
    }
    let order = |d: &Diagnostic| {
        parsed
            .iter()
            .position(|(_, path, ..)| *path == d.file)
            .unwrap_or(usize::MAX)
    };
    out.sort_by_cached_key(|d| (order(d), d.location, d.code));
    report.diagnostics = out;
    report
}

/// Validates a dataset directory such as `dataset/`, with the default [`Options`].
pub fn validate_dir(dir: &Path) -> Result<Report, RunError> {
    validate_dir_with(dir, &Options::default())
}

/// Validates a dataset directory with the given limits and reference date.
pub fn validate_dir_with(dir: &Path, options: &Options) -> Result<Report, RunError> {
    if !dir.exists() {
        return Err(RunError::NotFound(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(RunError::NotADirectory(dir.to_path_buf()));
    }
    let inputs = read_dir_inputs(dir, &BTreeSet::new(), options)?;
    Ok(validate(inputs, options))
}

/// Validates directories and named files. A named file is checked together with the other
/// files of its directory (so its references resolve), but only its own problems are reported.
pub fn validate_paths(paths: &[PathBuf], options: &Options) -> Result<Report, RunError> {
    // Directory (by canonical path, so that one directory named twice under different
    // spellings is checked once) → its path as first named, and the files of it to report
    // (`None`: all of them).
    let mut groups: BTreeMap<PathBuf, (PathBuf, Option<BTreeSet<DataFile>>)> = BTreeMap::new();
    for path in paths {
        if !path.exists() {
            return Err(RunError::NotFound(path.clone()));
        }
        if path.is_dir() {
            groups
                .entry(canonical(path))
                .or_insert_with(|| (path.clone(), None))
                .1 = None;
            continue;
        }
        let file = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(DataFile::from_name)
            .filter(|f| path.file_name().and_then(|n| n.to_str()) == Some(&f.file_name()))
            .ok_or_else(|| RunError::NotADatasetFile(path.clone()))?;
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let (_, only) = groups
            .entry(canonical(&dir))
            .or_insert_with(|| (dir, Some(BTreeSet::new())));
        if let Some(files) = only {
            files.insert(file);
        }
    }
    let mut report = Report::default();
    for (dir, only) in groups.into_values() {
        let only = only.unwrap_or_default();
        let inputs = read_dir_inputs(&dir, &only, options)?;
        report.merge(validate(inputs, options));
    }
    Ok(report)
}

/// The canonical form of a directory (`""` is the current one), or the path as given when it
/// has none.
fn canonical(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Reads every dataset file of `dir`; reports only those in `only` (all when empty).
fn read_dir_inputs(
    dir: &Path,
    only: &BTreeSet<DataFile>,
    options: &Options,
) -> Result<Vec<Input>, RunError> {
    let mut inputs = Vec::new();
    for file in DataFile::ALL {
        let path = dir.join(file.file_name());
        let report = only.is_empty() || only.contains(&file);
        // Check the kind of file before opening it: opening a FIFO blocks until a writer
        // comes, and a device such as /dev/zero would be read up to the size limit.
        match std::fs::metadata(&path) {
            Ok(meta) if !meta.is_file() => return Err(RunError::NotARegularFile(path)),
            _ => {}
        }
        let bytes = match std::fs::File::open(&path) {
            Ok(f) => {
                // Checked again on the open file, in case it was replaced in between.
                if f.metadata().is_ok_and(|m| !m.is_file()) {
                    return Err(RunError::NotARegularFile(path));
                }
                // Read at most one byte past the limit: enough to know it is too large.
                let len = f.metadata().map_or(0, |m| m.len());
                let capacity = len.min(options.max_file_size.saturating_add(1));
                let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
                f.take(options.max_file_size.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .map_err(|source| RunError::Unreadable {
                        path: path.clone(),
                        source,
                    })?;
                Some(bytes)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(RunError::Unreadable { path, source }),
        };
        inputs.push(Input {
            file,
            path,
            bytes,
            report,
        });
    }
    Ok(inputs)
}
