//! The texts written into a bundle: its README and its licence notice.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::csv::{Form, columns};
use crate::model::{DataFile, Metadata};

/// The bundle's `README.md`: what each file is, the CSV columns, and how to load the data.
pub(crate) fn readme(meta: &Metadata, counts: &BTreeMap<String, usize>) -> String {
    let v = &meta.version;
    let dir = super::bundle_name(v);
    let mut s = String::new();
    let _ = write!(
        s,
        "# {name} {v}: release bundle

{description}

Data model (schema) version {schema}. Licence of the data: {license} (see `LICENSE.md`).
What changed in this version: `CHANGELOG.md`.

## Verify

From inside `{dir}/`:

```sh
sha256sum -c SHA256SUMS
```

Every line must say `OK`. `manifest.json` lists the same checksums with each file's size,
the record counts and the commit the bundle was built from. The Rust crate's
`Dataset::from_release` checks all of them before it reads any data.

## Files

| path | what it is |
|------|------------|
| `dossier.json` | the whole dataset as one JSON document: `metadata` and one array per collection |
| `dataset/NAME.json` | the dataset files as kept in the repository; each names its schema in `$schema` |
| `schema/NAME.schema.json` | JSON Schema (draft 2020-12) of each `dataset/NAME.json`; `schema/dossier.schema.json` and `schema/manifest.schema.json` describe `dossier.json` and `manifest.json` |
| `jsonl/NAME.jsonl` | JSON Lines: one record per line, same fields as in `dataset/` |
| `csv/NAME.csv` | one row per record, flattened columns (below) |
| `site/` | the dataset as a static website: open `site/index.html` in a browser (timeline, a page per record, search) |
| `manifest.json` | name, versions, source commit, record counts, every file's size and SHA-256 |
| `SHA256SUMS` | checksums for `sha256sum -c` |

Records in this version:

| collection | records |
|------------|---------|
",
        name = meta.name,
        description = meta.description,
        schema = meta.schema_version,
        license = meta.license,
    );
    for (name, n) in counts {
        let _ = writeln!(s, "| {name} | {n} |");
    }
    s.push_str(
        "
Ids are lowercase slugs, unique across all collections, and stable: an id is never reused,
and never removed or renamed outside a major version. Dates are ISO 8601-2 / EDTF-subset
strings at the precision the sources support: `2022`, `2022-08`, `2022-08-15`, intervals
`1990/1994`, open ends `../2023`.

## CSV columns

CSV files follow RFC 4180 (comma-separated, CRLF line ends, quoted cells where needed), UTF-8
without a byte-order mark. A cell with several ids joins them with `;`. A cell with structured
values (roles, participants, citations, aliases) holds compact JSON. For every date column
`X`, `X_earliest` and `X_latest` give the first and last day it could mean (`YYYY-MM-DD`;
empty when that end is open). `cited_sources` lists the ids of the cited sources. A cell that
would start with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'`
so that spreadsheets do not run it as a formula, and so is a cell whose text starts with `'`
itself: to get the original text back, strip exactly one leading `'` from every cell that
starts with one (`'=x` was `=x`, `''=x` was `'=x`). The JSON and JSONL files keep the exact
text.

",
    );
    for file in DataFile::ALL.into_iter().skip(1) {
        let cols: Vec<String> = columns(file)
            .iter()
            .map(|c| {
                let how = match c.form {
                    Form::Ids => " (ids, `;`)",
                    Form::Json => " (JSON)",
                    Form::Earliest => " (first day)",
                    Form::Latest => " (last day)",
                    Form::CitedSources => " (ids, `;`)",
                    _ => "",
                };
                format!("`{}`{how}", c.name)
            })
            .collect();
        let _ = writeln!(s, "- `csv/{}.csv`: {}", file.name(), cols.join(", "));
    }
    let _ = write!(
        s,
        "
## Load

Python (standard library and pandas):

```python
import json
import pandas as pd

data = json.load(open(\"dossier.json\", encoding=\"utf-8\"))
events = pd.DataFrame(data[\"events\"])
quotes = pd.read_json(\"jsonl/quotes.jsonl\", lines=True)
actors = pd.read_csv(\"csv/actors.csv\", keep_default_na=False)
```

DuckDB:

```sql
-- Events in order: the _earliest column sorts partial dates (2022-08) by their first day.
SELECT date, title FROM read_csv('csv/events.csv', header = true, all_varchar = true)
ORDER BY date_earliest NULLS LAST, id;
SELECT speaker, count(*) AS quotes FROM read_json_auto('jsonl/quotes.jsonl') GROUP BY speaker;
```

Rust, with the `dossier` crate (feature `release`), which verifies every checksum first:

```rust
let data = drone_dossier::Dataset::from_release(\"{dir}.tar.gz\")?; // or the unpacked directory
for event in data.events_chronological() {{
    println!(\"{{}} {{}}\", event.date.map(|d| d.to_string()).unwrap_or_default(), event.title);
}}
```

Validate a file against its schema with any JSON Schema tool, for example:

```sh
check-jsonschema --schemafile schema/events.schema.json dataset/events.json
```
"
    );
    s
}

/// The bundle's `LICENSE.md`: the data's licence, by SPDX identifier.
pub(crate) fn license(meta: &Metadata) -> String {
    let link = match meta.license.as_str() {
        "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/legalcode".to_owned(),
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/legalcode".to_owned(),
        other => format!("https://spdx.org/licenses/{other}.html"),
    };
    format!(
        "# Licence\n\nThe data in this bundle ({name} {version}) is licensed under {license}\n\
         (SPDX identifier `{license}`). The full text of the licence: <{link}>\n\n\
         When you reuse the data, credit \"{name} {version}\" and keep the source citations that\n\
         each record carries. Quotations and excerpts inside the records are short extracts of\n\
         the cited sources, kept for attribution and verification; their copyright stays with\n\
         the sources' publishers.\n",
        name = meta.name,
        version = meta.version,
        license = meta.license,
    )
}
