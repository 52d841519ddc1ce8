//! The dataset's own description: name, version, licence, schema version.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::checked::checked_string;

/// A semantic version as the `semver` crate parses it, without build metadata (the data's
/// versions carry none, and it would make two versions of equal precedence differ).
fn parse_semver(s: &str) -> Option<semver::Version> {
    semver::Version::parse(s)
        .ok()
        .filter(|v| v.build.is_empty())
}

fn is_semver(s: &str) -> bool {
    parse_semver(s).is_some()
}

checked_string! {
    /// A semantic version such as `1.2.0` (with an optional pre-release part, `1.2.0-rc.1`).
    ///
    /// Each of `MAJOR`, `MINOR` and `PATCH` fits in a `u64`, and numeric pre-release
    /// identifiers have no leading zeros; a value breaking either rule is refused even though
    /// the JSON Schema's `pattern` cannot express it.
    ///
    /// **Ordering** is semantic-versioning 2.0 precedence ([`Version::precedence`]):
    /// `9.0.0 < 10.0.0` and `1.0.0-rc.1 < 1.0.0`. Since a `Version` has no build metadata and
    /// no leading zeros, two versions of equal precedence are the same string, so the order
    /// agrees with equality.
    Version,
    pattern = r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$",
    check = is_semver,
    expected = "a semantic version such as 1.2.0",
    description = "A semantic version: MAJOR.MINOR.PATCH with an optional pre-release part.",
    examples = ["0.1.0", "1.2.0-rc.1"]
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.precedence(other)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Version {
    /// `MAJOR.MINOR.PATCH`, without the pre-release part.
    ///
    /// ```
    /// # use drone_dossier::Version;
    /// assert_eq!(Version::new("1.2.3-rc.1").unwrap().core(), (1, 2, 3));
    /// ```
    pub fn core(&self) -> (u64, u64, u64) {
        // Checked to parse when the version was made.
        parse_semver(&self.0).map_or((u64::MAX, u64::MAX, u64::MAX), |v| {
            (v.major, v.minor, v.patch)
        })
    }

    /// The pre-release part (`rc.1` in `1.0.0-rc.1`), if any.
    pub fn pre_release(&self) -> Option<&str> {
        self.0.split_once('-').map(|(_, pre)| pre)
    }

    /// Whether this is a pre-release (`1.0.0-rc.1`).
    pub fn is_pre_release(&self) -> bool {
        self.pre_release().is_some()
    }

    /// Compares two versions by semantic-versioning 2.0 precedence: `MAJOR`, `MINOR` and
    /// `PATCH` numerically; then a pre-release is lower than the release it precedes; then
    /// pre-release identifiers one by one, numeric ones numerically, alphanumeric ones in ASCII
    /// order, a numeric one lower than an alphanumeric one, and a shorter list lower when all
    /// its identifiers are equal to the start of the other.
    ///
    /// ```
    /// # use drone_dossier::Version;
    /// use std::cmp::Ordering::*;
    /// let v = |s: &str| Version::new(s).unwrap();
    /// assert_eq!(v("10.0.0").precedence(&v("9.0.0")), Greater);
    /// assert_eq!(v("1.0.0-rc.1").precedence(&v("1.0.0")), Less);
    /// assert_eq!(v("1.0.0-rc.2").precedence(&v("1.0.0-rc.10")), Less);
    /// assert_eq!(v("1.0.0-alpha").precedence(&v("1.0.0-alpha.1")), Less);
    /// assert_eq!(v("1.0.0-1").precedence(&v("1.0.0-alpha")), Less);
    /// assert_eq!(v("1.2.3").precedence(&v("1.2.3")), Equal);
    /// ```
    pub fn precedence(&self, other: &Version) -> Ordering {
        // The `semver` crate's order is 2.0 precedence once build metadata is out of the way,
        // and a `Version` has none.
        match (parse_semver(&self.0), parse_semver(&other.0)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Unreachable for checked values; stay total and consistent with equality.
            _ => self.0.cmp(&other.0),
        }
    }
}

/// What the dataset is, which version it is and under which terms it may be used
/// (`dataset/metadata.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
    fn versions_sort_by_precedence_not_as_strings() {
        let mut versions: Vec<Version> = [
            "10.0.0",
            "1.0.0",
            "9.0.0",
            "1.0.0-rc.1",
            "1.0.0-rc.10",
            "1.0.0-rc.2",
        ]
        .into_iter()
        .map(|v| Version::new(v).unwrap())
        .collect();
        versions.sort();
        let printed: Vec<&str> = versions.iter().map(Version::as_str).collect();
        assert_eq!(
            printed,
            [
                "1.0.0-rc.1",
                "1.0.0-rc.2",
                "1.0.0-rc.10",
                "1.0.0",
                "9.0.0",
                "10.0.0"
            ]
        );
    }

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
            "18446744073709551616.0.0",
            "0.18446744073709551616.0",
            "0.0.18446744073709551616",
            "1.0.0-01",
        ] {
            assert!(Version::new(bad).is_err(), "{bad:?} accepted");
        }
        assert!(Version::new("18446744073709551615.0.0").is_ok());
        assert!(Version::new("1.0.0-0.0a.01a").is_ok());
    }

    #[test]
    fn precedence_follows_semver() {
        // The example list of semantic versioning 2.0, section 11, in increasing order.
        let ordered = [
            "0.9.0",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1",
            "9.0.0",
            "10.0.0",
            "18446744073709551615.0.0",
        ];
        let v: Vec<Version> = ordered.iter().map(|s| Version::new(*s).unwrap()).collect();
        for (i, a) in v.iter().enumerate() {
            for (j, b) in v.iter().enumerate() {
                assert_eq!(a.precedence(b), i.cmp(&j), "{a} vs {b}");
            }
        }
        let big = Version::new("1.0.0-99999999999999999999999").unwrap();
        let small = Version::new("1.0.0-99999999999999999999998").unwrap();
        assert_eq!(big.precedence(&small), Ordering::Greater);
    }
}
