//! Layer 2: each file against its committed JSON Schema (draft 2020-12, formats checked).
//!
//! One validator per schema is compiled on first use and reused for every file. Errors the
//! contributor will meet most often get their own code and a more useful message: a malformed
//! id (`id-format`, with the slug it probably meant) and a record with no citation
//! (`missing-citation`); everything else is reported as `schema` with jsonschema's message.

use std::path::Path;
use std::sync::{LazyLock, OnceLock};

use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::{Code, Diagnostic, suggest};
use crate::model::{DataFile, Id, MAX_ID_LEN};

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

struct Compiled {
    file: DataFile,
    /// Compiled on first use: a valid dataset read typed-first never needs a collection's
    /// validator (compiling all seven took 5 ms, most of a small dataset's run).
    validator: OnceLock<Validator>,
    date_keys: Vec<String>,
    object_keys: Vec<String>,
    schema: Value,
}

impl Compiled {
    fn validator(&self) -> &Validator {
        self.validator.get_or_init(|| {
            // The schemas are compiled into the binary and checked by the test suite, so a
            // failure here is a broken build, not bad input.
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&self.schema)
                .expect("committed schemas compile")
        })
    }
}

/// Each schema, read on first use and reused.
static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    DataFile::ALL
        .into_iter()
        .map(|file| {
            let schema: Value =
                serde_json::from_str(schema_text(file)).expect("committed schemas are JSON");
            Compiled {
                file,
                validator: OnceLock::new(),
                date_keys: find_date_keys(&schema),
                object_keys: find_object_keys(&schema),
                schema,
            }
        })
        .collect()
});

fn compiled(file: DataFile) -> &'static Compiled {
    COMPILED
        .iter()
        .find(|c| c.file == file)
        .expect("a validator for every file")
}

/// The property names that hold dates in this file's schema: those that refer to
/// `#/$defs/Date` and are never anything else.
pub(crate) fn date_keys(file: DataFile) -> &'static [String] {
    &compiled(file).date_keys
}

/// The property names whose value is an object in this file's schema (directly or through a
/// `$ref`): serde reads a struct from an array too (one element per field), which the schema
/// refuses, so typed-first reading sends a record with an array there to the schema.
pub(crate) fn object_keys(file: DataFile) -> &'static [String] {
    &compiled(file).object_keys
}

/// Every property of the schema's definitions and of its root, by name.
fn properties(schema: &Value) -> impl Iterator<Item = (&String, &Value)> {
    let defs = schema.get("$defs").and_then(Value::as_object);
    defs.into_iter()
        .flat_map(|d| d.values())
        .chain(std::iter::once(schema))
        .filter_map(|def| def.get("properties").and_then(Value::as_object))
        .flatten()
}

/// A property's schema with its `$ref` followed (a few steps at most; the committed schemas
/// have one level).
fn resolve<'s>(schema: &'s Value, mut p: &'s Value) -> &'s Value {
    for _ in 0..8 {
        let Some(target) = p.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match target.strip_prefix('#').and_then(|t| schema.pointer(t)) {
            Some(def) => p = def,
            None => break,
        }
    }
    p
}

fn find_object_keys(schema: &Value) -> Vec<String> {
    let mut keys: Vec<String> = properties(schema)
        .filter(|(_, prop)| {
            let ty = resolve(schema, prop).get("type");
            ty.and_then(Value::as_str) == Some("object")
                || ty
                    .and_then(Value::as_array)
                    .is_some_and(|t| t.iter().any(|t| t == "object"))
        })
        .map(|(name, _)| name.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn find_date_keys(schema: &Value) -> Vec<String> {
    let mut dates = Vec::new();
    let mut others = Vec::new();
    for (name, prop) in properties(schema) {
        if prop.get("$ref").and_then(Value::as_str) == Some("#/$defs/Date") {
            dates.push(name.clone());
        } else {
            others.push(name.clone());
        }
    }
    dates.retain(|d| !others.contains(d));
    dates.sort();
    dates.dedup();
    dates
}

/// Whether a source's `url` surely fits its schema (an `http(s)` address, `format: uri`): the
/// one member the model keeps as a plain string, so typed-first reading checks it here. This
/// accepts only a plain subset of RFC 3986, `http(s)://` a host of letters, digits, dots and
/// hyphens, an optional port, then path, query and fragment characters (percent escapes
/// complete): a url it does not vouch for sends its record to the schema, which decides. Not
/// the schema's own validator: compiling the first validator of a run costs 4 ms, most of a
/// small dataset's run (a test holds this check to that validator).
pub(crate) fn url_is_plain(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    let (host, port) = authority.split_once(':').unwrap_or((authority, "0"));
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let port_ok = (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit());
    let (before, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    // Path and query characters: unreserved, sub-delims, `:`, `@`, `/`, `?`, and `%` with two
    // hex digits (a fragment takes the same, but no second `#`).
    let chars_ok = |s: &str| {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'%' if b
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                {
                    i += 3;
                    continue;
                }
                c if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&c) => {}
                _ => return false,
            }
            i += 1;
        }
        true
    };
    host_ok && port_ok && chars_ok(before) && chars_ok(fragment)
}

