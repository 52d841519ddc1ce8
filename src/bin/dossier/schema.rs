//! `dossier schema`: write (or check) the JSON Schema files generated from the model.

use std::path::Path;

use crate::out::{self, Exit, Outcome};

pub fn run(dir: &Path, check: bool) -> Outcome {
    if check {
        let stale: Vec<String> = match drone_dossier::schema::check(dir) {
            Ok(stale) => stale.into_iter().map(|f| f.schema_file_name()).collect(),
            Err((path, e)) => {
                out::error(format_args!("cannot read {}: {e}", path.display()));
                return Ok(Exit::CouldNotRun);
            }
        };
        if stale.is_empty() {
            out::line("schemas are up to date")?;
            return Ok(Exit::Done);
        }
        out::note(format_args!(
            "out of date: {} (run `dossier schema`)",
            stale.join(", ")
        ));
        return Ok(Exit::Failed);
    }
    match drone_dossier::schema::write_all(dir) {
        Ok(changed) => {
            for f in &changed {
                out::line(format_args!(
                    "wrote {}",
                    dir.join(f.schema_file_name()).display()
                ))?;
            }
            if changed.is_empty() {
                out::line("schemas are up to date")?;
            }
            Ok(Exit::Done)
        }
        Err(e) => {
            out::error(format_args!(
                "cannot write schemas to {}: {e}",
                dir.display()
            ));
            Ok(Exit::CouldNotRun)
        }
    }
}
