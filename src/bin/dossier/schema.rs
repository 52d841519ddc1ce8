//! `dossier schema`: write (or check) the JSON Schema files generated from the model.

use std::path::Path;
use std::process::ExitCode;

pub fn run(out: &Path, check: bool) -> ExitCode {
    if check {
        let stale: Vec<String> = drone_dossier::schema::stale(out)
            .into_iter()
            .map(|f| f.schema_file_name())
            .collect();
        if stale.is_empty() {
            println!("schemas are up to date");
            return ExitCode::SUCCESS;
        }
        eprintln!("out of date: {} (run `dossier schema`)", stale.join(", "));
        return ExitCode::from(1);
    }
    match drone_dossier::schema::write_all(out) {
        Ok(changed) => {
            for f in &changed {
                println!("wrote {}", out.join(f.schema_file_name()).display());
            }
            if changed.is_empty() {
                println!("schemas are up to date");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write schemas to {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
