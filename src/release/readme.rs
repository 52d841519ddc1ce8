//! The texts written into a bundle: its README and its licence notice.
//!
//! The README's load recipes ([`RECIPES`]) are the only copy: CI extracts them from a built
//! bundle's README and runs them against that bundle (`.ci/check_recipes.py`), so a recipe
//! that stops working fails the build instead of misleading an analyst.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;

use super::citation::REPOSITORY;
use super::tables::{Table, Values};
use crate::model::Metadata;

/// Text from the data, made safe for Markdown prose: control and bidi characters become
/// visible `\u{…}` escapes (they would reorder or hide text in a terminal or a viewer), line
/// breaks become spaces (a description cannot start a heading), and the characters Markdown
/// gives a meaning to are backslash-escaped (CommonMark allows that for any ASCII
/// punctuation), so no link, image, HTML or code span can come from the data.
pub(crate) fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' | '{'
            | '}' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:04X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text of our own (a table's or a column's description, written in `tables.rs`), for a
/// Markdown table cell: its code spans (`` `published_earliest` ``) kept, only what would end
/// the cell or the row escaped. Never for data, which goes through [`markdown_text`].
fn own_text(s: &str) -> String {
    s.replace(['\n', '\r'], " ").replace('|', "\\|")
}

/// The load recipes, each a fenced block whose first line is `# recipe: TOOL`. Each answers
/// the same four questions and leaves its answers in `timeline`, `by_speaker`, `transfer`
/// and `sanctions`, which CI compares with the data.
pub const RECIPES: [(&str, &str); 3] = [
    (
        "pandas",
        r#"# recipe: pandas
import json
import pandas as pd

package = json.load(open("datapackage.json", encoding="utf-8"))

def table(name):
    """A table from jsonl/, typed as datapackage.json says (never guessed from the data)."""
    fields = next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]
    with open(f"jsonl/{name}.jsonl", encoding="utf-8") as f:
        df = pd.DataFrame([json.loads(line) for line in f], columns=[x["name"] for x in fields])
    for x in fields:
        if x["type"] == "date":
            df[x["name"]] = pd.to_datetime(df[x["name"]], format="%Y-%m-%d")
        else:
            df[x["name"]] = df[x["name"]].astype("Int64" if x["type"] == "integer" else "string")
    return df

def current(name):
    """A record table without its withdrawn records (kept so that links to them resolve)."""
    df = table(name)
    return df[df["withdrawn"].isna()]

# A timeline: `date` stays as the sources give it (2022-11 is a month, not 1 November).
timeline = (current("events").sort_values(["date_earliest", "id"], na_position="last")
            [["date", "date_precision", "date_earliest", "date_latest", "title"]])

# Quotes by a speaker, with the speaker's name.
quotes = current("quotes").merge(table("quote_speakers"), left_on="id", right_on="quote")
by_speaker = (quotes[quotes["speaker"] == "javad-heiran-nia"]
              .sort_values(["date_earliest", "id"])[["speaker_name", "date", "text"]])

# The competing claims about the drone transfer, side by side.
asserters = (table("claim_asserters").sort_values("position")
             .groupby("claim")["actor_name"].agg("; ".join).rename("asserted_by"))
claims = current("claims")
transfer = (claims[claims["about"] == "drone-transfer-to-russia"].join(asserters, on="id")
            [["id", "stance", "event_date", "asserted_by", "attribution", "statement"]])

# Sanctions, with the names of who imposed them.
sanctions = (current("sanctions").merge(table("sanction_imposers"), left_on="id", right_on="sanction")
             [["title", "actor_name", "period"]])
print(timeline.to_string(index=False))
"#,
    ),
    (
        "DuckDB",
        r#"# recipe: duckdb
import json
import duckdb

package = json.load(open("datapackage.json", encoding="utf-8"))
TYPES = {"string": "VARCHAR", "integer": "BIGINT", "date": "DATE"}
con = duckdb.connect()
for r in package["resources"]:
    # Column types from datapackage.json, so they never depend on the data.
    columns = {x["name"]: TYPES[x["type"]] for x in r["schema"]["fields"]}
    con.execute(f"CREATE TABLE {r['name']} AS SELECT * FROM read_json("
                f"'jsonl/{r['name']}.jsonl', format = 'newline_delimited', columns = {columns})")

# Withdrawn records stay in the tables (links to them resolve): leave them out.
timeline = con.sql("""SELECT date, date_precision, date_earliest, date_latest, title FROM events
                      WHERE withdrawn IS NULL ORDER BY date_earliest NULLS LAST, id""")
by_speaker = con.sql("""SELECT s.speaker_name, q.date, q.text
                        FROM quotes q JOIN quote_speakers s ON s.quote = q.id
                        WHERE s.speaker = 'javad-heiran-nia' AND q.withdrawn IS NULL
                        ORDER BY q.date_earliest, q.id""")
transfer = con.sql("""SELECT c.id, c.stance, c.event_date,
                             string_agg(a.actor_name, '; ' ORDER BY a.position) AS asserted_by,
                             c.attribution, c.statement
                      FROM claims c LEFT JOIN claim_asserters a ON a.claim = c.id
                      WHERE c.about = 'drone-transfer-to-russia' AND c.withdrawn IS NULL
                      GROUP BY ALL ORDER BY c.id""")
sanctions = con.sql("""SELECT s.title, i.actor_name, s.period
                       FROM sanctions s JOIN sanction_imposers i ON i.sanction = s.id
                       WHERE s.withdrawn IS NULL ORDER BY s.id, i.position""")
timeline.show()
"#,
    ),
    (
        "Polars",
        r#"# recipe: polars
import json
import polars as pl

package = json.load(open("datapackage.json", encoding="utf-8"))
TYPES = {"string": pl.String, "integer": pl.Int64, "date": pl.String}

def table(name):
    """A table from jsonl/, typed as datapackage.json says (never guessed from the data)."""
    fields = next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]
    with open(f"jsonl/{name}.jsonl", encoding="utf-8") as f:
        df = pl.from_dicts([json.loads(line) for line in f],
                           schema={x["name"]: TYPES[x["type"]] for x in fields})
    dates = [x["name"] for x in fields if x["type"] == "date"]
    return df.with_columns(pl.col(dates).str.to_date("%Y-%m-%d")) if dates else df

def current(name):
    """A record table without its withdrawn records (kept so that links to them resolve)."""
    return table(name).filter(pl.col("withdrawn").is_null())

timeline = (current("events").sort(["date_earliest", "id"], nulls_last=True)
            .select("date", "date_precision", "date_earliest", "date_latest", "title"))
quotes = current("quotes").join(table("quote_speakers"), left_on="id", right_on="quote")
by_speaker = (quotes.filter(pl.col("speaker") == "javad-heiran-nia")
              .sort(["date_earliest", "id"]).select("speaker_name", "date", "text"))
asserters = (table("claim_asserters").sort("position").group_by("claim", maintain_order=True)
             .agg(pl.col("actor_name").str.join("; ").alias("asserted_by")))
transfer = (current("claims").filter(pl.col("about") == "drone-transfer-to-russia")
            .join(asserters, left_on="id", right_on="claim", how="left")
            .select("id", "stance", "event_date", "asserted_by", "attribution", "statement"))
sanctions = (current("sanctions").join(table("sanction_imposers"), left_on="id", right_on="sanction")
             .select("title", "actor_name", "period"))
print(timeline)
"#,
    ),
];

