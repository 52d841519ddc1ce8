//! `dossier site`: render the dataset as a static site.

use std::path::PathBuf;

use drone_dossier::Dataset;

use crate::out::{self, Exit, Outcome};

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

pub fn run(args: &Args) -> Outcome {
    let data = match Dataset::from_dir(&args.dataset) {
        Ok(d) => d,
        Err(e) => {
            out::error(format_args!("{e}"));
            out::note(format_args!(
                "run `dossier validate` for every problem in the dataset"
            ));
            return Ok(Exit::CouldNotRun);
        }
    };
    let site = drone_dossier::site::render(&data);
    match site.write(&args.out) {
        Ok(()) => {
            out::line(format_args!(
                "wrote {} files to {}",
                site.files.len(),
                args.out.display()
            ))?;
            Ok(Exit::Done)
        }
        Err(e) => {
            out::error(format_args!("{e}"));
            Ok(Exit::CouldNotRun)
        }
    }
}
