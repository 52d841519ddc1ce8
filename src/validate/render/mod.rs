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

/// One line per file and code whose diagnostics were capped, for the human and GitHub
/// formats.
fn omitted_lines(report: &Report) -> String {
    let mut out = String::new();
    for o in &report.omitted {
        out.push_str(&format!(
            "note: {} more `{}` {} in {} not shown (raise the limit with --max-diagnostics, 0 for all)\n",
            o.count,
            o.code,
            if o.count == 1 { "diagnostic" } else { "diagnostics" },
            human::escape(&o.file.display().to_string()),
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
    format!(
        "{verdict}: {} checked, {}, {}{denied}",
        plural(report.files_checked, "file"),
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
    )
}
