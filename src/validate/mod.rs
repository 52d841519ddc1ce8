//! The validator behind `dossier validate` (feature `validate`).
//!
//! It runs in layers and collects every problem before returning:
//!
//! 1. **syntax** ([`Layer::Syntax`]): each file is read and scanned once, with a clear
//!    diagnostic for a byte-order mark, invalid UTF-8, an empty or oversized file, trailing
//!    commas, duplicate keys and nesting past the limit;
//! 2. **schema** ([`Layer::Schema`]): date strings are checked against the calendar, and each
//!    record against its committed schema in `schema/`, one compiled validator per schema.
//!    Records are read *typed-first*: straight into their model types, which the schemas are
//!    generated from; only a record the model refuses, or one where serde is laxer than the
//!    schema, is parsed to a JSON tree and checked by the schema engine, alone (a file with a
//!    syntax problem is checked as a whole tree). Both ways give the same diagnostics;
//! 3. **rules** ([`Layer::Rules`]): the typed records are checked for what a schema cannot
//!    express (unique ids, references, citations, lifespans, …);
//! 4. **sources** ([`Layer::Sources`]): with [`Options::sources`], every citation excerpt and
//!    quote text is checked against the line of the stored source text its locator names
//!    (see [`Provenance`]); without it, the report says which sources went unchecked.
//!
//! Problems are [`Diagnostic`]s, data rather than errors; each has a stable [`Code`]
//! documented in `docs/rules.md`. [`RunError`] is kept for the cases where validation could
//! not run at all. Lines and columns are computed only for files that have diagnostics.
//!
//! Threads: on a large dataset (from 256 KiB of input, and from 10,000 records for the
//! cross-record rules) the work runs on one thread per core, and every thread has ended when
//! the call returns, except one: from 1,000 records on, the run's texts and records are freed
//! on a short-lived detached thread after the report is complete (its files are closed
//! before the call returns), so the caller does not wait for the freeing.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The bundled dataset: it ships in the package (tests/ does not), so this runs from crates.io too.
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
//! let report = drone_dossier::validate::validate_dir(&dir)?;
//! assert!(report.is_valid());
//! # Ok(()) }
//! ```

mod acknowledge;
mod cap;
mod content;
mod dates;
mod diagnostic;
#[cfg(test)]
mod equivalence;
mod locate;
mod maps;
mod near;
mod provenance;
mod records;
pub mod render;
mod rules;
mod scan;
mod schema;
mod stream;
mod strict;
mod suggest;
mod syntax;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use diagnostic::{Code, Diagnostic, Layer, Location, Severity};
pub use provenance::{NotChecked, Provenance};

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
    /// The directory of stored source texts (`--sources`): each source's `text_file` is read
    /// from it and the excerpts and quotes citing the source are checked against it. `None`
    /// checks no excerpt, and the report's [`Provenance`] says which sources went unchecked.
    pub sources: Option<PathBuf>,
    /// At most this many diagnostics are reported per file and per rule; the rest are
    /// counted in [`Report::omitted`]. A million errors in one file would otherwise take
    /// gigabytes to hold and print.
    pub max_diagnostics: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            // The process-wide limit every command shares (`--max-file-size`).
            max_file_size: crate::files::max_file_size(),
            max_depth: 64,
            today: today(),
            sources: None,
            max_diagnostics: cap::DEFAULT,
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
    /// What the excerpt and quote checks covered, and which sources they could not check.
    pub provenance: Provenance,
    /// Warnings the records acknowledge (`acknowledged_warnings`), each with its reason in
    /// [`Diagnostic::acknowledged`]: listed in the summary, not counted, so they do not fail
    /// `--deny warnings`.
    pub acknowledged: Vec<Diagnostic>,
    /// Diagnostics found but not reported because of [`Options::max_diagnostics`], by file
    /// and code, with how many of each.
    pub omitted: Vec<Omitted>,
}

pub use cap::Omitted;

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Number of acknowledged warnings, those left out by the cap included.
    pub fn acknowledged_count(&self) -> usize {
        self.acknowledged.len()
            + self
                .omitted
                .iter()
                .filter(|o| o.acknowledged)
                .map(|o| o.count)
                .sum::<usize>()
    }

    /// Counts reported and omitted diagnostics alike: a capped run is just as invalid.
    /// Acknowledged warnings, reported or omitted, are not counted.
    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
            + self
                .omitted
                .iter()
                .filter(|o| o.code.severity() == severity && !o.acknowledged)
                .map(|o| o.count)
                .sum::<usize>()
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
        let p = &mut self.provenance;
        p.compared += other.provenance.compared;
        p.checked_sources.extend(other.provenance.checked_sources);
        p.not_checked.extend(other.provenance.not_checked);
        self.acknowledged.extend(other.acknowledged);
        self.omitted.extend(other.omitted);
    }
}

