//! The CSV files of a release: one per table of [`super::tables`], with the same columns as
//! the JSONL files and `datapackage.json`.
//!
//! The format is RFC 4180: comma-separated, CRLF line ends, a header row, and a cell quoted
//! with `"` (doubled inside) when it holds a comma, a quote, a CR or an LF. Files are UTF-8
//! without a byte-order mark. Quoting is done by the `csv` crate (one of the most used CSV
//! writers in Rust, already fuzzed and maintained); the neutralisation below is ours, because no
//! CSV library knows which cells a spreadsheet will run.
//!
//! **Formula neutralisation**, following OWASP's CSV-injection guidance (and ASVS 1.2.10): a
//! spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and some treat a
//! leading tab, carriage return or NUL as ignorable and look at what follows. We go further
//! than the four characters, because spreadsheets skip more than that before deciding:
//!
//! - the trigger characters are `=`, `+`, `-`, `@`, `|` (DDE payloads in older Excel, which
//!   OWASP lists among the dangerous starts) and their full-width forms `＝`, `＋`, `－`, `＠`,
//!   `｜` (U+FF1D, U+FF0B, U+FF0D, U+FF20, U+FF5C), which spreadsheets in East Asian locales
//!   fold to ASCII when they read a cell;
//! - they count wherever they appear after any leading whitespace (spaces, tabs, line breaks,
//!   no-break spaces), control characters, and characters that render as nothing: Unicode's
//!   default-ignorable code points (zero-width spaces and joiners, bidi controls, variation
//!   selectors, the soft hyphen, the Hangul fillers U+3164, U+115F, U+1160, U+FFA0) and the
//!   blank Braille pattern U+2800: ` =1+1` and `\u{200B}=1+1` are formulas to some
//!   spreadsheets, and look like text to a reviewer;
//! - a cell starting with a tab, a carriage return or NUL is neutralised whatever follows.
//!
//! Such a cell is written with a leading `'` (apostrophe), which spreadsheets display as text.
//! A cell whose text itself starts with `'` gets one more `'` too, so the rule is reversible
//! without guessing: **every cell that starts with `'` has had one `'` added; strip exactly one
//! to get the original text back** (`'=x` was `=x`, `''=x` was `'=x`, `''quoted` was
//! `'quoted`). Cells that do not start with `'` are the text as it is. The JSONL files are never
//! altered, so analysis tools should read those (see the bundle README).

use super::tables::{Cell, Table};

/// Renders a table into a CSV file: a header row, then one row per table row.
pub fn render(table: &Table) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let header: Vec<String> = table.fields.iter().map(|f| neutralise(f.name)).collect();
    w.write_record(&header)
        .expect("writing to a Vec cannot fail");
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(cell).collect();
        w.write_record(&cells)
            .expect("writing to a Vec cannot fail");
    }
    let bytes = w.into_inner().expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("every cell is a Rust string")
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        Cell::Text(s) => neutralise(s),
        Cell::Int(n) => n.to_string(),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// The characters that make a cell a formula when they come first (after what
/// `is_skipped` passes over).
pub const TRIGGERS: [char; 10] = [
    '=', '+', '-', '@', '|', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FF5C}',
];

/// Whether a spreadsheet may pass over `c` before deciding whether a cell is a formula:
/// whitespace, control characters, and what renders as nothing (default-ignorable code
/// points, the Mongolian vowel separator, the blank Braille pattern). A tester found U+3164,
/// U+FE0F, U+2800 and U+001F before `=` let a cell through when the list was shorter.
fn is_skipped(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || crate::escape::default_ignorable(c)
        || matches!(c, '\u{180E}' | '\u{2800}')
}

/// Whether a cell needs a leading `'` (see the module documentation).
pub fn needs_neutralising(cell: &str) -> bool {
    cell.starts_with(['\'', '\t', '\r', '\0'])
        || cell
            .chars()
            .find(|c| !is_skipped(*c))
            .is_some_and(|c| TRIGGERS.contains(&c))
}

