//! Layer 1: from bytes to JSON, with a clear diagnostic for each way that can fail.
//!
//! In three steps. [`read`] checks the raw bytes for the faults serde_json reports poorly or
//! not at all: the size limit, an empty file, a byte-order mark, invalid UTF-8. [`scan`] runs
//! the [scanner](super::scan), which finds trailing commas, duplicate keys (serde_json
//! silently keeps the last) and nesting past the depth limit, and passes every value to a
//! sink (typed-first reading collects the records' spans there). [`parse`] builds the file's
//! JSON tree with serde_json, for the files typed-first reading does not take.

use serde_json::Value;

use super::locate::Locator;
#[cfg(any(test, fuzzing))]
use super::scan::NoSink;
use super::scan::{self, Findings, Sink};
use super::{Code, Diagnostic, Options};
use std::path::Path;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's text, kept for locating and rendering.
pub(crate) struct Parsed {
    /// The text, with a byte-order mark (if any) blanked out as three spaces so that byte
    /// offsets are those of the file.
    pub(crate) text: String,
    /// Whether the file started with a byte-order mark (the first three bytes of `text`).
    pub(crate) bom: bool,
    /// Whether the text may be JSON (not an empty file, not invalid UTF-8 made readable).
    pub(crate) json: bool,
    /// Whether the text was let go of after the scan, the records read back from the file.
    pub(crate) let_go: bool,
}

impl Parsed {
    /// A file whose text was never held: its records were read a chunk at a time.
    pub(crate) fn let_go() -> Parsed {
        Parsed {
            text: String::new(),
            bom: false,
            json: true,
            let_go: true,
        }
    }

    /// The text as the file shows it in an editor: without the byte-order mark.
    pub(crate) fn shown_text(&self) -> &str {
        if self.bom {
            &self.text[BOM.len()..]
        } else {
            &self.text
        }
    }
}

/// Checks one file's bytes. Returns the text whenever there is one (so diagnostics can show
/// it).
pub(crate) fn read(
    path: &Path,
    mut bytes: Vec<u8>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    if bytes.len() as u64 > options.max_file_size {
        out.push(
            Diagnostic::new(
                Code::FileTooLarge,
                path,
                format!(
                    "the file is larger than the limit of {} bytes",
                    options.max_file_size
                ),
            )
            .with_help("split the collection, or raise the limit with --max-file-size"),
        );
        return None;
    }
    let bom = bytes.starts_with(BOM);
    if bom {
        out.push(
            Diagnostic::new(
                Code::ByteOrderMark,
                path,
                "the file starts with a byte-order mark",
            )
            .at_offset(0)
            .with_help("save the file as UTF-8 without a BOM; JSON (RFC 8259) forbids it"),
        );
        // Blank it out so the rest of the file is still checked at the same offsets.
        bytes[..BOM.len()].copy_from_slice(b"   ");
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            out.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    path,
                    format!("the file is not valid UTF-8 (byte {valid})"),
                )
                .at_offset(valid)
                .with_help("save the file as UTF-8"),
            );
            return Some(Parsed {
                text,
                bom,
                json: false,
                let_go: false,
            });
        }
    };
    // JSON's own whitespace only: a file of non-breaking spaces is not empty, it is text that
    // is not JSON (and the syntax layer says so, with the position).
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        out.push(
            Diagnostic::new(Code::EmptyFile, path, "the file is empty")
                .at_offset(0)
                .with_help(format!(
                    "a collection file with no records is `{{\"$schema\": \"…\", \"{}\": []}}`",
                    path.file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or("records")
                )),
        );
        return Some(Parsed {
            text,
            bom,
            json: false,
            let_go: false,
        });
    }
    Some(Parsed {
        text,
        bom,
        json: true,
        let_go: false,
    })
}

/// Scans a file's text, passing every value to `sink`, and reports its trailing commas,
/// duplicate keys and nesting past the limit. Returns what it found, or `None` when the
/// file is too deep to parse.
pub(crate) fn scan<'t>(
    path: &Path,
    parsed: &'t Parsed,
    options: &Options,
    sink: &mut impl Sink<'t>,
    out: &mut Vec<Diagnostic>,
) -> Option<Findings> {
    scan_skipping(path, parsed, options, sink, &[], out)
}

