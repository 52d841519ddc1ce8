//! `dossier release`: build the release bundle and its archive.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use drone_dossier::release::{BuildOptions, MAX_MTIME, build};

pub struct Args {
    pub dataset: PathBuf,
    pub changelog: PathBuf,
    pub out: PathBuf,
    pub previous: Option<PathBuf>,
    pub force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let mtime = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => match s.trim().parse::<u64>() {
            Ok(t) if t <= MAX_MTIME => Some(t),
            Ok(_) => {
                eprintln!(
                    "error: SOURCE_DATE_EPOCH={s:?} is out of range: a tar header holds 0 to \
                     {MAX_MTIME} seconds since 1970 (until 2242-03-16)"
                );
                return ExitCode::from(2);
            }
            Err(_) => {
                eprintln!("error: SOURCE_DATE_EPOCH={s:?} is not a number of seconds");
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let opts = BuildOptions {
        dataset_dir: args.dataset.clone(),
        changelog: args.changelog,
        source_commit: None,
        mtime,
        previous: args.previous,
    };
    let built = match build(&opts) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(diff) = &built.diff {
        println!("changes since the previous release:\n{diff}\n");
    }
    match built.write(&args.out, args.force) {
        Ok(w) => {
            println!(
                "released {} {} (commit {})",
                built.manifest.name, built.manifest.version, built.manifest.source_commit
            );
            for (name, n) in &built.manifest.records {
                println!("  {name}: {n}");
            }
            for p in [&w.bundle_dir, &w.archive, &w.sums] {
                println!("wrote {}", display(p));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