/// Entry points for the cargo-fuzz targets in `fuzz/`: compiled only under `--cfg fuzzing`
/// (which `cargo fuzz` sets), so they are no part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// The syntax layer alone (the scanner that finds duplicate keys, trailing commas, deep
    /// nesting), on one file's bytes. Returns how many diagnostics it made.
    pub fn syntax(bytes: &[u8]) -> usize {
        let mut out = Vec::new();
        let _ = syntax::check(
            Path::new("events.json"),
            bytes.to_vec(),
            &Options::default(),
            &mut out,
        );
        out.len()
    }

    /// The records of an events file found by skipping over them, on one file's bytes: never
    /// a panic, and on a text that is JSON with no duplicate key, the spans a scan of every
    /// value finds. Returns how many records were found that way.
    pub fn record_spans(bytes: &[u8]) -> usize {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return 0;
        };
        let Some(skipped) = scan::element_spans(text, "events") else {
            return 0;
        };
        for &(start, end) in &skipped {
            assert!(start < end && end <= text.len() && text.is_char_boundary(start));
            assert!(text.is_char_boundary(end));
        }
        // JSON, with nothing the scan reports (a duplicate key): as a file read in one pass.
        if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
            && scan::scan(text, usize::MAX, &mut scan::NoSink).is_clean()
        {
            let scanned = records::scanned_spans(text, "events", skipped.len(), usize::MAX);
            assert_eq!(
                scanned.as_ref(),
                Some(&skipped),
                "skipping and scanning differ"
            );
        }
        skipped.len()
    }

    /// An events file's bytes, written to a file and read a chunk at a time (of 64 bytes when
    /// fuzzed): never a panic, and whatever that reading accepts, reading the bytes whole
    /// accepts too, into the same records, top level, diagnostics and record spans. Returns
    /// how many records were read a chunk at a time.
    pub fn chunked(bytes: &[u8]) -> usize {
        let dir = std::env::temp_dir().join(format!("dossier-fuzz-{}", std::process::id()));
        let path = dir.join("events.json");
        if std::fs::create_dir_all(&dir).is_err() || std::fs::write(&path, bytes).is_err() {
            return 0;
        }
        let Ok(Some(opened)) = crate::files::open_for_prefix(&path) else {
            return 0;
        };
        let options = Options::default();
        let limit = options.max_file_size + 1;
        let file = DataFile::Events;
        let Ok(stream::Streamed::Read(content, out, _)) =
            stream::read(&path, file, opened, limit, &options)
        else {
            return 0;
        };
        let text = std::str::from_utf8(bytes).expect("read a chunk at a time, but not UTF-8");
        let mut whole_out = Vec::new();
        let whole = records::read_whole(&path, file, text, options.today, &mut whole_out)
            .expect("read a chunk at a time, refused whole");
        let content::Spans::Known(spans) = &content.spans else {
            panic!("no record spans kept");
        };
        assert_eq!(Some(spans), scan::element_spans(text, file.name()).as_ref());
        assert_eq!(content.top, whole.top);
        assert_eq!(out, whole_out);
        let (Some(chunked), Some(whole)) = (content.records, whole.records) else {
            panic!("no records");
        };
        let chunked = chunked.into_values();
        assert_eq!(chunked, whole.into_values());
        chunked.len()
    }

    /// Validates with typed-first reading and with whole JSON trees; the two reports must be
    /// equal.
    pub fn both_readings(inputs: Vec<Input>, options: &Options) -> (Report, Report) {
        let typed = validate_reading(inputs.clone(), options, Reading::TypedFirst);
        (typed, validate_reading(inputs, options, Reading::Tree))
    }
}

/// A way to have a file's text again after it was let go of: a file with no problem after the
/// per-file layers is not held as text and as records at once (the text is needed again only
/// if a cross-record rule finds a problem in it, to locate it).
trait ReadAgain: Send + Sync + Sized + 'static {
    /// Why the text could not be had again.
    type Error: Send;
    /// The same text as the first time.
    fn read_again(self, path: &Path) -> Result<String, Self::Error>;
    /// The text's length in bytes.
    fn len(&self) -> u64;
    /// Reads the part of the text that holds `range` into `buf` (whole chunks of the file, the
    /// same bytes as the first time), and returns the offset of `buf`'s first byte.
    fn read_range(
        &self,
        path: &Path,
        range: std::ops::Range<usize>,
        buf: &mut Vec<u8>,
    ) -> Result<usize, Self::Error>;
    /// The error for a text that is not what it was the first time.
    fn changed(&self, path: &Path) -> Self::Error;
}

/// Inputs given as bytes ([`validate`]) keep their texts: there is nothing to read again.
impl ReadAgain for std::convert::Infallible {
    type Error = std::convert::Infallible;
    fn read_again(self, _: &Path) -> Result<String, Self::Error> {
        match self {}
    }
    fn len(&self) -> u64 {
        match *self {}
    }
    fn read_range(
        &self,
        _: &Path,
        _: std::ops::Range<usize>,
        _: &mut Vec<u8>,
    ) -> Result<usize, Self::Error> {
        match *self {}
    }
    fn changed(&self, _: &Path) -> Self::Error {
        match *self {}
    }
}

