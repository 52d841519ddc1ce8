//! Reading a large collection file a chunk at a time, straight into its model types.
//!
//! Read whole, a file's text is held while its records are built: at a hundred thousand
//! records, the last large file's text (25 MiB) beside nearly every record was the run's
//! peak. Read here, only a window of about a [`CHUNK`](crate::files::CHUNK) is held: each
//! record is read where it stands, through the strict wrapper as [`records::read_whole`]
//! reads it, by a serde reading that says where it ends; the top level, the file with its
//! record list emptied, is read by `read_whole` itself. A file this reading does not accept in
//! full is read whole, from its start, as before: nothing is reported from here but the top
//! level's problems, and only for a file whose records were all accepted.
//!
//! A record the strict wrapper refuses does not stop the reading: it is stepped over (its end
//! found by counting brackets, as a long record's is), a `null` keeps its place, and the rest
//! are read on. The file is then read whole to explain it, but its records are handed over
//! ([`records::Strictly`]) and not read again: only the refused ones and the top level are
//! scanned ([`records::read_refused`]), so a file whose one problem is in its last record is
//! parsed once, not twice.
//!
//! What is accepted is what `read_whole` accepts: the text is the top level's text with the
//! records put back in its list, each record is a whole JSON value the strict wrapper
//! accepts, and between them there is nothing but whitespace and one comma each.
//!
//! The cost of a refusal for anything else (a problem between records, bytes that are not
//! UTF-8, the file's end within a record): the file is parsed again from its start.

use std::path::Path;

use super::content::Content;
use super::{Diagnostic, Options, records, scan, schema, strict};
use crate::files::{CHUNK, Chunks, Opened, Reread};
use crate::model::DataFile;

/// What came of reading a file a chunk at a time.
pub(crate) enum Streamed {
    /// Read: its content, the top level's diagnostics, and the file to read it again.
    Read(Content, Vec<Diagnostic>, Reread),
    /// Not read this way: the file, rewound, to be read whole, and why.
    Whole(Opened, Declined),
    /// Every record read, but some refused by the strict wrapper: the file, rewound, to be
    /// read whole and explained, and its records, which need not be read again.
    Refusing(Opened, records::Strictly),
}

/// Why a file was not read a chunk at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declined {
    /// Its record list is not where this reading looks for it (not in the first chunk, or
    /// its key written with an escape): the one-pass reading may still accept the file.
    Layout,
    /// Something the one-pass reading refuses too: a record, what follows one, the top
    /// level, the file's end before the list's, or its size.
    Refused,
}

/// Reads collection file `file` a chunk at a time, at most `limit` bytes of it.
pub(crate) fn read(
    path: &Path,
    file: DataFile,
    opened: Opened,
    limit: u64,
    options: &Options,
) -> std::io::Result<Streamed> {
    let mut chunks = opened.chunks(limit);
    let read = records(path, file, &mut chunks, options)?;
    let within = chunks.read() <= options.max_file_size;
    match read {
        Ok(Held::Read(content, out)) if within => {
            Ok(Streamed::Read(content, out, chunks.finish()?))
        }
        // The records are kept: the file read whole must be the file read here.
        Ok(Held::Refusing(strictly)) if within => {
            Ok(Streamed::Refusing(chunks.rewind_expecting()?, strictly))
        }
        Ok(_) => Ok(Streamed::Whole(chunks.restart()?, Declined::Refused)),
        Err(why) => Ok(Streamed::Whole(chunks.restart()?, why)),
    }
}

/// What was made of the text held, read to the end of its record list.
enum Held {
    /// The whole file: its content and the top level's diagnostics.
    Read(Content, Vec<Diagnostic>),
    /// Its records, some refused (the rest of the file is not read).
    Refusing(records::Strictly),
}

/// The text held: that of the file from offset `at` on, read as it is needed, and checked to
/// be UTF-8 a chunk at a time. Records are then parsed from a `str` (serde_json's `StrRead`),
/// which does not check each string again: a hundred thousand records hold some three million
/// strings, and checking each one was 6% of a run's time.
struct Window<'c> {
    chunks: &'c mut Chunks,
    text: String,
    /// The bytes read after `text`: the start of a character the next chunk ends.
    partial: Vec<u8>,
    /// Set when the bytes read are not UTF-8 (or the file ends within a character): nothing
    /// after them is held, and the file is declined as refused, as the one-pass reading
    /// refuses it.
    broken: bool,
    /// The offset in the file of the first byte held.
    at: usize,
}

