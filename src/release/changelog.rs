//! Finding a version's entry in a Keep a Changelog file.

use chrono::NaiveDate;

/// The entry of `version` in a changelog in the Keep a Changelog format: from its heading
/// `## [X.Y.Z] - YYYY-MM-DD` up to the next `## ` heading, with the release date.
///
/// Returns `None` when there is no such heading, its date is not a real `YYYY-MM-DD` date, or
/// the entry has no text under the heading: a release without a written entry is refused.
///
/// ```
/// # use drone_dossier::release::changelog_entry;
/// let text = "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-01-05\n### Added\n- Quotes.\n\n## [0.1.0] - 2025-12-01\n- First.\n";
/// let (date, entry) = changelog_entry(text, "0.2.0").unwrap();
/// assert_eq!(date.to_string(), "2026-01-05");
/// assert_eq!(entry, "## [0.2.0] - 2026-01-05\n### Added\n- Quotes.\n");
/// assert!(changelog_entry(text, "0.3.0").is_none());
/// ```
pub fn changelog_entry(changelog: &str, version: &str) -> Option<(NaiveDate, String)> {
    find_entry(changelog, version).ok()
}

/// Why [`find_entry`] found no usable entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EntryProblem {
    /// No heading for the version, or no text under it.
    Missing,
    /// The heading's date is not a real `YYYY-MM-DD` calendar date; the text as written.
    BadDate(String),
}

/// Like [`changelog_entry`], but tells a missing entry from a heading whose date is not a real
/// calendar date (`2026-02-30`, `2026-1-5`).
pub(crate) fn find_entry(
    changelog: &str,
    version: &str,
) -> Result<(NaiveDate, String), EntryProblem> {
    let mut lines = changelog.lines();
    let (date, heading) = lines
        .by_ref()
        .find_map(|line| {
            let rest = line.strip_prefix("## ")?.trim();
            let rest = rest
                .strip_prefix(&format!("[{version}]"))
                .or_else(|| rest.strip_prefix(version))?;
            // The version must end here: `## 0.1.0-rc.1 - …` and `## 0.1.0.1` are other
            // versions' headings, not 0.1.0's.
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                return None;
            }
            let date = rest.trim_start().strip_prefix(['-', '–', '—'])?.trim();
            Some((parse_date(date).ok_or(date), line.trim_end().to_owned()))
        })
        .ok_or(EntryProblem::Missing)?;
    let date = date.map_err(|d| EntryProblem::BadDate(d.to_owned()))?;
    let body: Vec<&str> = lines
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .collect();
    // Link reference definitions at the bottom of the file belong to no entry.
    let body: Vec<&str> = body
        .into_iter()
        .filter(|l| !(l.starts_with('[') && l.contains("]: ")))
        .collect();
    let text = body.join("\n");
    let text = text.trim_matches('\n').trim_end();
    if text.trim().is_empty() {
        return Err(EntryProblem::Missing);
    }
    Ok((date, format!("{heading}\n{text}\n")))
}

/// A date written exactly `YYYY-MM-DD` that exists in the calendar.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shape
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_exactly_yyyy_mm_dd() {
        let entry = |date: &str| find_entry(&format!("## [1.0.0] - {date}\n- Text.\n"), "1.0.0");
        assert!(entry("2026-02-28").is_ok());
        assert!(entry("2024-02-29").is_ok());
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-1-5",
            "+2026-01-05",
            "soon",
        ] {
            assert_eq!(
                entry(bad),
                Err(EntryProblem::BadDate(bad.to_owned())),
                "{bad}"
            );
        }
        assert_eq!(entry("2026-02-28\n"), entry("2026-02-28"));
        assert_eq!(
            find_entry("## [1.0.0] - 2026-01-01\n", "1.0.0"),
            Err(EntryProblem::Missing)
        );
    }

    #[test]
    fn a_pre_release_heading_is_not_the_release_entry() {
        let text = "## 0.1.0-rc.1 - 2026-01-01\n- Candidate.\n\n## 0.1.0 - 2026-01-05\n- Final.\n";
        let (date, entry) = find_entry(text, "0.1.0").unwrap();
        assert_eq!(date.to_string(), "2026-01-05");
        assert_eq!(entry, "## 0.1.0 - 2026-01-05\n- Final.\n");
        let (_, entry) = find_entry(text, "0.1.0-rc.1").unwrap();
        assert_eq!(entry, "## 0.1.0-rc.1 - 2026-01-01\n- Candidate.\n");
        // Bracketed headings too, and a longer version is never a prefix match.
        let text = "## [1.0.0-rc.1] - 2026-01-01\n- Candidate.\n## [1.0.0.1] - 2026-01-02\n- No.\n";
        assert_eq!(find_entry(text, "1.0.0"), Err(EntryProblem::Missing));
    }
}