/// A dataset file read from disk ([`validate_files`]) is read again through the handle it was
/// first read from; if it changed in between, the run stops (its positions would be those of
/// another text).
impl ReadAgain for crate::files::Reread {
    type Error = RunError;
    fn read_again(self, path: &Path) -> Result<String, RunError> {
        let changed = || crate::files::refused(crate::files::Refusal::ChangedWhileRead);
        crate::files::Reread::read_again(self)
            // It was UTF-8 the first time.
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| changed()))
            .map_err(|e| run_error(path.to_path_buf(), e))
    }
    fn len(&self) -> u64 {
        crate::files::Reread::len(self)
    }
    fn read_range(
        &self,
        path: &Path,
        range: std::ops::Range<usize>,
        buf: &mut Vec<u8>,
    ) -> Result<usize, RunError> {
        crate::files::Reread::read_range(self, range, buf)
            .map_err(|e| run_error(path.to_path_buf(), e))
    }
    fn changed(&self, path: &Path) -> RunError {
        let e = crate::files::refused(crate::files::Refusal::ChangedWhileRead);
        run_error(path.to_path_buf(), e)
    }
}

/// One file after the per-file layers (syntax, dates, schema, reading into the model), which
/// run on every core.
struct FileResult<R> {
    file: DataFile,
    path: PathBuf,
    report: bool,
    /// Whether the summary counts it as checked: reported, present, and within the size limit
    /// (a file refused for its size, `file-too-large`, was not checked).
    counted: bool,
    /// The file's text, when it has one (empty while `again` is set).
    parsed: Option<syntax::Parsed>,
    /// Set when the text was let go of, to have it again.
    again: Option<R>,
    /// The file's JSON, when it is JSON.
    content: Option<content::Content>,
    out: Vec<Diagnostic>,
}

/// How the records of a collection file are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Each record straight into its model type, falling back to a JSON tree per record
    /// ([`records`]); the whole file as a tree when its syntax has problems.
    TypedFirst,
    /// The whole file as one JSON tree, always: the reference the typed-first path is tested
    /// against.
    #[cfg_attr(
        not(any(test, fuzzing)),
        expect(
            dead_code,
            reason = "only the equivalence test and the fuzzer read a whole tree"
        )
    )]
    Tree,
}

/// What a reading a chunk at a time ([`stream`]) left of a file it did not read.
enum Prior {
    /// Nothing: the file was not read that way, or not for a reason the one-pass reading
    /// shares (its layout).
    Nothing,
    /// The one-pass reading would refuse it too: it is not tried.
    Refused,
    /// Its records, some refused by the strict wrapper: the one-pass reading is not tried, and
    /// the records need not be read again to explain the file.
    Records(records::Strictly),
}

/// Runs the per-file layers on one file: they need nothing from the other files. With `again`,
/// the text of a file that has no problem so far is let go of. `prior`: what reading the file a
/// chunk at a time left of it.
fn check_file<R: ReadAgain>(
    input: Input,
    again: Option<R>,
    prior: Prior,
    options: &Options,
    reading: Reading,
) -> Result<FileResult<R>, R::Error> {
    let counted = input.report
        && input
            .bytes
            .as_ref()
            .is_some_and(|b| b.len() as u64 <= options.max_file_size);
    let mut out = Vec::new();
    let (parsed, content) = match input.bytes {
        None => {
            out.push(
                Diagnostic::new(
                    Code::MissingFile,
                    &input.path,
                    format!("{} is missing", input.file.file_name()),
                )
                .with_help("every dataset directory has one file per collection, even if its list is empty"),
            );
            (None, None)
        }
        Some(bytes) => match syntax::read(&input.path, bytes, options, &mut out) {
            Some(mut parsed) if parsed.json => {
                let content = read_content(
                    &input.path,
                    input.file,
                    &mut parsed,
                    (again.as_ref(), prior),
                    options,
                    reading,
                    &mut out,
                )?;
                (Some(parsed), content)
            }
            parsed => (parsed, None),
        },
    };
    let (mut parsed, mut again) = (parsed, again);
    match parsed.as_mut() {
        // Let go of (or already, its records read back from the file): had again to locate
        // a problem in it.
        Some(p) if again.is_some() && (out.is_empty() || p.let_go) => p.text = String::new(),
        _ => again = None,
    }
    Ok(FileResult {
        file: input.file,
        path: input.path,
        report: input.report,
        counted,
        parsed,
        again,
        content,
        out,
    })
}

