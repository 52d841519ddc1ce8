//! Building a release bundle (feature `release-build`, used by `dossier release`).
//!
//! The build is a pure function of the dataset, the changelog, the source commit and the
//! timestamp: [`build`] assembles every file in memory, then [`Built::write`] puts the bundle
//! directory, the archive and `SHA256SUMS` in place, each through a temporary name and a
//! rename, so that an interrupted run never leaves a half-written release that looks whole.
//!
//! The archive is reproducible: entries sorted by path, every mtime the same (from
//! `SOURCE_DATE_EPOCH`, or else midnight UTC of the changelog entry's date), owner and group
//! 0, fixed modes (0644, 0755 for directories), and a gzip header with no name and no
//! timestamp. Two builds from the same commit give byte-identical archives.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::citation::{REPOSITORY, citation_cff, citation_text};
use super::read::{Document, record_counts};
use super::{
    BundleError, FileEntry, MANIFEST, MANIFEST_FORMAT, Manifest, SHA256SUMS, bundle_name, csv,
    datapackage, readme, sha256_hex, tables,
};
use crate::dataset::{Dataset, LoadError, to_text};
use crate::diff::{Bump, Diff, diff};
use crate::model::{DataFile, Version};

/// The largest archive timestamp a tar header holds: the ustar `mtime` field is 11 octal
/// digits, so `8^11 - 1` seconds since 1970 (2242-03-16T12:56:31Z).
pub const MAX_MTIME: u64 = 0o777_7777_7777;

/// What to build a release from.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The dataset directory (`dataset/`).
    pub dataset_dir: PathBuf,
    /// The changelog (`CHANGELOG.md`) that must have an entry for the dataset's version.
    pub changelog: PathBuf,
    /// The commit the release is built from, recorded in the manifest. `None` asks git
    /// ([`detect_source_commit`]).
    pub source_commit: Option<String>,
    /// The mtime of every archive entry, in seconds since 1970 (normally `SOURCE_DATE_EPOCH`),
    /// at most [`MAX_MTIME`]. `None` uses midnight UTC of the changelog entry's date (which must
    /// not be in the future), so builds stay reproducible.
    pub mtime: Option<u64>,
    /// A previous release (archive or unpacked) or dataset directory. When given, the release
    /// is refused unless its version grows at least as much as the changes require.
    pub previous: Option<PathBuf>,
}

impl BuildOptions {
    /// Options for the usual layout: `dataset/` and `CHANGELOG.md` under `root`.
    pub fn new(root: impl AsRef<Path>) -> Self {
        let root = root.as_ref();
        BuildOptions {
            dataset_dir: root.join("dataset"),
            changelog: root.join("CHANGELOG.md"),
            source_commit: None,
            mtime: None,
            previous: None,
        }
    }
}

