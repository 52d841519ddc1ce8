//! Turning JSON pointers and byte offsets into lines and columns.
//!
//! Locating is kept off the path of valid files: a [`Locator`] is only built for a file that
//! has diagnostics, and it scans the text once, on the first pointer it is asked about,
//! recording the span of every value.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::Diagnostic;
use super::diagnostic::Location;
use super::scan::{self, Seg, Sink, decode_key};

/// Lines (ending at `\n`) by byte offset, without a list of every line's start: a pretty
/// file of a hundred thousand records has five million lines, and listing them took three
/// quarters of the time spent locating its problems. The newlines before each block of
/// [`Lines::BLOCK`] bytes are counted once, with memchr's vectorised count; a question about
/// an offset then counts within its block only.
pub(crate) struct Lines {
    /// For each block: the newlines before it, and where the line it begins in starts.
    blocks: Vec<(usize, usize)>,
}

impl Lines {
    const BLOCK: usize = 4096;

    pub(crate) fn new(text: &[u8]) -> Lines {
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let (mut before, mut start) = (0, 0);
        for (k, block) in text.chunks(Self::BLOCK).enumerate() {
            blocks.push((before, start));
            before += memchr::memchr_iter(b'\n', block).count();
            if let Some(last) = memchr::memrchr(b'\n', block) {
                start = k * Self::BLOCK + last + 1;
            }
        }
        if blocks.is_empty() {
            blocks.push((0, 0));
        }
        Lines { blocks }
    }

    /// The 1-based line that `offset` (at most the text's length) is on, and where that line
    /// starts.
    fn line_of(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let k = (offset / Self::BLOCK).min(self.blocks.len() - 1);
        let (before, start) = self.blocks[k];
        let from = k * Self::BLOCK;
        let within = &text[from..offset];
        let line = before + memchr::memchr_iter(b'\n', within).count() + 1;
        let start = memchr::memrchr(b'\n', within).map_or(start, |i| from + i + 1);
        (line, start)
    }

    /// Where the 1-based line `line` starts (line 0 is taken as 1), if the text has it.
    fn start_of(&self, text: &[u8], line: usize) -> Option<usize> {
        // The newline that ends the line before it: the `want`-th of the text.
        let want = line.saturating_sub(1);
        if want == 0 {
            return Some(0);
        }
        // The last block with fewer newlines before it (the first has none before it).
        let k = self.blocks.partition_point(|&(before, _)| before < want) - 1;
        let from = k * Self::BLOCK;
        let block = &text[from..(from + Self::BLOCK).min(text.len())];
        let nth = want - self.blocks[k].0;
        memchr::memchr_iter(b'\n', block)
            .nth(nth - 1)
            .map(|i| from + i + 1)
    }