/// Scans and parses a file's text: record by record when it can, as one tree otherwise.
///
/// With `reader` (a file that can be read again), a large collection file whose scan found
/// nothing to report is let go of after the scan ([`LET_GO_FROM`]), and its records are read
/// back from the file a window at a time: it is then never held as text and as records at
/// once.
fn read_content<R: ReadAgain>(
    path: &Path,
    file: DataFile,
    parsed: &mut syntax::Parsed,
    (reader, prior): (Option<&R>, Prior),
    options: &Options,
    reading: Reading,
    out: &mut Vec<Diagnostic>,
) -> Result<Option<content::Content>, R::Error> {
    let found = if file.record_kind().is_some() && reading == Reading::TypedFirst {
        // First in one pass with no scan, for a file whose text is held anyway: most files
        // have nothing to report. One that has is read record by record, only the records
        // with problems scanned; failing that, the way that explains it (below).
        // (Not again for a file it refused a chunk at a time: that would parse it once more
        // up to the same record.)
        let len = parsed.text.len();
        let held = reader.is_none()
            || len < LET_GO_FROM
            || (matches!(prior, Prior::Records(_)) && EXPLAINED_HELD(len));
        if held && options.max_depth >= records::MODEL_DEPTH {
            let (whole, prior) = match prior {
                Prior::Nothing => (
                    records::read_whole(path, file, &parsed.text, options.today, out),
                    None,
                ),
                Prior::Refused => (None, None),
                Prior::Records(strictly) => (None, Some(strictly)),
            };
            if let Some(content) =
                whole.or_else(|| records::read_refused(path, file, parsed, prior, options, out))
            {
                return Ok(Some(content));
            }
        }
        let mut sink = records::RecordSink::new(path, file, &parsed.text, options.today);
        let Some(found) = syntax::scan(path, parsed, options, &mut sink, out) else {
            return Ok(None);
        };
        let scanned = sink.finish();
        if found.is_clean() && scanned.has_records() {
            let back = reader.filter(|_| {
                out.is_empty() && crate::files::READS_AT && parsed.text.len() >= LET_GO_FROM
            });
            let bytes = match back {
                Some(r) => {
                    parsed.text = String::new();
                    parsed.let_go = true;
                    records::Bytes::File(path, r)
                }
                None => records::Bytes::<R>::Text(&parsed.text),
            };
            let limits = (options.today, options.max_diagnostics);
            let read = records::read(path, file, scanned, &bytes, limits, out)?;
            if let Some(content) = read {
                return Ok(Some(content));
            }
            // A record that is not JSON after all: the whole tree says where.
            if let Some(r) = back {
                parsed.text = whole_text(path, r)?;
                parsed.let_go = false;
            }
        }
        found
    } else {
        match syntax::scan(path, parsed, options, &mut scan::NoSink, out) {
            Some(found) => found,
            None => return Ok(None),
        }
    };
    let Some(mut value) = syntax::parse(path, parsed, &found, options, out) else {
        return Ok(None);
    };
    dates::check(path, file, &mut value, options.today, out);
    let typed = reading == Reading::TypedFirst
        && file == DataFile::Metadata
        && schema::metadata_is_plain(&value);
    let (mut dropped, mut erred) = Default::default();
    if !typed {
        (dropped, erred) = schema::check_bounded(path, file, &value, options.max_diagnostics, out);
    }
    let mut content = content::Content::from_value(path, file, value, erred, out);
    content.dropped = dropped;
    Ok(Some(content))
}

/// From this size on, a collection file's text is let go of after its scan, and its records
/// read back from the file (for a file of a quarter of a gigabyte, the text is no longer held
/// beside its records and those of the other files; below it, reading back costs more time
/// than the memory is worth). Under test, every file read from disk is, so that the tests
/// that validate directories go this way.
const LET_GO_FROM: usize = if cfg!(test) { 1 } else { 64 << 20 };

/// Whether a file of this length, read a chunk at a time with some records refused, is
/// explained from its text held (with the records that reading read) rather than as a file
/// over [`LET_GO_FROM`] is. Below that limit, always; under test, where the limit is a byte,
/// a file of odd length, so that the tests that validate directories take both ways.
const EXPLAINED_HELD: fn(usize) -> bool = if cfg!(test) {
    |len| len % 2 == 1
} else {
    |len| len < LET_GO_FROM
};

/// Files with problems to read again add this much memory before the records are let go of
/// first: below it, the time counts more (a hundred thousand records with 1% dangling
/// references: 94 MB read again, 45 ms to free the records first).
const FREE_BEFORE_READING: u64 = 256 << 20;

/// A file's whole text, read back.
fn whole_text<R: ReadAgain>(path: &Path, r: &R) -> Result<String, R::Error> {
    let mut bytes = Vec::new();
    let len = usize::try_from(r.len()).map_err(|_| r.changed(path))?;
    r.read_range(path, 0..len, &mut bytes)?;
    String::from_utf8(bytes).map_err(|_| r.changed(path))
}

