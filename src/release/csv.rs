//! The CSV files of a release: one per collection, with documented flattened columns.
//!
//! The format is RFC 4180: comma-separated, CRLF line ends, a header row, and a cell quoted
//! with `"` (doubled inside) when it holds a comma, a quote, a CR or an LF. Files are UTF-8
//! without a byte-order mark.
//!
//! Flattening follows three rules, so that a cell is never ambiguous:
//! - a cell holding several ids joins them with `;` (ids never contain one);
//! - a cell holding structured values (roles, participants, citations, free-text lists) holds
//!   them as compact JSON;
//! - a date column keeps the EDTF text (`2022-08`, `1990/1994`), and `_earliest` / `_latest`
//!   columns give the first and last day it could mean (`2022-08-01`, `2022-08-31`), so that a
//!   spreadsheet can sort and filter by day.
//!
//! **Formula neutralisation**: a spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula, so such a cell is written with a leading `'`
//! (apostrophe), which spreadsheets display as text. A cell whose text itself starts with `'`
//! gets one more `'` too, so the rule is reversible without guessing: **every cell that starts
//! with `'` has had one `'` added; strip exactly one to get the original text back** (`'=x`
//! was `=x`, `''=x` was `'=x`, `''quoted` was `'quoted`). Cells that do not start with `'` are
//! the text as it is.

use serde_json::Value;

use crate::model::{DataFile, Date};

/// How a [`Column`] renders its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Form {
    /// A string, number or boolean as text.
    Text,
    /// A list of ids joined with `;`.
    Ids,
    /// Any value as compact JSON.
    Json,
    /// The first day a date could mean, `YYYY-MM-DD`.
    Earliest,
    /// The last day a date could mean, `YYYY-MM-DD`.
    Latest,
    /// The ids of the sources in a list of citations, joined with `;`.
    CitedSources,
}

/// One column of a collection's CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header.
    pub name: &'static str,
    /// The JSON pointer, within a record, of the value the column is made from.
    pub pointer: &'static str,
    /// How the value is rendered.
    pub form: Form,
}

const fn col(name: &'static str, pointer: &'static str, form: Form) -> Column {
    Column {
        name,
        pointer,
        form,
    }
}

use Form::{CitedSources, Earliest, Ids, Json, Latest, Text};

