//! `dossier fmt`: rewrite dataset files into their canonical form.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use drone_dossier::format::{self, FormatError};

/// Rewrite dataset files in canonical form: keys in model order, two-space indentation, a
/// trailing newline, records sorted by id. Files that do not parse are left untouched.
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

pub fn run(args: &Args) -> ExitCode {
    let mut files = Vec::new();
    for path in &args.paths {
        match format::dataset_files(path) {
            Ok(found) => files.extend(found),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
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
                eprintln!("error: {e}");
                if let FormatError::Parse { .. } = e {
                    eprintln!("  (run `dossier validate` for every problem in it)");
                }
            }
        }
    }
    report(&differ, args.check);
    if failed {
        ExitCode::from(2)
    } else if args.check && !differ.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report(differ: &[PathBuf], check: bool) {
    let verb = if check {
        "not in canonical form"
    } else {
        "formatted"
    };
    for path in differ {
        println!("{verb}: {}", display(path));
    }
    if check && !differ.is_empty() {
        println!("run `dossier fmt` to rewrite them");
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
