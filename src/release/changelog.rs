//! Finding a version's entry in a Keep a Changelog file.

use chrono::NaiveDate;

/// The entry of `version` in a changelog in the Keep a Changelog format: from its heading
/// `## [X.Y.Z] - YYYY-MM-DD` up to the next `## ` heading, with the release date.
///
/// Returns `None` when there is no such heading, its date is not a real `YYYY-MM-DD` date, or
/// the entry has no text under the heading: a release without a written entry is refused.
///
/// ```
/// # use dossier::release::changelog_entry;
/// let text = "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-01-05\n### Added\n- Quotes.\n\n## [0.1.0] - 2025-12-01\n- First.\n";
/// let (date, entry) = changelog_entry(text, "0.2.0").unwrap();
/// assert_eq!(date.to_string(), "2026-01-05");
/// assert_eq!(entry, "## [0.2.0] - 2026-01-05\n### Added\n- Quotes.\n");
/// assert!(changelog_entry(text, "0.3.0").is_none());
/// ```
pub fn changelog_entry(changelog: &str, version: &str) -> Option<(NaiveDate, String)> {
    let mut lines = changelog.lines();
    let (date, heading) = lines.by_ref().find_map(|line| {
        let rest = line.strip_prefix("## ")?.trim();
        let rest = rest
            .strip_prefix(&format!("[{version}]"))
            .or_else(|| rest.strip_prefix(version))?;
        let date = rest.trim_start().strip_prefix(['-', '–', '—'])?.trim();
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        Some((date, line.trim_end().to_owned()))
    })?;
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
        return None;
    }
    Some((date, format!("{heading}\n{text}\n")))
}
