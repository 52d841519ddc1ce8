//! Validation speed, reported against baselines measured in the same run (no timed assertions:
//! run it with `cargo bench --features cli` and read the figures).
//!
//! 1. **Whole process**: `dossier validate` on the bundled dataset and the valid fixture,
//!    against `dossier --version` (the same binary starting and exiting), since start-up
//!    differs from machine to machine.
//! 2. **In process**: `validate_dir_with` on datasets written by the generator
//!    (`examples/generate.rs`, included below as a module) at 1,000, 10,000 and 100,000 records,
//!    in the normal shape and the hard ones (issue 12's linearity goal). Each line gives the
//!    time per record and its ratio to the normal shape's time per record at the largest size
//!    (the yardstick): a cost that grows faster than the records shows as a ratio rising with
//!    size. Process start-up is not in these figures. Two things still differ between sizes:
//!    from 10,000 records on, the cross-record rules run on two threads (below, on one), and
//!    fixed costs (opening seven files, starting threads) weigh more on a small dataset.
//!
//! The time of a run ends when its report is returned: the library frees the run's records on
//! a thread of its own after that (a process such as `dossier validate` exits instead), and
//! the bench waits for that thread, untimed, before the next run.
//!
//! Each line is timed in pairs with the yardstick, in turn (A B, then B A, ...), and the ratio
//! taken pair by pair, so the machine's drift cancels; the time per record and the ratio are
//! each the median of their own (so they need not come from the same pair). The yardstick's
//! own line is paired with itself: how far its ratio is from 1 shows the noise of the run.
//!
//! The allocator is mimalloc, as in the binary, with its default options (the binary also
//! shortens the delay before freed memory is returned, which matters for peak memory, not
//! here). `BENCH_SIZES=1000,10000` chooses other sizes. Each dataset is written under
//! `target/bench-data/`, from the current `dataset/`, and removed once timed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

const RUNS: usize = 50;

fn median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[0])
}

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
    median(times)
}

/// One in-process validation of `dir`, checked to be as `valid` says. The time stops when the
/// report is returned; the run's records are then freed on a thread of the library's, which
/// this waits for (untimed), so that one run's freeing is not timed as part of the next
/// (after a hundred thousand records it takes tens of milliseconds, on one of two cores).
fn validate_once(dir: &Path, valid: bool) -> Duration {
    let options = drone_dossier::validate::Options::default();
    let threads = threads();
    let start = Instant::now();
    let report = drone_dossier::validate::validate_dir_with(dir, &options).expect("runs");
    let elapsed = start.elapsed();
    assert_eq!(report.is_valid(), valid, "{}", dir.display());
    drop(report);
    settle(threads);
    elapsed
}

/// How many threads this process has (Linux; elsewhere `None`, and [`settle`] does not wait).
fn threads() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/task").ok()?.count())
}

