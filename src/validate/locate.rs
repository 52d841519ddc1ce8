//! Turning JSON pointers and byte offsets into lines and columns.
//!
//! Locating is kept off the path of valid files: a [`Locator`] is only built for a file that
//! has diagnostics, and it scans the text once, on the first pointer it is asked about,
//! recording the span of every value.

use std::collections::HashMap;

use super::Diagnostic;
use super::diagnostic::Location;
use super::scan::{self, Seg, Sink, decode_key};

/// Byte offsets of the start of each line.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Escapes a key as a JSON pointer segment (RFC 6901).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Records the span of every value by its JSON pointer.
struct Spans(HashMap<String, (usize, usize)>);

impl<'a> Sink<'a> for Spans {
    fn value(&mut self, path: &[Seg<'a>], start: usize, end: usize) {
        let mut pointer = String::new();
        for seg in path {
            pointer.push('/');
            match seg {
                Seg::Key(raw) => pointer.push_str(&escape(&decode_key(raw))),
                Seg::Index(i) => pointer.push_str(&i.to_string()),
            }
        }
        self.0.insert(pointer, (start, end));
    }
}

/// Finds lines and columns in one file's text.
pub(crate) struct Locator<'a> {
    text: &'a str,
    lines: Vec<usize>,
    spans: Option<HashMap<String, (usize, usize)>>,
    max_depth: usize,
    /// Bytes at the start of the text that are not counted in columns: a byte-order mark,
    /// blanked out as three spaces, which editors do not show.
    skip: usize,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str, max_depth: usize) -> Self {
        Locator {
            text,
            lines: line_starts(text),
            spans: None,
            max_depth,
            skip: 0,
        }
    }

    /// Whether the text starts with a (blanked-out) byte-order mark. It counts as no
    /// character: columns on line 1 are those an editor shows.
    pub(crate) fn with_bom(mut self, bom: bool) -> Self {
        self.skip = if bom { 3 } else { 0 };
        self
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.partition_point(|&s| s <= offset).max(1);
        let mut start = self.lines[line - 1];
        if line == 1 {
            start = self.skip.min(offset);
        }
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The byte offset of a 1-based line and column as serde_json counts them.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.lines.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    /// The location of a span.
    pub(crate) fn location(&self, start: usize, end: usize) -> Location {
        let (line, column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end.max(start));
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that exists.
    pub(crate) fn span(&mut self, pointer: &str) -> Option<(usize, usize)> {
        let spans = self.spans.get_or_insert_with(|| {
            let mut spans = Spans(HashMap::new());
            scan::scan(self.text, self.max_depth, &mut spans);
            spans.0
        });
        let mut p = pointer;
        loop {
            if let Some(span) = spans.get(p) {
                return Some(*span);
            }
            p = &p[..p.rfind('/')?];
        }
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
            d.location = Some(self.location(offset, end));
        } else if let Some(pointer) = &d.pointer
            && let Some((start, end)) = self.span(pointer)
        {
            d.location = Some(self.location(start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "{\n  \"é\": \"ü\",\n  \"b\": 1\n}\n";
        let mut l = Locator::new(text, 64);
        let (s, e) = l.span("/b").unwrap();
        assert_eq!(l.location(s, e).line, 3);
        assert_eq!(l.location(s, e).column, 8);
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
    fn escaped_pointer_segments() {
        let text = r#"{"a/b": {"c~d": 1}}"#;
        let mut l = Locator::new(text, 64);
        let (s, e) = l.span("/a~1b/c~0d").unwrap();
        assert_eq!(&text[s..e], "1");
    }
}
