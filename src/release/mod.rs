//! Release bundles: what a published release contains, and reading one back (feature
//! `release`; building one needs feature `release-build`).
//!
//! A release of version `X.Y.Z` is a directory `dossier-data-X.Y.Z/`, published as
//! `dossier-data-X.Y.Z.tar.gz`. It holds:
//!
//! | path | what it is |
//! |------|------------|
//! | `dossier.json` | the whole dataset as one JSON document: `metadata` and one array per collection |
//! | `dataset/NAME.json` | the dataset files exactly as in the repository, each naming its schema |
//! | `schema/NAME.schema.json` | the JSON Schema (draft 2020-12) of each dataset file, and of `dossier.json` and `manifest.json` |
//! | `csv/TABLE.csv` | one file per analysis-ready table ([`tables`]): typed, flat columns, link tables |
//! | `jsonl/TABLE.jsonl` | the same tables as JSON Lines, values unaltered |
//! | `datapackage.json` | a Frictionless Tabular Data Package describing every CSV table |
//! | `changes.json` | the record-level diff against the previous release (when built with one) |
//! | `README.md` | what each file is, every column, the citation, and tested load recipes |
//! | `CITATION.cff` | how to cite this release (Citation File Format) |
//! | `LICENSE.md` | the data's licence |
//! | `CHANGELOG.md` | the changelog entry of this version |
//! | `manifest.json` | name, versions, release date, repository, source commit, citation, record counts, and every file's size and SHA-256 |
//! | `SHA256SUMS` | the same checksums in the form `sha256sum -c SHA256SUMS` checks |
//!
//! [`Dataset::from_release`](crate::Dataset::from_release) trusts nothing in a bundle until
//! every checksum has been verified: a bundle is data downloaded from elsewhere, and a
//! half-checked one is worse than an error. The checksums give integrity (a truncated download,
//! a flipped byte, a file someone edited), not authenticity: whoever can change the files can
//! also rewrite the checksums. Authenticity comes from the build-provenance attestation the
//! release workflow publishes for the archive (`gh attestation verify`), see the README.

#[cfg(feature = "release-build")]
pub mod build;
#[cfg(feature = "release-build")]
mod changelog;
#[cfg(feature = "release-build")]
mod citation;
#[cfg(feature = "release-build")]
pub mod csv;
#[cfg(feature = "release-build")]
pub mod datapackage;
mod read;
#[cfg(feature = "release-build")]
mod readme;
#[cfg(feature = "release-build")]
pub mod tables;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::dataset::LoadError;
use crate::model::Version;

#[cfg(feature = "release-build")]
pub use build::{BuildError, BuildOptions, Built, MAX_MTIME, Written, build, detect_source_commit};
#[cfg(feature = "release-build")]
pub use changelog::changelog_entry;
#[cfg(feature = "release-build")]
pub use citation::{AUTHORS, REPOSITORY, citation_cff, citation_text};

/// The name of the manifest file at the root of a bundle.
pub const MANIFEST: &str = "manifest.json";
/// The name of the checksum list at the root of a bundle (and next to the archive).
pub const SHA256SUMS: &str = "SHA256SUMS";
/// The version of the manifest's own format. It changes only if `manifest.json` changes shape.
/// Format 2 added `released`, `repository` and `citation`; format 1 manifests are still read.
pub const MANIFEST_FORMAT: u32 = 2;
/// The largest bundle [`Dataset::from_release`](crate::Dataset::from_release) reads, unpacked,
/// in bytes. A real bundle is a few megabytes; the cap keeps a hostile archive (a "gzip bomb")
/// from exhausting memory.
pub const MAX_BUNDLE_BYTES: u64 = 256 * 1024 * 1024;

/// The directory name of the bundle of a version: `dossier-data-0.1.0`.
pub fn bundle_name(version: &Version) -> String {
    format!("dossier-data-{version}")
}

/// The contents of `manifest.json`: what the bundle is and a checksum of every other file.
///
/// `files` lists every file of the bundle except `manifest.json` itself and `SHA256SUMS`
/// (which lists the manifest in turn), sorted by path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The manifest format, [`MANIFEST_FORMAT`].
    pub manifest_format: u32,
    /// The dataset's name.
    pub name: String,
    /// The dataset's version; the bundle is `dossier-data-VERSION`.
    pub version: Version,
    /// The version of the data model (`schema/`).
    pub schema_version: Version,
    /// The licence of the data, as an SPDX expression.
    pub license: String,
    /// The day of the release: the date of its CHANGELOG entry (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<String>,
    /// The repository the dataset is developed in, where `source_commit` can be found
    /// (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// The commit of the repository the bundle was built from (`unknown` when it could not be
    /// determined).
    pub source_commit: String,
    /// How to cite this release (format 2); the same text as in `README.md` and
    /// `CITATION.cff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Records per collection, by collection name (`events`).
    pub records: BTreeMap<String, usize>,
    /// Every file of the bundle but the manifest and `SHA256SUMS`, sorted by path.
    pub files: Vec<FileEntry>,
}

