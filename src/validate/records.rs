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
//!
//! Before any of this, [`read_whole`] tries the file in one pass with no scan, through the
//! [strict](super::strict) wrapper, which fails wherever the scan would find a problem or a
//! suspect record: a file with nothing to report is then read once. A file it refuses is
//! read record by record through the same wrapper ([`read_refused`]), and only the records
//! refused, with the top level, are scanned and read as above; a file where even that finds a
//! problem the scan reports is read as above whole.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::cap::Budget;
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
    (today, max): (NaiveDate, usize),
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
            || read_part(path, file, bytes, spans, 0..mid, n, early, (today, max)),
            || {
                read_part(
                    path,
                    file,
                    bytes,
                    spans,
                    mid..n,
                    n - mid,
                    late,
                    (today, max),
                )
            },
        );
        match (a?, b?) {
            (Some(mut a), Some(b)) => {
                a.append(b);
                a
            }
            _ => return Ok(None),
        }
    } else {
        match read_part(path, file, bytes, spans, 0..n, n, future, (today, max))? {
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
        spans: content::Spans::Known(spans.iter().map(|s| (s.start, s.end)).collect()),
        dropped: part.dropped,
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
    /// The errors dropped past the cap, by code ([`Budget`]).
    dropped: Vec<(Code, usize)>,
}

impl Part {
    /// Adds the records that follow these, and their diagnostics after these' (this part has
    /// room for them: they are moved in without a copy of the whole list).
    fn append(&mut self, next: Part) {
        self.records.append(next.records);
        self.dates.extend(next.dates);
        self.schema.extend(next.schema);
        self.refused.extend(next.refused);
        for (code, n) in next.dropped {
            match self.dropped.iter_mut().find(|(c, _)| *c == code) {
                Some((_, count)) => *count += n,
                None => self.dropped.push((code, n)),
            }
        }
        self.dropped.sort_unstable();
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
    (today, max): (NaiveDate, usize),
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
        dropped: Vec::new(),
    };
    let mut budget = Budget::new(max);
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
        let Some(mut one) = one_record(path, file, i, raw, span.suspect, own_future, today) else {
            return Ok(None);
        };
        admit(&mut budget, &mut one);
        part.dates.extend(one.dates);
        part.schema.extend(one.schema);
        part.refused.extend(one.refused);
        part.records.push(one.item);
    }
    part.dropped = budget.dropped();
    Ok(Some(part))
}

/// Reads record `i` (its text is `raw`) of a file whose scan found no problem: into its model
/// type, unless the scan found it `suspect` or the model refuses it, when it takes the tree
/// path. `future` holds the future dates the scan found in it. `None` when it is not JSON.
fn one_record(
    path: &Path,
    file: DataFile,
    i: usize,
    raw: &str,
    suspect: bool,
    future: Vec<Diagnostic>,
    today: NaiveDate,
) -> Option<TreeRecord> {
    if !suspect && let Some(item) = content::typed_from_str(file, raw).filter(fits_schema) {
        return Some(TreeRecord {
            dates: future,
            schema: Vec::new(),
            refused: None,
            item,
        });
    }
    // The tree's date check reports the future dates again.
    tree_record(path, file, i, raw, today)
}

