//! Whole-process timing of `dossier validate`, against a baseline measured in the same run.
//!
//! The issue asks that validating the bundled dataset take under 10 ms as a whole process.
//! Process start-up differs from machine to machine, so the baseline is `dossier --version`
//! (the same binary starting and exiting) and the report gives both and their ratio. There
//! are no timed assertions: run it with `cargo bench --features cli` and read the figures.
//!
//! A synthetic dataset (the valid fixture plus many generated events) shows how the cost
//! grows with the number of records.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn time(args: &[&str]) -> (Duration, Duration) {
    let exe = env!("CARGO_BIN_EXE_dossier");
    let mut times = Vec::with_capacity(RUNS);
    for i in 0..RUNS + 5 {
        let start = Instant::now();
        let out = Command::new(exe)
            .args(args)
            .output()
            .expect("the binary runs");
        let elapsed = start.elapsed();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if i >= 5 {
            times.push(elapsed);
        }
    }
    times.sort();
    (times[times.len() / 2], times[0])
}

/// Writes the valid fixture with `n` extra events into a directory under `target/`.
fn synthetic(root: &Path, n: usize) -> PathBuf {
    let dir = root.join("target/bench-data").join(format!("events-{n}"));
    std::fs::create_dir_all(&dir).expect("create bench dir");
    let valid = root.join("tests/fixtures/valid");
    for f in drone_dossier::DataFile::ALL {
        std::fs::copy(valid.join(f.file_name()), dir.join(f.file_name())).expect("copy");
    }
    let text = std::fs::read_to_string(valid.join("events.json")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let events = value["events"].as_array_mut().expect("events");
    let template = events[0].clone();
    for i in 0..n {
        let mut e = template.clone();
        e["id"] = format!("generated-event-{i:06}").into();
        events.push(e);
    }
    let mut out = serde_json::to_string_pretty(&value).expect("serialise");
    out.push('\n');
    std::fs::write(dir.join("events.json"), out).expect("write");
    dir
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dataset = root.join("dataset");
    let fixture = root.join("tests/fixtures/valid");
    let big = synthetic(root, 20_000);
    let (base, base_min) = time(&["--version"]);
    println!("baseline `dossier --version`: median {base:?} (min {base_min:?}) over {RUNS} runs");
    for (label, dir) in [
        ("bundled dataset/", &dataset),
        ("valid fixture", &fixture),
        ("fixture + 20000 events", &big),
    ] {
        let (median, min) = time(&["validate", "--format", "json", &dir.to_string_lossy()]);
        println!(
            "`dossier validate` {label}: median {median:?} (min {min:?}), {:.2}x baseline, {:?} above it",
            median.as_secs_f64() / base.as_secs_f64(),
            median.saturating_sub(base)
        );
    }
}
