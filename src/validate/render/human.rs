//! rustc-style diagnostics: code, message, `file:line:column`, the source line with the value
//! underlined, a help line, and a summary. Colour only when asked (the binary asks when
//! standard output is a terminal and `NO_COLOR` is unset).

use std::fmt::Write;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use unicode_width::UnicodeWidthChar;

use super::super::{Diagnostic, Location, Report, Severity};
// The locator's line starts, so that lines are counted alike.
use crate::validate::locate::Lines;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(&self, s: Severity, text: &str) -> String {
        self.wrap(
            match s {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
            },
            text,
        )
    }

    fn gutter(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Renders every diagnostic and the summary line.
pub fn human(report: &Report, color: bool, deny_warnings: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let mut sources = Sources::new(report);
    for d in &report.diagnostics {
        let source = sources.line_of(d);
        render_one(&mut out, d, source, &paint);
        out.push('\n');
    }
    if let Some(note) = super::not_checked(report) {
        let _ = writeln!(out, "{}", escape(&note));
    }
    for line in super::acknowledged_lines(report) {
        let _ = writeln!(out, "{}", escape(&line));
    }
    out.push_str(&super::omitted_lines(report));
    let summary = super::summary(report, deny_warnings);
    let severity = if super::passes(report, deny_warnings) {
        None
    } else {
        Some(Severity::Error)
    };
    let _ = writeln!(
        out,
        "{}",
        match severity {
            Some(s) => paint.severity(s, &summary),
            None => paint.bold(&summary),
        }
    );
    out
}

/// The source lines shown under diagnostics, prepared as they are needed.
struct Sources<'r> {
    report: &'r Report,
    /// Each file's lines, counted once per file (not once per diagnostic, which made rendering
    /// quadratic in the number of diagnostics).
    lines: HashMap<&'r Path, Lines>,
    /// The last source line shown: diagnostics are sorted, so those on one line (a minified
    /// file has all of them on one) come together and the line is prepared once.
    last: Option<((&'r Path, usize), Shown)>,
    /// On a long line, the window shown for the last diagnostic, and where its column is: the
    /// next one on the line counts on from there.
    window: Option<((&'r Path, usize), Cursor, Shown)>,
}

impl<'r> Sources<'r> {
    fn new(report: &'r Report) -> Self {
        Sources {
            report,
            lines: HashMap::new(),
            last: None,
            window: None,
        }
    }

    /// The line to show under `d`, with `d`'s location counted on it.
    fn line_of(&mut self, d: &'r Diagnostic) -> Option<(Location, &Shown)> {
        let l = d.location?;
        let key = (d.file.as_path(), l.line);
        if self.last.as_ref().is_some_and(|(k, _)| *k == key) {
            return Some((l, &self.last.as_ref()?.1));
        }
        let text = self.report.texts.get(&d.file)?;
        // Where the locator found the line to start, if it still is the location's line.
        let known = d
            .line_start
            .0
            .filter(|&(line, _)| line == l.line)
            .and_then(|(_, start)| short_line_at(text, start));
        let line = match known {
            Some(line) => line,
            None => self
                .lines
                .entry(d.file.as_path())
                .or_insert_with(|| Lines::new(text.as_bytes()))
                .line(text, l.line)?,
        };
        if line.len() <= LONG_LINE {
            self.last = Some((key, show(line)));
            return Some((l, &self.last.as_ref()?.1));
        }
        // Prepared around this diagnostic only, never whole.
        let at = match self.window.take() {
            Some((k, at, _)) if k == key => at,
            _ => Cursor::default(),
        };
        let (shown, l, at) = show_around(line, l, at);
        self.window = Some((key, at, shown));
        Some((l, &self.window.as_ref()?.2))
    }
}

/// The line that starts at byte `start` of `text`, without its line ending, as
/// [`Lines::line`] gives it, if `start` is where a line starts and the line is at most
/// [`LONG_LINE`] bytes long; `None` otherwise (a long line is found by [`Lines`], never
/// searched for its end). Looks at no more than the line.
fn short_line_at(text: &str, start: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let starts_line = start == 0 || bytes.get(start.checked_sub(1)?) == Some(&b'\n');
    if !starts_line || start >= bytes.len() {
        return None;
    }
    // One byte more than the longest line shown, and one for a carriage return.
    let window = &bytes[start..bytes.len().min(start + LONG_LINE + 2)];
    let end = match memchr::memchr(b'\n', window) {
        Some(i) => start + i,
        None if start + window.len() == bytes.len() => bytes.len(),
        None => return None,
    };
    // Both ends are next to a newline (or at an end of the text): character boundaries.
    let line = text.get(start..end)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    (line.len() <= LONG_LINE).then_some(line)
}

fn render_one(out: &mut String, d: &Diagnostic, line: Option<(Location, &Shown)>, paint: &Paint) {
    let head = format!("{}[{}]", d.severity, d.code);
    let _ = writeln!(
        out,
        "{}{}",
        paint.severity(d.severity, &head),
        paint.bold(&format!(": {}", escape(&d.message)))
    );
    let width = line.map_or(1, |(l, _)| l.line.to_string().len());
    let pad = " ".repeat(width);
    let mut place = escape(&d.file.display().to_string());
    if let Some(l) = d.location {
        let _ = write!(place, ":{}:{}", l.line, l.column);
    }
    let _ = writeln!(out, "{pad}{} {place}", paint.gutter("-->"));
    if let Some((l, source)) = line {
        let last = source.starts.len() - 1;
        let start = source.starts[(l.column - 1).min(last)];
        let end = if l.end_line == l.line {
            source.starts[l.end_column.saturating_sub(1).min(last)]
        } else {
            source.starts[last]
        };
        let (text, start, carets) = source.window(start, end.max(start + 1));
        let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
        let _ = writeln!(
            out,
            "{} {text}",
            paint.gutter(&format!("{:>width$} |", l.line)),
        );
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            paint.gutter("|"),
            " ".repeat(start),
            paint.severity(d.severity, &"^".repeat(carets))
        );
    }
    // The empty pointer is the whole document: nothing worth a line.
    if let Some(pointer) = d.pointer.as_deref().filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "{pad} {} at {}", paint.gutter("="), escape(pointer));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            paint.gutter("="),
            paint.bold("help"),
            escape(help)
        );
    }
}

