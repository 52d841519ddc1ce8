//! `dossier diff`: compare two releases or dataset directories.

use std::path::Path;

use drone_dossier::Dataset;
use drone_dossier::escape::terminal;

use crate::out::{self, Exit, Outcome};

pub fn run(old: &Path, new: &Path, json: bool) -> Outcome {
    let load =
        |p: &Path| Dataset::load(p).map_err(|e| out::error(format_args!("{}: {e}", p.display())));
    let (Ok(a), Ok(b)) = (load(old), load(new)) else {
        return Ok(Exit::CouldNotRun);
    };
    // Records are matched by id: with an id used twice, one of its records would be silently
    // left out of the comparison.
    let mut refused = false;
    for (path, data) in [(old, &a), (new, &b)] {
        let dups = drone_dossier::diff::duplicate_ids(data);
        if !dups.is_empty() {
            out::error(format_args!(
                "{}: ids used by more than one record: {}; diff matches records by id, \
                 so it cannot compare this dataset (run `dossier validate`)",
                path.display(),
                dups.join(", ")
            ));
            refused = true;
        }
    }
    if refused {
        return Ok(Exit::CouldNotRun);
    }
    let d = drone_dossier::diff::diff(&a, &b);
    if json {
        let mut value = serde_json::to_value(&d).unwrap_or_default();
        value["bump"] = serde_json::to_value(d.bump()).unwrap_or_default();
        let mut text = drone_dossier::escape::json_text(
            &serde_json::to_string_pretty(&value).unwrap_or_default(),
        );
        text.push('\n');
        out::raw(&text)?;
    } else {
        // The dataset's name and version are data: escaped like every value in the diff.
        out::text(format_args!(
            "{} {} -> {} {}\n{d}\n",
            terminal(&a.metadata.name),
            a.metadata.version,
            terminal(&b.metadata.name),
            b.metadata.version
        ))?;
    }
    Ok(if d.is_empty() {
        Exit::Done
    } else {
        Exit::Failed
    })
}