/// Runs [`check_file`] on every input, on as many threads as there are cores (at most one per
/// file), largest files first so that the longest job starts at once.
///
/// Each input is had through `open` by the worker that checks it, so a file read from disk is
/// read while another is parsed. `size` is only a hint for the order. The first failure in
/// input order is returned, whichever worker met it, so the same dataset always gives the same
/// error; once one is met, no file after it is opened and no file is parsed any more.
fn check_files<P: Send, R: ReadAgain, E: Send + From<R::Error>>(
    inputs: Vec<P>,
    size: impl Fn(&P) -> u64,
    open: impl Fn(P) -> Result<Had<R>, E> + Sync,
    options: &Options,
    reading: Reading,
) -> Result<Vec<FileResult<R>>, E> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = inputs.len();
    // Small datasets: a thread costs about what it saves (the bundled 120 KB, equal times in
    // paired runs; a thousand records, 0.9 MB, 0.87 times the wall time on two). The cores
    // are only counted for a large one: counting them reads the cgroup's files.
    let small = inputs.iter().map(&size).sum::<u64>() < 256 << 10;
    let threads = if small {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(count)
    };
    if threads <= 1 {
        return inputs
            .into_iter()
            .map(|p| match open(p)? {
                Had::Input(input, again, prior) => {
                    Ok(check_file(input, again, prior, options, reading)?)
                }
                Had::Checked(checked) => Ok(checked),
            })
            .collect();
    }
    let mut order: Vec<(usize, P)> = inputs.into_iter().enumerate().collect();
    order.sort_by_key(|(_, p)| std::cmp::Reverse(size(p)));
    let queue = std::sync::Mutex::new(order);
    // The position of the first input that failed so far (`usize::MAX`: none). Inputs before
    // it are still opened, as one of them may fail too and must then be the one reported.
    let first_failed = AtomicUsize::new(usize::MAX);
    // Each input's position and its result (`None`: skipped after a failure).
    type Done<R, E> = (usize, Result<Option<FileResult<R>>, E>);
    let mut done: Vec<Done<R, E>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        // A poisoned lock means another worker panicked; its panic is
                        // re-raised by `join` below, so this one just stops.
                        let (at, pending) = match queue.lock() {
                            Ok(mut q) if !q.is_empty() => q.remove(0),
                            _ => break,
                        };
                        if at > first_failed.load(Ordering::Relaxed) {
                            continue;
                        }
                        let result = match open(pending) {
                            Err(e) => {
                                first_failed.fetch_min(at, Ordering::Relaxed);
                                Err(e)
                            }
                            // The run will fail: the file is not worth parsing.
                            Ok(_) if first_failed.load(Ordering::Relaxed) != usize::MAX => Ok(None),
                            Ok(Had::Checked(checked)) => Ok(Some(checked)),
                            Ok(Had::Input(input, again, prior)) => {
                                match check_file(input, again, prior, options, reading) {
                                    Ok(checked) => Ok(Some(checked)),
                                    Err(e) => {
                                        first_failed.fetch_min(at, Ordering::Relaxed);
                                        Err(E::from(e))
                                    }
                                }
                            }
                        };
                        mine.push((at, result));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    let mut results = Vec::with_capacity(count);
    for (_, result) in done {
        // `None` (skipped) only after a failure, which the loop has returned by then.
        if let Some(r) = result? {
            results.push(r);
        }
    }
    debug_assert_eq!(results.len(), count);
    Ok(results)
}

/// A file as [`check_files`] has it from its opener: to be checked (with the file to read it
/// again, and what a reading a chunk at a time left of it), or checked already (a
/// collection file read a chunk at a time, [`stream`]).
enum Had<R> {
    Input(Input, Option<R>, Prior),
    Checked(FileResult<R>),
}

/// Validates a set of files of one dataset.
pub fn validate(inputs: Vec<Input>, options: &Options) -> Report {
    validate_reading(inputs, options, Reading::TypedFirst)
}

/// [`validate`], reading collection files as `reading` says (the tests compare the two).
fn validate_reading(inputs: Vec<Input>, options: &Options, reading: Reading) -> Report {
    let size = |i: &Input| i.bytes.as_ref().map_or(0, |b| b.len() as u64);
    let keep = |input| {
        Ok::<_, std::convert::Infallible>(Had::Input(
            input,
            None::<std::convert::Infallible>,
            Prior::Nothing,
        ))
    };
    match check_files(inputs, size, keep, options, reading).and_then(|p| finish(p, options)) {
        Ok(report) => report,
        Err(never) => match never {},
    }
}

