//! A small iterative JSON scanner: the structure of a text, with byte offsets.
//!
//! serde_json parses faster and is the authority on whether a text is JSON, but it throws
//! positions away and keeps only the last of two duplicate keys. This scanner walks the same
//! text once, with an explicit stack instead of recursion (so no input can overflow the stack),
//! and reports what serde_json cannot: every trailing comma, every duplicate key, nesting past
//! a limit, and the byte span of every value by JSON pointer (for the locator).
//!
//! It does not validate JSON: on anything it does not understand it stops quietly and leaves
//! the error to serde_json, which says what was expected.

use crate::validate::maps::Map;
use std::borrow::Cow;

/// One step of a path from the root to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// An object member, by its raw key (escapes not decoded, quotes removed).
    Key(&'a str),
    /// An array element.
    Index(usize),
}

/// Receives the span of every value as the scan completes it (children before parents).
pub(crate) trait Sink<'a> {
    /// `path` leads to the value, which occupies `start..end` of the text.
    fn value(&mut self, path: &[Seg<'a>], start: usize, end: usize);

    /// The key just read, which ends `path`, is written with an escape (`"\u0061"`). Called
    /// before the key's value: the scanner decodes keys anyway, so a sink that cares need not
    /// search every key again.
    fn escaped_key(&mut self, path: &[Seg<'a>]) {
        let _ = path;
    }
}

/// A sink that wants nothing.
pub(crate) struct NoSink;

impl Sink<'_> for NoSink {
    fn value(&mut self, _: &[Seg<'_>], _: usize, _: usize) {}
}

/// A key that appears a second time in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    /// The key, escapes decoded.
    pub(crate) key: String,
    /// The span of the second occurrence (quotes included).
    pub(crate) span: (usize, usize),
    /// The start of the first occurrence.
    pub(crate) first: usize,
}

/// What the scan found besides the values it passed to the sink.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Findings {
    /// Byte offsets of commas directly before a `]` or `}`.
    pub(crate) trailing_commas: Vec<usize>,
    /// Keys repeated within one object.
    pub(crate) duplicate_keys: Vec<DuplicateKey>,
    /// The offset of the first bracket past the depth limit; the scan stops there.
    pub(crate) too_deep: Option<usize>,
    /// Whether the scan stopped early on text it does not understand.
    pub(crate) gave_up: bool,
}

impl Findings {
    /// Whether the scan found nothing to report and understood the whole text.
    pub(crate) fn is_clean(&self) -> bool {
        self.trailing_commas.is_empty()
            && self.duplicate_keys.is_empty()
            && self.too_deep.is_none()
            && !self.gave_up
    }
}

/// The keys seen so far in one object: a short list, or a map once the object is large, so
/// that an object with very many keys is not checked in quadratic time.
#[derive(Default)]
struct Keys<'a> {
    /// Each key with its [`fingerprint`] and start.
    list: Vec<(u64, Cow<'a, str>, usize)>,
    map: Map<Cow<'a, str>, usize>,
}

/// A key's length and first bytes in one word: two keys with different fingerprints differ,
/// so most comparisons in a short object are one integer comparison.
fn fingerprint(key: &str) -> u64 {
    let b = key.as_bytes();
    let mut head = [0u8; 8];
    let n = b.len().min(6);
    head[..n].copy_from_slice(&b[..n]);
    // Lengths past 65,535 share a fingerprint; the full comparison still tells them apart.
    let len = u16::try_from(b.len()).unwrap_or(u16::MAX).to_le_bytes();
    head[6..].copy_from_slice(&len);
    u64::from_le_bytes(head)
}

impl<'a> Keys<'a> {
    const LIST_MAX: usize = 32;

    fn clear(&mut self) {
        self.list.clear();
        self.map.clear();
    }

    /// Records `key` at `start`; returns the start of an earlier occurrence.
    fn insert(&mut self, key: Cow<'a, str>, start: usize) -> Option<usize> {
        if self.map.is_empty() {
            let print = fingerprint(&key);
            if let Some((_, _, first)) = self.list.iter().find(|(p, k, _)| *p == print && *k == key)
            {
                return Some(*first);
            }
            if self.list.len() < Self::LIST_MAX {
                self.list.push((print, key, start));
                return None;
            }
            self.map
                .extend(self.list.drain(..).map(|(_, key, start)| (key, start)));
        }
        match self.map.get(&key) {
            Some(first) => Some(*first),
            None => {
                self.map.insert(key, start);
                None
            }
        }
    }
}

enum Frame<'a> {
    Object { start: usize, keys: Keys<'a> },
    Array { start: usize, index: usize },
}

#[derive(Clone, Copy)]
enum State {
    /// A value is expected.
    Value,
    /// Inside an object: a key or `}`; `comma` is the offset of a preceding comma.
    Key { comma: Option<usize> },
    /// Inside an array: a value or `]`.
    Element { comma: Option<usize> },
    /// A value has just ended.
    After,
}

/// Decodes a raw key (the text between the quotes) when it has escapes.
pub(crate) fn decode_key(raw: &str) -> Cow<'_, str> {
    if has_escape(raw) {
        serde_json::from_str::<String>(&format!("\"{raw}\""))
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(raw))
    } else {
        Cow::Borrowed(raw)
    }
}