/// Whether a source's `url` fits its schema, by the schema's own definition of it: what
/// [`url_is_plain`] is tested against.
#[cfg(test)]
pub(crate) fn url_is_valid(url: &str) -> bool {
    static URL: LazyLock<Validator> = LazyLock::new(|| {
        let url = compiled(DataFile::Sources)
            .schema
            .pointer("/$defs/Source/properties/url")
            .expect("the sources schema defines a source's url");
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(url)
            .expect("committed schemas compile")
    });
    URL.is_valid(&Value::String(url.to_owned()))
}

/// Whether `value` is a collection file with no records, as typed-first reading checks a
/// file's top level: `{"$schema": "…", "actors": []}` and nothing else. Every collection
/// schema accepts that (a test holds them to it), so it needs no validator.
fn is_bare_collection(file: DataFile, value: &Value) -> bool {
    let Some(map) = value.as_object() else {
        return false;
    };
    file.record_kind().is_some()
        && map.len() == 2
        && map.get("$schema").is_some_and(Value::is_string)
        && map
            .get(file.name())
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
}

/// Whether `value` is a metadata file its schema accepts, as typed-first reading checks it
/// without the validator: the model reads it (every field a string or a checked version,
/// unknown fields refused), and it holds none of the values where serde is laxer than the
/// schema (`null`, `""`, a list, from which serde would fill a struct). Compiling the metadata
/// validator was two thirds of the bundled dataset's run (3 ms); the equivalence tests hold
/// this to the validator's verdict.
pub(crate) fn metadata_is_plain(value: &Value) -> bool {
    fn plain(v: &Value) -> bool {
        match v {
            Value::Null | Value::Array(_) => false,
            Value::String(s) => !s.is_empty(),
            Value::Bool(_) | Value::Number(_) => true,
            Value::Object(m) => m.values().all(plain),
        }
    }
    plain(value) && <crate::model::Metadata as serde::Deserialize>::deserialize(value).is_ok()
}

/// Checks one file's value against its schema.
pub(crate) fn check(path: &Path, file: DataFile, value: &Value, out: &mut Vec<Diagnostic>) {
    check_each(path, file, value, &mut |d| out.push(d));
}

/// [`check`], for a whole file's tree, with its errors capped as they are found
/// ([`Bounded`](super::cap::Bounded), `max` per code): returns the errors dropped, by code,
/// and the records (`/events/3`) they were dropped from.
pub(crate) fn check_bounded(
    path: &Path,
    file: DataFile,
    value: &Value,
    max: usize,
    out: &mut Vec<Diagnostic>,
) -> (Vec<(Code, usize)>, std::collections::HashSet<String>) {
    let mut bounded = super::cap::Bounded::new(max);
    check_each(path, file, value, &mut |d| bounded.push(d));
    let (kept, dropped, erred) = bounded.finish();
    out.extend(kept);
    (dropped, erred)
}

