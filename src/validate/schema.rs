//! Layer 2: each file against its committed JSON Schema.

use std::sync::LazyLock;

use jsonschema::Validator;

use super::{Code, Diagnostic, Parsed};
use crate::model::DataFile;

fn schema_text(file: DataFile) -> &'static str {
    match file {
        DataFile::Metadata => include_str!("../../schema/metadata.schema.json"),
        DataFile::Sources => include_str!("../../schema/sources.schema.json"),
        DataFile::Actors => include_str!("../../schema/actors.schema.json"),
        DataFile::Events => include_str!("../../schema/events.schema.json"),
        DataFile::Sanctions => include_str!("../../schema/sanctions.schema.json"),
        DataFile::Quotes => include_str!("../../schema/quotes.schema.json"),
        DataFile::Claims => include_str!("../../schema/claims.schema.json"),
    }
}

/// One compiled validator per schema, built on first use and reused.
static VALIDATORS: LazyLock<Vec<(DataFile, Validator)>> = LazyLock::new(|| {
    DataFile::ALL
        .into_iter()
        .map(|file| {
            let schema: serde_json::Value =
                serde_json::from_str(schema_text(file)).expect("committed schemas are JSON");
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .expect("committed schemas compile");
            (file, validator)
        })
        .collect()
});

/// Checks every parsed file; returns the files that passed.
pub(crate) fn check(parsed: &[Parsed], out: &mut Vec<Diagnostic>) -> Vec<DataFile> {
    let mut passed = Vec::new();
    for p in parsed {
        let validator = &VALIDATORS
            .iter()
            .find(|(f, _)| *f == p.file)
            .expect("a validator for every file")
            .1;
        let before = out.len();
        for error in validator.iter_errors(&p.value) {
            out.push(
                Diagnostic::new(Code::Schema, &p.path, error.to_string())
                    .at(error.instance_path().to_string()),
            );
        }
        if out.len() == before {
            passed.push(p.file);
        }
    }
    passed
}
