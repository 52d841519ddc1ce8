//! `dossier diff`: compare two releases or dataset directories.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use drone_dossier::Dataset;

pub fn run(old: &Path, new: &Path, json: bool) -> ExitCode {
    let load = |p: &Path| Dataset::load(p).map_err(|e| eprintln!("error: {}: {e}", p.display()));
    let (Ok(a), Ok(b)) = (load(old), load(new)) else {
        return ExitCode::from(2);
    };
    // Records are matched by id: with an id used twice, one of its records would be silently
    // left out of the comparison.
    let mut refused = false;
    for (path, data) in [(old, &a), (new, &b)] {
        let dups = drone_dossier::diff::duplicate_ids(data);
        if !dups.is_empty() {
            eprintln!(
                "error: {}: ids used by more than one record: {}; diff matches records by id, \
                 so it cannot compare this dataset (run `dossier validate`)",
                path.display(),
                dups.join(", ")
            );
            refused = true;
        }
    }
    if refused {
        return ExitCode::from(2);
    }
    let d = drone_dossier::diff::diff(&a, &b);
    let text = if json {
        let mut value = serde_json::to_value(&d).unwrap_or_default();
        value["bump"] = serde_json::to_value(d.bump()).unwrap_or_default();
        serde_json::to_string_pretty(&value).unwrap_or_default()
    } else {
        format!(
            "{} {} -> {} {}\n{d}",
            a.metadata.name, a.metadata.version, b.metadata.name, b.metadata.version
        )
    };
    // One write, errors ignored: a reader such as `head` may close the pipe early, which is
    // not a failure of the comparison.
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    ExitCode::from(if d.is_empty() { 0 } else { 1 })
}