/// The `OWNER/NAME` of the repository, for `gh attestation verify --repo`.
fn repo_slug() -> &'static str {
    REPOSITORY
        .strip_prefix("https://github.com/")
        .unwrap_or(REPOSITORY)
}

/// The bundle's `README.md`: citation, verification, files, every column, and how to load
/// the data.
pub(crate) fn readme(
    meta: &Metadata,
    counts: &BTreeMap<String, usize>,
    tables: &[Table],
    released: NaiveDate,
    citation: &str,
    has_changes: bool,
) -> String {
    let v = &meta.version;
    let dir = super::bundle_name(v);
    let mut s = String::new();
    let _ = write!(
        s,
        "# {name} {v}: release bundle

{description}

Released {released}. Data model (schema) version {schema}. Licence of the data: {license}
(see `LICENSE.md`). What changed in this version: `CHANGELOG.md`{changes}. Repository:
<{REPOSITORY}>.

## Cite

{citation_md}

The same citation is in `CITATION.cff` (Citation File Format) and in `manifest.json`.

## Verify

Integrity (the files are the ones the manifest lists, none truncated, changed or added), from
inside `{dir}/`:

```sh
sha256sum -c SHA256SUMS
```

Every line must say `OK`. Checksums alone do not prove who made the bundle: anyone who
changes a file can regenerate them. Authenticity comes from the signed build-provenance
attestation the release workflow publishes for the archive; with the GitHub CLI:

```sh
gh attestation verify {dir}.tar.gz --repo {slug}
```

It checks that the archive was built by this repository's release workflow, from the commit
named in `manifest.json` (`source_commit`). The Rust crate's `Dataset::from_release` checks
every checksum before it reads any data.

## Files

| path | what it is |
|------|------------|
| `csv/TABLE.csv` | the tables below, one file each (for spreadsheets and CSV tools) |
| `jsonl/TABLE.jsonl` | the same tables as JSON Lines, one object per row, values unaltered (for analysis tools) |
| `datapackage.json` | a Frictionless Tabular Data Package: every CSV table with its column types, descriptions, primary key, foreign keys and allowed values |
| `dossier.json` | the whole dataset as one nested JSON document: `metadata` and one array per collection |
| `dataset/NAME.json` | the dataset files as kept in the repository; each names its schema in `$schema` |
| `schema/NAME.schema.json` | JSON Schema (draft 2020-12) of each `dataset/NAME.json`; `schema/dossier.schema.json` and `schema/manifest.schema.json` describe `dossier.json` and `manifest.json` |
| `site/` | the dataset as a static website: open `site/index.html` in a browser (timeline, a page per record, search) |
| `changes.json` | the record-level differences from the previous release (added, removed and changed records, field by field, and the version bump they need), as `dossier diff --json` prints them; only in a release built against a previous one |
| `manifest.json` | name, versions, release date, repository, source commit, citation, record counts, every file's size and SHA-256 |
| `CITATION.cff` | how to cite this release |
| `SHA256SUMS` | checksums for `sha256sum -c` |

Records in this version:

| collection | records |
|------------|---------|
",
        name = markdown_text(&meta.name),
        description = markdown_text(&meta.description),
        schema = meta.schema_version,
        license = markdown_text(&meta.license),
        changes = if has_changes {
            "; what changed record by record: `changes.json`"
        } else {
            ""
        },
        citation_md = markdown_text(citation),
        slug = repo_slug(),
    );
    for (name, n) in counts {
        let _ = writeln!(s, "| {} | {n} |", markdown_text(name));
    }
    s.push_str(
        "
Ids are lowercase slugs, unique across all collections, and stable: an id is never reused,
and never removed or renamed outside a major version.

## Tables

The nested records of `dossier.json` are flattened into tables that load without string
splitting. Each collection has a main table, one row per record. Each list in a record (the
participants of an event, the imposers of a sanction, what a quote is about, ...) is a link
table, one row per item, keyed by the parent's id and the item's `position` (from 1): a
many-to-many question is a join. `records` lists every id with its collection and a label; it
is the target of references that may name any kind of record. `citations` holds every
citation of every record.

Every id column has the referenced record's name or title beside it. Every date column `X`
keeps the EDTF text of the data (`2022`, `2022-08`, `2022-08-15`, `1990/1994`, `../2023`:
never more precise than the sources) and comes with `X_precision` (`year`, `month`, `day`, or
`interval`) and `X_earliest` / `X_latest`, the first and last calendar day it can mean (empty
at an open end). Sort and filter by those two; display `X`.

CSV files follow RFC 4180 (comma-separated, CRLF line ends, quoted cells where needed), UTF-8
without a byte-order mark, empty cell = no value. A cell that a spreadsheet could run as a
formula (one starting with `=`, `+`, `-`, `@` or `|`, or their full-width forms, even after
leading spaces or invisible characters, or starting with a tab, a carriage return or NUL) is
written with a leading `'`, and so is a cell whose text starts with `'` itself: to get the
original text back, strip exactly one leading `'` from every cell that starts with one (`'=x`
was `=x`, `''=x` was `'=x`). The JSONL files keep the exact text, so analysis tools should
read those.

To open a CSV file in a spreadsheet, import it rather than double-click it, so the text is read
as UTF-8 and dates stay as written: in LibreOffice Calc, *File > Open*, character set
\"Unicode (UTF-8)\", and the columns that keep a date as written (`date`, `published`,
`period`, `event_date`, `withdrawn`, …: type `string` in `datapackage.json`) set to *Text*;
in Excel, *Data > From Text/CSV*, file origin \"65001: Unicode (UTF-8)\" and data type
detection \"Do not detect data types\". Opened directly, both read the bytes in the system's
legacy encoding (`“` shows as `â€œ`) and turn `2022-08` or `1979` into a day or a number.
The separator is a comma: a spreadsheet set to split on `;` or tabs (the default in many
European locales) must be told so, as above, or it splits cells at those characters, and the
neutralisation of a cell does not carry over to the parts it splits off. Tools that guess column types from the
data (`read_csv` with type detection) guess differently from file to file (an empty column
as text, a `withdrawn` column as a date): the recipes below take every type from
`datapackage.json`.

**Withdrawn records.** A record the curators withdrew stays in the data, so that ids and links
to it keep resolving, with the date it was withdrawn in `withdrawn` and the reason in `notes`.
It is no longer part of the dataset's account: leave out rows whose `withdrawn` is not empty
(as the recipes do). Only the tables of records have the column: rows of `records`,
`citations` and the link tables (`quote_speakers`, `claim_asserters`, …) are left out by
joining them to their record's table. The manifest's record counts include withdrawn
records.

",
    );
    for t in tables {
        let _ = writeln!(
            s,
            "### `{}`\n\n{} Key: {}.\n\n| column | type | meaning |\n|--------|------|---------|",
            t.name,
            own_text(t.description),
            t.primary_key
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" + "),
        );
        for f in &t.fields {
            let mut meaning = own_text(&f.description);
            if let Some(target) = f.references {
                let _ = write!(meaning, " Refers to `{target}`.`id`.");
            }
            if let Values::OneOf(values) = &f.values {
                let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let _ = write!(meaning, " One of {}.", list.join(", "));
            }
            if f.required {
                meaning.push_str(" Always present.");
            }
            let _ = writeln!(s, "| `{}` | {} | {meaning} |", f.name, f.ty.name());
        }
        s.push('\n');
    }
    s.push_str(
        "## Load

Each recipe reads the JSONL tables with the column types `datapackage.json` gives, so types
never depend on the data, and answers four questions: a timeline, the quotes of one speaker
with names, the competing claims about the drone transfer side by side, and the sanctions with
the names of who imposed them. CI runs these exact recipes against every built bundle and
checks their answers.
",
    );
    for (tool, code) in RECIPES {
        let _ = write!(s, "\n{tool}:\n\n```python\n{code}```\n");
    }
    let _ = write!(
        s,
        "
Frictionless (checks every table against `datapackage.json`, foreign keys included):

```sh
frictionless validate datapackage.json
```

Rust, with the `drone-dossier` crate (feature `release`), which verifies every checksum first:

```rust
let data = drone_dossier::Dataset::from_release(\"{dir}.tar.gz\")?; // or the unpacked directory
for event in data.events_chronological() {{
    println!(\"{{}} {{}}\", event.date.map(|d| d.to_string()).unwrap_or_default(), event.title);
}}
```

Validate a dataset file against its schema with any JSON Schema tool, for example:

```sh
check-jsonschema --schemafile schema/events.schema.json dataset/events.json
```
"
    );
    s
}

