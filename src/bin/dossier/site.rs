//! `dossier site`: render the dataset as a static site.

use std::path::PathBuf;
use std::process::ExitCode;

use drone_dossier::Dataset;

/// Render the dataset as a static site: a timeline home page, a page per record, search.
///
/// Plain HTML, CSS and a few kilobytes of JavaScript, no external resources: open
/// OUT/index.html from disk or publish OUT as it is. Exit status: 0 written, 2 the dataset
/// could not be loaded or the site could not be written.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write the site.
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// The dataset directory.
    #[arg(long, default_value = "dataset")]
    dataset: PathBuf,
}

pub fn run(args: &Args) -> ExitCode {
    let data = match Dataset::from_dir(&args.dataset) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  (run `dossier validate` for every problem in the dataset)");
            return ExitCode::from(2);
        }
    };
    let site = drone_dossier::site::render(&data);
    match site.write(&args.out) {
        Ok(()) => {
            println!("wrote {} files to {}", site.files.len(), args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
