//! Everything the binary prints, and its exit codes: the one place both are decided.
//!
//! No `println!` here or anywhere in the binary (clippy's `print_stdout` and `print_stderr`
//! are denied in `main.rs`): `println!` panics when standard output cannot be written
//! (`/dev/full`, a pipe closed by `| head`), and a panic exits 101. Output goes through
//! [`text`] and [`raw`], which report a failed write as [`Exit::CouldNotRun`], and messages
//! through [`error`], which cannot fail. Human text is escaped for the terminal with the
//! library's one escaping rule ([`drone_dossier::escape`]).

use std::fmt::Display;
use std::io::Write;
use std::process::ExitCode;

use drone_dossier::escape::terminal_lines;

/// The exit status contract of every command (documented in ARCHITECTURE.md): nothing else
/// can come out of the binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done; valid; nothing differs.
    Done,
    /// 1: invalid, refused, or differences found.
    Failed,
    /// 2: could not run: a missing or unreadable path, bad arguments, output that cannot be
    /// written.
    CouldNotRun,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Done => 0,
            Exit::Failed => 1,
            Exit::CouldNotRun => 2,
        })
    }
}

/// A command's result: `Err` is an early exit (standard output could not be written).
pub type Outcome = Result<Exit, Exit>;

/// Writes human-readable text to standard output, escaped for the terminal (line breaks kept).
pub fn text(s: impl Display) -> Result<(), Exit> {
    raw(&terminal_lines(&s.to_string()))
}

/// Writes text that is already safe (a rendered report, JSON) to standard output as it is.
pub fn raw(s: &str) -> Result<(), Exit> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(s.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|_| Exit::CouldNotRun)
}

/// Writes `error: MESSAGE` to standard error, escaped. If standard error cannot be written
/// either there is nowhere left to say so: the exit status still tells.
pub fn error(message: impl Display) {
    note(format_args!("error: {message}"));
}

/// Writes one line to standard error, escaped, ignoring a failure to write it.
pub fn note(message: impl Display) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        terminal_lines(&message.to_string())
    );
}
