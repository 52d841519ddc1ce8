//! `--format json`: one JSON document for tools. The structure is stable (documented in
//! `docs/rules.md`); fields are added only in a new `format_version`.

use serde_json::{Value, json};

use super::super::Report;

/// The version of the JSON structure below.
pub const FORMAT_VERSION: u32 = 4;

fn diagnostic(d: &crate::validate::Diagnostic) -> Value {
    let mut v = json!({
        "code": d.code.as_str(),
        "severity": d.severity.as_str(),
        "message": d.message,
        // As given: a `\` in a path is part of the name (on Unix) or its separator (on
        // Windows), and rewriting it would name another file.
        "file": d.file.to_string_lossy(),
        "line": d.location.map(|l| l.line),
        "column": d.location.map(|l| l.column),
        "end_line": d.location.map(|l| l.end_line),
        "end_column": d.location.map(|l| l.end_column),
        "pointer": d.pointer,
        "help": d.help,
    });
    if let (Some(reason), Some(map)) = (&d.acknowledged, v.as_object_mut()) {
        map.insert("reason".into(), Value::String(reason.clone()));
    }
    v
}

/// What the excerpt and quote checks covered: a tool reading this format learns which sources
/// went unchecked (and why) as the human and github formats say it in their note.
fn provenance(p: &crate::validate::Provenance) -> Value {
    use crate::validate::NotChecked;
    let not_checked: Vec<Value> = p
        .not_checked
        .iter()
        .map(|(source, reason)| {
            let code = match reason {
                NotChecked::NoSourcesDir => "no-sources-dir",
                NotChecked::NotPinned => "not-pinned",
                NotChecked::TextAbsent(_) => "text-absent",
                NotChecked::TextRefused => "text-refused",
            };
            json!({ "source": source, "reason": code, "message": reason.to_string() })
        })
        .collect();
    json!({
        "compared": p.compared,
        "checked": p.checked_sources,
        "not_checked": not_checked,
    })
}

/// Renders the report as pretty JSON with a trailing newline.
pub fn json(report: &Report, deny_warnings: bool) -> String {
    let diagnostics: Vec<Value> = report.diagnostics.iter().map(diagnostic).collect();
    let acknowledged: Vec<Value> = report.acknowledged.iter().map(diagnostic).collect();
    let mut doc = json!({
        "format_version": FORMAT_VERSION,
        "valid": super::passes(report, deny_warnings),
        "files_checked": report.files_checked,
        "errors": report.errors(),
        "warnings": report.warnings(),
        "diagnostics": diagnostics,
        "acknowledged": acknowledged,
        "provenance": provenance(&report.provenance),
    });
    // Present only when the cap left diagnostics out, so a run under the cap prints exactly
    // the structure it always did.
    if !report.omitted.is_empty()
        && let Some(map) = doc.as_object_mut()
    {
        let omitted: Vec<Value> = report
            .omitted
            .iter()
            .map(|o| {
                json!({
                    "file": o.file.to_string_lossy(),
                    "code": o.code.as_str(),
                    "count": o.count,
                    "acknowledged": o.acknowledged,
                })
            })
            .collect();
        map.insert("omitted".into(), Value::Array(omitted));
    }
    let mut text =
        crate::escape::json_text(&serde_json::to_string_pretty(&doc).unwrap_or_default());
    text.push('\n');
    text
}
