//! `dossier validate`: check a dataset directory and report every problem.

use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> ExitCode {
    match dossier::validate::validate_dir(dir) {
        Ok(report) => {
            for d in &report.diagnostics {
                println!("{d}\n");
            }
            println!(
                "{}: {} files, {} errors, {} warnings",
                if report.is_valid() {
                    "valid"
                } else {
                    "invalid"
                },
                report.files_checked,
                report.errors(),
                report.warnings()
            );
            ExitCode::from(if report.is_valid() { 0 } else { 1 })
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
