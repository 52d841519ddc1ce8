//! Typed-first reading of a collection file: each record parsed straight into its model type,
//! with no JSON tree for the file.
//!
//! The schema is generated from the model types, so a record the model accepts is one the
//! schema accepts, except where serde is laxer than the schema: it takes `null` for an
//! optional field, `""` and `[]` where the schema has `minLength` or `minItems` 1, and an
//! array where the model has a struct (one element per field); and a source's `url` is a
//! plain string in the model. The syntax scanner, which visits every value anyway, marks a
//! record holding any of the first four as *suspect*, and a source's url is checked against
//! the schema's own definition of it. A suspect record, and one the
//! model refuses, takes the tree path on its own: it is parsed to a `Value` and checked by the
//! date and schema layers exactly as a whole file would be, so its diagnostics are the same.
//!
//! Date strings are checked by the scanner too (the members the schema types as dates): a
//! date the model would refuse makes the record suspect, and a future date, which the model
//! accepts, is reported from the scan.
//!
//! Anything this reader does not expect (the record list missing, a record serde cannot
//! parse as JSON) returns `None`, and the caller reads the whole file as a tree, which
//! reports it.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::content::{self, Content, Item};
use super::scan::{self, Seg, Sink};
use super::{Code, Diagnostic, Severity, dates, locate, schema};
use crate::model::DataFile;

/// Where one record is in the text, and whether it must take the tree path.
#[derive(Debug, Default, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    suspect: bool,
}

/// Collects, while the syntax layer scans a collection file, what typed-first reading needs:
/// the record list, each record's span, and the date problems of each record.
pub(crate) struct RecordSink<'t> {
    name: &'static str,
    text: &'t str,
    path: &'t Path,
    date_keys: &'static [String],
    object_keys: &'static [String],
    today: NaiveDate,
    array: Option<(usize, usize)>,
    records: Vec<Span>,
    /// Future dates, by record, with their pointers.
    future: Vec<(usize, Diagnostic)>,
}

impl<'t> RecordSink<'t> {
    pub(crate) fn new(path: &'t Path, file: DataFile, text: &'t str, today: NaiveDate) -> Self {
        RecordSink {
            name: file.name(),
            text,
            path,
            date_keys: schema::date_keys(file),
            object_keys: schema::object_keys(file),
            today,
            array: None,
            records: Vec::new(),
            future: Vec::new(),
        }
    }

    fn record(&mut self, i: usize) -> &mut Span {
        if self.records.len() <= i {
            self.records.resize(i + 1, Span::default());
        }
        &mut self.records[i]
    }
}