/// Reads a collection file that [`read_whole`] refused, without scanning all of it: each record
/// is read through the strict wrapper, as there, and those it refuses are read as [`read`]
/// reads them. Only they and the file's top level are scanned: a record the wrapper accepts
/// holds nothing a scan reports, so the scan steps over it ([`scan::scan_skipping`]) and finds
/// what a scan of the whole file finds.
///
/// `None`, having reported nothing, when the file is to be read as before: its records not
/// found by skipping ([`scan::element_spans`]), every record accepted (the problem is at the
/// top level), or a problem the scan reports (a duplicate key, a trailing comma).
///
/// `prior`: the file's records as a reading a chunk at a time read them through the same
/// wrapper ([`stream`](super::stream)). Where its spans are those found here, the records are
/// not read again.
pub(crate) fn read_refused(
    path: &Path,
    file: DataFile,
    parsed: &super::syntax::Parsed,
    prior: Option<Strictly>,
    options: &super::Options,
    out: &mut Vec<Diagnostic>,
) -> Option<Content> {
    let text = parsed.text.as_str();
    // The records read before, if they are the records of this text: their spans are looked
    // at where they are, not found again by skipping through every record.
    let prior = prior.filter(|p| scan::are_element_spans(text, file.name(), &p.spans));
    let (spans, mut records, refused) = match prior {
        Some(prior) => (prior.spans, prior.records, prior.refused),
        None => {
            let spans = scan::element_spans(text, file.name())?;
            let (records, refused) = strictly(path, file, text, &spans, options.today)?;
            (spans, records, refused)
        }
    };
    if refused.is_empty() {
        return None;
    }
    // The records read, which the scan steps over.
    let mut accepted = Vec::with_capacity(spans.len() - refused.len());
    let mut kept = refused.iter().peekable();
    for (i, &span) in spans.iter().enumerate() {
        if kept.next_if_eq(&&i).is_none() {
            accepted.push(span);
        }
    }
    let mut sink = RecordSink::new(path, file, text, options.today);
    let found =
        super::syntax::scan_skipping(path, parsed, options, &mut sink, &accepted, &mut Vec::new())?;
    drop(accepted);
    let scanned = sink.finish();
    if !found.is_clean() || scanned.records.len() != spans.len() {
        return None;
    }
    let mut top = scanned.top?;
    let mut found = Vec::new();
    dates::check(path, file, &mut top, options.today, &mut found);
    schema::check(path, file, &top, &mut found);
    let mut future = scanned.future.into_iter().peekable();
    let (mut dates, mut schema, mut model) = (Vec::new(), Vec::new(), Vec::new());
    let mut budget = Budget::new(options.max_diagnostics);
    for i in refused {
        let mut own_future = Vec::new();
        while let Some((_, d)) = future.next_if(|(r, _)| *r == i) {
            own_future.push(d);
        }
        let (start, end) = spans[i];
        let suspect = scanned.records[i].suspect;
        let mut one = one_record(
            path,
            file,
            i,
            &text[start..end],
            suspect,
            own_future,
            options.today,
        )?;
        admit(&mut budget, &mut one);
        dates.extend(one.dates);
        schema.extend(one.schema);
        model.extend(one.refused);
        records.replace(i, one.item);
    }
    out.extend(found);
    out.extend(dates);
    out.extend(schema);
    out.extend(model);
    Some(Content {
        top,
        records: Some(records),
        spans: content::Spans::Known(spans),
        dropped: budget.dropped(),
    })
}

/// A collection file's records read through the strict wrapper, one by one: the list, with a
/// `null` in place of each record refused, each record's span in the file, and the positions
/// of those refused (in order).
pub(crate) struct Strictly {
    pub(crate) records: content::Records,
    pub(crate) spans: Vec<(usize, usize)>,
    pub(crate) refused: Vec<usize>,
}

/// Reads the records at `spans` of `text` through the strict wrapper, as [`read_whole`] does
/// (a large file in two halves, on two threads): the list of records, with a `null` in place
/// of each one refused, and the positions of those. `None` for a file with no record list.
fn strictly(
    path: &Path,
    file: DataFile,
    text: &str,
    spans: &[(usize, usize)],
    today: NaiveDate,
) -> Option<(content::Records, Vec<usize>)> {
    let part = |range: std::ops::Range<usize>| {
        let rules = super::strict::Rules::new(path, schema::date_keys(file), today);
        let mut records = content::Records::new(file, range.len())?;
        let mut refused = Vec::new();
        for i in range {
            match strict_record(file, &rules, &text[spans[i].0..spans[i].1]) {
                Some(item) => records.push(item),
                None => {
                    refused.push(i);
                    records.push(Item::Raw(Value::Null));
                }
            }
        }
        Some((records, refused))
    };
    let n = spans.len();
    if n < 2 || text.len() < SPLIT_BYTES {
        return part(0..n);
    }
    let (a, b) = super::both(true, || part(0..n / 2), || part(n / 2..n));
    let ((mut records, mut refused), (more, also)) = (a?, b?);
    records.append(more);
    refused.extend(also);
    Some((records, refused))
}

/// Reads one record's text (`raw`, the record and nothing else) through the strict wrapper,
/// as [`read_whole`] reads each record: `None` when the wrapper refuses it.
pub(super) fn strict_record(
    file: DataFile,
    rules: &super::strict::Rules<'_>,
    raw: &str,
) -> Option<Item> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(raw);
    One { file, rules }
        .deserialize(&mut de)
        .and_then(|item| de.end().map(|()| item))
        .ok()
}

