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

/// The line that says which cited sources' excerpts and quotes were not checked against a
/// stored text, and why; `None` when every one was. Unescaped: each renderer escapes it.
pub fn not_checked(report: &Report) -> Option<String> {
    let list = &report.provenance.not_checked;
    if list.is_empty() {
        return None;
    }
    let all_without_dir = list
        .iter()
        .all(|(_, why)| *why == super::NotChecked::NoSourcesDir);
    let names = |with_reason: bool| {
        list.iter()
            .map(|(id, why)| {
                if with_reason {
                    format!("`{id}` ({why})")
                } else {
                    format!("`{id}`")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(if all_without_dir {
        format!(
            "note: excerpts and quotes not checked against their source text (no --sources DIR): {}",
            names(false)
        )
    } else {
        format!(
            "note: excerpts and quotes not checked against their source text: {}",
            names(true)
        )
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