/// Why a release could not be built or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The validator could not run.
    #[error("cannot validate {}: {source}", dir.display())]
    Validate {
        /// The dataset directory.
        dir: PathBuf,
        /// Why the validator could not run.
        source: crate::validate::RunError,
    },
    /// The dataset has validation errors; nothing invalid is released.
    #[error("{} is invalid ({errors} errors, first: {first}); run `dossier validate` and fix it before releasing", dir.display())]
    Invalid {
        /// The dataset directory.
        dir: PathBuf,
        /// How many errors the validator found.
        errors: usize,
        /// The first one, as text.
        first: String,
    },
    /// A dataset file is not in canonical form (records sorted by id, keys in model order,
    /// two-space indentation, a trailing newline). The bundle's `dataset/` holds the files as
    /// in the repository, so a release is built from canonical files only: the same data then
    /// always gives the same archive.
    #[error("{} is not in canonical form (records sorted by id, keys in model order, two-space indentation, a trailing newline); run `dossier fmt {}` and commit the result before releasing", path.display(), dir.display())]
    NotCanonical {
        /// The file.
        path: PathBuf,
        /// The dataset directory, for the `dossier fmt` command.
        dir: PathBuf,
    },
    /// The dataset does not load.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The changelog has no dated entry for the version.
    #[error("{} has no entry `## [{version}] - YYYY-MM-DD` with text under it; write the changelog entry before releasing", path.display())]
    NoChangelogEntry {
        /// The changelog.
        path: PathBuf,
        /// The version being released.
        version: Version,
    },
    /// The changelog entry's date is not a real calendar date.
    #[error("{}: the entry of {version} is dated `{date}`, which is not a real calendar date written YYYY-MM-DD", path.display())]
    BadChangelogDate {
        /// The changelog.
        path: PathBuf,
        /// The version being released.
        version: Version,
        /// The date as written.
        date: String,
    },
    /// The changelog entry is dated after today (UTC). Its date becomes every archive entry's
    /// mtime, and the dataset refuses future dates too.
    #[error("{}: the entry of {version} is dated {date}, which is in the future (today is {today}, UTC); date it on the day of the release", path.display())]
    FutureChangelogDate {
        /// The changelog.
        path: PathBuf,
        /// The version being released.
        version: Version,
        /// The entry's date.
        date: chrono::NaiveDate,
        /// Today, in UTC.
        today: chrono::NaiveDate,
    },
    /// The archive timestamp does not fit in a tar header.
    #[error(
        "the archive timestamp {mtime} (SOURCE_DATE_EPOCH) is out of range: a tar header holds 0 to {MAX_MTIME} seconds since 1970 (until 2242-03-16)"
    )]
    MtimeOutOfRange {
        /// The timestamp given.
        mtime: u64,
    },
    /// The previous release could not be read.
    #[error("cannot read the previous release {}: {source}", path.display())]
    Previous {
        /// What was given.
        path: PathBuf,
        /// Why it failed.
        source: Box<BundleError>,
    },
    /// The previous release has ids that more than one record carries, so it cannot be
    /// compared record by record.
    #[error("the previous release {} has ids used by more than one record ({}); it cannot be compared record by record", path.display(), ids.join(", "))]
    PreviousDuplicateIds {
        /// What was given.
        path: PathBuf,
        /// The duplicated ids.
        ids: Vec<String>,
    },
    /// The version is not greater than the previous release's.
    #[error("version {version} is not greater than the previous release's {previous}")]
    NotNewer {
        /// The version being released.
        version: Version,
        /// The previous release's version.
        previous: Version,
    },
    /// The version grows less than the changes since the previous release require.
    #[error(
        "{previous} -> {version} is a {actual} bump but the changes need a {required} bump ({reason})"
    )]
    BumpTooSmall {
        /// The previous version.
        previous: Version,
        /// The version being released.
        version: Version,
        /// The bump the version numbers show.
        actual: Bump,
        /// The bump the changes require.
        required: Bump,
        /// The first change that requires it.
        reason: String,
    },
    /// An output already exists; [`Built::write`] replaces outputs only when told to.
    #[error("{} already exists (pass --force to replace it)", .0.display())]
    Exists(PathBuf),
    /// The bundle would hold a file over the per-file limit, or be larger than
    /// [`MAX_BUNDLE_BYTES`](super::MAX_BUNDLE_BYTES): readers (this crate's included) would
    /// refuse it, so it is not written.
    #[error(
        "{what} would be larger than the limit of {limit} bytes that readers of the bundle enforce; refusing to build it"
    )]
    TooLarge {
        /// The file, or the bundle, with its size.
        what: String,
        /// The limit it exceeds.
        limit: u64,
    },
    /// An output path exists but is not something a previous release wrote, so even `force`
    /// does not remove it.
    #[error("{} exists and is not a release bundle; refusing to replace it", .0.display())]
    NotABundle(PathBuf),
}

/// A release assembled in memory, ready to write.
#[derive(Debug, Clone)]
pub struct Built {
    /// The manifest written into the bundle.
    pub manifest: Manifest,
    /// Every file of the bundle, by path relative to its root.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The `.tar.gz` of the bundle.
    pub archive: Vec<u8>,
    /// The differences from the previous release, when one was given.
    pub diff: Option<Diff>,
}

/// The written outputs of a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// `OUT/dossier-data-VERSION/`.
    pub bundle_dir: PathBuf,
    /// `OUT/dossier-data-VERSION.tar.gz`.
    pub archive: PathBuf,
    /// `OUT/SHA256SUMS`, the archive's checksum.
    pub sums: PathBuf,
}