/// [`check`], each diagnostic given to `out` as it is found.
fn check_each(path: &Path, file: DataFile, value: &Value, out: &mut impl FnMut(Diagnostic)) {
    if is_bare_collection(file, value) {
        return;
    }
    let compiled = compiled(file);
    let validator = compiled.validator();
    // The common case, a valid file, takes the validator's short-circuiting path; errors are
    // collected (which costs more) only for a file that has some.
    if validator.is_valid(value) {
        return;
    }
    for error in validator.iter_errors(value) {
        let pointer = error.instance_path().as_str().to_owned();
        let d = match error.kind() {
            ValidationErrorKind::Pattern { pattern } if pattern == Id::PATTERN => {
                let bad = error.instance().as_str().unwrap_or_default();
                let fixed = slugify(bad);
                let d = Diagnostic::new(Code::IdFormat, path, format!("`{bad}` is not a valid id"))
                    .at(pointer);
                if fixed.is_empty() {
                    d.with_help("ids are lowercase letters and digits in groups joined by single hyphens")
                } else {
                    d.with_help(format!(
                        "ids are lowercase letters and digits in groups joined by single hyphens: `{fixed}`"
                    ))
                }
            }
            // Any other checked string (a country code, a language tag, a stored text's file
            // name or hash, a warning code): say what it should look like, not the regex.
            ValidationErrorKind::Pattern { pattern } => {
                let bad = error.instance().as_str().unwrap_or_default();
                let d = Diagnostic::new(
                    Code::Schema,
                    path,
                    format!("`{}` does not have the form this field requires", shorten(bad)),
                )
                .at(pointer);
                match expected_form(pattern) {
                    Some(expected) => d.with_help(format!("expected {expected}")),
                    None => d.with_help(format!("expected a value matching `{pattern}`")),
                }
            }
            // Only ids carry a `maxLength` (see `checked_string!`): a defined id and a
            // reference alike get the id's own code.
            ValidationErrorKind::MaxLength { limit } if *limit == MAX_ID_LEN as u64 => {
                let len = error.instance().as_str().map_or(0, str::len);
                Diagnostic::new(
                    Code::IdFormat,
                    path,
                    format!("id is {len} bytes long; the limit is {MAX_ID_LEN}"),
                )
                .at(pointer)
                .with_help("shorten it: ids are short, readable slugs")
            }
            ValidationErrorKind::MinItems { .. } if pointer.ends_with("/citations") => {
                Diagnostic::new(Code::MissingCitation, path, "this record cites no source")
                    .at(pointer)
                    .with_help(
                        "every record cites at least one source: \"citations\": [{\"source\": \"<source id>\", \"locator\": \"line 6\"}]",
                    )
            }
            ValidationErrorKind::AdditionalProperties { unexpected } if !unexpected.is_empty() => {
                let key = &unexpected[0];
                let allowed = allowed_fields(&compiled.schema, error.schema_path().as_str());
                let d = Diagnostic::new(Code::Schema, path, format!("unknown field `{key}`"))
                    .at(format!("{pointer}/{}", super::locate::escape(key)))
                    .at_key();
                match suggest::closest(key, allowed.iter().map(String::as_str)) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None if !allowed.is_empty() => d.with_help(format!(
                        "the fields here are: {}",
                        allowed.join(", ")
                    )),
                    None => d.with_help(
                        "unknown fields are rejected so that a typo is not silently dropped",
                    ),
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                // Name the record: the error points at its `{`, which may be far from its id.
                let record = match error.instance().get("id").and_then(Value::as_str) {
                    Some(id) => format!(" in `{id}`"),
                    None => String::new(),
                };
                let d = Diagnostic::new(
                    Code::Schema,
                    path,
                    format!("missing required field `{name}`{record}"),
                )
                .at(pointer);
                // A field of a similar name is there: most likely the same field, misspelt.
                let typo = error.instance().as_object().and_then(|o| {
                    suggest::closest(name, o.keys().map(String::as_str))
                        .filter(|k| !o.contains_key(name) && *k != name)
                });
                match (typo, example_field(&compiled.schema, error.schema_path().as_str(), name)) {
                    (Some(typo), _) => d.with_help(format!("rename `{typo}` to `{name}`")),
                    (None, Some(example)) => d.with_help(format!("add it, for example: {example}")),
                    (None, None) => d,
                }
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<&str> = options
                    .as_array()
                    .map(|o| o.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let d = Diagnostic::new(Code::Schema, path, shorten(&error.to_string())).at(pointer);
                let bad = error.instance().as_str().unwrap_or_default();
                match suggest::closest(bad, options.iter().copied()) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None if !options.is_empty() => {
                        d.with_help(format!("the allowed values are: {}", options.join(", ")))
                    }
                    None => d,
                }
            }
            ValidationErrorKind::Type {
                kind: jsonschema::error::TypeKind::Single(expected),
            } => {
                let d = Diagnostic::new(Code::Schema, path, shorten(&error.to_string()))
                    .at(pointer)
                    .with_help(match expected.as_str() {
                        "array" => "this field holds a list, even of one value: `[\"…\"]`",
                        "object" => "this field holds an object of named fields: `{\"…\": …}`",
                        "string" => "write it as text, in double quotes",
                        "integer" | "number" => "write it as a number, without quotes",
                        "boolean" => "write `true` or `false`, without quotes",
                        _ => "see the field's type in the schema (schema/) or docs/rules.md",
                    });
                // As below: a number quoted as the file has it.
                match error.instance().as_ref() {
                    Value::Number(n) => d.quote_as_written(n.to_string()),
                    _ => d,
                }
            }
            ValidationErrorKind::MinItems { .. } => {
                Diagnostic::new(Code::Schema, path, shorten(&error.to_string()))
                    .at(pointer)
                    .with_help(
                        "list at least one value: this field cannot be empty",
                    )
            }
            ValidationErrorKind::MinLength { .. } => {
                Diagnostic::new(Code::Schema, path, shorten(&error.to_string()))
                    .at(pointer)
                    .with_help(
                        "write a value; an optional field with nothing to say is left out, not given an empty text",
                    )
            }
            _ => {
                let d = Diagnostic::new(Code::Schema, path, shorten(&error.to_string()));
                match error.instance().as_ref() {
                    // Parsing turned `-0` into `-0.0` and a large integer into a float:
                    // quote the number as the file has it, once located.
                    Value::Number(n) => d.at(pointer).quote_as_written(n.to_string()),
                    _ => d.at(pointer),
                }
            }
        };
        out(d);
    }
}

