//! A validation problem as data: what rule, how bad, where, and what to do about it.

use std::path::PathBuf;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Suspicious but allowed; fails the run only under `--deny warnings`.
    Warning,
    /// The dataset is invalid.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The stable code of a rule. Codes never change meaning; retired codes are never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A dataset file is missing from the directory.
    MissingFile,
    /// The file is not valid JSON.
    Syntax,
    /// The file does not match its JSON Schema.
    Schema,
    /// Two records share an id.
    DuplicateId,
    /// A reference names no record.
    UnresolvedReference,
    /// A reference names a record of the wrong kind (an event where an actor is expected).
    WrongReferenceKind,
}

impl Code {
    /// The code as printed: `duplicate-id`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MissingFile => "missing-file",
            Code::Syntax => "syntax",
            Code::Schema => "schema",
            Code::DuplicateId => "duplicate-id",
            Code::UnresolvedReference => "unresolved-reference",
            Code::WrongReferenceKind => "wrong-reference-kind",
        }
    }

    /// How serious a problem with this code is.
    pub fn severity(self) -> Severity {
        Severity::Error
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file it is in.
    pub file: PathBuf,
    /// The JSON pointer of the offending value, when there is one (`/events/3/date`).
    pub pointer: Option<String>,
    /// The 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// How to fix it, when there is something to suggest.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity and no location inside the file.
    pub fn new(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: file.into(),
            pointer: None,
            position: None,
            help: None,
        }
    }

    /// Sets the JSON pointer.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Sets the line and column.
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        write!(f, "\n  --> {}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, " (at {pointer})")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}