/// Reads a collection file straight into its model types in one pass, with no scan: the
/// way a file with nothing to report is read fastest. Returns `None` (having reported
/// nothing) at the first thing the scan would have reported or sent to the tree path, or that
/// this reading cannot tell apart from it ([`strict`](super::strict)): the caller then reads
/// the file the way that explains it. A top level holding anything nested besides the
/// record list (its `$schema` is a string) also returns `None`, so nothing here can nest
/// deeper than the model, which [`MODEL_DEPTH`] bounds.
pub(crate) fn read_whole(
    path: &Path,
    file: DataFile,
    text: &str,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) -> Option<Content> {
    use serde::de::DeserializeSeed;
    let rules = super::strict::Rules::new(path, schema::date_keys(file), today);
    let mut de = serde_json::Deserializer::from_str(text);
    let (mut top, records) = Whole {
        file,
        rules: &rules,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    let records = records?;
    let mut found = Vec::new();
    dates::check(path, file, &mut top, today, &mut found);
    schema::check(path, file, &top, &mut found);
    out.extend(found);
    Some(Content {
        top,
        records: Some(records),
        spans: content::Spans::Later,
        dropped: Vec::new(),
    })
}

/// The span of each record of a collection file that [`read_whole`] read (`name` its record
/// list, `count` the records it read), or `None` when they are not found (a list key written
/// with escapes, say): the locator then scans the whole file instead.
///
/// The file is JSON with no duplicate key at its top level (or it would not have been read
/// whole), so the records are found by skipping over them ([`scan::element_spans`]), not by a
/// scan that looks at every value; a scan is the fallback, for any text where the two could
/// differ.
pub(crate) fn spans(
    text: &str,
    name: &str,
    count: usize,
    max_depth: usize,
) -> Option<Vec<(usize, usize)>> {
    scan::element_spans(text, name)
        .filter(|spans| spans.len() == count)
        .or_else(|| scanned_spans(text, name, count, max_depth))
}

/// [`spans`], found by a scan of the whole text.
pub(super) fn scanned_spans(
    text: &str,
    name: &str,
    count: usize,
    max_depth: usize,
) -> Option<Vec<(usize, usize)>> {
    struct Records<'n> {
        name: &'n str,
        spans: Vec<(usize, usize)>,
    }
    impl<'t> Sink<'t> for Records<'_> {
        fn value(&mut self, path: &[Seg<'t>], start: usize, end: usize) {
            if let [Seg::Key(key), Seg::Index(i)] = path
                && *key == self.name
                && *i == self.spans.len()
            {
                self.spans.push((start, end));
            }
        }
    }
    let mut sink = Records {
        name,
        spans: Vec::with_capacity(count),
    };
    let found = scan::scan(text, max_depth, &mut sink);
    (found.is_clean() && sink.spans.len() == count).then_some(sink.spans)
}

/// The deepest nesting of a file whose records the model reads (the top level, the record
/// list, a record, a list in it, an object in that list, and so on): [`read_whole`] is only
/// used when the depth limit is at least this, as it does not count depth itself.
pub(crate) const MODEL_DEPTH: usize = 16;

/// A collection file's top level: its members (the record list emptied) and its records.
struct Whole<'r> {
    file: DataFile,
    rules: &'r super::strict::Rules<'r>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Whole<'_> {
    type Value = (Value, Option<content::Records>);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Whole<'_> {
    type Value = (Value, Option<content::Records>);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a collection file")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let name = self.file.name();
        let mut top = Map::new();
        let mut records = None;
        while let Some(key) = map.next_key::<String>()? {
            if top.contains_key(&key) {
                return Err(A::Error::custom("a duplicate key"));
            }
            let value = if key == name {
                records = Some(map.next_value_seed(List {
                    file: self.file,
                    rules: self.rules,
                })?);
                Value::Array(Vec::new())
            } else {
                match map.next_value::<Value>()? {
                    Value::Array(_) | Value::Object(_) => {
                        return Err(A::Error::custom("a nested value beside the records"));
                    }
                    v => v,
                }
            };
            top.insert(key, value);
        }
        Ok((Value::Object(top), records))
    }
}

/// A collection file's record list, each record read through the strict wrapper.
struct List<'r> {
    file: DataFile,
    rules: &'r super::strict::Rules<'r>,
}

impl<'de> serde::de::DeserializeSeed<'de> for List<'_> {
    type Value = content::Records;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for List<'_> {
    type Value = content::Records;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut records = content::Records::new(self.file, seq.size_hint().unwrap_or(0))
            .ok_or_else(|| A::Error::custom("no records in this file"))?;
        while let Some(item) = seq.next_element_seed(One {
            file: self.file,
            rules: self.rules,
        })? {
            records.push(item);
        }
        records.shrink_to_fit();
        Ok(records)
    }
}