/// One file of a bundle, as listed in the [`Manifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// The path relative to the bundle's root, with `/` separators: `csv/events.csv`.
    pub path: String,
    /// The size in bytes.
    pub size: u64,
    /// The SHA-256 of the contents, in lowercase hex.
    #[cfg_attr(feature = "schema", schemars(pattern(r"^[0-9a-f]{64}$")))]
    pub sha256: String,
}

/// Why a release bundle was refused.
///
/// Every way a bundle can be damaged or hostile has its own variant, so that a caller (or a
/// test) can tell a truncated download from a tampered file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The archive is not a valid gzip-compressed tar file, or it ends early (a truncated
    /// download).
    #[error("{} is not a readable .tar.gz (corrupt or truncated): {message}", path.display())]
    Corrupt {
        /// The archive.
        path: PathBuf,
        /// What the decoder said.
        message: String,
    },
    /// Bytes follow the end of the archive (after the gzip stream, or non-zero bytes after the
    /// end of the tar data).
    #[error("{} has {bytes} unexpected bytes after the end of the archive", path.display())]
    TrailingData {
        /// The archive.
        path: PathBuf,
        /// How many bytes follow the end.
        bytes: u64,
    },
    /// An entry's path is absolute, contains `..`, or lies outside the bundle's single
    /// top-level directory.
    #[error("entry `{entry}` would escape the bundle directory: {reason}")]
    UnsafePath {
        /// The path as written in the archive or manifest.
        entry: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// An entry is a symbolic or hard link. Bundles hold plain files only, so a link can only be
    /// an attempt to read or write outside the bundle.
    #[error("entry `{entry}` is a link; release bundles hold plain files only")]
    Link {
        /// The entry.
        entry: String,
    },
    /// An entry is neither a plain file nor a directory (a device, a FIFO, ...).
    #[error("entry `{entry}` is not a plain file or directory")]
    UnsupportedEntry {
        /// The entry.
        entry: String,
    },
    /// The same path appears twice in the archive (as two files, two directories, or a file
    /// and a directory), or twice in a checksum list.
    #[error("entry `{entry}` appears more than once")]
    Duplicate {
        /// The entry.
        entry: String,
    },
    /// An archive entry is a file, but other entries lie inside it as if it were a directory:
    /// unpacking such an archive cannot give the files its checksums describe.
    #[error("entry `{entry}` is a file, but other entries lie inside it as in a directory")]
    FileAndDirectory {
        /// The file.
        entry: String,
    },
    /// The bundle unpacks to more than [`MAX_BUNDLE_BYTES`].
    #[error("the bundle is larger than {MAX_BUNDLE_BYTES} bytes unpacked; refusing to read it")]
    TooLarge,
    /// There is no `manifest.json` at the bundle's root.
    #[error("{} is not a release bundle: no manifest.json at its root", path.display())]
    NoManifest {
        /// The path given.
        path: PathBuf,
    },
    /// `manifest.json` is not valid JSON of the manifest's shape.
    #[error("manifest.json is invalid: {0}")]
    Manifest(serde_json::Error),
    /// The manifest's format is newer than this crate reads.
    #[error(
        "manifest format {found} is not supported (this crate reads formats 1 to {MANIFEST_FORMAT})"
    )]
    UnsupportedFormat {
        /// The format found.
        found: u32,
    },
    /// A file every bundle has (`SHA256SUMS`, `dossier.json`) is missing.
    #[error("the bundle has no {file}, which every release bundle has")]
    MissingRequired {
        /// The file.
        file: &'static str,
    },
    /// A file the manifest or `SHA256SUMS` lists is not in the bundle.
    #[error("{file} is listed in {list} but missing from the bundle")]
    Missing {
        /// The file.
        file: String,
        /// The list that names it (`manifest.json` or `SHA256SUMS`).
        list: &'static str,
    },
    /// A file in the bundle is not listed in the manifest (or in `SHA256SUMS`).
    #[error("{file} is in the bundle but not listed in {list}")]
    Unlisted {
        /// The file.
        file: String,
        /// The list that should name it.
        list: &'static str,
    },
    /// A file's size differs from the manifest (truncated or padded).
    #[error("{file} is {actual} bytes but the manifest says {expected}")]
    SizeMismatch {
        /// The file.
        file: String,
        /// The size in the manifest.
        expected: u64,
        /// The size found.
        actual: u64,
    },
    /// A file's SHA-256 differs from its listed checksum.
    #[error("{file} does not match its checksum in {list} (expected {expected}, found {actual})")]
    ChecksumMismatch {
        /// The file.
        file: String,
        /// The list that gives the checksum.
        list: &'static str,
        /// The listed checksum.
        expected: String,
        /// The checksum of the file as found.
        actual: String,
    },
    /// A line of `SHA256SUMS` is not `HEX  PATH`.
    #[error("SHA256SUMS line {line} is malformed")]
    MalformedSums {
        /// The 1-based line number.
        line: usize,
    },
    /// The manifest does not describe the data (record counts, name or versions differ), or
    /// `dossier.json` differs from the `dataset/` files.
    #[error("the bundle is inconsistent: {0}")]
    Inconsistent(String),
    /// The verified dataset files do not load.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

pub use read::Bundle;