impl<'t> Sink<'t> for RecordSink<'t> {
    fn value(&mut self, path: &[Seg<'t>], start: usize, end: usize) {
        let [Seg::Key(key), rest @ ..] = path else {
            return;
        };
        if *key != self.name {
            return;
        }
        let text = &self.text[start..end];
        let [Seg::Index(i), inner @ ..] = rest else {
            if rest.is_empty() && text.starts_with('[') {
                self.array = Some((start, end));
            }
            return;
        };
        let i = *i;
        let suspect = match text.as_bytes()[0] {
            b'n' => text == "null",
            b'"' => text.len() == 2 || self.date(i, inner, &text[1..text.len() - 1]),
            // An empty array; or an array where the model has a struct, which serde fills from
            // an array (one element per field) but the schema refuses: as a record, as an
            // element of an array (no list in the model holds lists), or as the value of a
            // member the schema types as an object.
            b'[' => {
                text[1..text.len() - 1]
                    .bytes()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    || match path.last() {
                        Some(Seg::Index(_)) => true,
                        Some(Seg::Key(k)) => self.object_keys.iter().any(|o| o == k),
                        None => false,
                    }
            }
            _ => false,
        };
        let span = self.record(i);
        span.suspect |= suspect;
        if inner.is_empty() {
            span.start = start;
            span.end = end;
        }
    }

    /// A key written with escapes inside a record: only the tree decodes it, so the record
    /// takes the tree path.
    fn escaped_key(&mut self, path: &[Seg<'t>]) {
        if let [Seg::Key(key), Seg::Index(i), _, ..] = path
            && *key == self.name
        {
            self.record(*i).suspect = true;
        }
    }
}

impl RecordSink<'_> {
    /// Checks a string member of record `i` that the schema types as a date; returns whether
    /// the record must take the tree path (a date the model refuses, or one written with
    /// escapes, which only the tree decodes).
    fn date(&mut self, i: usize, inner: &[Seg<'_>], raw: &str) -> bool {
        let Some(Seg::Key(key)) = inner.last() else {
            return false;
        };
        if !self.date_keys.iter().any(|k| k == key) {
            return false;
        }
        if scan::has_escape(raw)
            || inner
                .iter()
                .any(|s| matches!(s, Seg::Key(k) if scan::has_escape(k)))
        {
            return true;
        }
        match dates::check_one(self.path, raw, self.today) {
            None => false,
            Some(d) if d.code == Code::FutureDate => {
                let mut pointer = format!("/{}/{i}", self.name);
                for seg in inner {
                    pointer.push('/');
                    match seg {
                        Seg::Key(k) => pointer.push_str(&locate::escape(k)),
                        Seg::Index(n) => pointer.push_str(&n.to_string()),
                    }
                }
                self.future.push((i, d.at(pointer)));
                false
            }
            Some(_) => true,
        }
    }
}

/// What the scan of a collection file found for typed-first reading, without the text.
pub(crate) struct Scanned {
    /// The top level with an empty record list (`None`: no record list, or not JSON).
    top: Option<Value>,
    /// The text's length.
    len: usize,
    records: Vec<Span>,
    future: Vec<(usize, Diagnostic)>,
}

impl RecordSink<'_> {
    /// What the scan found. The top level with its record list emptied is taken from the text
    /// here, so that the records can then be read without it ([`Bytes::File`]).
    pub(crate) fn finish(self) -> Scanned {
        let text = self.text;
        let top = self.array.and_then(|(start, end)| {
            let skeleton = format!("{}[]{}", text.get(..start)?, text.get(end..)?);
            serde_json::from_str(&skeleton).ok()
        });
        Scanned {
            top,
            len: text.len(),
            records: self.records,
            future: self.future,
        }
    }
}

impl Scanned {
    /// Whether the file has a record list in a top level that is JSON: if not, [`read`]
    /// returns `None` before it reads any record.
    pub(crate) fn has_records(&self) -> bool {
        self.top.is_some()
    }
}

/// Where the records' text is read from.
pub(crate) enum Bytes<'a, R> {
    /// The file's text, held.
    Text(&'a str),
    /// The file, read back a window at a time: its text was let go of after the scan, so a
    /// large file is not held as text and as records at once.
    File(&'a Path, &'a R),
}

/// Reads a collection file whose scan found no syntax problem, record by record. Returns
/// `None` (having reported nothing) when the file must be read as a whole tree instead; an
/// error when the file, read back, is not what was scanned.
pub(crate) fn read<R: super::ReadAgain>(
    path: &Path,
    file: DataFile,
    scanned: Scanned,
    bytes: &Bytes<'_, R>,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) -> Result<Option<Content>, R::Error> {
    let Some(mut top) = scanned.top else {
        return Ok(None);
    };
    // The top level with an empty record list: checked against the whole file's schema, it
    // can only have top-level problems.
    let mut found = Vec::new();
    dates::check(path, file, &mut top, today, &mut found);
    schema::check(path, file, &top, &mut found);

    let spans = &scanned.records;
    let future = scanned.future;
    let n = spans.len();
    // A large file's records are read in two halves side by side: the file's scan is one
    // pass, but its records are independent, and the other core may have no file left.
    let part = if n >= 2 && scanned.len >= SPLIT_BYTES {
        let mid = n / 2;
        let (early, late): (Vec<_>, Vec<_>) = future.into_iter().partition(|(r, _)| *r < mid);
        let (a, b) = super::both(
            true,
            || read_part(path, file, bytes, spans, 0..mid, n, early, today),
            || read_part(path, file, bytes, spans, mid..n, n - mid, late, today),
        );
        match (a?, b?) {
            (Some(mut a), Some(b)) => {
                a.append(b);
                a
            }
            _ => return Ok(None),
        }
    } else {
        match read_part(path, file, bytes, spans, 0..n, n, future, today)? {
            Some(part) => part,
            None => return Ok(None),
        }
    };
    out.extend(found);
    out.extend(part.dates);
    out.extend(part.schema);
    out.extend(part.refused);
    let records = part.records;
    Ok(Some(Content {
        top,
        records: Some(records),
        spans: Some(spans.iter().map(|s| (s.start, s.end)).collect()),
    }))
}