/// Runs the layers across files on the per-file results, and builds the report.
fn finish<R: ReadAgain>(
    mut parsed: Vec<FileResult<R>>,
    options: &Options,
) -> Result<Report, R::Error> {
    let mut report = Report {
        files_checked: parsed.iter().filter(|r| r.counted).count(),
        ..Report::default()
    };
    let mut out: Vec<Diagnostic> = parsed
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.out))
        .collect();
    let files: Vec<rules::FileContent<'_>> = parsed
        .iter()
        .filter_map(|r| {
            let content = r.content.as_ref()?;
            Some(rules::FileContent {
                file: r.file,
                path: &r.path,
                top: &content.top,
                records: content.records.as_ref(),
            })
        })
        .collect();
    // The rules and the provenance check read the same records and nothing of each other's:
    // on a large dataset they run side by side. Their findings are joined in the same order
    // either way.
    let ((rules_out, acknowledging), (provenance, provenance_out)) = both(
        rules::record_count(&files) >= PARALLEL_RECORDS,
        || {
            let mut out = Vec::new();
            let acknowledging = rules::check(&files, options.max_diagnostics, &mut out);
            (out, acknowledging)
        },
        || {
            let mut out = Vec::new();
            let p = provenance::check(&files, options.sources.as_deref(), &mut out);
            (p, out)
        },
    );
    out.extend(rules_out);
    out.extend(provenance_out);
    report.provenance = provenance;
    acknowledge::apply(&files, &acknowledging, &mut out);

    let reported: BTreeSet<&Path> = parsed
        .iter()
        .filter(|r| r.report)
        .map(|r| r.path.as_path())
        .collect();
    out.retain(|d| reported.contains(d.file.as_path()) || d.code == Code::MissingFile);
    let order = |parsed: &[FileResult<R>], d: &Diagnostic| {
        parsed
            .iter()
            .position(|r| r.path == d.file)
            .unwrap_or(usize::MAX)
    };
    // Group by file (stable, so each file's diagnostics keep the order they were found in),
    // then cap each file's share before anything is located or rendered.
    let capped = options.max_diagnostics != 0 && out.len() > options.max_diagnostics;
    if capped {
        // Which ones the cap keeps must not depend on the order they were found in (typed-first
        // reading finds a file's problems in another order than a whole tree does): by file,
        // record, pointer, code and message.
        out = in_cap_order(out, |d| order(&parsed, d));
    } else {
        out.sort_by_cached_key(|d| order(&parsed, d));
    }
    let (mut out, mut omitted) = cap::apply(out, options.max_diagnostics);
    for r in parsed.iter().filter(|r| r.report) {
        if let Some(content) = &r.content {
            cap::add_dropped(&mut omitted, &r.path, &content.dropped);
        }
    }
    report.omitted = omitted;
    let records: usize = parsed
        .iter()
        .filter_map(|r| Some(r.content.as_ref()?.records.as_ref()?.len()))
        .sum();
    // Files with problems are read again below to locate them. Nothing needs the records any
    // more: when the texts to read again are larger than the largest file (whose text was
    // held beside nearly all the records while it was parsed), the records are let go of
    // first, so that the texts do not raise the peak, if they are large enough for memory
    // to count ([`FREE_BEFORE_READING`]). Otherwise freeing them here would only cost time
    // (45 ms for a hundred thousand records), and they are freed on another thread at the
    // end.
    let length = |r: &FileResult<R>| match (&r.again, &r.parsed) {
        (Some(again), _) => again.len(),
        (None, Some(p)) => p.text.len() as u64,
        (None, None) => 0,
    };
    let again = |r: &FileResult<R>| r.again.is_some() && out.iter().any(|d| d.file == r.path);
    let to_read: u64 = parsed.iter().filter(|r| again(r)).map(length).sum();
    let largest = parsed.iter().map(length).max().unwrap_or(0);
    if to_read > largest && to_read >= FREE_BEFORE_READING {
        let held: Vec<content::Records> = parsed
            .iter_mut()
            .filter_map(|r| r.content.as_mut()?.records.take())
            .collect();
        // Here, not on two threads: freed by threads that then end, mimalloc kept the memory
        // (a million records with 1% dangling references peaked at 1.98 GiB, not 1.56).
        drop(held);
    }
    // Locate: one locator per file with diagnostics, built only now. The diagnostics are
    // grouped by file in the order of `parsed`, so each group finds its file walking on.
    let mut jobs: Vec<(&mut [Diagnostic], &mut FileResult<R>)> = Vec::new();
    let mut files = parsed.iter_mut();
    let mut rest = &mut out[..];
    while !rest.is_empty() {
        let n = rest.iter().take_while(|d| d.file == rest[0].file).count();
        let (group, tail) = rest.split_at_mut(n);
        rest = tail;
        if let Some(r) = files.by_ref().find(|r| r.path == group[0].file) {
            jobs.push((group, r));
        }
    }
    // Files read again and located side by side on a large dataset.
    let large = jobs.len() > 1 && records >= PARALLEL_RECORDS;
    let located = in_order(jobs, large, |(group, r)| locate_file(group, r, options));
    for text in located {
        if let Some((file, text)) = text? {
            report.texts.insert(file, text);
        }
    }
    out.sort_by_cached_key(|d| (order(&parsed, d), d.location, d.code));
    let (acknowledged, counted) = out.into_iter().partition(|d| d.acknowledged.is_some());
    report.diagnostics = counted;
    report.acknowledged = acknowledged;
    free_later(parsed, records);
    Ok(report)
}

/// Locates one file's diagnostics, reading the file again if its text was let go of, and
/// returns the text (moved, not copied: a large file is tens of MB) for the report's snippets.
fn locate_file<R: ReadAgain>(
    group: &mut [Diagnostic],
    r: &mut FileResult<R>,
    options: &Options,
) -> Result<Option<(PathBuf, String)>, R::Error> {
    let Some(p) = r.parsed.as_mut() else {
        return Ok(None);
    };
    if let Some(again) = r.again.take() {
        p.text = again.read_again(&r.path)?;
    }
    let mut locator = locate::Locator::new(&p.text, options.max_depth).with_bom(p.bom);
    let found;
    let spans = match r.content.as_ref().map(|c| (&c.spans, c.records.as_ref())) {
        Some((content::Spans::Known(spans), _)) => Some(&spans[..]),
        Some((content::Spans::Later, records)) => {
            let count = records.map_or(0, content::Records::len);
            found = records::spans(&p.text, r.file.name(), count, options.max_depth);
            found.as_deref()
        }
        Some((content::Spans::Unknown, _)) | None => None,
    };
    if let Some(spans) = spans {
        locator = locator.with_records(r.file.name(), spans);
    }
    locator.locate_all(group);
    let text = if p.bom {
        p.shown_text().to_owned()
    } else {
        std::mem::take(&mut p.text)
    };
    Ok(Some((r.path.clone(), text)))
}

