//! Lists every quote by speaker, with its date and the source it comes from.
//!
//! ```sh
//! cargo run --example who_said_what --features embedded              # the dataset compiled into the crate
//! cargo run --example who_said_what --features embedded -- dataset/  # a dataset directory
//! ```

use std::fmt::Write as _;
use std::io::Write as _;

use drone_dossier::{Dataset, QuoteKind};

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
    for (speaker, quotes) in data.quotes_by_speaker() {
        let name = data
            .actor(speaker)
            .map_or(speaker.as_str(), |a| a.name.as_str());
        let plural = if quotes.len() == 1 { "" } else { "s" };
        let _ = writeln!(out, "{name} ({} quote{plural})", quotes.len());
        for q in quotes {
            let date = q
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let text = match q.kind {
                QuoteKind::Direct => format!("\u{201c}{}\u{201d}", q.text),
                // `QuoteKind` is non-exhaustive: other kinds print with their name.
                kind => format!("({kind}) {}", q.text),
            };
            let sources: Vec<String> = data
                .sources_of(&q.id)
                .iter()
                .map(|s| match &s.published {
                    Some(p) => format!("{}, {p}", s.title),
                    None => s.title.clone(),
                })
                .collect();
            let _ = writeln!(out, "  {date:>10}  {text}");
            let _ = writeln!(out, "  {:>10}  source: {}", "", sources.join("; "));
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    std::process::ExitCode::SUCCESS
}