/// The bundle's `LICENSE.md`: the data's licence, by SPDX identifier.
pub(crate) fn license(meta: &Metadata) -> String {
    let link = super::datapackage::license_url(&meta.license);
    format!(
        "# Licence\n\nThe data in this bundle ({name} {version}) is licensed under {license}\n\
         (SPDX identifier `{license}`). The full text of the licence: <{link}>\n\n\
         When you reuse the data, credit \"{name} {version}\" and keep the source citations that\n\
         each record carries. Quotations and excerpts inside the records are short extracts of\n\
         the cited sources, kept for attribution and verification; their copyright stays with\n\
         the sources' publishers.\n",
        name = markdown_text(&meta.name),
        version = meta.version,
        license = markdown_text(&meta.license),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_inject_markdown_or_terminal_controls() {
        let hostile = "x\u{1b}[2J\u{7}\r\n# Heading [link](javascript:x) <script>`code`\u{202E}";
        let safe = markdown_text(hostile);
        for bad in ['\u{1b}', '\u{7}', '\r', '\n', '\u{202E}'] {
            assert!(!safe.contains(bad), "{safe:?}");
        }
        assert!(
            safe.contains("\\u{001B}") && safe.contains("\\u{202E}"),
            "{safe}"
        );
        assert!(!safe.contains("<script>") && !safe.contains("](") && safe.contains("\\`code\\`"));
        assert_eq!(
            markdown_text("Iran's drones, 2022."),
            "Iran's drones, 2022."
        );
    }
}