/// One record, read into its model type through the strict wrapper.
pub(super) struct One<'r> {
    pub(super) file: DataFile,
    pub(super) rules: &'r super::strict::Rules<'r>,
}

impl<'de> serde::de::DeserializeSeed<'de> for One<'_> {
    type Value = Item;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
        use serde::de::Error;
        let d = super::strict::Strict::new(d, self.rules);
        let item = content::item(self.file, d)
            .unwrap_or_else(|| Err(D::Error::custom("no records in this file")))?;
        if fits_schema(&item) {
            Ok(item)
        } else {
            Err(D::Error::custom("a url the quick check does not vouch for"))
        }
    }
}

/// One record read through the tree path.
struct TreeRecord {
    dates: Vec<Diagnostic>,
    schema: Vec<Diagnostic>,
    /// The model's reason for refusing a record no other error explains.
    refused: Option<Diagnostic>,
    item: Item,
}

/// Caps the diagnostics of one record (`one`, the next after those `budget` was given).
fn admit(budget: &mut Budget, one: &mut TreeRecord) {
    budget.admit(&mut one.dates);
    budget.admit(&mut one.schema);
    let mut refused: Vec<Diagnostic> = one.refused.take().into_iter().collect();
    budget.admit(&mut refused);
    one.refused = refused.pop();
    budget.next_record();
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

#[cfg(test)]
mod tests {
    use super::*;
    use content::Spans;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn whole(file: DataFile, text: &str) -> Option<Content> {
        read_whole(Path::new("f.json"), file, text, today(), &mut Vec::new())
    }

    const EVENT: &str = r#"{"id": "e", "kind": "arms_transfer", "title": "T", "date": "2022-10",
        "citations": [{"source": "s", "locator": "line 1", "excerpt": "x"}]}"#;

    fn events(records: &str) -> String {
        format!(r#"{{"$schema": "x", "events": [{records}]}}"#)
    }

    #[test]
    fn a_clean_file_is_read_whole() {
        let text = events(&format!("{EVENT}, {}", EVENT.replace(r#""e""#, r#""f""#)));
        let content = whole(DataFile::Events, &text).expect("read whole");
        assert_eq!(content.records.as_ref().map(content::Records::len), Some(2));
        assert!(matches!(content.spans, content::Spans::Later));
        assert_eq!(
            content.top,
            serde_json::json!({"$schema": "x", "events": []})
        );
        // Escapes are decoded as the tree decodes them, keys included.
        let escaped = EVENT.replace(r#""title""#, r#""t\u0069tle""#);
        assert!(whole(DataFile::Events, &events(&escaped)).is_some());
        // An empty record list is a clean file.
        assert!(whole(DataFile::Events, &events("")).is_some());
    }

    /// Everything the scan reports, or sends to the tree path, is left to them.
    #[test]
    fn what_the_scan_would_report_is_left_to_it() {
        let edits: &[(&str, &str)] = &[
            (r#""title": "T""#, r#""title": """#),
            (r#""title": "T""#, r#""title": "T", "summary": null"#),
            (r#""title": "T""#, r#""title": "T", "participants": []"#),
            (r#"[{"source""#, r#"[["s", "line 1", "x"], {"source""#),
            (r#""date": "2022-10""#, r#""date": "2999""#),
            (r#""date": "2022-10""#, r#""date": "2022-02-30""#),
            (r#""date": "2022-10""#, r#""d\u0061te": "2999""#),
            (r#""title": "T""#, r#""title": "T", "title": "U""#),
            (r#""title": "T""#, r#""title": "T", "unknown": 1"#),
            (r#""x"}]"#, r#""x"},]"#),
            // A vocabulary written as an object: serde reads its unit variant from that too.
            (r#""arms_transfer""#, r#"{"arms_transfer": null}"#),
        ];
        for (from, to) in edits {
            let record = EVENT.replacen(from, to, 1);
            assert_ne!(record, EVENT, "{to}");
            assert!(whole(DataFile::Events, &events(&record)).is_none(), "{to}");
        }
        let files = [
            r#"{"$schema": "x", "$schema": "y", "events": []}"#.to_owned(),
            r#"{"$schema": {"deep": [[[]]]}, "events": []}"#.to_owned(),
            r#"{"$schema": "x", "events": {}}"#.to_owned(),
            r#"{"$schema": "x"}"#.to_owned(),
            format!("{} x", events(EVENT)),
            format!("[{}]", events(EVENT)),
        ];
        for text in files {
            assert!(whole(DataFile::Events, &text).is_none(), "{text}");
        }
    }

    /// A file with problems in some records is read record by record, only those scanned, and
    /// reports what a scan of the whole file and a reading of every record report.
    #[test]
    fn only_the_records_with_problems_are_scanned() {
        let options = crate::validate::Options {
            today: today(),
            ..crate::validate::Options::default()
        };
        let path = Path::new("f.json");
        let parsed = |text: &str| crate::validate::syntax::Parsed {
            text: text.to_owned(),
            bom: false,
            json: true,
            let_go: false,
        };
        let by_scan = |text: &str| {
            let parsed = parsed(text);
            let mut out = Vec::new();
            let mut sink = RecordSink::new(path, DataFile::Events, &parsed.text, today());
            let found = crate::validate::syntax::scan(path, &parsed, &options, &mut sink, &mut out);
            assert!(found.is_some_and(|f| f.is_clean()), "{text}");
            let bytes = Bytes::<std::convert::Infallible>::Text(&parsed.text);
            let content = read(
                path,
                DataFile::Events,
                sink.finish(),
                &bytes,
                (today(), crate::validate::cap::DEFAULT),
                &mut out,
            );
            (content.unwrap().unwrap(), out)
        };
        let edits: &[(&str, &str)] = &[
            (r#""title": "T""#, r#""title": """#),
            (r#""title": "T""#, r#""title": "T", "summary": null"#),
            (r#"[{"source""#, r#"[["s", "line 1", "x"], {"source""#),
            (r#""date": "2022-10""#, r#""date": "2999""#),
            (r#""date": "2022-10""#, r#""date": "2022-02-30""#),
            (r#""title": "T""#, r#""title": "T", "unknown": 1"#),
            (r#""arms_transfer""#, r#"{"arms_transfer": null}"#),
        ];
        for (from, to) in edits {
            let bad = EVENT.replacen(from, to, 1).replace(r#""e""#, r#""f""#);
            let text = events(&format!("{EVENT}, {bad}, {EVENT},{bad}"));
            assert!(whole(DataFile::Events, &text).is_none(), "{to}");
            let mut out = Vec::new();
            let content = read_refused(
                path,
                DataFile::Events,
                &parsed(&text),
                None,
                &options,
                &mut out,
            )
            .unwrap_or_else(|| panic!("read record by record: {to}"));
            let (expected, expected_out) = by_scan(&text);
            assert!(!out.is_empty(), "{to}");
            assert_eq!(out, expected_out, "{to}");
            assert_eq!(content.top, expected.top);
            let (Spans::Known(spans), Spans::Known(expected)) = (&content.spans, &expected.spans)
            else {
                panic!("spans known both ways")
            };
            assert_eq!(spans, expected);
            assert_eq!(content.records.map(|r| r.len()), Some(4));
        }
        // A problem the scan reports (a key twice, a trailing comma), in a record or at the top
        // level, and a file with no record refused: left to the scan of the whole file.
        for text in [
            events(&format!(
                r#"{EVENT}, {}"#,
                EVENT.replace(r#""title": "T""#, r#""title": "T", "title": "U""#)
            )),
            events(&format!(
                r#"{EVENT}, {}"#,
                EVENT.replace(r#""x"}]"#, r#""x"},]"#)
            )),
            format!(r#"{{"$schema": "x", "$schema": "y", "events": [{EVENT}, {{}}]}}"#),
            events(EVENT),
        ] {
            assert!(
                read_refused(
                    path,
                    DataFile::Events,
                    &parsed(&text),
                    None,
                    &options,
                    &mut Vec::new()
                )
                .is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn spans_are_those_of_the_records() {
        let text = events(&format!("{EVENT},{EVENT}"));
        let spans = spans(&text, "events", 2, 64).unwrap();
        assert_eq!(spans.len(), 2);
        for (start, end) in spans {
            assert_eq!(&text[start..end], EVENT);
        }
        // Not the count the reading found: no spans, so the locator scans the whole file.
        assert!(super::spans(&text, "events", 3, 64).is_none());
        assert!(
            super::spans(
                &text.replace("\"events\"", "\"ev\\u0065nts\""),
                "events",
                2,
                64
            )
            .is_none()
        );
    }

    /// Any JSON value, with strings that hold what could mislead a finder that skips them
    /// (quotes, backslashes, brackets, commas).
    fn json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "[\\\\\\\"{}\\[\\],: a\u{e9}\u{1F600}\n]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec(("[a-z\\\\\\\"{]{0,3}", inner), 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// On any JSON file laid out as a collection file, compact or pretty, skipping over
        /// the records finds the spans a scan of every value finds.
        #[test]
        fn skipping_finds_the_spans_a_scan_finds(
            records in proptest::collection::vec(json(), 0..5),
            before in proptest::option::of(json()),
            after in proptest::option::of(json()),
            pretty in proptest::prelude::any::<bool>(),
        ) {
            let mut top = Map::new();
            if let Some(v) = before {
                top.insert("$schema".to_owned(), v);
            }
            top.insert("events".to_owned(), Value::Array(records.clone()));
            if let Some(v) = after {
                top.insert("zz".to_owned(), v);
            }
            let top = Value::Object(top);
            let text = if pretty {
                serde_json::to_string_pretty(&top).unwrap()
            } else {
                serde_json::to_string(&top).unwrap()
            };
            let skipped = scan::element_spans(&text, "events");
            let scanned = scanned_spans(&text, "events", records.len(), 64);
            proptest::prop_assert!(skipped.is_some());
            proptest::prop_assert_eq!(skipped, scanned);
        }

        /// On any text at all, the finder returns (spans within the text, or nothing) and never
        /// panics.
        #[test]
        fn skipping_never_panics(text in "[\\\\\\\"{}\\[\\],: a1\u{e9}\n]{0,40}") {
            let text = format!("{{\"events\": {text}");
            if let Some(spans) = scan::element_spans(&text, "events") {
                for (start, end) in spans {
                    proptest::prop_assert!(start < end && end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
                }
            }
        }
    }

    #[test]
    fn skipping_gives_up_where_a_scan_is_needed() {
        let one = |t: &str| scan::element_spans(t, "events");
        assert_eq!(
            one(r#"{"events": [1, {"a": "]"}]}"#),
            Some(vec![(12, 13), (15, 25)])
        );
        assert_eq!(one(r#" {"events": []} "#), Some(vec![]));
        // Written with an escape, twice, not a list, not an object, trailing text.
        assert_eq!(one(r#"{"ev\u0065nts": []}"#), None);
        assert_eq!(one(r#"{"events": [], "events": []}"#), None);
        assert_eq!(one(r#"{"events": {}}"#), None);
        assert_eq!(one(r#"[{"events": []}]"#), None);
        assert_eq!(one(r#"{"events": []} x"#), None);
        assert_eq!(one(r#"{"other": []}"#), None);
        assert_eq!(one(r#"{"events": [1,"#), None);
        assert_eq!(one(""), None);
    }

    /// How deep a value the schema `node` describes can nest (`defs`: its definitions).
    fn depth(node: &Value, defs: &Value, seen: &mut Vec<String>) -> usize {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/").to_owned();
            assert!(
                !seen.contains(&name),
                "the model is recursive through {name}"
            );
            seen.push(name.clone());
            let d = depth(&defs[&name], defs, seen);
            seen.pop();
            return d;
        }
        let mut deepest = 0;
        for key in ["anyOf", "oneOf", "allOf"] {
            for branch in node
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                deepest = deepest.max(depth(branch, defs, seen));
            }
        }
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            let inner = props.values().map(|p| depth(p, defs, seen)).max();
            deepest = deepest.max(1 + inner.unwrap_or(0));
        } else if node.get("type").and_then(Value::as_str) == Some("object") {
            panic!("an object of any shape: {node}");
        }
        if let Some(items) = node.get("items") {
            deepest = deepest.max(1 + depth(items, defs, seen));
        }
        deepest
    }

    /// `read_whole` counts no depth: whatever the model reads nests less deep than
    /// `MODEL_DEPTH`, so the scan's limit is never reached by what it accepts.
    #[test]
    fn the_model_nests_less_deep_than_the_bound() {
        for file in DataFile::ALL
            .into_iter()
            .filter(|f| f.record_kind().is_some())
        {
            let schema = crate::schema::generate(file);
            let d = depth(&schema, &schema["$defs"], &mut Vec::new());
            assert!((3..MODEL_DEPTH).contains(&d), "{file:?}: {d}");
        }
    }
}