pub(crate) fn skip_whitespace(b: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes(*b"        ");
    loop {
        // Eight bytes at a time: indentation comes in runs (a pretty-printed file is a third
        // spaces), and a newline and its indentation take two steps, not one per byte.
        if let Some(word) = b.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
            let diff = u64::from_le_bytes(*word) ^ SPACES;
            if diff == 0 {
                i += 8;
                continue;
            }
            // The spaces before the first other byte (little-endian: the lowest byte first).
            i += (diff.trailing_zeros() / 8) as usize;
        }
        match b.get(i) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => i += 1,
            _ => return i,
        }
    }
}

/// The offset just after the string starting at `i` (which is a quote), if it is closed.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        // The next quote or backslash, found with memchr's vectorised search: most strings
        // are long runs of neither.
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[j] == b'"' {
            return Some(j + 1);
        }
        // Step over the escaped character.
        j += 2;
    }
}

/// The offset just after the value starting at `i` (no whitespace before it), skipped
/// without looking inside: strings by their quotes, containers by counting brackets outside
/// strings, scalars up to the next delimiter. It checks nothing (a `{` may close with `]`),
/// so it is only used on text already known to be JSON; on any other it returns `None` or
/// some offset in the text, and never panics.
pub(crate) fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match *b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j = skip_whitespace(b, j + 1);
            }
        }
        _ => {
            let end = scalar_end(b, i);
            (end > i).then_some(end)
        }
    }
}