/// The commit to record in the manifest: `DOSSIER_SOURCE_COMMIT` if set, else the commit
/// checked out in the git repository around `dir`, with `-dirty` appended when the dataset
/// files in `dir` differ from that commit's (the bundle then does not match the commit it
/// names), else `unknown` (a release built outside a git checkout, from a source tarball for
/// instance, is still a release).
///
/// The repository may be untrusted (an unpacked source tarball can carry a `.git/config`), so
/// nothing here runs a command the repository configures: the commit is read from `.git`
/// directly (`HEAD`, the ref it names, `packed-refs`), and the dirty check only runs
/// `git cat-file blob`, which reads objects and never runs hooks, `core.fsmonitor`, filters or
/// diff drivers (`git status` would run the repository's `core.fsmonitor` command). One
/// thing would make `cat-file` run a command: a repository that says it is a partial clone
/// fetches a missing object from its promisor remote, through the transport its config
/// names (`remote.*.uploadpack`, `core.sshCommand`, an `ext::` url). Lazy fetching is off
/// (`GIT_NO_LAZY_FETCH`, git 2.44 on) and every transport is refused (`protocol.allow=never`,
/// for older git), so a missing object is only a dirty dataset.
pub fn detect_source_commit(dir: &Path) -> String {
    if let Ok(c) = std::env::var("DOSSIER_SOURCE_COMMIT")
        && !c.trim().is_empty()
    {
        return c.trim().to_owned();
    }
    let Some(Head {
        commit,
        git_dir,
        common,
    }) = git_head(dir)
    else {
        return "unknown".to_owned();
    };
    // A configuration that could make git run or wait on something is not given to git: the
    // dataset cannot be compared, so it counts as changed.
    if config_is_risky(&git_dir, &common) || dataset_differs_from(dir, &commit) {
        format!("{commit}-dirty")
    } else {
        commit
    }
}

/// A repository's `HEAD` commit, with where its files are.
struct Head {
    commit: String,
    /// The git directory (a worktree's own, for a worktree).
    git_dir: std::path::PathBuf,
    /// The directory it shares with its main worktree (`commondir`), or the same.
    common: std::path::PathBuf,
}

/// Whether the repository's own configuration could make `git cat-file` run a command or
/// wait: a promisor remote (a partial clone fetches a missing object through the transport
/// the configuration names, and the configuration can allow any transport for itself, over
/// our `-c protocol.allow=never`, which is all that stops it on git without
/// `GIT_NO_LAZY_FETCH`), a protocol setting, or an include (of a file not read here, or of a
/// FIFO that blocks git's read). A configuration file that is not a regular file, or cannot be
/// read, counts too.
fn config_is_risky(git_dir: &Path, common: &Path) -> bool {
    [
        common.join("config"),
        git_dir.join("config.worktree"),
        common.join("config.worktree"),
    ]
    .iter()
    .any(|path| match std::fs::symlink_metadata(path) {
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        Ok(meta) if !meta.is_file() => true,
        Ok(_) => crate::files::read_text(path).map_or(true, |text| {
            let text = text.to_ascii_lowercase();
            ["include", "promisor", "partialclone", "protocol"]
                .iter()
                .any(|word| text.contains(word))
        }),
    })
}

/// The commit `HEAD` names in the repository containing `dir`, read from the files in `.git`
/// (a worktree's `.git` file and `commondir` included).
fn git_head(dir: &Path) -> Option<Head> {
    let is_hex = |s: &str| s.len() >= 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let start = std::fs::canonicalize(dir).ok()?;
    let dot_git = start
        .ancestors()
        .map(|d| d.join(".git"))
        .find(|p| p.exists())?;
    let read = |p: &Path| crate::files::read_text(p).ok();
    let git_dir = if dot_git.is_file() {
        let text = read(&dot_git)?;
        let target = text.trim().strip_prefix("gitdir:")?.trim().to_owned();
        dot_git.parent()?.join(target)
    } else {
        dot_git
    };
    let common = match read(&git_dir.join("commondir")) {
        Some(c) => git_dir.join(c.trim()),
        None => git_dir.clone(),
    };
    let head = read(&git_dir.join("HEAD"))?;
    let head = head.trim();
    let commit = (|| {
        let Some(name) = head.strip_prefix("ref:").map(str::trim) else {
            return is_hex(head).then(|| head.to_owned());
        };
        // A ref name is a relative path under the git directory; refuse anything else.
        if !name.starts_with("refs/") || name.split('/').any(|p| p.is_empty() || p == "..") {
            return None;
        }
        for base in [&git_dir, &common] {
            if let Some(text) = read(&base.join(name)) {
                let c = text.trim();
                return is_hex(c).then(|| c.to_owned());
            }
        }
        let packed = read(&common.join("packed-refs"))?;
        packed.lines().find_map(|line| {
            let (c, r) = line.split_once(' ')?;
            (r.trim() == name && is_hex(c)).then(|| c.to_owned())
        })
    })()?;
    Some(Head {
        commit,
        git_dir,
        common,
    })
}