// The one escaping rule every command shares (`src/escape.rs`).
use crate::escape::{needs_escape, push_escaped, terminal as escape};

/// How many columns of the terminal a tab in a source line takes.
const TAB: usize = 4;

/// How many columns of a long source line are shown, around the underlined value.
const MAX_SHOWN: usize = 160;

/// How many columns before the underlined value are kept when a long line is cut.
const CONTEXT: usize = 60;

/// A line longer than this many bytes is never prepared whole (a [`Shown`] takes about 20 bytes
/// per character: a one-line file of a gigabyte would take tens): only a window of it around
/// each diagnostic.
const LONG_LINE: usize = 16 * 1024;

/// How many screen columns either side of a diagnostic's column the window of a long line
/// spans: more than the [`MAX_SHOWN`] shown, so that it is cut where the whole line would be.
const SPAN: usize = 2 * MAX_SHOWN;

/// At most this many characters either side of a diagnostic's column, whatever they take: only
/// a line with more zero-width characters (combining marks) than this next to a diagnostic is
/// shown with less context than the whole line would give.
const MOST: usize = 1 << 16;

/// At least how many columns a character takes once shown (an escape takes two or more).
fn columns_at_least(c: char) -> usize {
    if c == '\t' {
        TAB
    } else if needs_escape(c) {
        2
    } else {
        UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// A character position in a long line and its byte offset, counted once.
#[derive(Debug, Default, Clone, Copy)]
struct Cursor {
    chars: usize,
    byte: usize,
}

/// Prepares the window of a long `line` around `l`'s column, with `l` moved to count from
/// the window's start. `at`, a position found before on this line, is counted on from when
/// it is not past the column, so many diagnostics on one line cost one pass over it.
fn show_around(line: &str, l: Location, at: Cursor) -> (Shown, Location, Cursor) {
    // Carriage returns at the end are not shown, as for a whole line.
    let line = line.trim_end_matches('\r');
    let column = l.column.saturating_sub(1);
    let from = if at.chars <= column {
        at
    } else {
        Cursor::default()
    };
    let rest = &line[from.byte..];
    let at = match rest.char_indices().nth(column - from.chars) {
        Some((i, _)) => Cursor {
            chars: column,
            byte: from.byte + i,
        },
        // Past the end of the line: at its end.
        None => Cursor {
            chars: from.chars + rest.chars().count(),
            byte: line.len(),
        },
    };
    // [SPAN] columns either side (at most [MOST] characters).
    let (mut before, mut taken, mut columns) = (at.byte, 0, 0);
    for (i, c) in line[..at.byte].char_indices().rev().take(MOST) {
        if columns >= SPAN {
            break;
        }
        columns += columns_at_least(c);
        (before, taken) = (i, taken + 1);
    }
    let skipped = at.chars - taken;
    let (mut after, mut columns) = (line.len(), 0);
    for (n, (i, c)) in line[at.byte..].char_indices().enumerate() {
        if columns >= SPAN || n == MOST {
            after = at.byte + i;
            break;
        }
        columns += columns_at_least(c);
    }
    let mut shown = show_all(&line[before..after]);
    shown.cut = (before > 0, after < line.len());
    let moved = Location {
        column: l.column - skipped,
        end_column: if l.end_line == l.line {
            l.end_column.saturating_sub(skipped).max(1)
        } else {
            l.end_column
        },
        ..l
    };
    (shown, moved, at)
}

/// A source line as printed, and the column on screen where each of its characters starts
/// (with one more entry for the end of the line). Tabs are expanded to [`TAB`] spaces, wide
/// characters (CJK, emoji) take two columns and combining marks none, so the underline
/// below stays under the value.
struct Shown {
    text: String,
    /// The screen column where each character starts, and the end of the line.
    starts: Vec<usize>,
    /// The byte offset in `text` where each character's printed form starts, and the end.
    bytes: Vec<usize>,
    /// Whether the line goes on before and after `text` (a window of a long line).
    cut: (bool, bool),
}

fn show(line: &str) -> Shown {
    show_all(line.trim_end_matches('\r'))
}

/// [`show`], without trimming carriage returns at the end (a window that may end inside a
/// line).
fn show_all(line: &str) -> Shown {
    let mut text = String::with_capacity(line.len());
    let mut starts = Vec::with_capacity(line.len() + 1);
    let mut bytes = Vec::with_capacity(line.len() + 1);
    let mut at = 0;
    for c in line.chars() {
        starts.push(at);
        bytes.push(text.len());
        if c == '\t' {
            text.push_str(&" ".repeat(TAB));
            at += TAB;
        } else if needs_escape(c) {
            // An escape is ASCII: one column a byte.
            let before = text.len();
            push_escaped(&mut text, c);
            at += text.len() - before;
        } else {
            text.push(c);
            at += UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    starts.push(at);
    bytes.push(text.len());
    Shown {
        text,
        starts,
        bytes,
        cut: (false, false),
    }
}

impl Shown {
    /// The text to print for an underline from screen column `start` to `end` (exclusive),
    /// with the underline's new start and length. A line longer than [`MAX_SHOWN`] columns
    /// is cut around the underline, with `…` where text was left out.
    fn window(&self, start: usize, end: usize) -> (Cow<'_, str>, usize, usize) {
        let n = self.starts.len() - 1;
        let total = self.starts[n];
        if total <= MAX_SHOWN && self.cut == (false, false) {
            return (
                Cow::Borrowed(&self.text),
                start,
                end.saturating_sub(start).max(1),
            );
        }
        // The columns to show: from a little before the underline, MAX_SHOWN wide; then
        // the characters wholly inside them.
        let from = start
            .saturating_sub(CONTEXT)
            .min(total.saturating_sub(MAX_SHOWN));
        let to = from + MAX_SHOWN;
        let first = self.starts.partition_point(|&s| s < from).min(n);
        let last = (self.starts.partition_point(|&s| s <= to) - 1).max(first);
        let mut text = String::with_capacity(self.bytes[last] - self.bytes[first] + 8);
        let (left, right) = (first > 0 || self.cut.0, last < n || self.cut.1);
        if left {
            text.push('…');
        }
        text.push_str(&self.text[self.bytes[first]..self.bytes[last]]);
        if right {
            text.push('…');
        }
        let (shown_from, shown_to) = (self.starts[first], self.starts[last]);
        let s = start.clamp(shown_from, shown_to);
        let e = end.clamp(shown_from, shown_to);
        (
            Cow::Owned(text),
            usize::from(left) + s - shown_from,
            e.saturating_sub(s).max(1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Code;

    fn report() -> Report {
        let mut d = Diagnostic::new(Code::DuplicateId, "events.json", "id `x` is already used")
            .at("/events/1/id")
            .with_help("pick another");
        d.location = Some(Location {
            line: 2,
            column: 9,
            end_line: 2,
            end_column: 12,
        });
        Report {
            diagnostics: vec![d],
            files_checked: 1,
            omitted: Vec::new(),
            texts: [("events.json".into(), "{\n  \"id\": \"x\"\n}\n".to_owned())].into(),
            ..Report::default()
        }
    }

    #[test]
    fn snippet_with_underline_and_summary() {
        let out = human(&report(), false, false);
        assert_eq!(
            out,
            "error[duplicate-id]: id `x` is already used\n \
             --> events.json:2:9\n  \
             |\n\
             2 |   \"id\": \"x\"\n  \
             |         ^^^\n  \
             = at /events/1/id\n  \
             = help: pick another\n\n\
             invalid: 1 file checked, 1 error, 0 warnings\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!human(&report(), false, false).contains('\x1b'));
        let coloured = human(&report(), true, false);
        assert!(coloured.contains("\x1b[1;31merror[duplicate-id]\x1b[0m"));
        assert!(coloured.contains("\x1b[1;31m^^^\x1b[0m"));
    }

    /// A diagnostic on `line` (the second line of its file), underlining `value`.
    fn on_line(message: &str, line: &str, value: &str) -> Report {
        let start = line.find(value).unwrap();
        let column = line[..start].chars().count() + 1;
        let mut d = Diagnostic::new(Code::Schema, "events.json", message).with_help(message);
        d.location = Some(Location {
            line: 2,
            column,
            end_line: 2,
            end_column: column + value.chars().count(),
        });
        Report {
            diagnostics: vec![d],
            files_checked: 1,
            omitted: Vec::new(),
            texts: [("events.json".into(), format!("{{\n{line}\n}}\n"))].into(),
            ..Report::default()
        }
    }

    #[test]
    fn control_characters_from_the_data_are_escaped() {
        let hostile = "\x1b]0;pwned\x07\x1b[2J\rvalid: 7 files checked\n\u{202e}x\u{9b}";
        // A source line holds no line feed (it would end the line), but every other kind.
        let line = format!(
            "  \"title\": \"{}\u{2028}\", \"x\": 1",
            hostile.replace('\n', "")
        );
        let out = human(&on_line(hostile, &line, "1"), false, false);
        for c in ['\x1b', '\x07', '\r', '\u{202e}', '\u{9b}', '\u{2028}'] {
            assert!(!out.contains(c), "{c:?} printed raw:\n{out}");
        }
        // Every line of output is one of ours: none comes from the data.
        assert_eq!(out.lines().count(), 8, "{out}");
        assert!(out.contains(
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\rvalid: 7 files checked\\n\\u{202e}x\\u{9b}"
        ));
        // The underline is still under the value.
        let source = out.lines().find(|l| l.starts_with("2 |")).unwrap();
        let carets = out.lines().find(|l| l.contains('^')).unwrap();
        assert!(source.contains("\\u{2028}"), "{out}");
        assert_eq!(source.rfind('1'), carets.find('^'), "{out}");
        assert_eq!(carets.matches('^').count(), 1, "{out}");
    }

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in ["", "a", "a\n", "a\r\nb", "a\n\nb\n", "\n", "a\rb\nc\r\n"] {
            let lines = Lines::new(text.as_bytes());
            let expected: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = (0..=expected.len() + 2)
                .filter_map(|n| lines.line(text, n))
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    /// A line start the locator hands over gives the line counting lines gives: at every
    /// line of texts with both line endings, a carriage return alone, empty lines, a last
    /// line with and without its newline, and lines too long to show whole (which it leaves
    /// to counting). Anywhere but a line's start it gives nothing.
    #[test]
    fn a_known_line_start_gives_the_line_counted() {
        let long = "x".repeat(LONG_LINE);
        let longer = "é".repeat(LONG_LINE / 2 + 1);
        let parts = ["", "a", "a\r", "\u{2028}é", long.as_str(), longer.as_str()];
        for a in parts {
            for b in parts {
                for c in parts {
                    for ending in ["\n", "\r\n"] {
                        for last in ["", ending] {
                            let text = format!("{a}{ending}{b}{ending}{c}{last}");
                            let lines = Lines::new(text.as_bytes());
                            let mut start = 0;
                            for n in 1..=4 {
                                let counted = lines.line(&text, n);
                                let known = short_line_at(&text, start);
                                let wanted = counted.filter(|l| l.len() <= LONG_LINE);
                                assert_eq!(known, wanted, "line {n} of {text:?}");
                                // One byte on is not a line's start (unless it follows a
                                // newline: an empty line's).
                                if text.as_bytes().get(start) != Some(&b'\n') {
                                    assert_eq!(short_line_at(&text, start + 1), None);
                                }
                                let Some(line) = counted else { break };
                                start += line.len();
                                start += text[start..].find('\n').map_or(0, |i| i + 1);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The snippets are the same whether the line of each diagnostic is the one the locator
    /// handed over or is counted again: in a file with a byte-order mark, CRLF line endings,
    /// and problems on many lines, its first among them.
    #[test]
    fn snippets_are_the_same_with_line_starts_known_or_counted() {
        use crate::model::DataFile;
        use crate::validate::{Input, Options, validate};
        let mut text = String::from("\u{feff}{\"version\": 2, \"actors\": [\r\n");
        for i in 0..40 {
            let sep = if i == 0 { "" } else { ",\r\n" };
            let id = if i % 3 == 0 {
                "Bad Id".to_owned()
            } else {
                format!("a-{i}")
            };
            text.push_str(&format!(
                "{sep}  {{\"id\": \"{id}\",\r\n   \"kind\": \"stat\", \"name\": \"é\u{2028}{i}\"}}"
            ));
        }
        text.push_str("\r\n]}\r\n");
        let input = Input {
            file: DataFile::Actors,
            path: "actors.json".into(),
            bytes: Some(text.into_bytes()),
            report: true,
        };
        let report = validate(vec![input], &Options::default());
        assert!(
            report
                .diagnostics
                .iter()
                .filter(|d| d.line_start.0.is_some())
                .count()
                > 20,
            "{:#?}",
            report.diagnostics
        );
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.location.is_some_and(|l| l.line == 1))
        );
        // Each line start handed over is its line's, in the text the report holds.
        let text = &report.texts[Path::new("actors.json")];
        let lines = Lines::new(text.as_bytes());
        for d in &report.diagnostics {
            if let Some((n, start)) = d.line_start.0 {
                assert_eq!(d.location.map(|l| l.line), Some(n));
                assert_eq!(short_line_at(text, start), lines.line(text, n), "{d:?}");
            }
        }
        let mut counted = report.clone();
        for d in &mut counted.diagnostics {
            d.line_start.0 = None;
        }
        // The hint is no part of what a diagnostic says.
        assert_eq!(counted, report);
        let shown = human(&report, false, false);
        assert_eq!(shown, human(&counted, false, false));
        assert!(shown.contains("\"Bad Id\""), "{shown}");
    }

    /// Rendering is linear in the number of diagnostics: each file's lines are indexed once,
    /// not searched from the top for each diagnostic.
    #[test]
    fn rendering_many_diagnostics_is_fast() {
        let n = 40_000;
        let text: String = (0..n).map(|i| format!("  \"k{i}\": {i},\n")).collect();
        let diagnostics = (0..n)
            .map(|i| {
                let mut d = Diagnostic::new(Code::Schema, "events.json", "bad");
                d.location = Some(Location {
                    line: i + 1,
                    column: 3,
                    end_line: i + 1,
                    end_column: 5,
                });
                d
            })
            .collect();
        let report = Report {
            diagnostics,
            files_checked: 1,
            omitted: Vec::new(),
            texts: [("events.json".into(), text)].into(),
            ..Report::default()
        };
        let started = std::time::Instant::now();
        let out = human(&report, false, false);
        let took = started.elapsed();
        assert!(out.contains(&format!("{n} |   \"k{}\"", n - 1)));
        // Linear, this takes well under a second even unoptimised; quadratic, minutes.
        assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
    }

    #[test]
    fn the_underline_is_under_the_value_after_tabs_and_wide_characters() {
        for line in [
            "\t\"name\": \"x\", \"v\": 1",
            "\t\t\"x\": \"\t\", \"v\": 1",
            "  \"name\": \"伊朗无人机\", \"v\": 1",
            "  \"name\": \"🚁🚁 e\u{301}\", \"v\": 1",
        ] {
            let out = human(&on_line("bad", line, "1"), false, false);
            let source = out.lines().find(|l| l.starts_with("2 |")).unwrap();
            let carets = out.lines().find(|l| l.contains('^')).unwrap();
            assert!(!source.contains('\t'), "{out}");
            let col = |s: &str, i: usize| {
                s[..i]
                    .chars()
                    .map(|c| c.width().unwrap_or(0))
                    .sum::<usize>()
            };
            assert_eq!(
                col(source, source.rfind('1').unwrap()),
                col(carets, carets.find('^').unwrap()),
                "{out}"
            );
        }
        // The underline of a value holding a tab covers the expanded tab.
        let out = human(
            &on_line("bad", "\t\"x\": \"a\tb\"", "\"a\tb\""),
            false,
            false,
        );
        assert!(
            out.contains(&format!("| {}{}\n", " ".repeat(4 + 5), "^".repeat(8))),
            "{out}"
        );
    }

    #[test]
    fn a_root_pointer_prints_no_empty_at_line() {
        let mut r = report();
        r.diagnostics[0].pointer = Some(String::new());
        let out = human(&r, false, false);
        assert!(!out.contains("= at"), "{out}");
        assert!(out.contains("= help: pick another"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_underline() {
        let filler = "x".repeat(100_000);
        for line in [
            format!("{{\"a\": \"{filler}\", \"v\": 1, \"b\": \"{filler}\"}}"),
            format!("{{\"v\": 1, \"b\": \"{filler}\"}}"),
            format!("{{\"b\": \"{filler}\", \"v\": 1}}"),
            format!("{{\"b\": \"{}\", \"v\": 1}}", "伊".repeat(50_000)),
        ] {
            let out = human(&on_line("bad", &line, "1"), false, false);
            let source = out.lines().find(|l| l.starts_with("2 |")).unwrap();
            let carets = out.lines().find(|l| l.contains('^')).unwrap();
            let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
            assert!(width(source) <= 4 + MAX_SHOWN + 2, "{}", source.len());
            assert!(source.contains('…'), "{source}");
            let at = source.rfind("\"v\": 1").unwrap() + 5;
            assert_eq!(width(&source[..at]), width(carets) - 1, "{out}");
            assert_eq!(carets.matches('^').count(), 1);
        }
        // A short line is shown whole.
        let out = human(&on_line("bad", "  \"v\": 1", "1"), false, false);
        assert!(!out.contains('…'), "{out}");
    }

    /// A long line is prepared only around each diagnostic (a whole one takes about 20 bytes
    /// per character), and shows just what the whole line would: the same cut, the same
    /// underline. Diagnostics on one line are rendered in order, counting on from the last.
    #[test]
    fn a_long_line_shows_what_the_whole_line_would() {
        let paint = Paint { on: false };
        let d = Diagnostic::new(Code::Schema, "events.json", "bad");
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap()
        };
        // Every kind of character width: one column, four (a tab), two (wide), an escape
        // (several), two bytes for one column, none (a combining mark), and carriage returns,
        // which a whole line trims at its end only.
        let pieces = [
            "a",
            "\t",
            "伊",
            "\u{1b}",
            "é",
            "\"k\": 1, ",
            "\u{202e}",
            "\r",
            "\r\r\r",
            "\u{301}",
        ];
        for _ in 0..30 {
            let mut line = String::new();
            while line.len() <= LONG_LINE + next(3 * LONG_LINE) {
                line.push_str(pieces[next(pieces.len())]);
            }
            let n = line.chars().count();
            let mut columns: Vec<usize> = (0..6).map(|_| 1 + next(n + 3)).collect();
            columns.extend([1, n, n + 1]);
            columns.sort_unstable();
            let whole = show(&line);
            let mut at = Cursor::default();
            for column in columns {
                let l = Location {
                    line: 1,
                    column,
                    end_line: 1 + usize::from(next(4) == 0),
                    end_column: column + 1 + next(400),
                };
                let (mut expected, mut got) = (String::new(), String::new());
                render_one(&mut expected, &d, Some((l, &whole)), &paint);
                let (window, moved, cursor) = show_around(&line, l, at);
                at = cursor;
                assert!(window.text.len() < 16 * SPAN, "{}", window.text.len());
                render_one(&mut got, &d, Some((moved, &window)), &paint);
                assert_eq!(got, expected, "column {column} of {n}");
            }
        }
        // Long runs next to the value: marks before it, in it, carriage returns after it.
        let (filler, marks, crs) = (
            "a".repeat(20_000),
            "\u{301}".repeat(3000),
            "\r".repeat(3000),
        );
        for (line, value) in [
            (format!("{filler}{marks}\"zzzz\"{filler}"), "\"zzzz\""),
            (format!("{filler}\"z{marks}z\"{filler}"), "\"z"),
            (format!("{filler}\"zzzz\"{crs}{filler}"), "\"zzzz\""),
            (format!("{filler}\"zzzz\"{crs}"), "\"zzzz\""),
        ] {
            let at = line.find(value).unwrap();
            let column = line[..at].chars().count() + 1;
            let l = Location {
                line: 1,
                column,
                end_line: 1,
                end_column: column
                    + line[at..]
                        .chars()
                        .take_while(|c| *c != ',')
                        .count()
                        .min(3010),
            };
            let (mut expected, mut got) = (String::new(), String::new());
            render_one(&mut expected, &d, Some((l, &show(&line))), &paint);
            let (window, moved, _) = show_around(&line, l, Cursor::default());
            render_one(&mut got, &d, Some((moved, &window)), &paint);
            assert_eq!(got, expected);
        }
        // Past [MOST] zero-width characters (combining marks), the window stops: less context
        // than the whole line would give, never a panic, and the cut said.
        let line = "\u{301}".repeat(2 * MOST + 10);
        let n = line.chars().count();
        for column in [1, 2, n / 2, n, n + 1, n + 50] {
            let l = Location {
                line: 1,
                column,
                end_line: 1,
                end_column: column + 3,
            };
            let (window, moved, _) = show_around(&line, l, Cursor::default());
            let mut out = String::new();
            render_one(&mut out, &d, Some((moved, &window)), &paint);
            // The line goes on past the window on either side: it says so.
            let source = out.lines().find(|l| l.starts_with("1 |")).unwrap();
            let cut = (column > MOST + 1, column + MOST <= n);
            assert_eq!(source.starts_with("1 | …"), cut.0, "{column}: {source}");
            assert_eq!(source.ends_with('…'), cut.1, "{column}: {source}");
        }
    }
}
