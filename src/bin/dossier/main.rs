//! The `dossier` command: a thin layer over the library that parses arguments and prints.
//!
//! Each subcommand lives in its own file and calls into the library; exit codes are 0 (done,
//! valid), 1 (invalid, or differences found by a check) and 2 (could not run).

mod diff;
mod fmt;
mod release;
mod schema;
mod site;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Curate, validate and publish the dossier dataset.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Fmt(fmt::Args),
    Site(site::Args),
    /// Write the JSON Schema of every dataset file into a directory.
    Schema {
        /// Where to write the schemas.
        #[arg(long, default_value = "schema")]
        out: PathBuf,
        /// Write nothing; exit 1 if any schema file differs from the model.
        #[arg(long)]
        check: bool,
    },
    /// Build the release bundle `OUT/dossier-data-VERSION/`, its `.tar.gz` and `OUT/SHA256SUMS`.
    ///
    /// Refuses an invalid dataset, a version with no CHANGELOG entry, and (with --previous) a
    /// version bump smaller than the changes need. SOURCE_DATE_EPOCH sets the archive's mtimes;
    /// DOSSIER_SOURCE_COMMIT the commit recorded (default: `git rev-parse HEAD`).
    /// Exit status: 0 released, 1 refused, 2 could not write.
    Release {
        /// Where to write the bundle and archive.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// The previous release (archive, unpacked bundle or dataset directory) to compare with.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// The dataset directory.
        #[arg(long, default_value = "dataset")]
        dataset: PathBuf,
        /// The changelog holding this version's entry.
        #[arg(long, default_value = "CHANGELOG.md")]
        changelog: PathBuf,
        /// Replace outputs of an earlier run of the same version.
        #[arg(long)]
        force: bool,
    },
    /// Compare two releases (archives or unpacked) or dataset directories, record by record.
    ///
    /// Prints records added, removed and changed (field by field) and the version bump they
    /// imply. Exit status: 0 identical, 1 different, 2 could not run.
    Diff {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        /// Print the differences as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Site(args) => site::run(&args),
        Command::Schema { out, check } => schema::run(&out, check),
        Command::Release {
            out,
            previous,
            dataset,
            changelog,
            force,
        } => release::run(release::Args {
            dataset,
            changelog,
            out,
            previous,
            force,
        }),
        Command::Diff { old, new, json } => diff::run(&old, &new, json),
    }
}