/// The offset just after the scalar (a number, `true`, `false`, `null`, or anything else
/// that is not a delimiter) starting at `i`: the next delimiter or whitespace, or the end.
fn scalar_end(b: &[u8], i: usize) -> usize {
    i + b.get(i..).map_or(0, |rest| {
        rest.iter()
            .position(|c| matches!(c, b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len())
    })
}

/// The span of each element of the array that is the member `name` (as written: a key with
/// escapes does not match) of the object `text` holds, found by skipping over everything
/// else ([`value_end`]): a quarter of the time of a [`scan`], as nothing inside the elements is
/// looked at. Only for text already known to be JSON with no duplicate key at its top level.
/// `None` when the text is not laid out so (no such member, a second one, not an array).
pub(crate) fn element_spans(text: &str, name: &str) -> Option<Vec<(usize, usize)>> {
    spans_by(text, name, value_end)
}

/// Whether `spans` are the spans [`element_spans`] finds, taken as they are given: the text
/// around the list and between its elements is looked through as [`element_spans`] looks
/// through it, but each element's end is the one given (no byte inside an element is
/// read). For spans found by a reading that parsed each element (or found its end as
/// [`value_end`] does), so a file with a problem is not skipped through a second time.
pub(crate) fn are_element_spans(text: &str, name: &str, spans: &[(usize, usize)]) -> bool {
    let mut given = spans.iter();
    let ends = |b: &[u8], i: usize| {
        let &(start, end) = given.next()?;
        // A value ends at its last byte, never at whitespace after it.
        let last = end.checked_sub(1).and_then(|l| b.get(l));
        let ends = last.is_some_and(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
        (start == i && end > start && ends).then_some(end)
    };
    spans_by(text, name, ends).is_some_and(|found| found.len() == spans.len())
}

/// [`element_spans`], with `end` to find where the element starting at an offset ends.
fn spans_by(
    text: &str,
    name: &str,
    mut end: impl FnMut(&[u8], usize) -> Option<usize>,
) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    let mut i = skip_whitespace(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut found = None;
    i = skip_whitespace(b, i + 1);
    if b.get(i) == Some(&b'}') {
        return None;
    }
    loop {
        let key;
        (key, i) = member_key(b, i)?;
        if key == name.as_bytes() {
            if found.is_some() || b.get(i) != Some(&b'[') {
                return None;
            }
            let mut spans = Vec::new();
            i = skip_whitespace(b, i + 1);
            if b.get(i) != Some(&b']') {
                loop {
                    let end = end(b, i)?;
                    spans.push((i, end));
                    i = skip_whitespace(b, end);
                    match b.get(i) {
                        Some(b',') => i = skip_whitespace(b, i + 1),
                        Some(b']') => break,
                        _ => return None,
                    }
                }
            }
            found = Some(spans);
            i += 1;
        } else {
            i = value_end(b, i)?;
        }
        i = skip_whitespace(b, i);
        match b.get(i) {
            Some(b',') => i = skip_whitespace(b, i + 1),
            Some(b'}') => break,
            _ => return None,
        }
    }
    (skip_whitespace(b, i + 1) == b.len()).then_some(found?)
}

/// The key of the object member that starts at `i` (as written, between its quotes), and
/// where its value starts: what [`element_spans`] and [`list_start`] step through.
fn member_key(b: &[u8], i: usize) -> Option<(&[u8], usize)> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let key_end = string_end(b, i)?;
    let after = skip_whitespace(b, key_end);
    if b.get(after) != Some(&b':') {
        return None;
    }
    Some((&b[i + 1..key_end - 1], skip_whitespace(b, after + 1)))
}

/// The offset just after the `[` that opens the member `name` (as written) of the object
/// that `b` starts, found by skipping over the members before it, as [`element_spans`] does.
/// `None` when the bytes are not laid out so, or end before it.
pub(crate) fn list_start(b: &[u8], name: &str) -> Option<usize> {
    let mut i = skip_whitespace(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_whitespace(b, i + 1);
    loop {
        let key;
        (key, i) = member_key(b, i)?;
        if key == name.as_bytes() {
            return (b.get(i) == Some(&b'[')).then_some(i + 1);
        }
        i = skip_whitespace(b, value_end(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_whitespace(b, i + 1);
    }
}

/// Whether a string's raw text has an escape (`\\`).
pub(crate) fn has_escape(raw: &str) -> bool {
    memchr::memchr(b'\\', raw.as_bytes()).is_some()
}

/// Scans `text`, passing every value's span to `sink`. Containers deeper than `max_depth`
/// stop the scan.
pub(crate) fn scan<'a>(text: &'a str, max_depth: usize, sink: &mut impl Sink<'a>) -> Findings {
    scan_skipping(text, max_depth, sink, &[])
}

/// [`scan`], stepping over the values that start and end at the spans of `skip` (in the order
/// of the text) without looking inside them: the sink is passed each one's span, and none of
/// its members. For values known to hold nothing to report, such as records a strict reading
/// accepted; a scan that does not arrive at a value where a span starts just goes on.
pub(crate) fn scan_skipping<'a>(
    text: &'a str,
    max_depth: usize,
    sink: &mut impl Sink<'a>,
    mut skip: &[(usize, usize)],
) -> Findings {
    let b = text.as_bytes();
    let mut found = Findings::default();
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut spare: Vec<Keys<'a>> = Vec::new();
    let mut path: Vec<Seg<'a>> = Vec::new();
    let mut state = State::Value;
    let mut i = 0;
    loop {
        i = skip_whitespace(b, i);
        match state {
            State::Value => {
                while let Some((&(start, end), rest)) = skip.split_first()
                    && start <= i
                {
                    skip = rest;
                    if start == i && end > i && end <= b.len() {
                        sink.value(&path, start, end);
                        i = end;
                        state = State::After;
                    }
                }
                if matches!(state, State::After) {
                    continue;
                }
                let Some(&c) = b.get(i) else {
                    found.gave_up = true;
                    break;
                };
                match c {
                    b'{' | b'[' => {
                        if stack.len() >= max_depth {
                            found.too_deep = Some(i);
                            break;
                        }
                        if c == b'{' {
                            stack.push(Frame::Object {
                                start: i,
                                keys: spare.pop().unwrap_or_default(),
                            });
                            state = State::Key { comma: None };
                        } else {
                            stack.push(Frame::Array { start: i, index: 0 });
                            state = State::Element { comma: None };
                        }
                        i += 1;
                    }
                    b'"' => {
                        let Some(end) = string_end(b, i) else {
                            found.gave_up = true;
                            break;
                        };
                        sink.value(&path, i, end);
                        i = end;
                        state = State::After;
                    }
                    _ => {
                        let start = i;
                        i = scalar_end(b, i);
                        if i == start {
                            found.gave_up = true;
                            break;
                        }
                        sink.value(&path, start, i);
                        state = State::After;
                    }
                }
            }
            State::Key { comma } => match b.get(i) {
                Some(b'}') => {
                    if let Some(comma) = comma {
                        found.trailing_commas.push(comma);
                    }
                    let Some(Frame::Object { start, mut keys }) = stack.pop() else {
                        found.gave_up = true;
                        break;
                    };
                    // Reused by the next object: one allocation per nesting level, not one
                    // per object.
                    keys.clear();
                    spare.push(keys);
                    i += 1;
                    sink.value(&path, start, i);
                    state = State::After;
                }
                Some(b'"') => {
                    let Some(end) = string_end(b, i) else {
                        found.gave_up = true;
                        break;
                    };
                    let raw = &text[i + 1..end - 1];
                    let escaped = has_escape(raw);
                    if let Some(Frame::Object { keys, .. }) = stack.last_mut() {
                        let key = if escaped {
                            decode_key(raw)
                        } else {
                            Cow::Borrowed(raw)
                        };
                        if let Some(first) = keys.insert(key.clone(), i) {
                            found.duplicate_keys.push(DuplicateKey {
                                key: key.into_owned(),
                                span: (i, end),
                                first,
                            });
                        }
                    }
                    i = skip_whitespace(b, end);
                    if b.get(i) != Some(&b':') {
                        found.gave_up = true;
                        break;
                    }
                    i += 1;
                    path.push(Seg::Key(raw));
                    if escaped {
                        sink.escaped_key(&path);
                    }
                    state = State::Value;
                }
                _ => {
                    found.gave_up = true;
                    break;
                }
            },
            State::Element { comma } => {
                if b.get(i) == Some(&b']') {
                    if let Some(comma) = comma {
                        found.trailing_commas.push(comma);
                    }
                    let Some(Frame::Array { start, .. }) = stack.pop() else {
                        found.gave_up = true;
                        break;
                    };
                    i += 1;
                    sink.value(&path, start, i);
                    state = State::After;
                } else {
                    let Some(Frame::Array { index, .. }) = stack.last() else {
                        found.gave_up = true;
                        break;
                    };
                    path.push(Seg::Index(*index));
                    state = State::Value;
                }
            }
            State::After => {
                let Some(top) = stack.last_mut() else {
                    // The top-level value is complete; anything after it is serde_json's
                    // to report.
                    break;
                };
                path.pop();
                match (top, b.get(i)) {
                    (Frame::Object { .. }, Some(b',')) => {
                        state = State::Key { comma: Some(i) };
                        i += 1;
                    }
                    (Frame::Object { .. }, Some(b'}')) => state = State::Key { comma: None },
                    (Frame::Array { index, .. }, Some(b',')) => {
                        *index += 1;
                        state = State::Element { comma: Some(i) };
                        i += 1;
                    }
                    (Frame::Array { .. }, Some(b']')) => state = State::Element { comma: None },
                    _ => {
                        found.gave_up = true;
                        break;
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Spans(Vec<(String, usize, usize)>);

    impl<'a> Sink<'a> for Spans {
        fn value(&mut self, path: &[Seg<'a>], start: usize, end: usize) {
            let p: String = path
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => format!("/{k}"),
                    Seg::Index(i) => format!("/{i}"),
                })
                .collect();
            self.0.push((p, start, end));
        }
    }

    #[test]
    fn spans_of_every_value() {
        let text = r#"{"a": [1, "x"], "b": {"c": null}}"#;
        let mut spans = Spans(Vec::new());
        let found = scan(text, 64, &mut spans);
        assert_eq!(found, Findings::default());
        let get = |p: &str| {
            let (_, s, e) = spans.0.iter().find(|(q, ..)| q == p).unwrap();
            &text[*s..*e]
        };
        assert_eq!(get("/a/0"), "1");
        assert_eq!(get("/a/1"), "\"x\"");
        assert_eq!(get("/a"), "[1, \"x\"]");
        assert_eq!(get("/b/c"), "null");
        assert_eq!(get(""), text);
    }

    #[test]
    fn whitespace_runs_of_every_length() {
        for n in 0..40 {
            for ws in [
                " ".repeat(n),
                format!("\n{}", " ".repeat(n)),
                format!("{}\t\r\n", " ".repeat(n)),
            ] {
                let text = format!("{ws}{{{ws}\"a\"{ws}:{ws}[{ws}1{ws},{ws}\"x\"{ws}]{ws}}}{ws}");
                let mut spans = Spans(Vec::new());
                let found = scan(&text, 64, &mut spans);
                assert_eq!(found, Findings::default(), "{ws:?}");
                let get = |p: &str| {
                    let (_, s, e) = spans.0.iter().find(|(q, ..)| q == p).unwrap();
                    &text[*s..*e]
                };
                assert_eq!(get("/a/0"), "1", "{ws:?}");
                assert_eq!(get("/a/1"), "\"x\"", "{ws:?}");
                assert!(
                    get("/a").starts_with('[') && get("/a").ends_with(']'),
                    "{ws:?}"
                );
            }
        }
    }

    /// Spans given are taken only if they are the ones skipping finds: each where the
    /// element starts and ending at its last byte, as many as there are elements.
    #[test]
    fn spans_given_are_the_spans_skipping_finds_or_refused() {
        let text = r#"{"$schema": "x", "events": [ {"a": "x, y"} , {"b": [2]}
          ,{"c": "]"}], "z": 3}"#;
        let spans = element_spans(text, "events").unwrap();
        assert_eq!(spans.len(), 3);
        assert!(are_element_spans(text, "events", &spans));
        assert!(!are_element_spans(text, "z", &spans));
        let moved = |k: usize, start: isize, end: isize| {
            let mut s = spans.clone();
            s[k].0 = s[k].0.saturating_add_signed(start);
            s[k].1 = s[k].1.saturating_add_signed(end);
            s
        };
        for k in 0..spans.len() {
            for (start, end) in [(1, 0), (-1, 0), (0, 1), (0, -1), (0, -5), (0, 2)] {
                let wrong = moved(k, start, end);
                assert!(
                    !are_element_spans(text, "events", &wrong),
                    "{k} {start} {end}"
                );
            }
            let mut fewer = spans.clone();
            fewer.remove(k);
            assert!(!are_element_spans(text, "events", &fewer), "without {k}");
        }
        let mut more = spans.clone();
        more.push((text.len() - 1, text.len()));
        assert!(!are_element_spans(text, "events", &more));
        assert!(!are_element_spans(text, "events", &[]));
        assert!(are_element_spans(r#"{"events": []}"#, "events", &[]));
        // Not the file's layout: the list twice, or no object.
        let twice = r#"{"events": [{"a": 1}], "events": [{"a": 1}]}"#;
        assert!(!are_element_spans(twice, "events", &[(12, 20)]));
        assert!(!are_element_spans("[{\"a\": 1}]", "events", &[(1, 9)]));
    }

    #[test]
    fn trailing_commas_and_duplicate_keys() {
        let text = "{\"a\": [1,], \"a\": 2, \"b\": {\"c\": 1,},}";
        let found = scan(text, 64, &mut NoSink);
        assert_eq!(found.trailing_commas.len(), 3);
        assert_eq!(found.duplicate_keys.len(), 1);
        assert_eq!(found.duplicate_keys[0].key, "a");
        assert!(!found.gave_up);
    }

    #[test]
    fn escaped_keys_are_compared_decoded() {
        let found = scan(r#"{"a": 1, "\u0061": 2}"#, 64, &mut NoSink);
        assert_eq!(found.duplicate_keys.len(), 1);
    }

    #[test]
    fn large_objects_switch_to_a_map() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k70\": 0}");
        let found = scan(&text, 64, &mut NoSink);
        assert_eq!(found.duplicate_keys.len(), 1);
        assert_eq!(found.duplicate_keys[0].key, "k70");
    }

    #[test]
    fn deep_nesting_stops_without_recursion() {
        let text = "[".repeat(1_000_000);
        let found = scan(&text, 64, &mut NoSink);
        assert_eq!(found.too_deep, Some(64));
    }

    #[test]
    fn garbage_gives_up_quietly() {
        for text in ["", "{", "{\"a\" 1}", "[1 2]", "{,}", "\"abc", "{\"a\":}"] {
            let found = scan(text, 64, &mut NoSink);
            assert!(found.gave_up, "{text:?}");
        }
    }
}