const SOURCES: &[Column] = &[
    col("id", "/id", Text),
    col("kind", "/kind", Text),
    col("title", "/title", Text),
    col("url", "/url", Text),
    col("publisher", "/publisher", Text),
    col("series", "/series", Text),
    col("authors", "/authors", Ids),
    col("published", "/published", Text),
    col("published_earliest", "/published", Earliest),
    col("published_latest", "/published", Latest),
    col("language", "/language", Text),
    col("related", "/related", Ids),
    col("text_file", "/text_file", Text),
    col("text_sha256", "/text_sha256", Text),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

const ACTORS: &[Column] = &[
    col("id", "/id", Text),
    col("kind", "/kind", Text),
    col("name", "/name", Text),
    col("aliases", "/aliases", Json),
    col("country", "/country", Text),
    col("lifespan", "/lifespan", Text),
    col("description", "/description", Text),
    col("roles", "/roles", Json),
    col("relations", "/relations", Json),
    col("cited_sources", "/citations", CitedSources),
    col("citations", "/citations", Json),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

const EVENTS: &[Column] = &[
    col("id", "/id", Text),
    col("kind", "/kind", Text),
    col("title", "/title", Text),
    col("summary", "/summary", Text),
    col("date", "/date", Text),
    col("date_earliest", "/date", Earliest),
    col("date_latest", "/date", Latest),
    col("location_name", "/location/name", Text),
    col("location_country", "/location/country", Text),
    col("participants", "/participants", Json),
    col("related", "/related", Json),
    col("materiel", "/materiel", Json),
    col("reported_by", "/reported_by", Ids),
    col("cited_sources", "/citations", CitedSources),
    col("citations", "/citations", Json),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

const SANCTIONS: &[Column] = &[
    col("id", "/id", Text),
    col("title", "/title", Text),
    col("imposed_by", "/imposed_by", Ids),
    col("targets", "/targets", Ids),
    col("scope", "/scope", Text),
    col("measures", "/measures", Json),
    col("reasons", "/reasons", Ids),
    col("programme", "/programme", Text),
    col("legal_basis", "/legal_basis", Text),
    col("period", "/period", Text),
    col("period_earliest", "/period", Earliest),
    col("period_latest", "/period", Latest),
    col("cited_sources", "/citations", CitedSources),
    col("citations", "/citations", Json),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

const QUOTES: &[Column] = &[
    col("id", "/id", Text),
    col("speakers", "/speakers", Ids),
    col("kind", "/kind", Text),
    col("text", "/text", Text),
    col("language", "/language", Text),
    col("original_language", "/original_language", Text),
    col("original_text", "/original_text", Text),
    col("medium", "/medium", Text),
    col("date", "/date", Text),
    col("date_earliest", "/date", Earliest),
    col("date_latest", "/date", Latest),
    col("about", "/about", Ids),
    col("responds_to", "/responds_to", Ids),
    col("reported_by", "/reported_by", Ids),
    col("cited_sources", "/citations", CitedSources),
    col("citations", "/citations", Json),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

const CLAIMS: &[Column] = &[
    col("id", "/id", Text),
    col("about", "/about", Text),
    col("statement", "/statement", Text),
    col("kind", "/kind", Text),
    col("stance", "/stance", Text),
    col("hedge", "/hedge", Text),
    col("event_date", "/event_date", Text),
    col("event_date_earliest", "/event_date", Earliest),
    col("event_date_latest", "/event_date", Latest),
    col("asserted_by", "/asserted_by", Ids),
    col("attribution", "/attribution", Text),
    col("asserted_on", "/asserted_on", Text),
    col("denied_by", "/denied_by", Ids),
    col("reported_by", "/reported_by", Ids),
    col("evidence", "/evidence", Ids),
    col("supersedes", "/supersedes", Ids),
    col("contradicts", "/contradicts", Ids),
    col("cited_sources", "/citations", CitedSources),
    col("citations", "/citations", Json),
    col("notes", "/notes", Text),
    col("withdrawn", "/withdrawn", Text),
    col("acknowledged_warnings", "/acknowledged_warnings", Json),
];

/// The columns of a collection's CSV file, in order; empty for [`DataFile::Metadata`], which
/// has no CSV.
pub fn columns(file: DataFile) -> &'static [Column] {
    match file {
        DataFile::Metadata => &[],
        DataFile::Sources => SOURCES,
        DataFile::Actors => ACTORS,
        DataFile::Events => EVENTS,
        DataFile::Sanctions => SANCTIONS,
        DataFile::Quotes => QUOTES,
        DataFile::Claims => CLAIMS,
    }
}

/// Renders records (as JSON objects) into a CSV file with the given columns.
pub fn render(records: &[Value], columns: &[Column]) -> String {
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.name.to_owned()).collect();
    push_row(&mut out, &header);
    for record in records {
        let row: Vec<String> = columns.iter().map(|c| cell(record, c)).collect();
        push_row(&mut out, &row);
    }
    out
}

fn cell(record: &Value, column: &Column) -> String {
    let Some(value) = record.pointer(column.pointer) else {
        return String::new();
    };
    match column.form {
        Form::Text => match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            Value::Bool(_) | Value::Number(_) => value.to_string(),
            other => other.to_string(),
        },
        Form::Ids => match value {
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(";"),
            other => other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_owned),
        },
        Form::Json => value.to_string(),
        Form::Earliest | Form::Latest => value
            .as_str()
            .and_then(|s| s.parse::<Date>().ok())
            .and_then(|d| {
                if column.form == Form::Earliest {
                    d.earliest()
                } else {
                    d.latest()
                }
            })
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Form::CitedSources => {
            let mut ids: Vec<&str> = Vec::new();
            for c in value.as_array().into_iter().flatten() {
                if let Some(id) = c.get("source").and_then(Value::as_str)
                    && !ids.contains(&id)
                {
                    ids.push(id);
                }
            }
            ids.join(";")
        }
    }
}

fn push_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&escape(c));
    }
    out.push_str("\r\n");
}

