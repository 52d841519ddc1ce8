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

use drone_dossier::escape::{terminal, terminal_lines};

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

/// Writes a block of human-readable text the program laid out in lines to standard output,
/// escaped for the terminal with its line breaks kept. Only for text whose values were
/// escaped already (a diff): a value's own line break would otherwise start a line of output.
pub fn text(s: impl Display) -> Result<(), Exit> {
    raw(&terminal_lines(&s.to_string()))
}

/// Writes one line to standard output: everything in it escaped, a line break inside a value
/// (a path, a name) included, so no value can print a line of its own.
pub fn line(s: impl Display) -> Result<(), Exit> {
    let mut text = terminal(&s.to_string());
    text.push('\n');
    raw(&text)
}

/// Writes text that is already safe (a rendered report, JSON) to standard output as it is.
/// A failed write is said on standard error (`> /dev/full`: the report is lost, and a silent
/// exit 2 would leave the user guessing), except a closed pipe: the reader (`| head`) went
/// away on purpose, and saying so is noise.
pub fn raw(s: &str) -> Result<(), Exit> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(s.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                error(format_args!("cannot write to standard output: {e}"));
            }
            Exit::CouldNotRun
        })
}

/// Writes `error: MESSAGE` to standard error, escaped. If standard error cannot be written
/// either there is nowhere left to say so: the exit status still tells.
pub fn error(message: impl Display) {
    note(format_args!("error: {message}"));
}

/// Writes one line to standard error, ignoring a failure to write it. Everything in it is
/// escaped, line breaks included: an error quotes values from the data (a field, an archive
/// entry's name, a path), and a value must not be able to print a line of its own (a fake
/// `valid: …` summary).
pub fn note(message: impl Display) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        terminal(&message.to_string())
    );
}

/// A help line when the default `dataset` directory is not there: the usual cause is running
/// from inside it, or from outside the repository.
pub fn missing_default_dataset(path: &std::path::Path) {
    if path != std::path::Path::new("dataset") || path.exists() {
        return;
    }
    if std::path::Path::new("metadata.json").is_file() {
        note(
            "help: this directory holds a dataset itself: name it (`.`), or run from the repository's root",
        );
    } else {
        note(
            "help: run from the repository's root (where `dataset/` is), or name the dataset directory",
        );
    }
}
