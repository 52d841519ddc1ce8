//! Each file's `$schema` points at its own schema, relative to the file.
//!
//! The validator always checks a file against the right schema whatever `$schema` says; the
//! value matters to editors, which use it to offer completion and flag errors while a curator
//! types. A file pointing at the wrong schema would be checked against the wrong rules there.

use serde_json::Value;

use super::FileContent;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(files: &[FileContent<'_>], out: &mut Vec<Diagnostic>) {
    for f in files {
        let expected = f.file.schema_ref();
        // A missing or non-string `$schema` is the schema layer's to report.
        let Some(Value::String(actual)) = f.top.get("$schema") else {
            continue;
        };
        if *actual != expected {
            out.push(
                Diagnostic::new(
                    Code::SchemaReference,
                    f.path,
                    format!("`$schema` is `{actual}`, not this file's schema"),
                )
                .at("/$schema")
                .with_help(format!("use \"$schema\": \"{expected}\"")),
            );
        }
    }
}
