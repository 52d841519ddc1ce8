//! JSON Schema generation (feature `schema`).
//!
//! The files in `schema/` are generated from the model types by [`generate`], never edited by
//! hand; a test regenerates them and fails on any difference. Each schema validates one
//! dataset file as a whole (draft 2020-12), carries the doc comments as descriptions, and has
//! a stable `$id` that changes only with the schema's major version.

use std::path::Path;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::{
    ActorsFile, ClaimsFile, DataFile, EventsFile, Metadata, QuotesFile, SanctionsFile, SourcesFile,
};

/// The major version of the data model, part of every schema's `$id`.
pub const SCHEMA_MAJOR: u32 = 2;

/// The `$id` of a file's schema: `urn:dossier:schema:v2:events`.
pub fn schema_id(file: DataFile) -> String {
    id_for(file.name())
}

fn id_for(name: &str) -> String {
    format!("urn:dossier:schema:v{SCHEMA_MAJOR}:{name}")
}

/// The JSON Schema of one dataset file.
pub fn generate(file: DataFile) -> Value {
    match file {
        DataFile::Metadata => generate_for::<Metadata>(file.name()),
        DataFile::Sources => generate_for::<SourcesFile>(file.name()),
        DataFile::Actors => generate_for::<ActorsFile>(file.name()),
        DataFile::Events => generate_for::<EventsFile>(file.name()),
        DataFile::Sanctions => generate_for::<SanctionsFile>(file.name()),
        DataFile::Quotes => generate_for::<QuotesFile>(file.name()),
        DataFile::Claims => generate_for::<ClaimsFile>(file.name()),
    }
}

/// The text of one schema file as committed: pretty JSON with a trailing newline.
pub fn render(file: DataFile) -> String {
    crate::dataset::to_text(&generate(file))
}