/// The first characters that make [`escape`] prefix a cell with `'`: those spreadsheets read
/// as the start of a formula, and `'` itself, so that stripping one `'` is always right.
pub const NEUTRALISED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// One cell as RFC 4180 text, neutralised against formula injection: a cell starting with
/// `=`, `+`, `-`, `@`, a tab, a carriage return or `'` gets a leading `'` (see the module
/// documentation: strip one leading `'` from any cell that has one to read it back).
///
/// ```
/// # use drone_dossier::release::csv::escape;
/// assert_eq!(escape("plain"), "plain");
/// assert_eq!(escape("a, b"), "\"a, b\"");
/// assert_eq!(escape("say \"no\""), "\"say \"\"no\"\"\"");
/// assert_eq!(escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(escape("-1"), "'-1");
/// assert_eq!(escape("'=x"), "''=x");
/// assert_eq!(escape("'quoted'"), "''quoted'");
/// assert_eq!(escape("it's"), "it's");
/// assert_eq!(escape("line\nbreak"), "\"line\nbreak\"");
/// ```
pub fn escape(cell: &str) -> String {
    let neutral = if cell.starts_with(NEUTRALISED) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_rows_with_crlf_and_flattened_cells() {
        let records = [json!({
            "id": "e1",
            "title": "+ spreadsheet, \"injection\"",
            "date": "2022-08",
            "participants": [{"actor": "iran", "role": "supplier"}],
            "citations": [{"source": "s1"}, {"source": "s2"}, {"source": "s1"}],
        })];
        let csv = render(&records, columns(DataFile::Events));
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "id,kind,title,summary,date,date_earliest,date_latest,location_name,location_country,participants,related,materiel,reported_by,cited_sources,citations,notes,withdrawn,acknowledged_warnings"
        );
        let row = lines.next().unwrap();
        assert!(row.starts_with(
            "e1,,\"'+ spreadsheet, \"\"injection\"\"\",,2022-08,2022-08-01,2022-08-31,,,"
        ));
        assert!(row.contains(",s1;s2,"), "{row}");
        assert!(row.contains("\"[{\"\"actor\"\":\"\"iran\"\",\"\"role\"\":\"\"supplier\"\"}]\""));
        assert_eq!(lines.next(), Some(""));
    }

    /// A strict RFC 4180 reader, to check the writer against.
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
        fn any_text_survives_a_round_trip(cells in proptest::collection::vec(".*|[=+@,'\"\r\n -]{0,6}", 1..5)) {
            let mut out = String::new();
            push_row(&mut out, &cells);
            let rows = parse(&out);
            proptest::prop_assert_eq!(rows.len(), 1);
            for (read, written) in rows[0].iter().zip(&cells) {
                let neutral = written.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']);
                let expected = if neutral { format!("'{written}") } else { written.clone() };
                proptest::prop_assert_eq!(read, &expected);
                // The documented rule reads every cell back: strip one leading `'`.
                let original = read.strip_prefix('\'').unwrap_or(read);
                proptest::prop_assert_eq!(original, written.as_str());
            }
        }
    }

    #[test]
    fn a_leading_apostrophe_is_never_ambiguous() {
        // `=x` and `'=x` must not be written the same.
        assert_ne!(escape("=x"), escape("'=x"));
        for original in ["=x", "'=x", "''=x", "'", "'plain", "plain"] {
            let cell = escape(original);
            assert_eq!(cell.strip_prefix('\'').unwrap_or(&cell), original);
        }
    }

    #[test]
    fn open_interval_has_only_the_known_end() {
        let records = [json!({"id": "s", "period": "../2023"})];
        let csv = render(&records, columns(DataFile::Sanctions));
        let row = csv.lines().nth(1).unwrap();
        assert!(row.contains(",../2023,,2023-12-31,"), "{row}");
    }
}
