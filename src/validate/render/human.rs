//! rustc-style diagnostics: code, message, `file:line:column`, the source line with the value
//! underlined, a help line, and a summary. Colour only when asked (the binary asks when
//! standard output is a terminal and `NO_COLOR` is unset).

use std::fmt::Write;

use super::super::{Diagnostic, Report, Severity};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(&self, s: Severity, text: &str) -> String {
        self.wrap(
            match s {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
            },
            text,
        )
    }

    fn gutter(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Renders every diagnostic and the summary line.
pub fn human(report: &Report, color: bool, deny_warnings: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    for d in &report.diagnostics {
        render_one(&mut out, d, report, &paint);
        out.push('\n');
    }
    let summary = super::summary(report, deny_warnings);
    let severity = if super::passes(report, deny_warnings) {
        None
    } else {
        Some(Severity::Error)
    };
    let _ = writeln!(
        out,
        "{}",
        match severity {
            Some(s) => paint.severity(s, &summary),
            None => paint.bold(&summary),
        }
    );
    out
}

fn render_one(out: &mut String, d: &Diagnostic, report: &Report, paint: &Paint) {
    let head = format!("{}[{}]", d.severity, d.code);
    let _ = writeln!(
        out,
        "{}{}",
        paint.severity(d.severity, &head),
        paint.bold(&format!(": {}", d.message))
    );
    let line = d.location.and_then(|l| {
        let text = report.texts.get(&d.file)?;
        Some((l, text.lines().nth(l.line - 1)?))
    });
    let width = line.map_or(1, |(l, _)| l.line.to_string().len());
    let pad = " ".repeat(width);
    let mut place = d.file.display().to_string();
    if let Some(l) = d.location {
        let _ = write!(place, ":{}:{}", l.line, l.column);
    }
    let _ = writeln!(out, "{pad}{} {place}", paint.gutter("-->"));
    if let Some((l, source)) = line {
        let source = source.trim_end_matches('\r');
        let len = source.chars().count();
        let end = if l.end_line == l.line {
            l.end_column
        } else {
            len + 1
        };
        let carets = end.saturating_sub(l.column).max(1);
        let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
        let _ = writeln!(
            out,
            "{} {source}",
            paint.gutter(&format!("{:>width$} |", l.line))
        );
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            paint.gutter("|"),
            " ".repeat(l.column - 1),
            paint.severity(d.severity, &"^".repeat(carets))
        );
    }
    if let Some(pointer) = &d.pointer {
        let _ = writeln!(out, "{pad} {} at {pointer}", paint.gutter("="));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}: {help}",
            paint.gutter("="),
            paint.bold("help")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Code, Diagnostic, Location};

    fn report() -> Report {
        let mut d = Diagnostic::new(Code::DuplicateId, "events.json", "id `x` is already used")
            .at("/events/1/id")
            .with_help("pick another");
        d.location = Some(Location {
            line: 2,
            column: 9,
            end_line: 2,
            end_column: 12,
        });
        Report {
            diagnostics: vec![d],
            files_checked: 1,
            texts: [("events.json".into(), "{\n  \"id\": \"x\"\n}\n".to_owned())].into(),
        }
    }

    #[test]
    fn snippet_with_underline_and_summary() {
        let out = human(&report(), false, false);
        assert_eq!(
            out,
            "error[duplicate-id]: id `x` is already used\n \
             --> events.json:2:9\n  \
             |\n\
             2 |   \"id\": \"x\"\n  \
             |         ^^^\n  \
             = at /events/1/id\n  \
             = help: pick another\n\n\
             invalid: 1 file checked, 1 error, 0 warnings\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!human(&report(), false, false).contains('\x1b'));
        let coloured = human(&report(), true, false);
        assert!(coloured.contains("\x1b[1;31merror[duplicate-id]\x1b[0m"));
        assert!(coloured.contains("\x1b[1;31m^^^\x1b[0m"));
    }
}