/// Whether any dataset file in `dir` differs from its blob in `commit` (or is not in it).
fn dataset_differs_from(dir: &Path, commit: &str) -> bool {
    DataFile::ALL.into_iter().any(|file| {
        let Ok(current) = crate::files::read_text(&dir.join(file.file_name())) else {
            return true;
        };
        let mut git = std::process::Command::new("git");
        git.arg("-C")
            .arg(dir)
            // Belt and braces: `cat-file` runs none of these, but say so explicitly.
            .args([
                "-c",
                "core.fsmonitor=false",
                "-c",
                "core.hooksPath=/dev/null",
                // No fetch of a missing object, whatever the repository's config says.
                "-c",
                "protocol.allow=never",
            ])
            .env("GIT_NO_LAZY_FETCH", "1")
            .args(["cat-file", "blob"])
            .arg(format!("{commit}:./{}", file.file_name()));
        // At most one byte more than the file is read: enough to tell them apart.
        let committed = bounded_output(git, current.len() as u64 + 1, GIT_TIME_LIMIT);
        committed.as_deref() != Some(current.as_bytes())
    })
}

/// How long one `git cat-file` may take before it is stopped (a git that waits on something
/// the repository planted never holds a release up for longer).
const GIT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// What `command` writes to standard output, at most `limit` bytes, if it exits with success
/// within `time`; `None` if it fails, cannot start, or runs out of time (it is then killed).
fn bounded_output(
    mut command: std::process::Command,
    limit: u64,
    time: std::time::Duration,
) -> Option<Vec<u8>> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let stdout = child.stdout.take()?;
    // Read beside the wait, so that a full pipe never blocks the child while it is timed.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.take(limit).read_to_end(&mut out);
        out
    });
    let start = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = reader.join().ok()?;
                return status.success().then_some(out);
            }
            Ok(None) if start.elapsed() < time => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Validates the dataset, checks the changelog (and the version against a previous release),
