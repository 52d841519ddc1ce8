//! Reading a release bundle, from an unpacked directory or a `.tar.gz`, and verifying it
//! before anything in it is parsed as data.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{BundleError, MANIFEST, MANIFEST_FORMAT, MAX_BUNDLE_BYTES, Manifest, SHA256SUMS};
use crate::dataset::{Dataset, LoadError};
use crate::model::{Actor, Claim, DataFile, Event, Metadata, Quote, Sanction, Source};

/// The whole dataset as one JSON document: the shape of a bundle's `dossier.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    /// The schema of this document, inside the bundle: `schema/dossier.schema.json`.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub(crate) schema: Option<String>,
    /// Name, version, licence (the bundle's `dataset/metadata.json`), with its `$schema`
    /// pointing inside the bundle (`schema/metadata.schema.json`).
    pub(crate) metadata: Metadata,
    /// The documents records cite.
    pub(crate) sources: Vec<Source>,
    /// States, people and organisations.
    pub(crate) actors: Vec<Actor>,
    /// What happened.
    pub(crate) events: Vec<Event>,
    /// Sanctions and restrictions.
    pub(crate) sanctions: Vec<Sanction>,
    /// What was said.
    pub(crate) quotes: Vec<Quote>,
    /// Competing accounts of events.
    pub(crate) claims: Vec<Claim>,
}

impl Document {
    #[cfg(feature = "release-build")]
    pub(crate) fn of(d: &Dataset) -> Self {
        let mut metadata = d.metadata.clone();
        // `dossier.json` sits at the bundle's root: its schemas are under `schema/`.
        metadata.schema = format!("schema/{}", DataFile::Metadata.schema_file_name());
        Document {
            schema: Some("schema/dossier.schema.json".to_owned()),
            metadata,
            sources: d.sources.clone(),
            actors: d.actors.clone(),
            events: d.events.clone(),
            sanctions: d.sanctions.clone(),
            quotes: d.quotes.clone(),
            claims: d.claims.clone(),
        }
    }

    fn into_dataset(self) -> Dataset {
        Dataset {
            metadata: self.metadata,
            sources: self.sources,
            actors: self.actors,
            events: self.events,
            sanctions: self.sanctions,
            quotes: self.quotes,
            claims: self.claims,
        }
    }
}

/// A release bundle read into memory, with every checksum verified.
///
/// Holding a `Bundle` means the files matched `SHA256SUMS` and `manifest.json` exactly: no file
/// missing, none added, none changed.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Where the bundle was read from.
    pub origin: PathBuf,
    /// The verified manifest.
    pub manifest: Manifest,
    files: BTreeMap<String, Vec<u8>>,
}

