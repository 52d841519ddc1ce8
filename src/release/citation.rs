//! How to cite a release: one definition behind `CITATION.cff` (in the repository and in every
//! bundle), the citation in `manifest.json` and the one in the bundle's README.

use chrono::NaiveDate;

use crate::model::Metadata;

/// The repository the dataset is developed in (Cargo.toml's `repository`): where a manifest's
/// `source_commit` can be found.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Who the citation names as authors: the project, since records are curated by many hands.
pub const AUTHORS: &str = "The dossier contributors";

/// The citation of a release, as one line of text (APA-like, for a data set).
///
/// ```
/// # use drone_dossier::release::citation_text;
/// let meta: drone_dossier::model::Metadata = serde_json::from_str(r#"{"$schema": "s", "name": "dossier",
///   "version": "1.2.0", "schema_version": "1.0.0", "license": "CC-BY-4.0", "description": "d"}"#).unwrap();
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// assert_eq!(
///     citation_text(&meta, date),
///     "The dossier contributors (2026). dossier (Version 1.2.0, released 2026-01-15) [Data set]. \
///      https://github.com/drone-dossier/drone-dossier. Licence: CC-BY-4.0."
/// );
/// ```
pub fn citation_text(meta: &Metadata, released: NaiveDate) -> String {
    format!(
        "{AUTHORS} ({year}). {name} (Version {version}, released {released}) [Data set]. {REPOSITORY}. Licence: {license}.",
        year = released.format("%Y"),
        name = meta.name,
        version = meta.version,
        license = meta.license,
    )
}

/// The `CITATION.cff` (Citation File Format 1.2.0) of a release. The repository's own
/// `CITATION.cff` is this text for the latest release (a test keeps them equal), so GitHub's
/// "Cite this repository" and the bundles say the same.
pub fn citation_cff(meta: &Metadata, released: NaiveDate) -> String {
    format!(
        "# Generated from dataset/metadata.json and the CHANGELOG entry of the release\n\
         # (drone_dossier::release::citation_cff); `cargo test --test citation` checks it.\n\
         cff-version: 1.2.0\n\
         message: \"If you use this dataset, please cite it as below.\"\n\
         type: dataset\n\
         title: {title}\n\
         abstract: {description}\n\
         authors:\n  - name: {authors}\n\
         version: {version}\n\
         date-released: {released}\n\
         license: {license}\n\
         repository-code: {REPOSITORY}\n\
         url: {REPOSITORY}\n\
         preferred-citation:\n  type: data\n  title: {title}\n  authors:\n    - name: {authors}\n  \
         version: {version}\n  year: {year}\n  url: {REPOSITORY}\n",
        title = yaml_string(&meta.name),
        description = yaml_string(&meta.description),
        authors = yaml_string(AUTHORS),
        version = yaml_string(meta.version.as_str()),
        license = yaml_string(&meta.license),
        year = released.format("%Y"),
    )
}

/// A YAML double-quoted scalar: JSON string syntax is valid YAML, and escapes every quote,
/// backslash and C0 control of the data; the other characters a terminal or a YAML parser
/// must not get raw (C1 controls, which YAML refuses, bidi controls, line separators) are
/// YAML escapes too (`\u0085`; `\U000E0041` above U+FFFF, which YAML has no surrogates for).
fn yaml_string(s: &str) -> String {
    let json = serde_json::Value::String(s.to_owned()).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() || !crate::escape::needs_escape(c) {
            out.push(c);
        } else if u32::from(c) > 0xFFFF {
            out.push_str(&format!("\\U{:08X}", u32::from(c)));
        } else {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod yaml_tests {
    #[test]
    fn yaml_strings_escape_what_yaml_and_terminals_refuse() {
        assert_eq!(
            super::yaml_string("Iran’s \"drones\""),
            r#""Iran’s \"drones\"""#
        );
        assert_eq!(
            super::yaml_string("a\u{85}b\u{202e}c\u{e0041}"),
            r#""a\u0085b\u202Ec\U000E0041""#
        );
    }
}
