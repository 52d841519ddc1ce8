//! The `dossier` command: a thin layer over the library that parses arguments and prints.
//!
//! Each subcommand lives in its own file and calls into the library. Printing and exit codes
//! are decided in one place, `out.rs`: 0 (done, valid), 1 (invalid, or differences found by a
//! check) and 2 (could not run); a panic is caught and reported as 2, so 101 cannot happen.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod diff;
mod fmt;
mod out;
mod release;
mod schema;
mod site;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use out::Exit;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Curate, validate and publish the dossier dataset.
#[derive(Parser)]
// The name is fixed: the pre-commit hooks install this same program as `dossier-hook`.
#[command(name = "dossier", version, about)]
struct Cli {
    /// Refuse any file larger than this many bytes (dataset files, schemas, the changelog,
    /// each file of a bundle), in every command. Default: 64 MiB.
    #[arg(long, global = true, value_name = "BYTES")]
    max_file_size: Option<u64>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Fmt(fmt::Args),
    Site(site::Args),
    /// Write the JSON Schema of every dataset file into a directory.
    ///
    /// Refuses to write through a symlink that leads out of the directory, or over anything
    /// that is not a regular file. Exit status: 0 written or up to date, 1 out of date
    /// (--check), 2 could not read or write.
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
    /// Exit status: 0 released, 1 refused, 2 could not run (a path missing or unreadable,
    /// an output that cannot be written).
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

/// mimalloc's `mi_option_purge_delay` and `mi_option_destroy_on_exit` (their places in
/// `mi_option_e`, the same in mimalloc 2 and 3; the -sys crate does not name them).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;

fn main() -> ExitCode {
    // SAFETY: each call sets one of the allocator's options, before any thread is started.
    // Memory freed is returned to the system after 1 ms, not 10 (a file's text, freed once
    // its records are read, no longer counts in the peak: 152 MiB at a hundred thousand
    // records, was 179, in the same time). Above 1, `destroy_on_exit` skips the allocator's
    // exit handler, which returned every free page to the system just before the process
    // ended (698 `madvise` calls at a hundred thousand records).
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 1);
        libmimalloc_sys::mi_option_set(DESTROY_ON_EXIT, 2);
    }
    // A panic is a bug, but it must still end with a documented status, not 101.
    let exit = std::panic::catch_unwind(run).unwrap_or_else(|_| {
        out::error("internal error (a bug in dossier; please report it)");
        Exit::CouldNotRun
    });
    exit.into()
}

fn run() -> Exit {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Bad arguments: the message goes to standard error, and the exit status says it.
            let _ = e.print();
            return Exit::CouldNotRun;
        }
        Err(e) => {
            // --help and --version: printed to standard output like every other output, so
            // a full disk or a closed pipe is exit 2, not a silent 0.
            return match out::raw(&e.render().to_string()) {
                Ok(()) => Exit::Done,
                Err(exit) => exit,
            };
        }
    };
    if let Some(max) = cli.max_file_size {
        drone_dossier::files::set_max_file_size(max);
    }
    let outcome = match cli.command {
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
    };
    outcome.unwrap_or_else(|early| early)
}