/// What a value of the checked type whose schema pattern is `pattern` looks like, in words.
fn expected_form(pattern: &str) -> Option<&'static str> {
    use crate::model::{
        CountryCode, DATE_PATTERN, LanguageTag, Sha256, TextFileName, Version, WarningCode,
    };
    [
        (CountryCode::PATTERN, CountryCode::EXPECTED),
        (LanguageTag::PATTERN, LanguageTag::EXPECTED),
        (Sha256::PATTERN, "a SHA-256 digest: 64 lowercase hexadecimal digits, as `sha256sum FILE` prints them"),
        (TextFileName::PATTERN, "a plain file name, with no directory: the stored text's name in the --sources directory"),
        (Version::PATTERN, Version::EXPECTED),
        (WarningCode::PATTERN, WarningCode::EXPECTED),
        (r"^https?://", "an http or https address, such as https://www.example.org/article"),
        (DATE_PATTERN, "a date such as 2022, 2022-08 or 2022-08-15, an interval 2022-02/2022-08, an open one ../2022-02-23 or 2022-02/.., a qualified one 2022?-06-08"),
    ]
    .into_iter()
    .find(|(p, _)| *p == pattern)
    .map(|(_, expected)| expected)
}

/// An example of a missing field, from its schema: `"language": "en"`. Taken from the
/// property's (or its definition's) `examples` or `enum`, so it is a value the schema accepts.
fn example_field(schema: &Value, schema_path: &str, name: &str) -> Option<String> {
    if name == "citations" {
        return Some(
            "\"citations\": [{\"source\": \"<source id>\", \"locator\": \"line 6\"}]".to_owned(),
        );
    }
    let object = schema.pointer(schema_path.strip_suffix("/required")?)?;
    let mut property = object.get("properties")?.get(name)?;
    if let Some(target) = property.get("$ref").and_then(Value::as_str) {
        property = schema.pointer(target.strip_prefix('#')?)?;
    }
    let value = property
        .get("examples")
        .and_then(|e| e.get(0))
        .or_else(|| property.get("enum").and_then(|e| e.get(0)))
        .cloned()
        .or_else(|| match property.get("type").and_then(Value::as_str) {
            Some("string") => Some(Value::String("…".to_owned())),
            _ => None,
        })?;
    let mut example = format!("{}: {}", Value::String(name.to_owned()), value);
    if let Some(all) = property
        .get("enum")
        .and_then(Value::as_array)
        .filter(|a| a.len() > 1)
    {
        let all: Vec<&str> = all.iter().filter_map(Value::as_str).collect();
        example.push_str(&format!(" (one of: {})", all.join(", ")));
    }
    Some(example)
}