impl Window<'_> {
    /// Lets go of the text before `keep` (the offsets after it move back by that much) and
    /// reads at least one more chunk: as many as to double what is kept, so that a record
    /// many chunks long is parsed again a few times (about twice its length in all, a cost a
    /// tester measured at 2.6 times the time for a 40 MB string of escapes), not once per
    /// chunk. `false` when nothing more is held: at the end of the file, or of its UTF-8.
    fn more(&mut self, keep: usize) -> std::io::Result<bool> {
        // Every offset given is where a value or the file's whitespace starts or ends, so a
        // character's start; were it not, the text would not be what the reading assumed.
        if !self.text.is_char_boundary(keep) {
            self.broken = true;
        }
        if self.broken {
            return Ok(false);
        }
        self.text.drain(..keep);
        self.at += keep;
        let kept = self.text.len();
        let mut held = 0;
        loop {
            let n = self.chunks.next_into(&mut self.partial)?;
            let before = self.text.len();
            self.hold(n == 0);
            held += self.text.len() - before;
            if n == 0 || self.broken || held >= kept.max(1) {
                break;
            }
        }
        Ok(held > 0)
    }

    /// Moves the whole characters of the bytes read onto the text; `ended`: no more will be
    /// read, so a character begun is never ended.
    fn hold(&mut self, ended: bool) {
        match std::str::from_utf8(&self.partial) {
            Ok(s) => {
                self.text.push_str(s);
                self.partial.clear();
            }
            Err(e) => {
                let valid = e.valid_up_to();
                // A chunk's end within a character: its first bytes wait for the next chunk.
                if let Ok(s) = std::str::from_utf8(&self.partial[..valid]) {
                    self.text.push_str(s);
                }
                self.partial.drain(..valid);
                if e.error_len().is_some() || ended {
                    self.broken = true;
                }
            }
        }
    }
}

/// One record, read as [`records::read_whole`] reads each record, by serde's
/// `StreamDeserializer`: the one reading that says where a value ends. Its `Deserialize` has
/// no place for the file and the strict wrapper's rules, so they are had from the thread's
/// [`READING`], set for the length of one file's reading ([`Reading::start`]).
struct Next(super::content::Item);

/// The collection file this thread is reading a chunk at a time: which file, its path (for
/// the date checks) and today's date.
struct Reading {
    file: DataFile,
    path: std::path::PathBuf,
    today: chrono::NaiveDate,
}

thread_local! {
    static READING: std::cell::RefCell<Option<Reading>> = const { std::cell::RefCell::new(None) };
}

/// Clears [`READING`] when dropped: at the end of a file's reading, or on a panic in it.
struct Started;

impl Reading {
    fn start(file: DataFile, path: &Path, today: chrono::NaiveDate) -> Started {
        let path = path.to_owned();
        READING.set(Some(Reading { file, path, today }));
        Started
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        READING.set(None);
    }
}

impl<'de> serde::Deserialize<'de> for Next {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Next, D::Error> {
        use serde::de::{DeserializeSeed, Error};
        READING.with_borrow(|reading| {
            let r = reading
                .as_ref()
                .ok_or_else(|| D::Error::custom("no file is being read"))?;
            let rules = strict::Rules::new(&r.path, schema::date_keys(r.file), r.today);
            let one = records::One {
                file: r.file,
                rules: &rules,
            };
            one.deserialize(d).map(Next)
        })
    }
}

/// The end of a record longer than the window, or of one the strict wrapper refused, looked
/// for a chunk at a time: where [`scan::value_end`] would find it (strings by their quotes,
/// containers by counting brackets), resumed where the last chunk ended, so that such a record
/// is looked through once (and a long one parsed once more, not again for each window).
/// Offsets are from the record's start, which is an object's `{`, an array's `[` or a
/// string's quote: a scalar has no end this finds.
#[derive(Default)]
struct Skipping {
    /// The next byte to look at.
    next: usize,
    depth: usize,
    string: bool,
    end: Option<usize>,
}

impl Skipping {
    /// The offset just after the record's end in `b` (the record and what follows, from its
    /// start), or `None` when `b` ends first.
    fn end(&mut self, b: &[u8]) -> Option<usize> {
        let mut j = self.next;
        while self.end.is_none() && j < b.len() {
            if self.string {
                match memchr::memchr2(b'"', b'\\', &b[j..]) {
                    None => j = b.len(),
                    Some(k) if b[j + k] == b'"' => {
                        self.string = false;
                        j += k + 1;
                        if self.depth == 0 {
                            self.end = Some(j);
                        }
                    }
                    Some(k) => {
                        // Escapes, as many as follow one another (a string of them is not one
                        // search each). One whose second byte is in the next chunk leaves
                        // `next` just past that byte, where the next chunk is looked at from.
                        j += k;
                        while b.get(j) == Some(&b'\\') {
                            j += 2;
                        }
                    }
                }
                continue;
            }
            match b[j] {
                b'"' => self.string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.end = Some(j + 1);
                    }
                }
                _ => {}
            }
            j += 1;
        }
        self.next = j;
        self.end
    }
}

/// How many records are read before room is made for the rest ([`records_left`]).
const GUESS_AFTER: usize = 64;

