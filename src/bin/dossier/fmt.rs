//! `dossier fmt`: rewrite dataset files into their canonical form.

use std::path::PathBuf;

use drone_dossier::format::{self, FormatError};

use crate::out::{self, Exit, Outcome};

/// Rewrite dataset files in canonical form: keys in model order, two-space indentation, a
/// trailing newline, records sorted by id. Files that do not parse are left untouched.
///
/// A file that changed on disk while it was being formatted, a read-only file, a file with
/// several hard links and anything not a regular file are refused, never replaced.
///
/// Exit status: 0 done (or, with --check, nothing to change), 1 files differ (--check),
/// 2 a file could not be read, parsed or written.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset directories or files.
    #[arg(default_value = "dataset")]
    paths: Vec<PathBuf>,
    /// Write nothing; list the files that are not in canonical form and exit 1 if any.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args) -> Outcome {
    let mut files = Vec::new();
    for path in &args.paths {
        match format::dataset_files(path) {
            Ok(found) => files.extend(found),
            Err(e) => {
                // Said as `validate` says it: a path that is not there does not exist.
                if matches!(e, FormatError::NotDataset(_))
                    && std::fs::symlink_metadata(path).is_err()
                {
                    out::error(format_args!("{} does not exist", path.display()));
                } else {
                    out::error(e);
                }
                out::missing_default_dataset(path);
                return Ok(Exit::CouldNotRun);
            }
        }
    }
    let mut failed = false;
    let mut differ = Vec::new();
    for (file, path) in files {
        match format::format_file(file, &path, !args.check) {
            Ok(true) => differ.push(path),
            Ok(false) => {}
            Err(e) => {
                failed = true;
                out::error(&e);
                if let FormatError::Parse { .. } = e {
                    out::note("  (run `dossier validate` for every problem in it)");
                }
            }
        }
    }
    report(&differ, args.check)?;
    Ok(if failed {
        Exit::CouldNotRun
    } else if args.check && !differ.is_empty() {
        Exit::Failed
    } else {
        Exit::Done
    })
}

fn report(differ: &[PathBuf], check: bool) -> Result<(), Exit> {
    let verb = if check {
        "not in canonical form"
    } else {
        "formatted"
    };
    for path in differ {
        out::line(format_args!("{verb}: {}", path.display()))?;
    }
    if check && !differ.is_empty() {
        out::line("run `dossier fmt` to rewrite them")?;
    }
    Ok(())
}
