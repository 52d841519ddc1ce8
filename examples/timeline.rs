//! Prints the chronology of the dataset: every event in order, with the competing accounts of
//! events whose date is disputed.
//!
//! ```sh
//! cargo run --example timeline              # the dataset compiled into the crate
//! cargo run --example timeline -- dataset/  # a dataset directory
//! ```

use dossier::Dataset;

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
    println!(
        "{} {}: {} events",
        data.metadata.name,
        data.metadata.version,
        data.events.len()
    );
    for event in data.events_chronological() {
        let date = event
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        println!("{date:>12}  {}  [{}]", event.title, event.id);
        for claim in data.claims_about(event.id.as_str()) {
            let who = if claim.asserted_by.is_empty() {
                claim
                    .attribution
                    .clone()
                    .unwrap_or_else(|| "unattributed".to_owned())
            } else {
                claim
                    .asserted_by
                    .iter()
                    .map(|id| {
                        data.actor(id.as_str())
                            .map_or(id.as_str(), |a| a.name.as_str())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let when = claim
                .event_date
                .map_or_else(String::new, |d| format!(" (dates it {d})"));
            println!("{:>12}    claim by {who}{when}: {}", "", claim.statement);
        }
    }
    std::process::ExitCode::SUCCESS
}