    /// Line `n` (1-based) of `text` (the text these lines were counted in) without its line
    /// ending, as `str::lines` would give it. Found by blocks at both ends, never by reading
    /// the line: a minified file is one line, asked for once per problem in it.
    pub(crate) fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        if n == 0 {
            return None;
        }
        let start = self.start_of(text.as_bytes(), n)?;
        if start == text.len() {
            return None;
        }
        let end = self
            .start_of(text.as_bytes(), n + 1)
            .map_or(text.len(), |next| next - 1);
        let line = &text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Escapes a key as a JSON pointer segment (RFC 6901).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Records the span of values by their JSON pointer: every value, or (when `records` is
/// set) only those at the top level or inside the records listed, so that locating a few
/// problems in a file of a million records builds a few thousand pointers, not millions.
struct Spans {
    map: HashMap<String, (usize, usize)>,
    records: Option<HashSet<usize>>,
    /// When scanning one record's text alone: its pointer (`/events/3`) and where its text
    /// starts in the file.
    within: Option<(String, usize)>,
}

impl<'a> Sink<'a> for Spans {
    fn value(&mut self, path: &[Seg<'a>], start: usize, end: usize) {
        if let (Some(records), Some(Seg::Index(i))) = (&self.records, path.get(1))
            && self.within.is_none()
            && !records.contains(i)
        {
            return;
        }
        let (mut pointer, offset) = match &self.within {
            Some((record, offset)) => (record.clone(), *offset),
            None => (String::new(), 0),
        };
        let (start, end) = (start + offset, end + offset);
        for seg in path {
            pointer.push('/');
            match seg {
                Seg::Key(raw) => pointer.push_str(&escape(&decode_key(raw))),
                Seg::Index(i) => pointer.push_str(&i.to_string()),
            }
        }
        self.map.insert(pointer, (start, end));
    }
}

/// Finds lines and columns in one file's text.
pub(crate) struct Locator<'a> {
    text: &'a str,
    lines: Lines,
    spans: Option<HashMap<String, (usize, usize)>>,
    /// The records (second pointer segments) whose values are wanted; `None`: all.
    records: Option<HashSet<usize>>,
    /// The file's record list name and where each record's text is, when typed-first
    /// reading found them: a record's values are then found by scanning that record alone.
    record_spans: Option<(&'a str, &'a [(usize, usize)])>,
    max_depth: usize,
    /// Bytes at the start of the text that are not counted in columns: a byte-order mark,
    /// blanked out as three spaces, which editors do not show.
    skip: usize,
    /// The last offset turned into a column, for starts and for ends of spans: (offset,
    /// line, column). Counting on from it keeps locating linear when many diagnostics sit on
    /// one long line (a minified file), instead of counting from the line's start each time.
    memo: [Cell<(usize, usize, usize)>; 2],
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str, max_depth: usize) -> Self {
        Locator {
            text,
            lines: Lines::new(text.as_bytes()),
            spans: None,
            records: None,
            record_spans: None,
            max_depth,
            skip: 0,
            memo: [Cell::new((0, 0, 0)), Cell::new((0, 0, 0))],
        }
    }

    /// Whether the text starts with a (blanked-out) byte-order mark. It counts as no
    /// character: columns on line 1 are those an editor shows.
    pub(crate) fn with_bom(mut self, bom: bool) -> Self {
        self.skip = if bom { 3 } else { 0 };
        self
    }

    /// Where each record of the list `name` is in the text: locating a pointer into a record
    /// then scans that record, not the whole file.
    pub(crate) fn with_records(mut self, name: &'a str, spans: &'a [(usize, usize)]) -> Self {
        self.record_spans = Some((name, spans));
        self
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let (line, column, _) = self.line_column_with(offset, 0);
        (line, column)
    }

    /// The line and column of `offset`, and where its line starts.
    fn line_column_with(&self, offset: usize, memo: usize) -> (usize, usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, mut start) = self.lines.line_of(self.text.as_bytes(), offset);
        if line == 1 {
            start = self.skip.min(offset);
        }
        let (memo_offset, memo_line, memo_column) = self.memo[memo].get();
        let column = if memo_line == line && memo_offset >= start && memo_offset <= offset {
            memo_column + self.text[memo_offset..offset].chars().count()
        } else {
            self.text[start..offset].chars().count() + 1
        };
        self.memo[memo].set((offset, line, column));
        (line, column, start)
    }