/// [`scan`], stepping over the values at the spans of `skip` ([`scan::scan_skipping`]).
pub(crate) fn scan_skipping<'t>(
    path: &Path,
    parsed: &'t Parsed,
    options: &Options,
    sink: &mut impl Sink<'t>,
    skip: &[(usize, usize)],
    out: &mut Vec<Diagnostic>,
) -> Option<Findings> {
    let text = &parsed.text;
    let found = scan::scan_skipping(text, options.max_depth, sink, skip);
    if let Some(offset) = found.too_deep {
        out.push(
            Diagnostic::new(
                Code::TooDeep,
                path,
                format!(
                    "arrays and objects are nested more than {} levels deep",
                    options.max_depth
                ),
            )
            .at_offset(offset)
            .with_help("dataset records are a few levels deep; look for unbalanced brackets"),
        );
        return None;
    }
    for &comma in &found.trailing_commas {
        out.push(
            Diagnostic::new(
                Code::TrailingComma,
                path,
                "trailing comma before a closing bracket",
            )
            .at_offset(comma)
            .with_help("JSON allows no comma after the last element; remove it"),
        );
    }
    if !found.duplicate_keys.is_empty() {
        let locator = Locator::new(text, options.max_depth).with_bom(parsed.bom);
        for dup in &found.duplicate_keys {
            let (line, column) = locator.line_column(dup.first);
            out.push(
                Diagnostic::new(
                    Code::DuplicateKey,
                    path,
                    format!("key `{}` appears twice in this object", dup.key),
                )
                .at_span(dup.span.0, dup.span.1)
                .with_help(format!(
                    "first at line {line}, column {column}; JSON readers keep only one of them, so merge or remove one"
                )),
            );
        }
    }

    Some(found)
}

/// Parses a scanned file into a JSON tree; reports where and why when it is not JSON.
pub(crate) fn parse(
    path: &Path,
    parsed: &Parsed,
    found: &Findings,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Option<Value> {
    let text = &parsed.text;
    // Trailing commas are reported by `scan`; blank them so the rest of the file still parses
    // and its other problems are found in the same run.
    let value = if found.trailing_commas.is_empty() {
        serde_json::from_str::<Value>(text)
    } else {
        let mut blanked = text.clone().into_bytes();
        for &comma in &found.trailing_commas {
            blanked[comma] = b' ';
        }
        serde_json::from_slice::<Value>(&blanked)
    };
    match value {
        Ok(value) => Some(value),
        Err(e) => {
            let offset = Locator::new(text, options.max_depth).offset_of(e.line(), e.column());
            out.push(
                Diagnostic::new(Code::JsonSyntax, path, syntax_message(&e))
                    .at_offset(offset)
                    .with_help(syntax_help(&e)),
            );
            None
        }
    }
}

/// The three steps on one file, for tests and the fuzzer: its text and, when it is JSON,
/// its tree.
#[cfg(any(test, fuzzing))]
pub(crate) fn check(
    path: &Path,
    bytes: Vec<u8>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Option<(Parsed, Option<Value>)> {
    let parsed = read(path, bytes, options, out)?;
    let value = if parsed.json {
        scan(path, &parsed, options, &mut NoSink, out)
            .and_then(|found| parse(path, &parsed, &found, options, out))
    } else {
        None
    };
    Some((parsed, value))
}

fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    format!("invalid JSON: {text}")
}

fn syntax_help(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.is_eof() {
        "the file ends too early: look for an unclosed `{`, `[` or string".to_owned()
    } else if text.contains("expected `,` or") {
        "a comma may be missing between two elements".to_owned()
    } else if text.contains("key must be a string") {
        "object keys are written in double quotes: \"key\": value".to_owned()
    } else if text.contains("control character") {
        "write line breaks and tabs inside strings as \\n and \\t".to_owned()
    } else {
        "check the JSON syntax at this position".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (Option<(Parsed, Option<Value>)>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let parsed = check(
            Path::new("x.json"),
            bytes.to_vec(),
            &Options::default(),
            &mut out,
        );
        (parsed, out)
    }

    #[test]
    fn a_million_brackets_is_a_diagnostic_not_a_stack_overflow() {
        let (parsed, out) = run("[".repeat(1_000_000).as_bytes());
        assert!(parsed.unwrap().1.is_none());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::TooDeep);
    }

    #[test]
    fn trailing_commas_do_not_hide_later_problems() {
        let (parsed, out) = run(b"{\"a\": [1,], \"b\": 2,}");
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|d| d.code == Code::TrailingComma));
        // The rest of the file parsed, so the schema and rules still run on it.
        assert!(parsed.unwrap().1.is_some());
    }

    #[test]
    fn a_bom_is_reported_and_the_rest_still_parsed() {
        let (parsed, out) = run(b"\xEF\xBB\xBF{\"a\": 1}");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::ByteOrderMark);
        assert!(parsed.unwrap().1.is_some());
    }

    #[test]
    fn a_file_of_non_breaking_spaces_is_not_empty_but_not_json() {
        let (_, out) = run("\u{A0}\u{A0}\n".as_bytes());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::JsonSyntax);
        let (_, out) = run(b" \n\t\r\n");
        assert_eq!(out[0].code, Code::EmptyFile);
    }

    #[test]
    fn the_size_limit_is_checked_before_parsing() {
        let options = Options {
            max_file_size: 4,
            ..Options::default()
        };
        let mut out = Vec::new();
        assert!(
            check(
                Path::new("x.json"),
                b"{\"a\": 1}".to_vec(),
                &options,
                &mut out
            )
            .is_none()
        );
        assert_eq!(out[0].code, Code::FileTooLarge);
    }
}