impl Bundle {
    /// Reads and verifies a bundle: an unpacked `dossier-data-VERSION/` directory, or a
    /// `.tar.gz` of one (any file that is not a directory is read as an archive).
    pub fn open(path: impl AsRef<Path>) -> Result<Bundle, BundleError> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|source| BundleError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let files = if meta.is_dir() {
            read_dir(path)?
        } else {
            read_archive(path)?
        };
        Self::verify(path, files)
    }

    /// Verifies files already in memory, keyed by their path relative to the bundle root.
    pub fn verify(
        origin: impl AsRef<Path>,
        files: BTreeMap<String, Vec<u8>>,
    ) -> Result<Bundle, BundleError> {
        let origin = origin.as_ref().to_path_buf();
        let manifest_bytes = files.get(MANIFEST).ok_or_else(|| BundleError::NoManifest {
            path: origin.clone(),
        })?;
        // SHA256SUMS covers manifest.json, so it is checked first: a manifest that was edited
        // is refused before its contents are trusted.
        let sums = files
            .get(SHA256SUMS)
            .ok_or(BundleError::MissingRequired { file: SHA256SUMS })?;
        verify_sums(sums, &files)?;
        let manifest: Manifest =
            serde_json::from_slice(manifest_bytes).map_err(BundleError::Manifest)?;
        if !(1..=MANIFEST_FORMAT).contains(&manifest.manifest_format) {
            return Err(BundleError::UnsupportedFormat {
                found: manifest.manifest_format,
            });
        }
        verify_manifest(&manifest, &files)?;
        Ok(Bundle {
            origin,
            manifest,
            files,
        })
    }

    /// The contents of one file, by its path relative to the bundle root (`csv/events.csv`).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file's path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Parses the bundle's `dataset/` files and checks that the manifest and `dossier.json`
    /// describe the same data.
    pub fn dataset(&self) -> Result<Dataset, BundleError> {
        let data = Dataset::from_texts(|file| {
            let rel = format!("dataset/{}", file.file_name());
            let path = self.origin.join(&rel);
            let bytes = self.files.get(&rel).ok_or_else(|| LoadError::Io {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not in the bundle"),
            })?;
            let text = String::from_utf8(bytes.clone()).map_err(|e| LoadError::Io {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })?;
            Ok((path, text))
        })?;
        self.check_consistent(&data)?;
        Ok(data)
    }

    fn check_consistent(&self, data: &Dataset) -> Result<(), BundleError> {
        let m = &self.manifest;
        let meta = &data.metadata;
        if m.name != meta.name
            || m.version != meta.version
            || m.schema_version != meta.schema_version
        {
            return Err(BundleError::Inconsistent(format!(
                "the manifest describes {} {} (schema {}) but dataset/metadata.json says {} {} (schema {})",
                m.name, m.version, m.schema_version, meta.name, meta.version, meta.schema_version
            )));
        }
        let counts = record_counts(data);
        if counts != m.records {
            return Err(BundleError::Inconsistent(format!(
                "the manifest counts {:?} records but the dataset has {counts:?}",
                m.records
            )));
        }
        let doc = self
            .files
            .get("dossier.json")
            .ok_or(BundleError::MissingRequired {
                file: "dossier.json",
            })?;
        let doc: Document = serde_json::from_slice(doc)
            .map_err(|e| BundleError::Inconsistent(format!("dossier.json does not load: {e}")))?;
        let mut doc = doc.into_dataset();
        // The metadata's `$schema` is relative to the file it is in, so it differs between
        // `dossier.json` and `dataset/metadata.json` by design.
        doc.metadata.schema = data.metadata.schema.clone();
        if &doc != data {
            return Err(BundleError::Inconsistent(
                "dossier.json differs from the dataset/ files".to_owned(),
            ));
        }
        Ok(())
    }
}

impl Dataset {
    /// Loads a release bundle: an unpacked `dossier-data-VERSION/` directory, or the
    /// `dossier-data-VERSION.tar.gz` archive itself (feature `release`).
    ///
    /// Every checksum in `SHA256SUMS` and `manifest.json` is verified before any data is
    /// parsed. A bundle with a changed, truncated or padded file, a file missing or added, or an
    /// archive entry that is a link or would land outside the bundle directory is refused with
    /// a [`BundleError`] saying which. Archives are read in memory and never unpacked to disk.
    ///
    /// ```no_run
    /// let data = drone_dossier::Dataset::from_release("dossier-data-0.1.0.tar.gz")?;
    /// println!("{} events", data.events.len());
    /// # Ok::<(), drone_dossier::release::BundleError>(())
    /// ```
    pub fn from_release(path: impl AsRef<Path>) -> Result<Dataset, BundleError> {
        Bundle::open(path)?.dataset()
    }

    /// Loads whichever `path` is: a dataset directory (it has `metadata.json` and no
    /// `manifest.json`), or else a release, unpacked or archived, through
    /// [`Dataset::from_release`]. This is what `dossier diff` and `dossier release --previous`
    /// accept.
    pub fn load(path: impl AsRef<Path>) -> Result<Dataset, BundleError> {
        let path = path.as_ref();
        if path.is_dir()
            && !path.join(MANIFEST).exists()
            && path.join(DataFile::Metadata.file_name()).exists()
        {
            return Ok(Dataset::from_dir(path)?);
        }
        Dataset::from_release(path)
    }
}