    /// The byte offset of a 1-based line and column as serde_json counts them.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(start) = self.lines.start_of(self.text.as_bytes(), line) else {
            return self.text.len();
        };
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    /// The location of a span, and where its first line starts in the text as shown (without
    /// a byte-order mark): [`Diagnostic::line_start`].
    fn place(&self, start: usize, end: usize) -> (Location, usize) {
        let (line, column, line_start) = self.line_column_with(start, 0);
        let (end_line, end_column, _) = self.line_column_with(end.max(start), 1);
        let location = Location {
            line,
            column,
            end_line,
            end_column,
        };
        (location, line_start.saturating_sub(self.skip))
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that exists.
    pub(crate) fn span(&mut self, pointer: &str) -> Option<(usize, usize)> {
        let spans = self.spans.get_or_insert_with(|| {
            let mut spans = Spans {
                map: HashMap::new(),
                records: self.records.take(),
                within: None,
            };
            match (&spans.records, self.record_spans) {
                (Some(records), Some((name, at))) => {
                    let mut records: Vec<usize> = records.iter().copied().collect();
                    records.sort_unstable();
                    for i in records {
                        // The spans were found in this text; a record is skipped rather
                        // than sliced out of range should they not fit it.
                        let Some((start, text)) = at
                            .get(i)
                            .and_then(|&(start, end)| Some((start, self.text.get(start..end)?)))
                        else {
                            continue;
                        };
                        let record = format!("/{}/{i}", escape(name));
                        spans.within = Some((record, start));
                        scan::scan(text, self.max_depth, &mut spans);
                    }
                }
                _ => {
                    scan::scan(self.text, self.max_depth, &mut spans);
                }
            }
            spans.map
        });
        let mut p = pointer;
        loop {
            if let Some(span) = spans.get(p) {
                return Some(*span);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// Fills in the location of each diagnostic, in the order of their offsets in the file
    /// so that the column count advances through the text once.
    pub(crate) fn locate_all(&mut self, diagnostics: &mut [Diagnostic]) {
        // Only the records some pointer names need their values' spans.
        if self.spans.is_none() {
            let mut records = HashSet::new();
            let mut all = false;
            for p in diagnostics.iter().filter_map(|d| d.pointer.as_deref()) {
                let mut segs = p.split('/');
                match segs.nth(2).map(str::parse::<usize>) {
                    // Into a record of the file's record list.
                    Some(Ok(i))
                        if self
                            .record_spans
                            .is_none_or(|(name, _)| p[1..].split('/').next() == Some(name)) =>
                    {
                        records.insert(i);
                    }
                    Some(_) => all = true,
                    // At the top level: found by a scan of the whole file, unless no record is
                    // scanned alone.
                    None if self.record_spans.is_some() => all = true,
                    None => {}
                }
            }
            self.records = (!all).then_some(records);
        }
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(diagnostics.len());
        for (i, d) in diagnostics.iter().enumerate() {
            if d.location.is_some() {
                continue;
            }
            let start = match (d.offset, &d.pointer) {
                (Some((offset, _)), _) => Some(offset),
                (None, Some(pointer)) => self.span(pointer).map(|(s, _)| s),
                (None, None) => None,
            };
            if let Some(start) = start {
                spans.push((start, i));
            }
        }
        spans.sort_unstable();
        for (_, i) in spans {
            self.locate(&mut diagnostics[i]);
        }
    }

    /// Sets a diagnostic's location to a span, with where its line starts.
    fn set(&self, d: &mut Diagnostic, start: usize, end: usize) {
        let (location, line_start) = self.place(start, end);
        d.location = Some(location);
        d.line_start.0 = Some((location.line, line_start));
    }

    /// Fills in a diagnostic's location from its byte offset or pointer.
    pub(crate) fn locate(&mut self, d: &mut Diagnostic) {
        if d.location.is_some() {
            return;
        }
        if let Some((offset, end)) = d.offset {
            let offset = offset.min(self.text.len());
            let end = if end > offset {
                end
            } else {
                let mut next = offset;
                while next < self.text.len() {
                    next += 1;
                    if self.text.is_char_boundary(next) {
                        break;
                    }
                }
                next
            };
            self.set(d, offset, end);
        } else if let Some(pointer) = &d.pointer
            && let Some((start, end)) = self.span(pointer)
        {
            // Whether the pointer's own value was found (not an ancestor's).
            let exact = self
                .spans
                .as_ref()
                .is_some_and(|s| s.contains_key(pointer.as_str()));
            // The member's key, when its own value was found.
            let key = (d.at_key && exact)
                .then(|| key_before(self.text, start))
                .flatten();
            let (start, end) = key.unwrap_or((start, end));
            self.set(d, start, end);
            // Only the value's own span (not an ancestor's) holds it as written.
            if let Some(shown) = d.written.take()
                && exact
                && let Some(raw) = self.text.get(start..end)
                && raw.len() <= 64
                && raw != shown
            {
                d.message = d.message.replacen(&shown, raw, 1);
            }
        }
    }
}

/// The span of the key (its quotes included) of the object member whose value starts at
/// `value`: `"key": value`, with any whitespace around the colon. `None` when the text before
/// the value is not that (an array element).
fn key_before(text: &str, value: usize) -> Option<(usize, usize)> {
    let before = text.get(..value)?.trim_end_matches([' ', '\t', '\n', '\r']);
    let before = before
        .strip_suffix(':')?
        .trim_end_matches([' ', '\t', '\n', '\r']);
    let end = before.len();
    let mut inner = before.strip_suffix('"')?;
    // The opening quote: the last `"` not escaped by an odd run of backslashes.
    loop {
        let at = inner.rfind('"')?;
        let slashes = inner[..at]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        if slashes % 2 == 0 {
            return Some((at, end));
        }
        inner = &inner[..at];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_before_a_value_is_found_escapes_and_all() {
        fn key(text: &str) -> Option<&str> {
            let value = text.rfind('V').unwrap();
            key_before(text, value).map(|(s, e)| &text[s..e])
        }
        assert_eq!(key(r#"{"sumary": V}"#), Some(r#""sumary""#));
        assert_eq!(key("{\n  \"a\"\n  :\n  V}"), Some("\"a\""));
        assert_eq!(key(r#"{"a\"b": V}"#), Some(r#""a\"b""#));
        assert_eq!(key(r#"{"a\\": V}"#), Some(r#""a\\""#));
        assert_eq!(key(r#"["a", V]"#), None);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "{\n  \"é\": \"ü\",\n  \"b\": 1\n}\n";
        let mut l = Locator::new(text, 64);
        let (s, e) = l.span("/b").unwrap();
        assert_eq!(l.place(s, e).0.line, 3);
        assert_eq!(l.place(s, e).0.column, 8);
        // And where line 3 starts.
        assert_eq!(l.place(s, e).1, text.find("  \"b\"").unwrap());
        let (s, _) = l.span("/é").unwrap();
        assert_eq!(l.line_column(s), (2, 8));
        // A pointer that does not exist falls back to its parent.
        assert_eq!(l.span("/b/x/y"), l.span("/b"));
        assert_eq!(l.line_column(0), (1, 1));
    }

    #[test]
    fn a_byte_order_mark_counts_as_no_character() {
        // As syntax.rs leaves it: the three bytes of the BOM blanked out.
        let text = "   {\"a\": 1,\n \"b\": 2}";
        let mut l = Locator::new(text, 64).with_bom(true);
        let (s, _) = l.span("/a").unwrap();
        assert_eq!(l.line_column(s), (1, 7));
        assert_eq!(l.line_column(0), (1, 1));
        assert_eq!(l.line_column(3), (1, 1));
        let (s, _) = l.span("/b").unwrap();
        assert_eq!(l.line_column(s), (2, 7));
    }

    #[test]
    fn columns_on_one_long_line_count_on_from_the_last() {
        let text = format!("[{}]", vec!["\"é\""; 1000].join(","));
        let l = Locator::new(&text, 64);
        // Forwards (memoised) and backwards (from the line start) agree.
        let forwards: Vec<_> = (0..text.len())
            .step_by(7)
            .map(|o| l.line_column(o))
            .collect();
        let backwards: Vec<_> = (0..text.len())
            .step_by(7)
            .rev()
            .map(|o| l.line_column(o))
            .collect();
        assert!(forwards.iter().eq(backwards.iter().rev()));
        assert_eq!(l.line_column(text.len()), (1, 1 + 2 + 1000 * 4 - 1));
    }

    proptest::proptest! {
        /// Lines and their starts, counted by blocks, are those of a list of every line start
        /// (texts long enough to span blocks, with lines of every length).
        #[test]
        fn lines_by_block_are_lines(
            parts in proptest::collection::vec(("[a\u{e9}]{0,3}", 0usize..9000, "\n|\r\n|"), 0..12),
        ) {
            let mut text = String::new();
            for (chars, run, end) in &parts {
                text.push_str(chars);
                text.push_str(&"x".repeat(*run));
                text.push_str(end);
            }
            let starts: Vec<usize> = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            let lines = Lines::new(text.as_bytes());
            for offset in (0..=text.len()).step_by(97).chain([text.len()]) {
                let line = starts.partition_point(|&s| s <= offset);
                proptest::prop_assert_eq!(lines.line_of(text.as_bytes(), offset), (line, starts[line - 1]));
            }
            for n in 0..starts.len() + 2 {
                let want = starts.get(n.saturating_sub(1)).copied();
                proptest::prop_assert_eq!(lines.start_of(text.as_bytes(), n), want, "line {}", n);
            }
        }
    }

    #[test]
    fn escaped_pointer_segments() {
        let text = r#"{"a/b": {"c~d": 1}}"#;
        let mut l = Locator::new(text, 64);
        let (s, e) = l.span("/a~1b/c~0d").unwrap();
        assert_eq!(&text[s..e], "1");
    }
}
