//! `dossier release`: build the release bundle and its archive.

use std::path::PathBuf;

use drone_dossier::LoadError;
use drone_dossier::release::{BuildError, BuildOptions, MAX_MTIME, build};

use crate::out::{self, Exit, Outcome};

pub struct Args {
    pub dataset: PathBuf,
    pub changelog: PathBuf,
    pub out: PathBuf,
    pub previous: Option<PathBuf>,
    pub force: bool,
}

pub fn run(args: Args) -> Outcome {
    let mtime = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => match s.trim().parse::<u64>() {
            Ok(t) if t <= MAX_MTIME => Some(t),
            Ok(_) => {
                out::error(format_args!(
                    "SOURCE_DATE_EPOCH={s:?} is out of range: a tar header holds 0 to \
                     {MAX_MTIME} seconds since 1970 (until 2242-03-16)"
                ));
                return Ok(Exit::CouldNotRun);
            }
            Err(_) => {
                out::error(format_args!(
                    "SOURCE_DATE_EPOCH={s:?} is not a number of seconds"
                ));
                return Ok(Exit::CouldNotRun);
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
            out::error(&e);
            return Ok(exit_for(&e));
        }
    };
    if let Some(diff) = &built.diff {
        out::text(format_args!(
            "changes since the previous release:\n{diff}\n\n"
        ))?;
    }
    match built.write(&args.out, args.force) {
        Ok(w) => {
            out::line(format_args!(
                "released {} {} (commit {})",
                built.manifest.name, built.manifest.version, built.manifest.source_commit
            ))?;
            for (name, n) in &built.manifest.records {
                out::line(format_args!("  {name}: {n}"))?;
            }
            for p in [&w.bundle_dir, &w.archive, &w.sums] {
                out::line(format_args!("wrote {}", p.display()))?;
            }
            Ok(Exit::Done)
        }
        Err(e) => {
            out::error(e);
            Ok(Exit::CouldNotRun)
        }
    }
}

/// Refused (1) when the inputs were read and found wanting; could not run (2) when an input
/// could not be read at all (a missing `--dataset`, `--changelog` or `--previous`) or an
/// output could not be written.
fn exit_for(e: &BuildError) -> Exit {
    match e {
        BuildError::Validate { .. }
        | BuildError::Io { .. }
        | BuildError::Load(LoadError::Io { .. })
        | BuildError::Previous { .. }
        | BuildError::MtimeOutOfRange { .. } => Exit::CouldNotRun,
        _ => Exit::Failed,
    }
}