/// and assembles the bundle and its archive in memory.
pub fn build(opts: &BuildOptions) -> Result<Built, BuildError> {
    let dir = &opts.dataset_dir;
    let report = crate::validate::validate_dir(dir).map_err(|source| BuildError::Validate {
        dir: dir.clone(),
        source,
    })?;
    if !report.is_valid() {
        let first = report
            .diagnostics
            .iter()
            .find(|d| d.severity == crate::validate::Severity::Error)
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        return Err(BuildError::Invalid {
            dir: dir.clone(),
            errors: report.errors(),
            first,
        });
    }
    let data = load_canonical(dir)?;
    let version = data.metadata.version.clone();

    let changelog_text =
        crate::files::read_text(&opts.changelog).map_err(|source| BuildError::Io {
            path: opts.changelog.clone(),
            source,
        })?;
    let (date, entry) =
        super::changelog::find_entry(&changelog_text, version.as_str()).map_err(|problem| {
            match problem {
                super::changelog::EntryProblem::Missing => BuildError::NoChangelogEntry {
                    path: opts.changelog.clone(),
                    version: version.clone(),
                },
                super::changelog::EntryProblem::BadDate(date) => BuildError::BadChangelogDate {
                    path: opts.changelog.clone(),
                    version: version.clone(),
                    date,
                },
            }
        })?;
    let today = crate::validate::today();
    if date > today {
        return Err(BuildError::FutureChangelogDate {
            path: opts.changelog.clone(),
            version: version.clone(),
            date,
            today,
        });
    }
    if let Some(mtime) = opts.mtime.filter(|t| *t > MAX_MTIME) {
        return Err(BuildError::MtimeOutOfRange { mtime });
    }

    let diff = match &opts.previous {
        Some(prev) => Some(check_previous(prev, &data)?),
        None => None,
    };

    let mtime = opts.mtime.unwrap_or_else(|| {
        date.and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp().max(0) as u64)
            .unwrap_or(0)
    });
    let commit = opts
        .source_commit
        .clone()
        .unwrap_or_else(|| detect_source_commit(dir));

    let files = bundle_files(&data, &entry, commit, date, diff.as_ref());
    let manifest: Manifest = serde_json::from_slice(&files[MANIFEST])
        .expect("the manifest was just written from a Manifest");
    // A bundle its own reader would refuse (`Dataset::from_release`, `dossier diff`, the next
    // release's `--previous`) is not written: every file within the per-file limit, the whole
    // within the bundle limit, unpacked and archived.
    let limit = crate::files::max_file_size();
    if let Some((name, bytes)) = files.iter().find(|(_, b)| b.len() as u64 > limit) {
        return Err(BuildError::TooLarge {
            what: format!("{name} ({} bytes)", bytes.len()),
            limit,
        });
    }
    let total: u64 = files.values().map(|b| b.len() as u64).sum();
    if total > super::MAX_BUNDLE_BYTES {
        return Err(BuildError::TooLarge {
            what: format!("the bundle ({total} bytes unpacked)"),
            limit: super::MAX_BUNDLE_BYTES,
        });
    }
    let archive = archive(&bundle_name(&version), &files, mtime);
    Ok(Built {
        manifest,
        files,
        archive,
        diff,
    })
}

/// Loads the dataset, refusing any file that is not exactly its canonical text
/// ([`crate::format::canonical_text`]). The texts checked are the texts loaded.
fn load_canonical(dir: &Path) -> Result<Dataset, BuildError> {
    let mut texts = BTreeMap::new();
    for file in DataFile::ALL {
        let path = dir.join(file.file_name());
        let text = crate::files::read_text(&path).map_err(|source| BuildError::Io {
            path: path.clone(),
            source,
        })?;
        let canonical =
            crate::format::canonical_text(file, &text).map_err(|source| LoadError::Parse {
                path: path.clone(),
                source,
            })?;
        if canonical != text {
            return Err(BuildError::NotCanonical {
                path,
                dir: dir.to_path_buf(),
            });
        }
        texts.insert(file, (path, text));
    }
    Ok(Dataset::from_texts(|file| {
        texts.remove(&file).ok_or_else(|| LoadError::Io {
            path: dir.join(file.file_name()),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "read twice"),
        })
    })?)
}

fn check_previous(prev: &Path, data: &Dataset) -> Result<Diff, BuildError> {
    let old = Dataset::load(prev).map_err(|e| BuildError::Previous {
        path: prev.to_path_buf(),
        source: Box::new(e),
    })?;
    let ids = crate::diff::duplicate_ids(&old);
    if !ids.is_empty() {
        return Err(BuildError::PreviousDuplicateIds {
            path: prev.to_path_buf(),
            ids,
        });
    }
    let (from, to) = (&old.metadata.version, &data.metadata.version);
    let d = diff(&old, data);
    let actual = Bump::between(from, to).ok_or_else(|| BuildError::NotNewer {
        version: to.clone(),
        previous: from.clone(),
    })?;
    if let Some(required) = d.bump()
        && required > actual
    {
        return Err(BuildError::BumpTooSmall {
            previous: from.clone(),
            version: to.clone(),
            actual,
            required,
            reason: d.reason().unwrap_or_default(),
        });
    }
    Ok(d)
}