/// How many more records a file of `len` bytes (its length when opened) seems to hold after
/// those whose spans are `spans`, at their mean length, and a sixteenth more. Room made for
/// them at once spares the lists' doubling (each doubling copies the list and faults in new
/// pages): at a hundred thousand records, 0.9x the time. A guess too high costs only
/// address space: pages never written are never faulted in, and the list is shrunk to its
/// length at the end.
fn records_left(spans: &[(usize, usize)], len: u64) -> usize {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return 0;
    };
    let mean = (last.1 - first.0) / spans.len() + 1;
    let left = usize::try_from(len)
        .unwrap_or(usize::MAX)
        .saturating_sub(last.1)
        / mean;
    left.saturating_add(left / 16)
}

/// The file's content and top-level diagnostics, or its records with some refused, or why it
/// is to be read whole.
fn records(
    path: &Path,
    file: DataFile,
    chunks: &mut Chunks,
    options: &Options,
) -> std::io::Result<Result<Held, Declined>> {
    let mut w = Window {
        chunks,
        text: String::with_capacity(2 * CHUNK),
        partial: Vec::with_capacity(CHUNK),
        broken: false,
        at: 0,
    };
    let read = held(path, file, &mut w, options)?;
    // Bytes that are not UTF-8 end what is held: whatever was made of the text before them,
    // the one-pass reading refuses the file.
    Ok(if w.broken {
        Err(Declined::Refused)
    } else {
        read
    })
}

