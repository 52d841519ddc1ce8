//! `metadata.json` read into the model: what its schema's patterns cannot say about versions
//! (a number too large for 64 bits, a pre-release identifier with a leading zero).

use serde_json::Value;

use super::FileContent;
use crate::model::{DataFile, Version};
use crate::validate::{Code, Diagnostic};

pub(super) fn check(files: &[FileContent<'_>], out: &mut Vec<Diagnostic>) {
    for f in files.iter().filter(|f| f.file == DataFile::Metadata) {
        for field in ["version", "schema_version"] {
            // A missing or non-string value is the schema layer's to report.
            let Some(Value::String(text)) = f.top.get(field) else {
                continue;
            };
            if let Err(e) = Version::new(text.as_str()) {
                out.push(
                    Diagnostic::new(Code::Schema, f.path, e.to_string())
                        .at(format!("/{field}"))
                        .with_help(
                            "MAJOR, MINOR and PATCH must each fit in 64 bits, and numeric pre-release parts have no leading zeros",
                        ),
                );
            }
        }
    }
}
