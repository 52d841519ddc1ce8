//! `--format github`: GitHub Actions workflow commands, so problems show inline on a pull
//! request (`::error file=…,line=…,col=…::…`).

use std::fmt::Write;

use super::super::{Report, Severity};

/// Escapes the message part of a workflow command: terminal controls from the data first
/// (the log is shown in a terminal-like viewer, and read raw in a runner's console), keeping
/// the line breaks the renderer laid out, then the workflow-command escapes.
fn data(s: &str) -> String {
    crate::escape::terminal_lines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (a file name: no line breaks of its own).
fn property(s: &str) -> String {
    data(&crate::escape::terminal(s))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// One workflow command per diagnostic, then the summary as a plain line.
pub fn github(report: &Report, deny_warnings: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning if deny_warnings => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", property(&d.file.to_string_lossy()));
        if let Some(l) = d.location {
            let _ = write!(
                props,
                ",line={},col={},endLine={},endColumn={}",
                l.line, l.column, l.end_line, l.end_column
            );
        }
        let _ = write!(props, ",title={}", property(d.code.as_str()));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(out, "::{command} {props}::{}", data(&message));
    }
    if let Some(note) = super::not_checked(report) {
        let _ = writeln!(out, "::notice title=sources not checked::{}", data(&note));
    }
    for line in super::acknowledged_lines(report) {
        let _ = writeln!(out, "::notice title=acknowledged::{}", data(&line));
    }
    out.push_str(&super::omitted_lines(report));
    let _ = writeln!(out, "{}", super::summary(report, deny_warnings));
    out
}