/// Waits (at most a second) until the process is back to `before` threads.
fn settle(before: Option<usize>) {
    let Some(before) = before else { return };
    let give_up = Instant::now() + Duration::from_secs(1);
    while threads().is_some_and(|n| n > before) && Instant::now() < give_up {
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// The mean time of `reps` validations of `dir` in a row.
fn sample(dir: &Path, valid: bool, reps: usize) -> Duration {
    (0..reps)
        .map(|_| validate_once(dir, valid))
        .sum::<Duration>()
        / reps as u32
}

/// A dataset to time in process, with its record count.
struct Timed {
    dir: PathBuf,
    valid: bool,
    records: usize,
}

impl Timed {
    /// Time per record in seconds: one sample of about `about` seconds of work (one run at
    /// least), so a small dataset is run many times in a row.
    fn per_record(&self, about: f64, first: Duration) -> f64 {
        let reps = (about / first.as_secs_f64().max(1e-6))
            .ceil()
            .clamp(1.0, 1000.0) as usize;
        sample(&self.dir, self.valid, reps).as_secs_f64() / self.records as f64
    }
}

/// This dataset's time per record, and its ratio to the yardstick's: samples of each in turn
/// (A B A B ...), the ratio taken pair by pair so that the machine's drift cancels; medians.
fn paired(line: &Timed, yardstick: &Timed, yardstick_first: Duration) -> (f64, f64) {
    const PAIRS: usize = 8;
    let about = yardstick_first.as_secs_f64().max(0.05);
    let first = validate_once(&line.dir, line.valid);
    let mut per_record = Vec::with_capacity(PAIRS);
    let mut ratios = Vec::with_capacity(PAIRS);
    for pair in 0..PAIRS {
        // In turn: whichever runs second in a pair may find the caches warmer.
        let (a, b) = if pair % 2 == 0 {
            let a = line.per_record(about, first);
            (a, yardstick.per_record(about, yardstick_first))
        } else {
            let b = yardstick.per_record(about, yardstick_first);
            (line.per_record(about, first), b)
        };
        per_record.push(a);
        ratios.push(a / b);
    }
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (mid(per_record), mid(ratios))
}

/// The sizes to measure: `BENCH_SIZES` (numbers separated by commas), or 1k, 10k and 100k.
fn sizes() -> Vec<usize> {
    let Ok(list) = std::env::var("BENCH_SIZES") else {
        return vec![1_000, 10_000, 100_000];
    };
    let sizes: Vec<usize> = list
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .unwrap_or_else(|_| panic!("BENCH_SIZES: `{n}` is not a number of records"))
        })
        .collect();
    assert!(
        sizes.iter().all(|&n| n > 0),
        "BENCH_SIZES: sizes start at 1"
    );
    sizes
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dataset = root.join("dataset");
    let fixture = root.join("tests/fixtures/valid");
    let (base, base_min) = time(&["--version"]);
    println!(
        "whole process; baseline `dossier --version`: median {base:?} (min {base_min:?}) over {RUNS} runs"
    );
    for (label, dir) in [("bundled dataset/", &dataset), ("valid fixture", &fixture)] {
        let (median, min) = time(&["validate", "--format", "json", &dir.to_string_lossy()]);
        println!(
            "  `dossier validate` {label}: median {median:?} (min {min:?}), {:.2}x baseline, {:?} above it",
            median.as_secs_f64() / base.as_secs_f64(),
            median.saturating_sub(base)
        );
    }

    println!("in process, time per record; ratio to the normal shape at the largest size (paired)");
    type Tweak = fn(&mut generate::Args);
    let shapes: [(&str, Tweak, bool); 5] = [
        ("normal", |_| {}, true),
        (
            "similar-names",
            |a| a.shape = generate::Shape::SimilarNames,
            true,
        ),
        ("hub", |a| a.shape = generate::Shape::Hub, true),
        ("chain", |a| a.shape = generate::Shape::Chain, true),
        ("1% dangling", |a| a.dangling = 1.0, false),
    ];
    let write = |label: &str, tweak: Tweak, valid: bool, n: usize| {
        let dir = root
            .join("target/bench-data")
            .join(format!("{}-{n}", label.replace(['%', ' '], "")));
        let _ = std::fs::remove_dir_all(&dir);
        let mut args = generate::Args::new(n, dir.clone());
        tweak(&mut args);
        let (records, ..) = generate::generate(&args).expect("generate");
        Timed {
            dir,
            valid,
            records,
        }
    };
    let sizes = sizes();
    let largest = sizes.iter().copied().max().unwrap_or(1_000);
    let yardstick = write("normal", |_| {}, true, largest);
    let yardstick_first = validate_once(&yardstick.dir, true);
    for (label, tweak, valid) in shapes {
        for &n in &sizes {
            let line = if (label, n) == ("normal", largest) {
                &yardstick
            } else {
                &write(label, tweak, valid, n)
            };
            let (per_record, ratio) = paired(line, &yardstick, yardstick_first);
            println!(
                "  {label:>13} {:>7} records: {:>6.2} µs/record, {ratio:.2}x",
                line.records,
                per_record * 1e6,
            );
            if !std::ptr::eq(line, &yardstick) {
                let _ = std::fs::remove_dir_all(&line.dir);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&yardstick.dir);
}