fn bundle_files(
    data: &Dataset,
    changelog_entry: &str,
    commit: String,
    released: chrono::NaiveDate,
    changes: Option<&Diff>,
) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |path: String, text: String| {
        files.insert(path, text.into_bytes());
    };
    put("dossier.json".into(), to_text(&Document::of(data)));
    // Schemas of the bundle's own documents, so analysts can check them with their tools too.
    put(
        "schema/dossier.schema.json".into(),
        to_text(&crate::schema::generate_for::<Document>("dossier")),
    );
    put(
        "schema/manifest.schema.json".into(),
        to_text(&crate::schema::generate_for::<Manifest>("manifest")),
    );
    for file in DataFile::ALL {
        put(
            format!("dataset/{}", file.file_name()),
            data.file_text(file),
        );
        put(
            format!("schema/{}", file.schema_file_name()),
            crate::schema::render(file),
        );
    }
    let tables = tables::tables(data);
    for table in &tables {
        put(format!("jsonl/{}.jsonl", table.name), tables::jsonl(table));
        put(format!("csv/{}.csv", table.name), csv::render(table));
    }
    put(
        "datapackage.json".into(),
        to_text(&datapackage::descriptor(data, &tables, released)),
    );
    if let Some(d) = changes {
        put("changes.json".into(), to_text(&changes_document(d)));
    }
    let counts = record_counts(data);
    let citation = citation_text(&data.metadata, released);
    put(
        "README.md".into(),
        readme::readme(
            &data.metadata,
            &counts,
            &tables,
            released,
            &citation,
            changes.is_some(),
        ),
    );
    put(
        "CITATION.cff".into(),
        citation_cff(&data.metadata, released),
    );
    put("LICENSE.md".into(), readme::license(&data.metadata));
    put("CHANGELOG.md".into(), changelog_entry.to_owned());
    // The browsable site (src/site/), so a bundle opens in a browser from disk: site/index.html.
    #[cfg(feature = "site")]
    for (path, bytes) in crate::site::render(data).files {
        files.insert(format!("site/{path}"), bytes);
    }

    let manifest = Manifest {
        manifest_format: MANIFEST_FORMAT,
        name: data.metadata.name.clone(),
        version: data.metadata.version.clone(),
        schema_version: data.metadata.schema_version.clone(),
        license: data.metadata.license.clone(),
        released: Some(released.format("%Y-%m-%d").to_string()),
        repository: Some(REPOSITORY.to_owned()),
        source_commit: commit,
        citation: Some(citation),
        records: counts,
        files: files
            .iter()
            .map(|(path, bytes)| FileEntry {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
    };
    files.insert(MANIFEST.into(), to_text(&manifest).into_bytes());
    let sums: String = files
        .iter()
        .map(|(path, bytes)| format!("{}  {path}\n", sha256_hex(bytes)))
        .collect();
    files.insert(SHA256SUMS.into(), sums.into_bytes());
    files
}

/// `changes.json`: the record-level diff against the previous release, as `dossier diff
/// --json` prints it, with the versions compared and the bump the changes require.
fn changes_document(d: &Diff) -> serde_json::Value {
    let mut value = serde_json::to_value(d).expect("a diff always serialises");
    value["bump"] = serde_json::to_value(d.bump()).expect("a bump always serialises");
    value
}

/// The reproducible `.tar.gz` of the bundle.
fn archive(top: &str, files: &BTreeMap<String, Vec<u8>>, mtime: u64) -> Vec<u8> {
    let mut entries: BTreeSet<String> = BTreeSet::new();
    entries.insert(format!("{top}/"));
    for path in files.keys() {
        let mut prefix = String::new();
        let parts: Vec<&str> = path.split('/').collect();
        for dir in &parts[..parts.len() - 1] {
            prefix.push_str(dir);
            prefix.push('/');
            entries.insert(format!("{top}/{prefix}"));
        }
        entries.insert(format!("{top}/{path}"));
    }
    let mut builder = tar::Builder::new(Vec::new());
    for entry in &entries {
        let mut header = tar::Header::new_ustar();
        header.set_mtime(mtime);
        header.set_uid(0);
        header.set_gid(0);
        let (data, is_dir) = match entry.strip_suffix('/') {
            Some(_) => (&[][..], true),
            None => (files[&entry[top.len() + 1..]].as_slice(), false),
        };
        if is_dir {
            header.set_entry_type(tar::EntryType::Directory);
            header.set_mode(0o755);
        } else {
            header.set_entry_type(tar::EntryType::Regular);
            header.set_mode(0o644);
        }
        header.set_size(data.len() as u64);
        // `append_data` writes a GNU long-name entry first when the path does not fit the
        // ustar header (100 bytes, or 155 + 100 split at a `/`): a long pre-release version
        // makes `dossier-data-VERSION/` longer than that.
        builder
            .append_data(&mut header, entry, data)
            .expect("bundle paths are relative and writing to a Vec cannot fail");
    }
    let tar = builder.into_inner().expect("writing to a Vec cannot fail");
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(&tar).expect("writing to a Vec cannot fail");
    gz.finish().expect("writing to a Vec cannot fail")
}

impl Built {
    /// The version released.
    pub fn version(&self) -> &Version {
        &self.manifest.version
    }

    /// Writes `OUT/dossier-data-VERSION/`, `OUT/dossier-data-VERSION.tar.gz` and
    /// `OUT/SHA256SUMS` (the archive's checksum, for the release page). Refuses to replace an
    /// existing output unless `force`; even then, a directory that is not a release bundle is
    /// never removed.
    pub fn write(&self, out: &Path, force: bool) -> Result<Written, BuildError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| BuildError::Io { path, source }
        };
        std::fs::create_dir_all(out).map_err(io(out))?;
        let name = bundle_name(self.version());
        let written = Written {
            bundle_dir: out.join(&name),
            archive: out.join(format!("{name}.tar.gz")),
            sums: out.join(SHA256SUMS),
        };
        for path in [&written.bundle_dir, &written.archive, &written.sums] {
            if std::fs::symlink_metadata(path).is_ok() && !force {
                return Err(BuildError::Exists(path.clone()));
            }
        }
        if std::fs::symlink_metadata(&written.bundle_dir).is_ok()
            && !written.bundle_dir.join(MANIFEST).is_file()
        {
            return Err(BuildError::NotABundle(written.bundle_dir.clone()));
        }
        // Every file target is checked before anything is replaced: a refused SHA256SUMS
        // must not leave a new archive beside old sums.
        crate::files::check_targets([written.archive.as_path(), written.sums.as_path()], out)
            .map_err(|(path, source)| io(&path)(source))?;
        // A bundle directory must be a real directory inside `out`, not a symlink to one.
        if std::fs::symlink_metadata(&written.bundle_dir).is_ok_and(|m| !m.is_dir()) {
            return Err(BuildError::NotABundle(written.bundle_dir.clone()));
        }

        // Temporary directories of earlier runs that were killed. (Not `.old-` ones: a run
        // killed between its two renames leaves the only copy of the previous bundle there.)
        crate::files::remove_orphan_dirs(out, &format!(".{name}.tmp-"));
        let pid = std::process::id();
        let tmp_dir = out.join(format!(".{name}.tmp-{pid}"));
        let result = (|| {
            if tmp_dir.exists() {
                std::fs::remove_dir_all(&tmp_dir).map_err(io(&tmp_dir))?;
            }
            for (rel, bytes) in &self.files {
                let path = tmp_dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                }
                std::fs::write(&path, bytes).map_err(io(&path))?;
            }
            // Swap the directories so that the old bundle stays whole until the new one is in
            // place; rename cannot replace a non-empty directory.
            let old = out.join(format!(".{name}.old-{pid}"));
            let had_old = std::fs::symlink_metadata(&written.bundle_dir).is_ok();
            if had_old {
                std::fs::rename(&written.bundle_dir, &old).map_err(io(&written.bundle_dir))?;
            }
            std::fs::rename(&tmp_dir, &written.bundle_dir).map_err(io(&written.bundle_dir))?;
            if had_old {
                std::fs::remove_dir_all(&old).map_err(io(&old))?;
            }
            write_atomic(&written.archive, &self.archive)?;
            let sums = format!("{}  {name}.tar.gz\n", sha256_hex(&self.archive));
            write_atomic(&written.sums, sums.as_bytes())
        })();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp_dir);
        }
        result.map(|()| written)
    }
}

/// Writes a file through a temporary file in the same directory and a rename, refusing a
/// target that resolves outside that directory (a symlink planted in `--out`) or is not a
/// regular file.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let options = crate::files::WriteOptions {
        within: path.parent(),
        ..Default::default()
    };
    crate::files::write_atomic_with(path, bytes, &options).map_err(|source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    })
}