/// [`records`], from the text held in `w`.
fn held(
    path: &Path,
    file: DataFile,
    w: &mut Window<'_>,
    options: &Options,
) -> std::io::Result<Result<Held, Declined>> {
    // The top level up to the record list's `[`: a few dozen bytes, in the first chunk.
    let start = loop {
        if let Some(start) = scan::list_start(w.text.as_bytes(), file.name()) {
            break start;
        }
        if w.text.len() >= CHUNK || !w.more(0)? {
            return Ok(Err(Declined::Layout));
        }
    };
    let Some(mut top) = w.text.get(..start).map(str::to_owned) else {
        return Ok(Err(Declined::Layout));
    };
    let Some(mut list) = super::content::Records::new(file, 0) else {
        return Ok(Err(Declined::Layout));
    };
    // Each record's span in the file: kept (16 bytes a record), as a file with a problem
    // found later is read again to locate it, and would otherwise be skipped through again.
    let mut spans = Vec::new();
    let _reading = Reading::start(file, path, options.today);
    let mut at = start;
    let mut first = true;
    let mut skipping: Option<Skipping> = None;
    // The records the strict wrapper refused, by position (a `null` holds each one's place):
    // each is stepped over, its end found as a long record's is, and the rest read on, so
    // that explaining the file later reads none of them again. Set while one's end is looked
    // for.
    let mut refused = Vec::new();
    let mut refusing: Option<Skipping> = None;
    // The offset of the `]` that closes the list.
    let end = loop {
        at = scan::skip_whitespace(w.text.as_bytes(), at);
        match w.text.as_bytes().get(at) {
            Some(b']') if first => break at,
            // No value here: not a record list the strict reading accepts.
            Some(b',' | b']' | b'}' | b':') => return Ok(Err(Declined::Refused)),
            _ => {}
        }
        // Where a value starts, so a character's start (the slices below cannot fail).
        let Some(rest) = w.text.get(at..) else {
            return Ok(Err(Declined::Refused));
        };
        // A record the window cut short is parsed again only once all of it is held; one
        // refused is not parsed again at all.
        let waiting = match (refusing.as_mut(), skipping.as_mut()) {
            (Some(s), _) | (None, Some(s)) => s.end(rest.as_bytes()).is_none(),
            (None, None) => false,
        };
        if waiting {
            if !w.more(at)? {
                return Ok(Err(Declined::Refused));
            }
            at = 0;
            continue;
        }
        // One record, read by serde where it stands, which says where it ends; taken once
        // the byte after it is held (a number at the end of the window may go on).
        let (read, end) = match refusing.as_ref().and_then(|s| s.end) {
            Some(length) => (None, at + length),
            None => {
                let mut one = serde_json::Deserializer::from_str(rest).into_iter::<Next>();
                let read = one.next();
                (Some(read), at + one.byte_offset())
            }
        };
        let after = w
            .text
            .as_bytes()
            .get(scan::skip_whitespace(w.text.as_bytes(), end));
        let (item, &after) = match (read, after) {
            (Some(Some(Ok(Next(item)))), Some(after)) => (item, after),
            (None, Some(after)) => {
                refused.push(list.len());
                (super::content::Item::Raw(serde_json::Value::Null), after)
            }
            // Refused, unless the window ended first: then read on. (An error before the end
            // does not depend on what follows; should a number cut short by the window be
            // refused, where the whole would not be, the record is read again when the file
            // is explained: never wrong.) Only an object is stepped over: no record the
            // wrapper accepts is anything else, and a scalar's end is not found by skipping.
            (Some(Some(Err(e))), _) if !e.is_eof() => {
                if rest.as_bytes().first() != Some(&b'{') {
                    return Ok(Err(Declined::Refused));
                }
                skipping = None;
                refusing = Some(Skipping::default());
                continue;
            }
            (read, _) => {
                // Cut short: from here on, its end is looked for in each new chunk alone.
                if matches!(read, Some(Some(Err(_)))) && skipping.is_none() {
                    skipping = Some(Skipping::default());
                }
                if !w.more(at)? {
                    return Ok(Err(Declined::Refused));
                }
                at = 0;
                continue;
            }
        };
        skipping = None;
        refusing = None;
        list.push(item);
        spans.push((w.at + at, w.at + end));
        if spans.len() == GUESS_AFTER {
            let more = records_left(&spans, w.chunks.len_hint());
            list.try_reserve(more);
            let _ = spans.try_reserve_exact(more);
        }
        first = false;
        at = scan::skip_whitespace(w.text.as_bytes(), end) + 1;
        match after {
            b',' => {}
            b']' => break at - 1,
            _ => return Ok(Err(Declined::Refused)),
        }
    };
    if !refused.is_empty() {
        list.shrink_to_fit();
        spans.shrink_to_fit();
        return Ok(Ok(Held::Refusing(records::Strictly {
            records: list,
            spans,
            refused,
        })));
    }
    // The rest of the file, after the list: a few bytes, unless the top level goes on.
    w.more(end)?;
    while w.more(0)? {}
    top.push_str(&w.text);
    let mut out = Vec::new();
    let Some(mut content) = records::read_whole(path, file, &top, options.today, &mut out) else {
        return Ok(Err(Declined::Refused));
    };
    list.shrink_to_fit();
    spans.shrink_to_fit();
    content.records = Some(list);
    content.spans = super::content::Spans::Known(spans);
    Ok(Ok(Held::Read(content, out)))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use serde_json::Value;

    use super::{Declined, Options, Streamed, records, scan};
    use crate::model::DataFile;
    use crate::validate::content::Spans;

    /// `bytes` as collection file `file`, read a chunk at a time (4 KiB under test) from a
    /// file in `dir`: its top level, records and diagnostics, or why it is to be read whole
    /// (the rewound file then reads back all of `bytes`). The file read again gives the bytes
    /// first read. A file read to the end of its records with some refused is `Refused`, and
    /// explaining it with the records read gives what explaining it from its text alone
    /// gives ([`refusing_explains_as_reading_again`]).
    fn streamed(
        dir: &Path,
        file: DataFile,
        bytes: &[u8],
        options: &Options,
    ) -> Result<(Value, Vec<Value>, Vec<super::Diagnostic>), Declined> {
        let path = dir.join(file.file_name());
        std::fs::write(&path, bytes).unwrap();
        let opened = crate::files::open_for_prefix(&path).unwrap().unwrap();
        let limit = options.max_file_size + 1;
        match super::read(&path, file, opened, limit, options).unwrap() {
            Streamed::Read(content, out, again) => {
                assert_eq!(again.read_again().unwrap(), bytes);
                let text = std::str::from_utf8(bytes).unwrap();
                let Spans::Known(spans) = &content.spans else {
                    panic!("spans not kept");
                };
                assert_eq!(Some(spans), scan::element_spans(text, file.name()).as_ref());
                let records = content.records.unwrap().into_values();
                Ok((content.top, records, out))
            }
            Streamed::Whole(opened, why) => {
                let (read, _) = opened.read_keeping(limit).unwrap();
                assert_eq!(read, &bytes[..bytes.len().min(read.len())]);
                assert_eq!(read.len() as u64, (bytes.len() as u64).min(limit));
                Err(why)
            }
            Streamed::Refusing(opened, strictly) => {
                let (read, _) = opened.read_keeping(limit).unwrap();
                assert_eq!(read, bytes);
                refusing_explains_as_reading_again(&path, file, bytes, strictly, options);
                Err(Declined::Refused)
            }
        }
    }

    /// A file whose records were read a chunk at a time, some refused (`strictly`): at least
    /// one refused, a `null` in each one's place, each record's span where skipping over the
    /// whole text finds it; explained with those records, it gives the content and the
    /// diagnostics that explaining it from its text alone gives.
    fn refusing_explains_as_reading_again(
        path: &Path,
        file: DataFile,
        bytes: &[u8],
        strictly: records::Strictly,
        options: &Options,
    ) {
        assert!(!strictly.refused.is_empty());
        // Bytes that are not UTF-8 after the record list, where this reading stops: the file
        // read whole says so, and is not explained.
        let Ok(text) = std::str::from_utf8(bytes) else {
            let mut out = Vec::new();
            let parsed = crate::validate::syntax::read(path, bytes.to_vec(), options, &mut out);
            assert!(parsed.is_some_and(|p| !p.json));
            return;
        };
        assert_eq!(strictly.records.len(), strictly.spans.len());
        if let Some(found) = scan::element_spans(text, file.name()) {
            assert_eq!(found, strictly.spans, "the spans skipping finds");
        }
        let mut out = Vec::new();
        let parsed = crate::validate::syntax::read(path, bytes.to_vec(), options, &mut out)
            .expect("read whole");
        let explain = |prior| {
            let mut out = Vec::new();
            let content = records::read_refused(path, file, &parsed, prior, options, &mut out);
            content.map(|c| {
                let spans = match c.spans {
                    Spans::Known(spans) => spans,
                    _ => panic!("spans not kept"),
                };
                (c.top, c.records.unwrap().into_values(), spans, out)
            })
        };
        assert_eq!(explain(Some(strictly)), explain(None));
    }

    /// The same bytes read whole, in one pass ([`records::read_whole`]).
    fn whole(
        path: &Path,
        file: DataFile,
        bytes: &[u8],
        options: &Options,
    ) -> Option<(Value, Vec<Value>, Vec<super::Diagnostic>)> {
        let text = std::str::from_utf8(bytes).ok()?;
        if bytes.len() as u64 > options.max_file_size {
            return None;
        }
        let mut out = Vec::new();
        let content = records::read_whole(path, file, text, options.today, &mut out)?;
        let records = content.records.unwrap().into_values();
        Some((content.top, records, out))
    }

    fn bundled(file: DataFile) -> Vec<u8> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::read(root.join("dataset").join(file.file_name())).unwrap()
    }

    /// A directory of its own for one test, removed when dropped (a failing case too).
    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("dossier-stream-{name}-"))
            .tempdir()
            .unwrap()
    }

    /// The files that hold records: every file but the metadata.
    fn collections() -> Vec<DataFile> {
        DataFile::ALL
            .into_iter()
            .filter(|f| f.record_kind().is_some())
            .collect()
    }

    /// Every bundled collection file (the three largest span eight chunks) is read a chunk at
    /// a time into what reading it whole gives; minified too (records across chunk boundaries
    /// anywhere), and as an empty list.
    #[test]
    fn the_bundled_files_read_a_chunk_at_a_time_are_what_they_are_read_whole() {
        let tmp = scratch("bundled");
        let dir = tmp.path();
        let options = Options::default();
        for file in collections() {
            let bytes = bundled(file);
            if matches!(file, DataFile::Actors | DataFile::Events | DataFile::Quotes) {
                assert!(bytes.len() > 7 * crate::files::CHUNK, "{file:?}");
            }
            let value: Value = serde_json::from_slice(&bytes).unwrap();
            let minified = serde_json::to_vec(&value).unwrap();
            let mut empty = value.clone();
            empty[file.name()] = Value::Array(Vec::new());
            let empty = serde_json::to_vec_pretty(&empty).unwrap();
            for bytes in [bytes, minified, empty] {
                let path = dir.join(file.file_name());
                let read = streamed(dir, file, &bytes, &options);
                assert!(read.is_ok(), "{file:?}");
                assert_eq!(read.ok(), whole(&path, file, &bytes, &options), "{file:?}");
            }
        }
    }

    /// A record longer than many chunks is read too (the window grows to hold it), and a file
    /// over the size limit is left to be read whole, which reports it.
    #[test]
    fn a_long_record_is_read_and_a_file_over_the_limit_is_not() {
        let tmp = scratch("long");
        let dir = tmp.path();
        let file = DataFile::Events;
        let mut value: Value = serde_json::from_slice(&bundled(file)).unwrap();
        let long = "x".repeat(5 * crate::files::CHUNK + 7);
        value["events"][3]["notes"] = Value::String(long);
        let bytes = serde_json::to_vec_pretty(&value).unwrap();
        let path = dir.join(file.file_name());
        let options = Options::default();
        let read = streamed(dir, file, &bytes, &options);
        assert!(read.is_ok());
        assert_eq!(read.ok(), whole(&path, file, &bytes, &options));
        let small = Options {
            max_file_size: bytes.len() as u64 - 1,
            ..Options::default()
        };
        assert_eq!(
            streamed(dir, file, &bytes, &small).err(),
            Some(Declined::Refused)
        );
    }

    proptest! {
        /// A record's end found a chunk at a time is where skipping over the whole text finds
        /// it, wherever the chunks end (in an escape, between its two bytes, in a string).
        #[test]
        fn a_records_end_found_chunk_by_chunk_is_its_end(
            record in prop::collection::vec(
                prop::sample::select(vec![
                    "\\\\", "\\\"", "\\u00e9", "x", "é", " ", "{", "}", "[", "]", ",",
                ]),
                0..40,
            ),
            nested: bool,
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            // Every piece may stand in a string, brackets and commas too.
            let inner = format!("\"{}\"", record.concat());
            let value = if nested {
                format!("{{\"a\": [{inner}, {{\"b\": {inner}}}], \"c\": 1}}")
            } else {
                inner
            };
            let text = format!("{value} , {{\"next\": \"}}\"}}");
            let b = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.iter().map(|c| c.index(b.len())).collect();
            cuts.sort_unstable();
            let mut s = super::Skipping::default();
            for cut in cuts {
                let found = s.end(&b[..cut]);
                prop_assert!(found.is_none() || found == Some(value.len()), "{found:?} at {cut}");
            }
            prop_assert_eq!(s.end(b), Some(value.len()));
            prop_assert_eq!(scan::value_end(b, 0), Some(value.len()));
        }
    }

    /// Bytes that the chunked reading could see differently from a reading of the whole text.
    fn noise() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            " ",
            "\n",
            "\t",
            "0",
            "1e5",
            "-",
            "null",
            "\"x\"",
            "\u{a0}",
            "\u{feff}",
            "é",
            "\\u0061",
            "\"events\": [",
            "]}",
        ]);
        prop_oneof![
            prop::collection::vec(pieces, 1..3).prop_map(|p| p.concat().into_bytes()),
            prop::collection::vec(any::<u8>(), 1..3),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Read a chunk at a time, a file edited anywhere (a few bytes put in, taken out or
        /// replaced; half of them at a bracket, comma, colon or quote) is read into what reading it whole gives, or left to be read whole;
        /// never read into anything else. Whatever reading it whole accepts, it reads too,
        /// unless the record list's key is written with an escape.
        #[test]
        fn an_edited_file_is_read_as_whole_reading_reads_it(
            which in 0..6usize,
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), any::<bool>(), 0..3usize, noise()), 1..4),
        ) {
            let file = collections()[which];
            let mut bytes = bundled(file);
            for (at, structural, kind, noise) in &edits {
                // Half the edits at a bracket, comma, colon or quote, where a reading that
                // skips over values could go wrong.
                let marks: Vec<usize> = if *structural {
                    (0..bytes.len()).filter(|&i| b"{}[],:\"".contains(&bytes[i])).collect()
                } else {
                    (0..bytes.len()).collect()
                };
                let i = marks.get(at.index(marks.len().max(1))).copied().unwrap_or(0);
                match kind {
                    0 => {
                        bytes.splice(i..i, noise.iter().copied());
                    }
                    1 => {
                        bytes.drain(i..(i + noise.len()).min(bytes.len()));
                    }
                    _ => {
                        let end = (i + noise.len()).min(bytes.len());
                        bytes.splice(i..end, noise.iter().copied());
                    }
                }
            }
            agrees(scratch(&format!("edit-{which}")).path(), file, &bytes);
        }
    }

    /// `bytes`, read a chunk at a time, are read into what reading them whole gives, or left
    /// to be read whole: declined as refused only when reading them whole refuses them too,
    /// and for their layout only when the record list does not start in the first chunk with
    /// its key as it is written (not at all, or with an escape).
    fn agrees(dir: &Path, file: DataFile, bytes: &[u8]) {
        let path = dir.join(file.file_name());
        let options = Options::default();
        let read = streamed(dir, file, bytes, &options);
        let expected = whole(&path, file, bytes, &options);
        match read {
            Ok(read) => assert_eq!(Some(read), expected),
            Err(Declined::Refused) => assert_eq!(expected, None, "refused, but read whole"),
            Err(Declined::Layout) => {
                let head = &bytes[..bytes.len().min(crate::files::CHUNK)];
                assert_eq!(
                    scan::list_start(head, file.name()),
                    None,
                    "declined for its layout"
                );
            }
        }
    }

    /// `bytes`, written to `path` and read a chunk at a time to the end of their records,
    /// some refused: the file rewound, and the records.
    fn refusing(
        path: &Path,
        file: DataFile,
        bytes: &[u8],
        options: &Options,
    ) -> (crate::files::Opened, records::Strictly) {
        std::fs::write(path, bytes).unwrap();
        let opened = crate::files::open_for_prefix(path).unwrap().unwrap();
        match super::read(path, file, opened, options.max_file_size + 1, options) {
            Ok(Streamed::Refusing(rewound, strictly)) => (rewound, strictly),
            _ => panic!("not read to the end of its records"),
        }
    }

    /// Records the strict wrapper refuses (an unknown member, a wrong type, `null`, a date
    /// that is no date, a syntax error inside the record, one longer than many chunks, the
    /// last record) are stepped over and the rest read on: the file is handed on with its
    /// records, a `null` in each refused one's place, and explaining it with them gives what
    /// explaining it from its text gives. A record that is not an object is declined as
    /// before (its end is not found by skipping).
    #[test]
    fn refused_records_are_stepped_over_and_their_neighbours_read() {
        let tmp = scratch("refused");
        let dir = tmp.path();
        let options = Options::default();
        let file = DataFile::Events;
        let value: Value = serde_json::from_slice(&bundled(file)).unwrap();
        let n = value["events"].as_array().unwrap().len();
        let long = "y".repeat(3 * crate::files::CHUNK);
        let edits: [(usize, &str, Value); 5] = [
            (0, "unknown", Value::from(1)),
            (1, "title", Value::from(7)),
            (n / 2, "summary", Value::Null),
            (n / 2 + 1, "date", Value::from("2022-02-30")),
            (n - 1, "notes", Value::from(long.clone())),
        ];
        let mut edited = value.clone();
        for (i, key, v) in &edits {
            edited["events"][*i][*key] = v.clone();
        }
        // The long record is refused too: a member the model does not know, after its notes.
        edited["events"][n - 1]["unknown"] = Value::from(true);
        let text = serde_json::to_string_pretty(&edited).unwrap();
        // A syntax error inside a record: a missing comma between two members.
        let broken = text.replacen("\",\n      \"title\"", "\"\n      \"title\"", 1);
        assert!(broken != text, "no comma taken out");
        let path = dir.join(file.file_name());
        for bytes in [text.as_bytes(), broken.as_bytes()] {
            let (rewound, strictly) = refusing(&path, file, bytes, &options);
            let (again, _) = rewound.read_keeping(options.max_file_size + 1).unwrap();
            assert_eq!(again, bytes);
            assert_eq!(strictly.records.len(), n);
            assert!(
                strictly.refused.len() >= edits.len(),
                "{:?}",
                strictly.refused
            );
            for (i, _, _) in &edits {
                assert!(strictly.refused.contains(i), "{i}");
            }
            refusing_explains_as_reading_again(&path, file, bytes, strictly, &options);
        }
        // The file changed before it is read whole (a byte in a record, the same length; or
        // a byte more at its end): the records read are not joined with its text.
        let mut changed = text.clone().into_bytes();
        let at = text.find("Iran").unwrap();
        changed[at] = b'J';
        for after in [changed, [text.as_bytes(), b" "].concat()] {
            let (rewound, _) = refusing(&path, file, text.as_bytes(), &options);
            std::fs::write(&path, &after).unwrap();
            let Err(e) = rewound.read_keeping(options.max_file_size + 1) else {
                panic!("read as if it had not changed");
            };
            assert_eq!(
                crate::files::refusal(&e),
                Some(&crate::files::Refusal::ChangedWhileRead)
            );
        }
        // A record that is a string or a number is not stepped over.
        for record in [Value::from("x"), Value::from(3)] {
            let mut edited = value.clone();
            edited["events"][1] = record;
            let bytes = serde_json::to_vec_pretty(&edited).unwrap();
            assert_eq!(
                streamed(dir, file, &bytes, &options).err(),
                Some(Declined::Refused)
            );
        }
    }

    /// The guess at the records left is the bytes left at the mean record's length (with a
    /// sixteenth more), and never fails: no records, a file shorter than what was read (its
    /// length is a hint), a length no address space holds.
    #[test]
    fn the_records_left_are_guessed_from_the_mean_length() {
        use super::records_left;
        // 64 records of 99 bytes and a comma each: 100 bytes a record, 10,000 bytes left.
        let spans: Vec<(usize, usize)> = (0..64).map(|i| (i * 100, i * 100 + 99)).collect();
        let read = spans[63].1;
        assert_eq!(records_left(&spans, (read + 10_000) as u64), 100 + 100 / 16);
        assert_eq!(records_left(&[], 1 << 40), 0);
        assert_eq!(records_left(&spans, 5), 0);
        assert!(records_left(&spans, u64::MAX) > 0);
    }

    /// A file of more records than are read before room is made for the rest (the bundled
    /// files hold fewer) is read as reading it whole reads it, every record in its place.
    #[test]
    fn a_file_longer_than_the_guess_waits_for_is_read_as_whole_reading_reads_it() {
        let tmp = scratch("guess");
        let dir = tmp.path();
        let options = Options::default();
        let file = DataFile::Events;
        let mut value: Value = serde_json::from_slice(&bundled(file)).unwrap();
        let records = value["events"].as_array().unwrap().clone();
        let many: Vec<Value> = records
            .iter()
            .cycle()
            .take(4 * super::GUESS_AFTER)
            .cloned()
            .collect();
        value["events"] = Value::Array(many);
        let bytes = serde_json::to_vec_pretty(&value).unwrap();
        let read = streamed(dir, file, &bytes, &options);
        let path = dir.join(file.file_name());
        let expected = whole(&path, file, &bytes, &options);
        assert_eq!(
            expected.as_ref().map(|(_, r, _)| r.len()),
            Some(4 * super::GUESS_AFTER)
        );
        assert_eq!(read.ok(), expected);
    }

    /// Characters of two, three and four bytes cut by a chunk's end, one to three bytes in,
    /// are held whole: the file is read as reading it whole reads it.
    #[test]
    fn a_character_cut_by_a_chunks_end_is_held_whole() {
        let tmp = scratch("cut-character");
        let dir = tmp.path();
        let options = Options::default();
        let file = DataFile::Events;
        let mut value: Value = serde_json::from_slice(&bundled(file)).unwrap();
        for c in ['é', '中', '😀'] {
            value["events"][0]["summary"] = Value::String(format!("{c}{c}{c}"));
            let text = serde_json::to_string_pretty(&value).unwrap();
            let list = text.find("\"events\": [").unwrap() + "\"events\": [".len();
            let at = text.find(c).unwrap();
            for cut in 1..c.len_utf8() {
                // Whitespace after the list's `[` moves the character so that the first
                // chunk ends `cut` bytes into it.
                let chunk = crate::files::CHUNK;
                let pad = (chunk - (at + cut) % chunk) % chunk;
                let bytes = [&text[..list], &" ".repeat(pad), &text[list..]].concat();
                assert_eq!((at + pad + cut) % chunk, 0);
                let read = streamed(dir, file, bytes.as_bytes(), &options);
                assert!(read.is_ok(), "{c} cut {cut} bytes in");
                let path = dir.join(file.file_name());
                let expected = whole(&path, file, bytes.as_bytes(), &options);
                assert_eq!(read.ok(), expected, "{c} cut {cut} bytes in");
            }
        }
    }

    /// Bytes that are not UTF-8 anywhere (in the top level before or after the records, in a
    /// record, across a chunk's end, a character the file's end cuts) are declined as refused,
    /// as reading the file whole refuses them.
    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        let tmp = scratch("not-utf8");
        let dir = tmp.path();
        let options = Options::default();
        let file = DataFile::Events;
        let text = String::from_utf8(bundled(file)).unwrap();
        let list = text.find("\"events\": [").unwrap();
        let chunk = crate::files::CHUNK;
        let cases: [(&str, usize, &[u8]); 7] = [
            ("before the list", list, b"\xff"),
            (
                "in the first record",
                text.find("\"summary\": \"").unwrap() + 13,
                b"\xc3",
            ),
            ("a stray continuation byte", 3 * chunk + 7, b"\x80"),
            ("a character begun at a chunk's end", chunk - 1, b"\xe4\xb8"),
            ("an overlong form", 2 * chunk, b"\xc0\xaf"),
            ("after the list", text.rfind(']').unwrap() + 1, b"\xfe"),
            (
                "a character the file's end cuts",
                text.len(),
                b"\xf0\x9f\x98",
            ),
        ];
        for (case, at, bad) in cases {
            let mut bytes = text.as_bytes().to_vec();
            bytes.splice(at..at, bad.iter().copied());
            let read = streamed(dir, file, &bytes, &options);
            assert!(matches!(read, Err(Declined::Refused)), "{case}");
            let path = dir.join(file.file_name());
            assert_eq!(whole(&path, file, &bytes, &options), None, "{case}");
        }
    }

    /// Layouts around the record list that a reading which skips over records could take for
    /// another: each is read as reading it whole reads it.
    #[test]
    fn the_layout_around_the_records_is_held_to_whole_reading() {
        let tmp = scratch("layout");
        let dir = tmp.path();
        let file = DataFile::Events;
        let text = String::from_utf8(bundled(file)).unwrap();
        let last = text.rfind('}').unwrap();
        let list_end = text[..last].rfind('}').unwrap() + 1;
        let edits: Vec<String> = vec![
            // A trailing comma, a leading one, two, none.
            format!("{},{}", &text[..list_end], &text[list_end..]),
            text.replacen("[\n    {", "[\n    ,{", 1),
            text.replacen("},\n    {", "},,\n    {", 1),
            text.replacen("},\n    {", "}\n    {", 1),
            text.replacen("},\n    {", "}]\n    {", 1),
            // After the top level: something, or another value.
            format!("{text}x"),
            format!("{text}{{}}"),
            format!("{text}  \n"),
            // The list key escaped (read whole only), twice, or not a list.
            text.replacen("\"events\"", "\"ev\\u0065nts\"", 1),
            format!("{}, \"events\": []\n}}\n", &text[..last]),
            text.replacen("\"events\": [", "\"events\": {\"x\": [", 1),
            // Members after the list: one the schema refuses, one nested (refused whole).
            format!("{}, \"extra\": 1\n}}\n", &text[..last]),
            format!("{}, \"extra\": [1]\n}}\n", &text[..last]),
            format!("{}, \"extra\": \"\\u00e9\"\n}}\n", &text[..last]),
            // Whitespace before the first key, or the list, longer than a chunk: read whole,
            // in one pass.
            format!("{{{}{}", " ".repeat(2 * crate::files::CHUNK), &text[1..]),
            text.replacen(
                "\"events\": [",
                &format!("\"events\":{}[", "\n".repeat(2 * crate::files::CHUNK)),
                1,
            ),
            // A byte-order mark; no top level; nothing.
            format!("\u{feff}{text}"),
            text[..list_end].to_owned(),
            String::new(),
        ];
        for (i, edit) in edits.iter().enumerate() {
            assert_ne!(edit, &text, "{i}");
            agrees(dir, file, edit.as_bytes());
        }
    }
}
