//! Rendering a [`Report`]: for people, for tools and for GitHub Actions.
//!
//! Every format renders the same [`Diagnostic`](crate::validate::Diagnostic) fields; the renderers
//! return strings so the caller chooses where they go, and so tests can snapshot them.

mod github;
mod human;
mod json;

pub use github::github;
pub use human::human;
pub use json::json;

use super::Report;

/// Whether a run passes: no errors, and no warnings either when they are denied.
pub fn passes(report: &Report, deny_warnings: bool) -> bool {
    report.errors() == 0 && !(deny_warnings && report.warnings() > 0)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// At most this many sources are named in the human and GitHub formats' "not checked" note:
/// without `--sources`, a large dataset would otherwise print every source id on one line
/// (a hundred thousand records: 290 KB). The JSON format lists them all.
const NOT_CHECKED_NAMED: usize = 10;

/// The line that says which cited sources' excerpts and quotes were not checked against a
/// stored text, and why; `None` when every one was. Names the first ten and
/// counts the rest. Unescaped: each renderer escapes it.
pub fn not_checked(report: &Report) -> Option<String> {
    let list = &report.provenance.not_checked;
    if list.is_empty() {
        return None;
    }
    let all_without_dir = list
        .iter()
        .all(|(_, why)| *why == super::NotChecked::NoSourcesDir);
    let mut names = list
        .iter()
        .take(NOT_CHECKED_NAMED)
        .map(|(id, why)| {
            if all_without_dir {
                format!("`{id}`")
            } else {
                format!("`{id}` ({why})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if list.len() > NOT_CHECKED_NAMED {
        use std::fmt::Write;
        let _ = write!(
            names,
            " and {} more (--format json lists them all)",
            list.len() - NOT_CHECKED_NAMED
        );
    }
    Some(if all_without_dir {
        format!(
            "note: excerpts and quotes not checked against their source text (no --sources DIR): {names}"
        )
    } else {
        format!("note: excerpts and quotes not checked against their source text: {names}")
    })
}

/// One line per file and code whose diagnostics were capped, for the human and GitHub
/// formats.
fn omitted_lines(report: &Report) -> String {
    let mut out = String::new();
    for o in &report.omitted {
        out.push_str(&format!(
            "note: {} more {}`{}` {} in {} not shown (raise the limit with --max-diagnostics, 0 for all)\n",
            o.count,
            if o.acknowledged { "acknowledged " } else { "" },
            o.code,
            if o.count == 1 { "diagnostic" } else { "diagnostics" },
            crate::escape::terminal(&o.file.display().to_string()),
        ));
    }
    out
}

/// The one-line summary ending every human report.
pub fn summary(report: &Report, deny_warnings: bool) -> String {
    let verdict = if passes(report, deny_warnings) {
        "valid"
    } else {
        "invalid"
    };
    let denied = if deny_warnings && report.errors() == 0 && report.warnings() > 0 {
        " (warnings denied)"
    } else {
        ""
    };
    let acknowledged = match report.acknowledged_count() {
        0 => String::new(),
        n => format!(" ({n} acknowledged)"),
    };
    format!(
        "{verdict}: {} checked, {}, {}{acknowledged}{denied}",
        plural(report.files_checked, "file"),
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
    )
}

/// One line per acknowledged warning, unescaped (each renderer escapes for its medium):
/// `acknowledged warning[imposer-is-group]: file:line:column: message (reason: …)`.
fn acknowledged_lines(report: &Report) -> Vec<String> {
    report
        .acknowledged
        .iter()
        .map(|d| {
            let mut line = format!("acknowledged {d}");
            if let Some(reason) = &d.acknowledged {
                line.push_str(&format!(" (reason: {reason})"));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::NotChecked;

    fn report(sources: usize) -> Report {
        let mut report = Report::default();
        report.provenance.not_checked = (0..sources)
            .map(|i| (format!("source-{i:02}"), NotChecked::NoSourcesDir))
            .collect();
        report
    }

    #[test]
    fn the_not_checked_note_names_every_source_up_to_the_cap() {
        let note = not_checked(&report(NOT_CHECKED_NAMED)).expect("a note");
        assert!(
            note.ends_with(&format!("`source-{:02}`", NOT_CHECKED_NAMED - 1)),
            "{note}"
        );
        assert!(!note.contains("more"), "{note}");
        assert_eq!(not_checked(&report(0)), None);
    }

    #[test]
    fn the_not_checked_note_counts_the_sources_past_the_cap() {
        let note = not_checked(&report(NOT_CHECKED_NAMED + 3)).expect("a note");
        assert!(
            note.contains(&format!("`source-{:02}`", NOT_CHECKED_NAMED - 1)),
            "{note}"
        );
        assert!(
            !note.contains(&format!("`source-{:02}`", NOT_CHECKED_NAMED)),
            "{note}"
        );
        assert!(
            note.ends_with(" and 3 more (--format json lists them all)"),
            "{note}"
        );
    }
}