/// `f` of each item, in order; on two threads when `parallel` (and a second can be had).
pub(crate) fn in_order<T: Send, U: Send>(
    items: Vec<T>,
    parallel: bool,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    if !parallel {
        return items.into_iter().map(f).collect();
    }
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let work = || {
        let mut mine = Vec::new();
        // The guard is dropped before `f` runs, so a panic in `f` cannot poison the lock; the
        // other thread's panic is re-raised by `join`.
        while let Some((i, item)) = queue.lock().ok().and_then(|mut q| q.next()) {
            mine.push((i, f(item)));
        }
        mine
    };
    let (mut done, theirs) = both(true, work, work);
    done.extend(theirs);
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, u)| u).collect()
}

/// Diagnostics sorted by file (`file_order`), then record (a file's top level first), pointer,
/// code and message: an order that depends only on what was found.
fn in_cap_order(
    diagnostics: Vec<Diagnostic>,
    file_order: impl Fn(&Diagnostic) -> usize,
) -> Vec<Diagnostic> {
    let keys: Vec<(usize, Option<usize>)> = diagnostics
        .iter()
        .map(|d| (file_order(d), cap::record_index(d)))
        .collect();
    let mut at: Vec<usize> = (0..diagnostics.len()).collect();
    at.sort_by(|&a, &b| {
        let (da, db) = (&diagnostics[a], &diagnostics[b]);
        keys[a]
            .cmp(&keys[b])
            .then_with(|| da.pointer.cmp(&db.pointer))
            .then_with(|| da.code.cmp(&db.code))
            .then_with(|| da.message.cmp(&db.message))
    });
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
    at.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// From this many records on, the rules and the provenance check (and the reference check and
/// the other rules) run on two threads.
pub(crate) const PARALLEL_RECORDS: usize = 10_000;

/// Runs `a` and `b`, on two threads when `parallel` (and a second thread can be had).
pub(crate) fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// Frees a run's texts and records (`records` of them) on another thread, unless the run is
/// small. The report is complete, so the caller need not wait for the freeing, and a process
/// that exits next, such as `dossier validate`, never does it at all. Counted by records too:
/// a valid file's text is gone by now, its records are not. From a thousand records on (about
/// half a millisecond of freeing, against a twentieth of a millisecond to start a thread); the
/// bundled dataset is freed in place. The files kept open to be read again are closed here,
/// before the caller has the report: a caller may remove the directory next (on Windows, an
/// open file would stop it).
fn free_later<R: Send + 'static>(mut parsed: Vec<FileResult<R>>, records: usize) {
    for r in &mut parsed {
        r.again = None;
    }
    const LARGE: usize = 16 << 20;
    const MANY: usize = 1_000;
    let size: usize = parsed
        .iter()
        .filter_map(|r| r.parsed.as_ref())
        .map(|p| p.text.len())
        .sum();
    if size >= LARGE || records >= MANY {
        // If no thread can be started, the closure (and `parsed` with it) is dropped here.
        let _ = std::thread::Builder::new()
            .name("dossier-free".to_owned())
            .spawn(move || drop(parsed));
    }
}

/// Validates a dataset directory such as `dataset/`, with the default [`Options`].
pub fn validate_dir(dir: &Path) -> Result<Report, RunError> {
    validate_dir_with(dir, &Options::default())
}