/// The text of one cell, neutralised against formula injection: with a leading `'` when it
/// could run as a formula or already starts with `'` (strip one leading `'` from any cell that
/// has one to read it back). Quoting is the CSV writer's job, not this function's.
///
/// ```
/// # use drone_dossier::release::csv::neutralise;
/// assert_eq!(neutralise("plain"), "plain");
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("-1"), "'-1");
/// assert_eq!(neutralise(" =1+1"), "' =1+1");
/// assert_eq!(neutralise("\u{200B}@SUM(A1)"), "'\u{200B}@SUM(A1)");
/// assert_eq!(neutralise("＝1+1"), "'＝1+1");
/// assert_eq!(neutralise("|cmd"), "'|cmd");
/// assert_eq!(neutralise("'=x"), "''=x");
/// assert_eq!(neutralise("it's"), "it's");
/// assert_eq!(neutralise(" text"), " text");
/// ```
pub fn neutralise(cell: &str) -> String {
    if needs_neutralising(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::tables::{Field, FieldType, Values};

    fn table(cells: &[&str]) -> Table {
        Table {
            name: "t",
            description: "",
            primary_key: vec![],
            fields: (0..cells.len())
                .map(|_| Field {
                    name: "c",
                    ty: FieldType::String,
                    description: String::new(),
                    required: false,
                    references: None,
                    values: Values::Any,
                })
                .collect(),
            rows: vec![cells.iter().map(|c| Cell::Text((*c).to_owned())).collect()],
        }
    }

    #[test]
    fn renders_rows_with_crlf_and_quoting() {
        let csv = render(&table(&[
            "+ spreadsheet, \"injection\"",
            "plain",
            "two\nlines",
        ]));
        assert_eq!(
            csv,
            "c,c,c\r\n\"'+ spreadsheet, \"\"injection\"\"\",plain,\"two\nlines\"\r\n"
        );
    }

    /// A strict RFC 4180 reader, written independently of the `csv` crate, to check the
    /// writer against.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => {
                    assert!(cell.is_empty(), "quote inside an unquoted cell");
                    quoted = true;
                }
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => {
                    assert!(c != '\n', "bare LF outside quotes");
                    cell.push(c);
                }
            }
        }
        assert!(
            !quoted && cell.is_empty() && row.is_empty(),
            "unterminated row"
        );
        rows
    }

    proptest::proptest! {
        #[test]
        fn any_text_survives_a_round_trip(cells in proptest::collection::vec(".*|[=+@|,'\"\r\n \t\u{200B}\u{FF1D}-]{0,6}", 1..5)) {
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            let rows = parse(&render(&table(&refs)));
            proptest::prop_assert_eq!(rows.len(), 2);
            for (read, written) in rows[1].iter().zip(&cells) {
                // The documented rule reads every cell back: strip one leading `'`.
                let original = read.strip_prefix('\'').unwrap_or(read);
                proptest::prop_assert_eq!(original, written.as_str());
                // And no cell a spreadsheet would run is left as it was.
                proptest::prop_assert!(!needs_neutralising(read) || read.starts_with('\''));
            }
        }
    }

    #[test]
    fn formula_starts_are_neutralised_after_invisible_and_space_characters() {
        for formula in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "|calc",
            "\tx",
            "\rx",
            "\0x",
            " =1+1",
            "\u{A0}=1+1",
            "\n=1+1",
            "\u{200B}=1+1",
            "\u{FEFF}+1",
            "\u{202E}=1",
            "\u{2060} \u{200D}@x",
            "\u{3164}=1",
            "\u{FE0F}=1",
            "\u{2800}=1",
            "\u{1F}=1",
            "\u{85}=1",
            "\u{E0001}+1",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "｜x",
        ] {
            assert!(neutralise(formula).starts_with('\''), "{formula:?}");
        }
        for text in [
            "plain",
            " text",
            "a=b",
            "it's",
            "\u{200B}text",
            "1-2",
            "—dash",
        ] {
            assert_eq!(neutralise(text), text, "{text:?}");
        }
    }

    #[test]
    fn a_leading_apostrophe_is_never_ambiguous() {
        // `=x` and `'=x` must not be written the same.
        assert_ne!(neutralise("=x"), neutralise("'=x"));
        for original in ["=x", "'=x", "''=x", "'", "'plain", "plain", " =x"] {
            let cell = neutralise(original);
            assert_eq!(cell.strip_prefix('\'').unwrap_or(&cell), original);
        }
    }
}