/// Record counts per collection, keyed by collection name.
pub(crate) fn record_counts(d: &Dataset) -> BTreeMap<String, usize> {
    DataFile::ALL
        .into_iter()
        .filter_map(|f| {
            let n = match f {
                DataFile::Metadata => return None,
                DataFile::Sources => d.sources.len(),
                DataFile::Actors => d.actors.len(),
                DataFile::Events => d.events.len(),
                DataFile::Sanctions => d.sanctions.len(),
                DataFile::Quotes => d.quotes.len(),
                DataFile::Claims => d.claims.len(),
            };
            Some((f.name().to_owned(), n))
        })
        .collect()
}

fn verify_sums(sums: &[u8], files: &BTreeMap<String, Vec<u8>>) -> Result<(), BundleError> {
    let text = std::str::from_utf8(sums).map_err(|_| BundleError::MalformedSums { line: 1 })?;
    let mut listed = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let malformed = || BundleError::MalformedSums { line: i + 1 };
        // `sha256sum` writes "HEX  PATH" (text mode) or "HEX *PATH" (binary mode).
        let (hex, path) = line.split_once(' ').ok_or_else(malformed)?;
        let path = path
            .strip_prefix(' ')
            .or_else(|| path.strip_prefix('*'))
            .ok_or_else(malformed)?;
        if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(malformed());
        }
        check_relative(path)?;
        if listed.insert(path.to_owned(), hex.to_owned()).is_some() {
            return Err(BundleError::Duplicate {
                entry: path.to_owned(),
            });
        }
    }
    for (path, expected) in &listed {
        let bytes = files.get(path).ok_or_else(|| BundleError::Missing {
            file: path.clone(),
            list: SHA256SUMS,
        })?;
        let actual = super::sha256_hex(bytes);
        if &actual != expected {
            return Err(BundleError::ChecksumMismatch {
                file: path.clone(),
                list: SHA256SUMS,
                expected: expected.clone(),
                actual,
            });
        }
    }
    if let Some(extra) = files
        .keys()
        .find(|p| p.as_str() != SHA256SUMS && !listed.contains_key(*p))
    {
        return Err(BundleError::Unlisted {
            file: extra.clone(),
            list: SHA256SUMS,
        });
    }
    Ok(())
}

fn verify_manifest(m: &Manifest, files: &BTreeMap<String, Vec<u8>>) -> Result<(), BundleError> {
    let mut seen = std::collections::BTreeSet::new();
    for entry in &m.files {
        check_relative(&entry.path)?;
        if !seen.insert(entry.path.as_str()) {
            return Err(BundleError::Duplicate {
                entry: entry.path.clone(),
            });
        }
        let bytes = files.get(&entry.path).ok_or_else(|| BundleError::Missing {
            file: entry.path.clone(),
            list: MANIFEST,
        })?;
        if bytes.len() as u64 != entry.size {
            return Err(BundleError::SizeMismatch {
                file: entry.path.clone(),
                expected: entry.size,
                actual: bytes.len() as u64,
            });
        }
        let actual = super::sha256_hex(bytes);
        if actual != entry.sha256 {
            return Err(BundleError::ChecksumMismatch {
                file: entry.path.clone(),
                list: MANIFEST,
                expected: entry.sha256.clone(),
                actual,
            });
        }
    }
    if let Some(extra) = files
        .keys()
        .find(|p| p.as_str() != MANIFEST && p.as_str() != SHA256SUMS && !seen.contains(p.as_str()))
    {
        return Err(BundleError::Unlisted {
            file: extra.clone(),
            list: MANIFEST,
        });
    }
    Ok(())
}