/// From this size on, a file's records are read on two threads (a thread costs tens of
/// microseconds; 4 MiB of records take tens of milliseconds to read). Under test, 16 KiB:
/// the bundled dataset's larger files are then read in halves by the equivalence tests.
#[cfg(not(test))]
pub(super) const SPLIT_BYTES: usize = 4 << 20;
#[cfg(test)]
pub(super) const SPLIT_BYTES: usize = 16 << 10;

/// Some of a file's records, read, with their diagnostics by kind (in record order).
struct Part {
    records: content::Records,
    dates: Vec<Diagnostic>,
    schema: Vec<Diagnostic>,
    refused: Vec<Diagnostic>,
}

impl Part {
    /// Adds the records that follow these, and their diagnostics after these' (this part has
    /// room for them: they are moved in without a copy of the whole list).
    fn append(&mut self, next: Part) {
        self.records.append(next.records);
        self.dates.extend(next.dates);
        self.schema.extend(next.schema);
        self.refused.extend(next.refused);
    }
}

/// Reads the records in `range` (`future` holds their future dates, by record, in order)
/// into a list with room for `capacity`. `None` when one of them is not JSON after all.
#[expect(
    clippy::too_many_arguments,
    reason = "one half of `read`'s loop, with its state"
)]
fn read_part<R: super::ReadAgain>(
    path: &Path,
    file: DataFile,
    bytes: &Bytes<'_, R>,
    spans: &[Span],
    range: std::ops::Range<usize>,
    capacity: usize,
    future: Vec<(usize, Diagnostic)>,
    today: NaiveDate,
) -> Result<Option<Part>, R::Error> {
    let mut future = future.into_iter().peekable();
    let Some(records) = content::Records::new(file, capacity) else {
        return Ok(None);
    };
    let mut part = Part {
        records,
        dates: Vec::new(),
        schema: Vec::new(),
        refused: Vec::new(),
    };
    // The window of the file read back (`Bytes::File`), and the offset of its first byte.
    let (mut window, mut at) = (Vec::new(), 0);
    for (i, span) in spans.iter().enumerate().take(range.end).skip(range.start) {
        let raw = match bytes {
            Bytes::Text(text) => text.get(span.start..span.end),
            Bytes::File(path, again) => {
                if span.start < at || span.end > at + window.len() {
                    // At least a chunk from this record on: one read for many records.
                    let end = span.end.max(span.start.saturating_add(crate::files::CHUNK));
                    let end = end.min(usize::try_from(again.len()).unwrap_or(usize::MAX));
                    at = again.read_range(path, span.start..end.max(span.end), &mut window)?;
                }
                match window
                    .get(span.start - at..span.end - at)
                    .map(std::str::from_utf8)
                {
                    Some(Ok(raw)) => Some(raw),
                    // The bytes are those first read (each chunk's fingerprint is checked),
                    // which were UTF-8, and a record starts and ends at a bracket.
                    _ => return Err(again.changed(path)),
                }
            }
        };
        let Some(raw) = raw else {
            return Ok(None);
        };

        let mut own_future = Vec::new();
        while let Some((_, d)) = future.next_if(|(r, _)| *r == i) {
            own_future.push(d);
        }
        if !span.suspect
            && let Some(item) = content::typed_from_str(file, raw).filter(fits_schema)
        {
            part.dates.extend(own_future);
            part.records.push(item);
            continue;
        }
        let Some(one) = tree_record(path, file, i, raw, today) else {
            return Ok(None);
        };
        part.dates.extend(one.dates);
        part.schema.extend(one.schema);
        part.refused.extend(one.refused);
        part.records.push(one.item);
    }
    Ok(Some(part))
}