/// Validates a dataset directory with the given limits and reference date.
pub fn validate_dir_with(dir: &Path, options: &Options) -> Result<Report, RunError> {
    check_sources_dir(options)?;
    if !dir.exists() {
        return Err(RunError::NotFound(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(RunError::NotADirectory(dir.to_path_buf()));
    }
    validate_files(dir, &BTreeSet::new(), options)
}

/// Validates directories and named files. A named file is checked together with the other
/// files of its directory (so its references resolve), but only its own problems are reported.
pub fn validate_paths(paths: &[PathBuf], options: &Options) -> Result<Report, RunError> {
    check_sources_dir(options)?;
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
        report.merge(validate_files(&dir, &only, options)?);
    }
    Ok(report)
}

/// A directory of stored texts that is not there is a mistake on the command line, not a
/// reason to skip every excerpt.
fn check_sources_dir(options: &Options) -> Result<(), RunError> {
    match &options.sources {
        Some(dir) if !dir.exists() => Err(RunError::NotFound(dir.clone())),
        Some(dir) if !dir.is_dir() => Err(RunError::NotADirectory(dir.clone())),
        _ => Ok(()),
    }
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

/// Validates the dataset files of `dir`; reports only those in `only` (all when empty). Each
/// file is opened first, in file order, so that one that cannot be (a FIFO, a directory, no
/// permission) stops the run at once, naming the first such file; each is then read by the
/// worker that checks it.
fn validate_files(
    dir: &Path,
    only: &BTreeSet<DataFile>,
    options: &Options,
) -> Result<Report, RunError> {
    // At most one byte past the limit is read: enough for `file-too-large`.
    let limit = options.max_file_size.saturating_add(1);
    let mut pending: Vec<Pending> = Vec::new();
    for file in DataFile::ALL {
        let path = dir.join(file.file_name());
        // Through the file layer: a FIFO, a device or a symlink to one is refused without
        // hanging.
        let opened = match crate::files::open_for_prefix(&path) {
            Ok(opened) => opened,
            // Before any file is read: a run that cannot complete reads nothing (a file that
            // opens but then fails to read is the only error met later).
            Err(e) => return Err(run_error(path, e)),
        };
        pending.push((file, path, opened));
    }
    // The length when opened orders the work, largest first; it is never trusted for a read.
    let size = |(_, _, opened): &Pending| opened.as_ref().map_or(0, |o| o.len_hint());
    let report = |file| only.is_empty() || only.contains(&file);
    let open = |(file, path, opened): Pending| {
        let mut prior = Prior::Nothing;
        let opened = match opened {
            Some(o) if streams(file, &o, options) => {
                match stream::read(&path, file, o, limit, options) {
                    Ok(stream::Streamed::Read(content, out, again)) => {
                        return Ok(Had::Checked(FileResult {
                            file,
                            report: report(file),
                            counted: report(file),
                            parsed: Some(syntax::Parsed::let_go()),
                            again: Some(again),
                            content: Some(content),
                            out,
                            path,
                        }));
                    }
                    Ok(stream::Streamed::Whole(o, why)) => {
                        if why == stream::Declined::Refused {
                            prior = Prior::Refused;
                        }
                        Some(o)
                    }
                    Ok(stream::Streamed::Refusing(o, strictly)) => {
                        prior = Prior::Records(strictly);
                        Some(o)
                    }
                    Err(e) => return Err(run_error(path, e)),
                }
            }
            opened => opened,
        };
        let bytes = match opened {
            None => None,
            Some(o) => match o.read_keeping(limit) {
                Ok((bytes, again)) => Some((bytes, again)),
                Err(e) => return Err(run_error(path, e)),
            },
        };
        let (bytes, again) = bytes.unzip();
        let input = Input {
            file,
            report: report(file),
            path,
            bytes,
        };
        Ok(Had::Input(input, again, prior))
    };
    let parsed = check_files(pending, size, open, options, Reading::TypedFirst)?;
    finish(parsed, options)
}

/// Whether `file` is read a chunk at a time ([`stream`]) rather than whole: a collection file
/// of [`STREAM_FROM`] bytes or more, when the depth limit lets the model's nesting through
/// (as for [`records::read_whole`]). Not a file that says it is over the size limit: read
/// whole, it is refused before it is read; a chunk at a time, it was read up to the limit
/// first (a 97 MB file: 2.7 s, not 0.1).
fn streams(file: DataFile, opened: &crate::files::Opened, options: &Options) -> bool {
    file.record_kind().is_some()
        && (STREAM_FROM..=options.max_file_size).contains(&opened.len_hint())
        && options.max_depth >= records::MODEL_DEPTH
}

/// From this size on, a collection file is read a chunk at a time: its text is never held
/// whole beside the records (at a hundred thousand records, files of 25 to 30 MB, the peak
/// was a tenth higher with it). Below it there is little to save. Under test, every file
/// but an empty one: the tests that validate directories then read each collection file this
/// way, a 4 KiB chunk at a time.
const STREAM_FROM: u64 = if cfg!(test) { 1 } else { 2 << 20 };

/// A dataset file opened but not read yet (`None`: it does not exist).
type Pending = (DataFile, PathBuf, Option<crate::files::Opened>);

/// Why a dataset file could not be had.
fn run_error(path: PathBuf, e: std::io::Error) -> RunError {
    if crate::files::refusal(&e) == Some(&crate::files::Refusal::NotRegular) {
        RunError::NotARegularFile(path)
    } else {
        RunError::Unreadable { path, source: e }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled dataset with its first event copied until there are `n` more events.
    fn with_events(dir: &Path, n: usize) {
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
        std::fs::create_dir_all(dir).unwrap();
        for f in DataFile::ALL {
            std::fs::copy(bundled.join(f.file_name()), dir.join(f.file_name())).unwrap();
        }
        let text = std::fs::read_to_string(bundled.join("events.json")).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let events = value["events"].as_array_mut().unwrap();
        let template = events[0].clone();
        for i in 0..n {
            let mut e = template.clone();
            e["id"] = format!("copied-event-{i:05}").into();
            events.push(e);
        }
        std::fs::write(dir.join("events.json"), value.to_string()).unwrap();
    }

    /// The files under `dir` this process has open.
    #[cfg(target_os = "linux")]
    fn open_under(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|p| p.starts_with(dir))
            .collect()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_file_of_a_large_run_is_open_once_its_report_is_returned() {
        // Under test every file's text is let go of and kept open to be read again, and a
        // run of a thousand records is freed on another thread: the files must be closed
        // before the report is returned, not whenever that thread runs.
        let dir = std::env::temp_dir().join(format!("dossier-open-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        with_events(&dir, 1_000);
        let dir = dir.canonicalize().unwrap();
        let report = validate_dir(&dir).unwrap();
        assert!(report.files_checked >= 7, "{report:?}");
        assert_eq!(open_under(&dir), Vec::<PathBuf>::new());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