/// Checks that a path from a manifest or checksum list stays inside the bundle: relative, `/`
/// separators, no `.`, `..` or empty components.
fn check_relative(path: &str) -> Result<(), BundleError> {
    let unsafe_path = |reason| BundleError::UnsafePath {
        entry: path.to_owned(),
        reason,
    };
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Err(unsafe_path("absolute paths are not allowed"));
    }
    if path
        .split('/')
        .any(|c| c.is_empty() || c == "." || c == "..")
    {
        return Err(unsafe_path(
            "`..`, `.` and empty components are not allowed",
        ));
    }
    Ok(())
}

/// Reads every plain file under `root`, refusing links and anything that is not a file or a
/// directory.
fn read_dir(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, BundleError> {
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let io = |source| BundleError::Io {
            path: dir.clone(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name();
            let name = name.to_str().ok_or_else(|| BundleError::UnsafePath {
                entry: format!("{prefix}{}", name.to_string_lossy()),
                reason: "file names must be UTF-8",
            })?;
            let rel = format!("{prefix}{name}");
            let path = entry.path();
            let kind = std::fs::symlink_metadata(&path)
                .map_err(|source| BundleError::Io {
                    path: path.clone(),
                    source,
                })?
                .file_type();
            if kind.is_symlink() {
                return Err(BundleError::Link { entry: rel });
            } else if kind.is_dir() {
                stack.push((path, format!("{rel}/")));
            } else if kind.is_file() {
                // Through the file layer: the per-file limit is enforced while reading, so a
                // 3 GB sparse file inside an unpacked bundle costs one read of the limit.
                let bytes = crate::files::read_bytes(&path).map_err(|source| BundleError::Io {
                    path: path.clone(),
                    source,
                })?;
                total += bytes.len() as u64;
                if total > MAX_BUNDLE_BYTES {
                    return Err(BundleError::TooLarge);
                }
                files.insert(rel, bytes);
            } else {
                return Err(BundleError::UnsupportedEntry { entry: rel });
            }
        }
    }
    Ok(files)
}

/// Reads a `.tar.gz` in memory. The archive must hold one top-level directory; the returned
/// paths are relative to it.
fn read_archive(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, BundleError> {
    let corrupt = |e: std::io::Error| BundleError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let io = |source| BundleError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Through the file layer: a FIFO or `/dev/zero` given as the archive is refused without
    // hanging, and the archive is read only up to the bundle limit.
    let gz = crate::files::read_bytes_limited(path, MAX_BUNDLE_BYTES).map_err(|e| {
        if matches!(
            crate::files::refusal(&e),
            Some(crate::files::Refusal::TooLarge(_))
        ) {
            BundleError::TooLarge
        } else {
            io(e)
        }
    })?;
    let mut decoder = flate2::bufread::GzDecoder::new(gz.as_slice());
    let mut tar_bytes = Vec::new();
    (&mut decoder)
        .take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut tar_bytes)
        .map_err(corrupt)?;
    if tar_bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge);
    }
    // The bufread decoder consumes exactly one gzip member; anything left is not ours.
    let rest = decoder.into_inner();
    if !rest.is_empty() {
        return Err(BundleError::TrailingData {
            path: path.to_path_buf(),
            bytes: rest.len() as u64,
        });
    }
    if tar_bytes.is_empty() {
        return Err(BundleError::Corrupt {
            path: path.to_path_buf(),
            message: "the archive is empty".to_owned(),
        });
    }

    let mut files = BTreeMap::new();
    // Every path seen, files and directories alike (relative to the top-level directory, which
    // is ""), and whether it was a directory: no path may appear twice, whatever its type.
    let mut seen: BTreeMap<String, bool> = BTreeMap::new();
    let mut top: Option<String> = None;
    let mut end = 0u64;
    let mut archive = tar::Archive::new(tar_bytes.as_slice());
    for entry in archive.entries().map_err(corrupt)? {
        let mut entry = entry.map_err(corrupt)?;
        let raw = String::from_utf8(entry.path_bytes().into_owned()).map_err(|e| {
            BundleError::UnsafePath {
                entry: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                reason: "entry names must be UTF-8",
            }
        })?;
        let kind = entry.header().entry_type();
        // A pax global header (`git archive` writes one) describes the archive, not a file.
        if kind.is_pax_global_extensions() {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            return Err(BundleError::Link { entry: raw });
        }
        if !(kind.is_file() || kind.is_dir()) {
            return Err(BundleError::UnsupportedEntry { entry: raw });
        }
        // `./`, as `tar -C dir .` writes first, names the archive's root, not an entry.
        if kind.is_dir() && raw.split('/').all(|c| c.is_empty() || c == ".") {
            continue;
        }
        let rel = split_top(&raw, &mut top)?;
        let size = entry.size();
        end = end.max(entry.raw_file_position() + size.div_ceil(512) * 512);
        if kind.is_file() && rel.is_none() {
            return Err(BundleError::UnsafePath {
                entry: raw,
                reason: "files must be inside the bundle's top-level directory",
            });
        }
        let key = rel.clone().unwrap_or_default();
        if seen.insert(key, kind.is_dir()).is_some() {
            return Err(BundleError::Duplicate { entry: raw });
        }
        let Some(rel) = rel.filter(|_| !kind.is_dir()) else {
            continue;
        };
        // Not sized from the header: a header can claim any size. Each file is held to the
        // per-file limit, as the files of an unpacked bundle are (`--max-file-size`).
        let limit = crate::files::max_file_size();
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(corrupt)?;
        if bytes.len() as u64 > limit {
            return Err(BundleError::Io {
                path: path.join(&raw),
                source: crate::files::refused(crate::files::Refusal::TooLarge(limit)),
            });
        }
        if files.insert(rel, bytes).is_some() {
            return Err(BundleError::Duplicate { entry: raw });
        }
    }
    // A file must not also be a directory holding other entries (`README.md` and
    // `README.md/x`): unpacking cannot produce both.
    for (path, _) in seen.iter().filter(|(p, is_dir)| !**is_dir && !p.is_empty()) {
        let inside = format!("{path}/");
        if seen
            .range(inside.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&inside))
        {
            return Err(BundleError::FileAndDirectory {
                entry: path.clone(),
            });
        }
    }
    // After the last entry only the end-of-archive zero blocks may follow.
    let tail = tar_bytes.get(end as usize..).unwrap_or_default();
    if let Some(first) = tail.iter().position(|&b| b != 0) {
        return Err(BundleError::TrailingData {
            path: path.to_path_buf(),
            bytes: (tail.len() - first) as u64,
        });
    }
    Ok(files)
}

/// Splits an archive path into its top-level directory (which must be the same for every
/// entry) and the rest. Returns `None` for the top-level directory itself.
fn split_top(raw: &str, top: &mut Option<String>) -> Result<Option<String>, BundleError> {
    let unsafe_path = |reason| BundleError::UnsafePath {
        entry: raw.to_owned(),
        reason,
    };
    if raw.starts_with('/') || raw.contains('\\') || raw.contains(':') {
        return Err(unsafe_path("absolute paths are not allowed"));
    }
    let parts: Vec<&str> = raw
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    if parts.contains(&"..") {
        return Err(unsafe_path("`..` components are not allowed"));
    }
    let Some((first, rest)) = parts.split_first() else {
        return Err(unsafe_path("empty path"));
    };
    match top {
        Some(t) if t != first => {
            return Err(unsafe_path(
                "every entry must be inside the bundle's single top-level directory",
            ));
        }
        Some(_) => {}
        None => *top = Some((*first).to_owned()),
    }
    Ok((!rest.is_empty()).then(|| rest.join("/")))
}
