//! The `dossier` command: a thin layer over the library that parses arguments and prints.
//!
//! Each subcommand lives in its own file and calls into the library; exit codes are 0 (done,
//! valid), 1 (invalid, or differences found by a check) and 2 (could not run).

mod fmt;
mod schema;
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
    /// Write the JSON Schema of every dataset file into a directory.
    Schema {
        /// Where to write the schemas.
        #[arg(long, default_value = "schema")]
        out: PathBuf,
        /// Write nothing; exit 1 if any schema file differs from the model.
        #[arg(long)]
        check: bool,
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
        Command::Schema { out, check } => schema::run(&out, check),
    }
}
