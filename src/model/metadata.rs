//! The dataset's own description: name, version, licence, schema version.

use serde::{Deserialize, Serialize};

use super::checked::checked_string;

fn is_semver(s: &str) -> bool {
    let core = s
        .split_once('-')
        .map_or(s, |(core, pre)| if pre.is_empty() { "" } else { core });
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
        && s.split_once('-').is_none_or(|(_, pre)| {
            pre.split('.').all(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

checked_string! {
    /// A semantic version such as `1.2.0` (with an optional pre-release part, `1.2.0-rc.1`).
    Version,
    pattern = r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$",
    check = is_semver,
    expected = "a semantic version such as 1.2.0",
    description = "A semantic version: MAJOR.MINOR.PATCH with an optional pre-release part.",
    examples = ["0.1.0", "1.2.0-rc.1"]
}

/// What the dataset is, which version it is and under which terms it may be used
/// (`dataset/metadata.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The schema this file follows, relative to the file: `../schema/metadata.schema.json`.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The dataset's name.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// The dataset's version. A removed or renamed id or field is a major change, added
    /// records or fields a minor one, corrections a patch.
    pub version: Version,
    /// The version of the data model (the files in `schema/`) the dataset follows.
    pub schema_version: Version,
    /// The licence of the curated data, as an SPDX expression.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub license: String,
    /// What the dataset covers.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_semantic() {
        for good in ["0.1.0", "1.0.0", "10.20.30", "1.2.0-rc.1", "1.0.0-alpha-2"] {
            assert!(Version::new(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "1",
            "1.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0-a..b",
            "v1.0.0",
            "1.0.0+build",
        ] {
            assert!(Version::new(bad).is_err(), "{bad:?} accepted");
        }
    }
}