/// Writes every schema into `dir` (normally `schema/`), each through a temporary file and a
/// rename so an interrupted run never leaves a truncated schema. Returns the files that changed.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<DataFile>> {
    crate::files::create_dir_all(dir)?;
    let changed = stale(dir);
    // Every target must resolve inside `dir`: a symlink planted there (to a shell profile) is
    // refused, not written through, and a device node is never replaced.
    let options = crate::files::WriteOptions {
        within: Some(dir),
        ..Default::default()
    };
    // All checked first: a refused target leaves every schema as it was.
    let targets: Vec<std::path::PathBuf> = changed
        .iter()
        .map(|file| dir.join(file.schema_file_name()))
        .collect();
    let all: Vec<std::path::PathBuf> = DataFile::ALL
        .iter()
        .map(|file| dir.join(file.schema_file_name()))
        .collect();
    crate::files::check_targets(targets.iter().map(std::path::PathBuf::as_path), dir)
        .and_then(|()| {
            crate::files::check_distinct(all.iter().map(std::path::PathBuf::as_path), dir)
        })
        .map_err(|(path, e)| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    for &file in &changed {
        let path = dir.join(file.schema_file_name());
        crate::files::write_atomic_with(&path, render(file).as_bytes(), &options)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    Ok(changed)
}

/// The files whose schema in `dir` is missing or differs from what the model generates.
pub fn stale(dir: &Path) -> Vec<DataFile> {
    DataFile::ALL
        .into_iter()
        .filter(|file| {
            // Through the file layer: a FIFO or `/dev/zero` planted as a schema is stale, not a
            // hang or an endless read.
            crate::files::read_text(&dir.join(file.schema_file_name())).ok() != Some(render(*file))
        })
        .collect()
}

/// Like [`stale`], but a schema file that exists and cannot be read (a FIFO, a device, a
/// file over the size limit, no permission) is an error rather than "out of date": `schema
/// --check` could not check it, which is not the same as finding it different.
pub fn check(dir: &Path) -> Result<Vec<DataFile>, (std::path::PathBuf, std::io::Error)> {
    let mut stale = Vec::new();
    for file in DataFile::ALL {
        let path = dir.join(file.schema_file_name());
        match crate::files::read_text(&path) {
            Ok(text) if text == render(file) => {}
            Ok(_) => stale.push(file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => stale.push(file),
            Err(e) => return Err((path, e)),
        }
    }
    Ok(stale)
}

/// The JSON Schema of any other document the project publishes (a release bundle's
/// `dossier.json` and `manifest.json`), named `NAME` in its `$id` and title, in the same tidied
/// form as the dataset files' schemas.
pub fn generate_for<T: JsonSchema>(name: &str) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    tidy(&mut value);
    let object = value.as_object_mut().expect("a root schema is an object");
    object.insert("$id".into(), Value::String(id_for(name)));
    object.insert(
        "title".into(),
        Value::String(format!("dossier {name}.json")),
    );
    value
}

/// Rewrites schemars' output into the form we publish:
///
/// - optional fields are simply not required: the files omit them rather than write `null`,
///   so `null` is not accepted (schemars allows it by default);
/// - a vocabulary (a `oneOf` of documented constants) becomes a plain `enum`, so validators
///   report "not one of …" instead of an opaque `oneOf` failure, and each value's meaning moves
///   into the description as a list;
/// - descriptions lose rustdoc link syntax and the hard line wraps of doc comments.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(object) => {
            drop_null_from_type(object);
            unwrap_nullable_any_of(object);
            drop_nonstandard_format(object);
            if let Some(Value::String(description)) = object.get_mut("description") {
                *description = plain_description(description);
            }
            vocabulary_to_enum(object);
            object.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn drop_null_from_type(object: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
}

/// schemars marks Rust integer widths with formats such as `uint64`, which are not JSON Schema
/// formats: strict validators (ajv) reject a schema that uses an unknown format. The bounds
/// that matter (`minimum: 0`) are kept.
fn drop_nonstandard_format(object: &mut serde_json::Map<String, Value>) {
    let nonstandard = |f: &str| {
        ["int", "uint", "float", "double"]
            .iter()
            .any(|prefix| f.starts_with(prefix))
    };
    if object
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(nonstandard)
    {
        object.remove("format");
    }
}

fn unwrap_nullable_any_of(object: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(options)) = object.get("anyOf") else {
        return;
    };
    let is_null = |v: &Value| v.get("type").is_some_and(|t| t == "null");
    if options.len() != 2 || !options.iter().any(is_null) {
        return;
    }
    let kept = options.iter().find(|v| !is_null(v)).cloned();
    object.remove("anyOf");
    if let Some(Value::Object(kept)) = kept {
        for (key, value) in kept {
            object.entry(key).or_insert(value);
        }
    }
}

fn vocabulary_to_enum(object: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(options)) = object.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut meanings = String::new();
    for option in options {
        let (Some(Value::String(constant)), Some(Value::String(meaning))) =
            (option.get("const"), option.get("description"))
        else {
            return;
        };
        values.push(Value::String(constant.clone()));
        meanings.push_str(&format!("\n- `{constant}`: {}", plain_description(meaning)));
    }
    object.remove("oneOf");
    object.insert("type".into(), Value::String("string".into()));
    object.insert("enum".into(), Value::Array(values));
    let description = match object.get("description") {
        Some(Value::String(d)) => format!("{d}\n{meanings}"),
        _ => meanings.trim_start().to_owned(),
    };
    object.insert("description".into(), Value::String(description));
}

/// Removes rustdoc link syntax (`` [`Claim`](super::Claim) `` and `` [`Claim`] `` become
/// `` `Claim` ``) and joins lines that a doc comment wrapped, keeping paragraph breaks. A
/// `# Example` section and what follows it is for Rust readers (Rust code run as a doctest)
/// and is left out.
fn plain_description(text: &str) -> String {
    let text = text
        .split_once("\n# Example")
        .map_or(text, |(prose, _)| prose)
        .trim_end();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        let Some(close) = rest[start..].find("`]").map(|i| start + i) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 1..close + 1]);
        rest = &rest[close + 2..];
        if rest.starts_with('(')
            && let Some(end) = rest.find(')')
        {
            rest = &rest[end + 1..];
        }
    }
    out.push_str(rest);
    out.split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