/// The properties allowed by the object schema whose `additionalProperties` failed.
fn allowed_fields(schema: &Value, schema_path: &str) -> Vec<String> {
    let object = schema_path
        .strip_suffix("/additionalProperties")
        .and_then(|p| schema.pointer(p));
    let mut fields: Vec<String> = object
        .and_then(|o| o.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    fields.sort();
    fields
}

/// jsonschema quotes whole values in its messages; keep them to one readable line.
fn shorten(message: &str) -> String {
    const MAX: usize = 200;
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX {
        one_line
    } else {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The slug an id was probably meant to be: `Amir Abdollahian` → `amir-abdollahian`.
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(crate::model::MAX_ID_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_keys_come_from_the_schema() {
        assert_eq!(date_keys(DataFile::Quotes), ["date", "withdrawn"]);
        assert_eq!(
            date_keys(DataFile::Actors),
            ["lifespan", "period", "withdrawn"]
        );
        assert!(date_keys(DataFile::Metadata).is_empty());
    }

    #[test]
    fn a_bare_collection_is_what_its_schema_accepts() {
        for file in DataFile::ALL {
            let validator = compiled(file).validator();
            for at in ["", "x", "../schema/other.schema.json"] {
                let bare = serde_json::json!({ "$schema": at, file.name(): [] });
                assert_eq!(
                    is_bare_collection(file, &bare),
                    file.record_kind().is_some(),
                    "{bare}"
                );
                // The shortcut says valid only where the validator does.
                assert!(
                    !is_bare_collection(file, &bare) || validator.is_valid(&bare),
                    "{bare}"
                );
            }
            // Anything else goes to the validator, which refuses these.
            for other in [
                serde_json::json!({ "$schema": 1, file.name(): [] }),
                serde_json::json!({ file.name(): [] }),
                serde_json::json!({ "$schema": "x", file.name(): [], "extra": 1 }),
                serde_json::json!({ "$schema": "x", file.name(): {} }),
                serde_json::json!([]),
            ] {
                assert!(!is_bare_collection(file, &other), "{other}");
                assert!(!validator.is_valid(&other), "{file:?} {other}");
            }
        }
    }

    #[test]
    fn object_keys_come_from_the_schema() {
        assert_eq!(object_keys(DataFile::Events), ["location"]);
        assert!(object_keys(DataFile::Quotes).is_empty());
    }

    #[test]
    fn a_url_is_checked_against_the_schema() {
        assert!(url_is_valid("https://www.example.org/a"));
        assert!(!url_is_valid("javascript:alert(1)"));
        assert!(!url_is_valid("https://exa mple.org/"));
        assert!(!url_is_valid(""));
    }

    /// Every url of the bundled dataset and of the fixtures is plain: typed-first reading
    /// keeps its records off the schema path.
    #[test]
    fn the_dataset_urls_are_plain() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in ["dataset", "tests/fixtures/valid"] {
            let text = std::fs::read_to_string(root.join(dir).join("sources.json")).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            for source in value["sources"].as_array().unwrap() {
                if let Some(url) = source["url"].as_str() {
                    assert!(url_is_plain(url), "{url}");
                    assert!(url_is_valid(url), "{url}");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 2);
        for plain in [
            "http://a",
            "https://a.b:8080/x?y=1&z#f",
            "https://a/%2F?%e9#/?:@",
        ] {
            assert!(url_is_plain(plain), "{plain}");
        }
        for not in [
            "https://",
            "https://a:/",
            "https://a:123456/",
            "https://a/%2",
            "https://a/#b#c",
            "https://[::1]/",
            "https://u@a/",
            "https://a/ b",
            "https://a/é",
            "ftp://a/",
            "https:/a",
        ] {
            assert!(!url_is_plain(not), "{not}");
        }
    }

    /// Pieces of urls, ordinary and not.
    const PIECES: [&str; 53] = [
        "a", "Z", "0", "9", "-", ".", "..", "_", "~", ":", "80", "65536", "/", "//", "?", "#", "%",
        "%2F", "%zz", "%4", "@", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", " ", "[",
        "]", "[::1]", "é", "\\", "|", "^", "`", "{", "}", "<", ">", "\"", "\t", "xn--", "www",
        "example", "org", ":0", "%41",
    ];
    const HEADS: [&str; 9] = [
        "http://",
        "https://",
        "https://a/",
        "http://a.b?",
        "https://a#",
        "https:/",
        "http:",
        "HTTP://",
        "",
    ];

    /// Every url of up to two pieces after each head: the quick check vouches only for urls
    /// the schema's own definition accepts, and it does vouch for many.
    #[test]
    fn a_plain_url_of_two_pieces_is_one_the_schema_accepts() {
        let mut plain = 0;
        for head in HEADS {
            for a in std::iter::once("").chain(PIECES) {
                for b in std::iter::once("").chain(PIECES) {
                    let url = format!("{head}{a}{b}");
                    if url_is_plain(&url) {
                        assert!(url_is_valid(&url), "{url}");
                        plain += 1;
                    }
                }
            }
        }
        assert!(plain > 200, "{plain}");
    }

    proptest::proptest! {
        /// A url the quick check vouches for is one the schema's own definition accepts.
        #[test]
        fn a_plain_url_is_one_the_schema_accepts(
            head in proptest::sample::select(HEADS.to_vec()),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..12),
        ) {
            let url = format!("{head}{}", pieces.concat());
            proptest::prop_assert!(!url_is_plain(&url) || url_is_valid(&url), "{}", url);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Amir Abdollahian"), "amir-abdollahian");
        assert_eq!(slugify("iran_"), "iran");
        assert_eq!(slugify("--"), "");
    }
}