/// One record read through the tree path.
struct TreeRecord {
    dates: Vec<Diagnostic>,
    schema: Vec<Diagnostic>,
    /// The model's reason for refusing a record no other error explains.
    refused: Option<Diagnostic>,
    item: Item,
}

/// Reads record `i` (its text is `raw`) as a JSON tree and checks it as the only record of a
/// file of its kind, so that the file's own schema checks it; its diagnostics' pointers are
/// then moved to its place in the file. `None` when the text is not JSON.
fn tree_record(
    path: &Path,
    file: DataFile,
    i: usize,
    raw: &str,
    today: NaiveDate,
) -> Option<TreeRecord> {
    let name = file.name();
    let value: Value = serde_json::from_str(raw).ok()?;
    let mut one = Value::Object(Map::from_iter([(
        name.to_owned(),
        Value::Array(vec![value]),
    )]));
    let mut found = Vec::new();
    dates::check(path, file, &mut one, today, &mut found);
    let dates_end = found.len();
    schema::check(path, file, &one, &mut found);
    let has_error = found
        .iter()
        .any(|d| d.severity == Severity::Error && within(d, name));
    let (mut dates, mut schema) = (Vec::new(), Vec::new());
    for (n, d) in moved(found, name, i).into_iter().enumerate() {
        match d {
            Some(d) if n < dates_end => dates.push(d),
            Some(d) => schema.push(d),
            None => {}
        }
    }
    // The record, with the dates the date layer removed (so the model can read the rest).
    let value = match one {
        Value::Object(mut map) => match map.remove(name) {
            Some(Value::Array(mut items)) => items.pop().unwrap_or(Value::Null),
            _ => Value::Null,
        },
        _ => Value::Null,
    };
    let (item, refused) = match content::typed(file, &value) {
        Ok(item) => (item, None),
        Err(e) => (
            Item::Raw(value),
            (!has_error).then(|| content::refusal(path, name, i, &e)),
        ),
    };
    Some(TreeRecord {
        dates,
        schema,
        refused,
        item,
    })
}

/// A typed record's one member the model does not check itself: a source's `url` (one the
/// quick check does not vouch for takes the tree path, where the schema decides).
fn fits_schema(item: &Item) -> bool {
    match item {
        Item::Source(s) => s.url.as_deref().is_none_or(schema::url_is_plain),
        _ => true,
    }
}

/// Whether a diagnostic of a one-record file is about its record (`/NAME/0` or below), not
/// its top level.
fn within(d: &Diagnostic, name: &str) -> bool {
    d.pointer.as_deref().is_some_and(|p| {
        p.strip_prefix('/')
            .and_then(|p| p.strip_prefix(name))
            .and_then(|p| p.strip_prefix("/0"))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The diagnostics of a one-record file with their pointers moved from `/NAME/0` to
/// `/NAME/i`, or `None` for those about its top level: the real top level is checked once,
/// on its own.
fn moved(found: Vec<Diagnostic>, name: &str, i: usize) -> Vec<Option<Diagnostic>> {
    let prefix = format!("/{name}/0").len();
    found
        .into_iter()
        .map(|mut d| {
            if !within(&d, name) {
                return None;
            }
            let p = d.pointer.take().unwrap_or_default();
            d.pointer = Some(format!("/{name}/{i}{}", &p[prefix..]));
            Some(d)
        })
        .collect()
}
