//! `dossier validate`: check dataset directories or files and report every problem.

use std::io::IsTerminal;
use std::path::PathBuf;

use drone_dossier::validate::{Options, render};

use crate::out::{self, Exit, Outcome};

/// How to print diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source line; colour on a terminal.
    Human,
    /// One JSON document (structure documented in docs/rules.md).
    Json,
    /// GitHub Actions workflow commands, shown inline on pull requests.
    Github,
}

/// What `--deny` can turn into failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Fail (exit 1) when there are warnings.
    Warnings,
}

/// Check dataset directories or files: syntax, schema and every rule in docs/rules.md.
///
/// Exit status: 0 valid (warnings allowed unless denied), 1 invalid, 2 could not run.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset directories, or files of one (checked with the rest of their directory, but
    /// only their own problems are reported).
    #[arg(default_value = "dataset")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors.
    #[arg(long, value_enum)]
    deny: Vec<Deny>,
    /// Directory of stored source texts: check every citation excerpt and quote text against
    /// the line of its source's text (`text_file`, pinned by `text_sha256`) that its locator
    /// names. Without it, the report names the sources left unchecked.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
    /// Report at most this many diagnostics per file and per rule (0: all); the summary counts
    /// the rest.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_diagnostics: usize,
}

pub fn run(args: &Args) -> Outcome {
    // The file size limit is the global `--max-file-size`, which `Options::default` reads.
    let options = Options {
        sources: args.sources.clone(),
        max_diagnostics: args.max_diagnostics,
        ..Options::default()
    };
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let report = match drone_dossier::validate::validate_paths(&args.paths, &options) {
        Ok(report) => report,
        Err(e) => {
            out::error(&e);
            // Only when the directory missing is the default one (not `--sources DIR`).
            if let drone_dossier::validate::RunError::NotFound(path) = &e {
                out::missing_default_dataset(path);
            }
            return Ok(Exit::CouldNotRun);
        }
    };
    // Each renderer escapes the data it prints (the human one with colour codes of its own),
    // so the text goes out as it is.
    let text = match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            render::human(&report, color, deny_warnings)
        }
        Format::Json => render::json(&report, deny_warnings),
        Format::Github => render::github(&report, deny_warnings),
    };
    let passes = render::passes(&report, deny_warnings);
    out::raw(&text)?;
    // The process ends right after this: freeing a large dataset's report, one allocation
    // at a time, would only delay the exit (by a sixth of a valid run at a million records).
    std::mem::forget(text);
    std::mem::forget(report);
    Ok(if passes { Exit::Done } else { Exit::Failed })
}
