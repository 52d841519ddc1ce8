//! Prints the chronology of the dataset: every event in order, with the competing accounts of
//! events whose date is disputed.
//!
//! ```sh
//! cargo run --example timeline --features embedded   # the dataset compiled into the crate
//! cargo run --example timeline --features embedded -- dataset/  # a dataset directory
//! ```

use std::fmt::Write as _;
use std::io::Write as _;

use drone_dossier::Dataset;

fn main() -> std::process::ExitCode {
    let owned;
    let data = match std::env::args_os().nth(1) {
        Some(dir) => match Dataset::from_dir(&dir) {
            Ok(d) => {
                owned = d;
                &owned
            }
            Err(e) => {
                eprintln!("error: {e}");
                return std::process::ExitCode::from(2);
            }
        },
        None => Dataset::embedded(),
    };
    // Written in one go at the end, so that `| head` closing the pipe ends the program
    // quietly instead of panicking in `println!`.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}: {} events",
        data.metadata.name,
        data.metadata.version,
        data.events.len()
    );
    for event in data.events_chronological() {
        let date = event
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let _ = writeln!(out, "{date:>12}  {}  [{}]", event.title, event.id);
        for claim in data.claims_about(&event.id) {
            let who = if claim.asserted_by.is_empty() {
                claim
                    .attribution
                    .clone()
                    .unwrap_or_else(|| "unattributed".to_owned())
            } else {
                claim
                    .asserted_by
                    .iter()
                    .map(|id| data.actor(id).map_or(id.as_str(), |a| a.name.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let when = claim
                .event_date
                .map_or_else(String::new, |d| format!(" (dates it {d})"));
            let _ = writeln!(
                out,
                "{:>12}    claim by {who}{when}: {}",
                "", claim.statement
            );
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    std::process::ExitCode::SUCCESS
}
