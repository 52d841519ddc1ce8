//! The one door to the file system: every read and every write of the project goes through
//! here.
//!
//! A dataset directory comes from contributors and downloads, so reading it must not hang on a
//! FIFO or exhaust memory on `/dev/zero` or a huge sparse file, and writing it (`dossier fmt`,
//! `dossier schema`, release bundles) must never leave a truncated file, follow a planted
//! symlink out of the output directory, replace a device node, or lose an edit made while it
//! ran.
//!
//! **Reads** ([`read_bytes`], [`read_text`], and the crate's own callers) open the file without
//! blocking (`O_NONBLOCK` on Unix, so a FIFO cannot hang the open), check on the *open* file that
//! it is a regular file (a symlink to a FIFO or a device is refused, and a file swapped between a
//! check and the open cannot slip through), and enforce the size limit while reading: at most
//! one byte past the limit is ever read, and no buffer is sized from the file's metadata.
//!
//! The limit is one setting for the whole process, [`max_file_size`] (default
//! [`DEFAULT_MAX_FILE_SIZE`]), which the `dossier` binary sets from `--max-file-size` for every
//! command, so a file `validate` accepts is never refused by `fmt` or `diff` for its size.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The default size limit of one file read, in bytes (64 MiB). The bundled dataset files are a
/// few hundred kilobytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// The size limit, in bytes, of every file the crate reads (dataset files, schemas, the
/// changelog, each file of an unpacked bundle). A release archive as a whole is bounded by
/// [`MAX_BUNDLE_BYTES`](crate::release::MAX_BUNDLE_BYTES) instead, when the feature `release` is on.
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Sets the limit [`max_file_size`] returns, for the whole process.
///
/// ```
/// drone_dossier::files::set_max_file_size(1024);
/// assert_eq!(drone_dossier::files::max_file_size(), 1024);
/// # drone_dossier::files::set_max_file_size(drone_dossier::files::DEFAULT_MAX_FILE_SIZE);
/// ```
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// Why the file layer refused a path (carried inside an [`io::Error`], so every caller's
/// existing "cannot read PATH: …" error says it; [`refusal`] gets it back).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// Not a regular file once symlinks are followed: a FIFO, a device, a socket or a
    /// directory. It is never read (a FIFO would block, `/dev/zero` never ends).
    #[error("not a regular file (a FIFO, a device, a socket or a directory is never read)")]
    NotRegular,
    /// Larger than the limit, in bytes.
    #[error("larger than the limit of {0} bytes (raise it with --max-file-size)")]
    TooLarge(u64),
    /// The target of a write resolves outside the directory the command writes into.
    #[error("resolves outside {}, the directory being written; refusing to write through it", .0.display())]
    OutsideDirectory(PathBuf),
    /// The target of a write has more than one hard link: replacing it would split the links
    /// silently (the other names would keep the old content).
    #[error(
        "has {0} hard links; refusing to split them (edit it through one name, or copy it first)"
    )]
    HardLinked(u64),
    /// The target of a write is read-only.
    #[error("is read-only; refusing to replace it (make it writable first)")]
    ReadOnly,
    /// The file changed on disk since it was read, so writing would lose that edit.
    #[error("changed on disk while it was being processed; nothing written (run again)")]
    ChangedSinceRead,
    /// The file changed on disk between two reads of one run (the validator reads a file
    /// again to locate problems in it), so the positions would be those of another text.
    #[error("changed on disk while it was being validated (run again)")]
    ChangedWhileRead,
}

/// The [`Refusal`] inside an error from this module, if that is what it is.
pub fn refusal(e: &io::Error) -> Option<&Refusal> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refusal>())
}

pub(crate) fn refused(r: Refusal) -> io::Error {
    let kind = match r {
        Refusal::NotRegular => io::ErrorKind::InvalidInput,
        Refusal::TooLarge(_) => io::ErrorKind::FileTooLarge,
        Refusal::ReadOnly => io::ErrorKind::PermissionDenied,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, r)
}

/// Opens `path` for reading without blocking and checks, on the open file, that it is a
/// regular file.
fn open_regular(path: &Path) -> io::Result<(File, Metadata)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opened for reading blocks until a writer comes; with O_NONBLOCK the open
        // returns at once and the check below refuses it. No controlling terminal either.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused(Refusal::NotRegular));
    }
    Ok((file, meta))
}

/// Reads at most `limit` bytes of a regular file.
///
/// The metadata's length (`hint`) is trusted only as a hint: the buffer is reserved for that
/// many bytes (never more than `limit`), so a file read whole is read once into a buffer of its
/// own size, not copied through doublings that leave up to twice its size reserved. The read
/// itself stops at `limit` whatever the metadata says: a file that lies, or grows, is read
/// only that far, and one that claims more than memory can reserve is read as bytes arrive.
/// A reservation costs address space, not memory, until bytes are read into it.
fn read_at_most(file: &mut File, limit: u64, hint: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    if let Ok(want) = usize::try_from(hint.min(limit)) {
        // A failed reservation (a sparse file claiming terabytes under a huge limit) is no
        // error: the read then grows the buffer as it goes.
        let _ = out.try_reserve_exact(want);
    }
    // `read_to_end` retries on `Interrupted`, and probes for the end of the file without
    // growing a buffer that is exactly full.
    file.take(limit).read_to_end(&mut out)?;
    Ok(out)
}

/// Reads a regular file of at most `max` bytes. Anything else (a FIFO, a device, a directory,
/// a symlink to one of those, a larger file) is refused with a [`Refusal`], without hanging and
/// without reading more than `max + 1` bytes.
pub fn read_bytes_limited(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (mut file, meta) = open_regular(path)?;
    // A cheap early answer for a file that says it is too large; the read below is what
    // enforces the limit whatever the metadata says.
    if meta.len() > max {
        return Err(refused(Refusal::TooLarge(max)));
    }
    let bytes = read_at_most(&mut file, max.saturating_add(1), meta.len())?;
    if bytes.len() as u64 > max {
        return Err(refused(Refusal::TooLarge(max)));
    }
    Ok(bytes)
}

/// A regular file opened for the validator, not read yet: opening every file of a dataset
/// first, in order, lets a run stop at once at the first that cannot be opened, before any
/// is read.
#[cfg(feature = "validate")]
pub(crate) struct Opened {
    file: File,
    len: u64,
    /// The fingerprints of the chunks a first reading read ([`Chunks::rewind_expecting`]):
    /// the whole reading must give the same bytes, or the file changed in between. Empty:
    /// nothing to compare.
    expect: Vec<u64>,
}

/// Opens a regular file for [`Opened::read_keeping`]; `Ok(None)` when it does not exist.
#[cfg(feature = "validate")]
pub(crate) fn open_for_prefix(path: &Path) -> io::Result<Option<Opened>> {
    match open_regular(path) {
        Ok((file, meta)) => Ok(Some(Opened {
            file,
            len: meta.len(),
            expect: Vec::new(),
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(feature = "validate")]
impl Opened {
    /// The length the file's metadata gave when it was opened: a hint, never trusted for a
    /// read.
    pub(crate) fn len_hint(&self) -> u64 {
        self.len
    }

    /// Reads up to `limit` bytes and returns them, even when the file is longer (the
    /// validator reports an oversized file as a diagnostic rather than an error), with the
    /// file kept open so that it can be read again later ([`Reread::read_again`]) instead of
    /// its bytes being kept.
    ///
    /// A file rewound by [`Chunks::rewind_expecting`] must read as it first read: if not, the
    /// error is [`Refusal::ChangedWhileRead`].
    pub(crate) fn read_keeping(mut self, limit: u64) -> io::Result<(Vec<u8>, Reread)> {
        let bytes = read_at_most(&mut self.file, limit, self.len)?;
        let stamp = Stamp::of(&self.file.metadata()?);
        let len = bytes.len() as u64;
        let prints = prints(&bytes);
        if prints.len() < self.expect.len() || prints[..self.expect.len()] != self.expect[..] {
            return Err(refused(Refusal::ChangedWhileRead));
        }
        Ok((
            bytes,
            Reread {
                file: self.file,
                stamp,
                len,
                prints,
            },
        ))
    }
}

/// A file being read a [`CHUNK`] at a time ([`Opened::chunks`]), fingerprinted as it goes,
/// so that it can be read again later as a file read whole can ([`Chunks::finish`]).
#[cfg(feature = "validate")]
pub(crate) struct Chunks {
    file: File,
    len: u64,
    limit: u64,
    read: u64,
    /// Set at the first read that stopped short of a chunk: the end of the file (or the
    /// limit). Nothing is read after it, so that every chunk but the last is whole.
    ended: bool,
    prints: Vec<u64>,
}

#[cfg(feature = "validate")]
impl Opened {
    /// The file, to be read a chunk at a time, at most `limit` bytes in all.
    pub(crate) fn chunks(self, limit: u64) -> Chunks {
        Chunks {
            file: self.file,
            len: self.len,
            limit,
            read: 0,
            ended: false,
            prints: Vec::new(),
        }
    }
}

#[cfg(feature = "validate")]
impl Chunks {
    /// Appends the file's next [`CHUNK`] (or what is left of it, or of the limit) to `buf`
    /// and returns its length: 0 at the end.
    pub(crate) fn next_into(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        if self.ended {
            return Ok(0);
        }
        let want = (CHUNK as u64).min(self.limit - self.read);
        let before = buf.len();
        buf.reserve(CHUNK);
        (&mut self.file).take(want).read_to_end(buf)?;
        let n = buf.len() - before;
        if n > 0 {
            self.prints.push(fingerprint(&buf[before..]));
        }
        self.read += n as u64;
        self.ended = n < CHUNK;
        Ok(n)
    }

    /// The file's length when it was opened: a hint only, as for [`Opened::len_hint`].
    pub(crate) fn len_hint(&self) -> u64 {
        self.len
    }

    /// How many bytes were read so far.
    pub(crate) fn read(&self) -> u64 {
        self.read
    }

    /// The file, to be read again later ([`Reread`]), as if its bytes read so far had been
    /// read whole.
    pub(crate) fn finish(self) -> io::Result<Reread> {
        Ok(Reread {
            stamp: Stamp::of(&self.file.metadata()?),
            file: self.file,
            len: self.read,
            prints: self.prints,
        })
    }

    /// The file, rewound, to be read from its start as if it had not been read at all.
    pub(crate) fn restart(mut self) -> io::Result<Opened> {
        use std::io::Seek;
        self.file.rewind()?;
        Ok(Opened {
            file: self.file,
            len: self.len,
            expect: Vec::new(),
        })
    }

    /// The file, rewound, to be read whole ([`Opened::read_keeping`]) into the same bytes as
    /// were read so far: for a reading whose results are kept and joined with the whole
    /// text's, which must then be the same file.
    pub(crate) fn rewind_expecting(mut self) -> io::Result<Opened> {
        use std::io::Seek;
        self.file.rewind()?;
        Ok(Opened {
            file: self.file,
            len: self.len,
            expect: self.prints,
        })
    }
}

/// A file the validator read and let go of, kept open to be read again: its text is needed
/// again only if a problem is found in it later, so a large valid dataset is not held twice
/// (as text and as records).
#[cfg(feature = "validate")]
pub(crate) struct Reread {
    file: File,
    stamp: Stamp,
    len: u64,
    /// Of the bytes first read, one per [`CHUNK`]: what a second read, whole or in part, is
    /// compared with.
    prints: Vec<u64>,
}

/// The bytes of a file [`Reread`] fingerprints apart, so that part of it can be read back
/// ([`Reread::read_range`]) and checked without reading the rest.
/// Under test, 4 KiB: the bundled dataset's files then span several; fuzzed, 64 bytes, as
/// the inputs are small.
#[cfg(all(feature = "validate", not(any(test, fuzzing))))]
pub(crate) const CHUNK: usize = 1 << 20;
#[cfg(all(feature = "validate", test))]
pub(crate) const CHUNK: usize = 4 << 10;
#[cfg(all(feature = "validate", fuzzing, not(test)))]
pub(crate) const CHUNK: usize = 64;

/// The [`fingerprint`] of each [`CHUNK`] of `bytes`.
#[cfg(feature = "validate")]
fn prints(bytes: &[u8]) -> Vec<u64> {
    bytes.chunks(CHUNK).map(fingerprint).collect()
}

/// A fast 64-bit fingerprint of some bytes, to tell whether a file read twice gave the same
/// bytes without keeping the first read (four multiply-rotate lanes over 32-byte blocks, a few
/// gigabytes a second). Not cryptographic: someone who can write the file can make two texts
/// with one fingerprint, and gain only wrong positions in a report on their own file.
#[cfg(feature = "validate")]
fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let (blocks, rest) = bytes.as_chunks::<32>();
    let mut lanes = [1, 2, 3, 4];
    for block in blocks {
        let (words, _) = block.as_chunks::<8>();
        for (lane, word) in lanes.iter_mut().zip(words) {
            *lane = mix(*lane, u64::from_le_bytes(*word));
        }
    }
    let mut h = lanes
        .iter()
        .fold(bytes.len() as u64, |h, &lane| mix(h, lane));
    for &b in rest {
        h = mix(h, u64::from(b));
    }
    h
}

#[cfg(feature = "validate")]
impl Reread {
    /// How many bytes were read the first time.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The same bytes as the first read, or [`Refusal::ChangedWhileRead`] when the file's
    /// length, times or bytes differ (the bytes by their [`prints`], which also catches a write
    /// that landed during the first read, or an edit whose modification time was put back).
    /// It is read through the handle opened the first time, so a file renamed over it in
    /// between is not what is read.
    pub(crate) fn read_again(mut self) -> io::Result<Vec<u8>> {
        use std::io::Seek;
        self.file.rewind()?;
        // As many bytes as the first time (which may have stopped at a limit); a file that grew
        // or shrank since has another length in its stamp.
        let bytes = read_at_most(&mut self.file, self.len, self.len)?;
        if bytes.len() as u64 != self.len
            || Stamp::of(&self.file.metadata()?) != self.stamp
            || prints(&bytes) != self.prints
        {
            return Err(refused(Refusal::ChangedWhileRead));
        }
        Ok(bytes)
    }

    /// Reads back the whole [`CHUNK`]s that hold `range` of the bytes first read into `buf`,
    /// and returns the offset of `buf`'s first byte; [`Refusal::ChangedWhileRead`] when they
    /// are not the bytes first read. Through the handle, at an offset: two threads may read
    /// parts of one file at once.
    pub(crate) fn read_range(
        &self,
        range: std::ops::Range<usize>,
        buf: &mut Vec<u8>,
    ) -> io::Result<usize> {
        let changed = || refused(Refusal::ChangedWhileRead);
        let len = usize::try_from(self.len).map_err(|_| changed())?;
        if range.start > range.end || range.end > len {
            return Err(changed());
        }
        let first = range.start / CHUNK;
        let start = first * CHUNK;
        let end = range.end.div_ceil(CHUNK).saturating_mul(CHUNK).min(len);
        buf.clear();
        buf.resize(end - start, 0);
        read_exact_at(&self.file, buf, start as u64).map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => changed(),
            _ => e,
        })?;
        for (k, chunk) in buf.chunks(CHUNK).enumerate() {
            if self.prints.get(first + k) != Some(&fingerprint(chunk)) {
                return Err(changed());
            }
        }
        Ok(start)
    }
}

/// Whether [`Reread::read_range`] can read part of a file where it is, without moving the
/// file's position (so from two threads at once).
#[cfg(feature = "validate")]
pub(crate) const READS_AT: bool = cfg!(any(unix, windows));

#[cfg(all(feature = "validate", unix))]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(all(feature = "validate", windows))]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(all(feature = "validate", not(any(unix, windows))))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Reads a regular file of at most [`max_file_size`] bytes.
pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    read_bytes_limited(path, max_file_size())
}

/// Reads a UTF-8 text file of at most [`max_file_size`] bytes.
pub fn read_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_bytes(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8"))
}

/// What a file looked like when it was read, to tell later whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    bytes: Vec<u8>,
    stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    dev_ino: (u64, u64),
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            dev_ino: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        }
    }
}

impl Snapshot {
    /// The bytes as read.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Reads a file like [`read_bytes`] and remembers how it looked, for
/// [`WriteOptions::unchanged_since`].
pub(crate) fn read_snapshot(path: &Path) -> io::Result<Snapshot> {
    let max = max_file_size();
    let (mut file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(refused(Refusal::TooLarge(max)));
    }
    let bytes = read_at_most(&mut file, max.saturating_add(1), meta.len())?;
    if bytes.len() as u64 > max {
        return Err(refused(Refusal::TooLarge(max)));
    }
    // Stamped after the read: a write that lands during the read changes the mtime or the
    // length and is caught by the comparison before the rename.
    let stamp = Stamp::of(&file.metadata()?);
    Ok(Snapshot { bytes, stamp })
}

/// How [`write_atomic_with`] may replace a file.
#[derive(Debug, Default, Clone)]
pub(crate) struct WriteOptions<'a> {
    /// The resolved target must lie inside this directory (after following every symlink).
    pub within: Option<&'a Path>,
    /// Refuse if the file no longer is what was read (`dossier fmt`).
    pub unchanged_since: Option<&'a Snapshot>,
    /// The caller removed the orphaned temporary files of every target in the directory
    /// already ([`remove_orphans_among`]): a command writing thousands of files into one
    /// directory reads it once, not once per file.
    pub orphans_removed: bool,
}

/// Replaces `path` with `bytes` atomically, with the defaults of [`WriteOptions`].
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &WriteOptions::default())
}

/// Replaces `path` with `bytes` atomically: the bytes go to a new temporary file in the same
/// directory, which is then renamed over the target, so an interrupted run leaves either the
/// old file or the new one, never a truncated one.
///
/// - If `path` is a symlink, its target is replaced and the link kept; with
///   [`WriteOptions::within`], only when the target lies inside that directory.
/// - An existing target must be a regular file (a device node or a FIFO is never replaced),
///   writable (a read-only file is refused, as an editor would), and have a single hard link
///   (replacing it would split the links silently).
/// - The temporary file is created exclusively under an unpredictable name, so a symlink
///   planted where it would go is never followed, and with the old file's permissions from its
///   creation (a `0600` file is never copied world-readable, even for a moment). Temporary files
///   of an earlier run that was killed are removed.
/// - With [`WriteOptions::unchanged_since`], the file is compared with what was read just
///   before the rename, and nothing is written if it changed.
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    options: &WriteOptions<'_>,
) -> io::Result<()> {
    let path = resolve_target(path, options.within)?;
    let old = match std::fs::metadata(&path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &old {
        check_replaceable(meta)?;
    }
    if !options.orphans_removed {
        remove_orphans(&path);
    }
    let (tmp, mut file) = create_temp(&path, old.as_ref())?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(old) = &old {
            file.set_permissions(old.permissions())?;
            keep_owner(&tmp, old);
        }
        file.sync_all()?;
        drop(file);
        if let Some(snapshot) = options.unchanged_since {
            check_unchanged(&path, snapshot)?;
        }
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(any(feature = "site", feature = "release-build", feature = "schema"))]
/// Checks, without writing, that [`write_atomic_with`] could replace `path`: it resolves inside
/// `within` and, if it exists, is a replaceable regular file. A command that writes several
/// files checks them all first, so that it refuses before replacing any. A target whose
/// directory does not exist yet is checked by the nearest directory above it that does (a
/// symlink planted there, out of `within`, is refused), so that nothing is created either.
pub(crate) fn check_target(path: &Path, within: Option<&Path>) -> io::Result<()> {
    if let (Some(within), Some(parent)) = (within, path.parent())
        && !parent.as_os_str().is_empty()
        && std::fs::symlink_metadata(parent).is_err()
    {
        let Some(existing) = parent
            .ancestors()
            .find(|a| std::fs::symlink_metadata(a).is_ok())
        else {
            return Ok(());
        };
        // Above `within` (or `within` itself, not yet created): nothing planted to follow.
        if !existing.starts_with(within) || existing == within {
            return Ok(());
        }
        let real = std::fs::canonicalize(existing)?;
        let within = std::fs::canonicalize(within)?;
        return if real.starts_with(&within) {
            Ok(())
        } else {
            Err(refused(Refusal::OutsideDirectory(within)))
        };
    }
    let real = resolve_target(path, within)?;
    match std::fs::metadata(&real) {
        Ok(meta) => check_replaceable(&meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(any(feature = "site", feature = "release-build", feature = "schema"))]
/// [`check_target`] for every file a command writes, and that no two of them are one file: a
/// symlink planted from one target to another inside `within` (`style.css` to `search.js`)
/// would have the second write replace the first. The error names the path refused.
pub(crate) fn check_targets<'p>(
    paths: impl IntoIterator<Item = &'p Path>,
    within: &Path,
) -> Result<(), (PathBuf, io::Error)> {
    let paths: Vec<&Path> = paths.into_iter().collect();
    for path in &paths {
        check_target(path, Some(within)).map_err(|e| (path.to_path_buf(), e))?;
    }
    check_distinct(paths, within)
}

#[cfg(any(feature = "site", feature = "release-build", feature = "schema"))]
/// That no two of `paths` are one file (through a symlink inside `within`), whether or not
/// each is to be written: `schema` writes only the stale schemas, and a stale one linked to
/// an up-to-date one would still replace it.
pub(crate) fn check_distinct<'p>(
    paths: impl IntoIterator<Item = &'p Path>,
    within: &Path,
) -> Result<(), (PathBuf, io::Error)> {
    let mut seen: std::collections::HashMap<PathBuf, &Path> = std::collections::HashMap::new();
    for path in paths {
        // A target in a directory not created yet is no other target's file.
        let Ok(real) = resolve_target(path, Some(within)) else {
            continue;
        };
        if let Some(first) = seen.insert(real, path) {
            return Err((
                path.to_path_buf(),
                io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "it is the same file as {} (through a symlink): each output is written once",
                        first.display()
                    ),
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(feature = "release-build")]
/// Removes the directories `dir/PREFIX<pid>` left by runs that were killed (their process no
/// longer exists); a live run's directory, and this process's, are left alone.
pub(crate) fn remove_orphan_dirs(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        // Only real directories: a symlink named like one is not followed.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Creates `dir` (and its parents) unless it exists as a directory; refuses anything else there.
#[cfg(feature = "schema")]
pub(crate) fn create_dir_all(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if !std::fs::metadata(dir)?.is_dir() {
        return Err(refused(Refusal::NotRegular));
    }
    Ok(())
}

/// The real path a write to `path` lands on, checked to lie in `within` when given.
fn resolve_target(path: &Path, within: Option<&Path>) -> io::Result<PathBuf> {
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        // A new file, or a dangling symlink: resolve the directory, keep the name.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                // A dangling symlink would be replaced by a file, or written through to a
                // place nobody checked: refuse it.
                return Err(refused(Refusal::NotRegular));
            }
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
            std::fs::canonicalize(dir)?.join(name)
        }
        Err(e) => return Err(e),
    };
    if let Some(within) = within {
        let within = std::fs::canonicalize(within)?;
        if !real.starts_with(&within) {
            return Err(refused(Refusal::OutsideDirectory(within)));
        }
    }
    Ok(real)
}

fn check_replaceable(meta: &Metadata) -> io::Result<()> {
    if !meta.is_file() {
        return Err(refused(Refusal::NotRegular));
    }
    if meta.permissions().readonly() {
        return Err(refused(Refusal::ReadOnly));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(refused(Refusal::HardLinked(meta.nlink())));
        }
    }
    Ok(())
}

fn check_unchanged(path: &Path, snapshot: &Snapshot) -> io::Result<()> {
    let changed = || refused(Refusal::ChangedSinceRead);
    let (mut file, meta) = open_regular(path).map_err(|_| changed())?;
    if Stamp::of(&meta) != snapshot.stamp {
        return Err(changed());
    }
    // Same stamp but maybe a same-second, same-length edit on a coarse clock: compare bytes.
    let now = read_at_most(&mut file, snapshot.bytes.len() as u64 + 1, meta.len())?;
    if now != snapshot.bytes {
        return Err(changed());
    }
    Ok(())
}

/// The prefix and suffix of this module's temporary files for `name`:
/// `.NAME.PID-NANOS-N.tmp`.
fn temp_name(name: &str, pid: u32, nanos: u32, n: u64) -> String {
    format!(".{name}.{pid}-{nanos:09}-{n}.tmp")
}

/// The process id in `file_name` if it is one of our temporary files for `name`.
fn temp_owner(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let mut parts = rest.split('-');
    let (pid, nanos, n) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && digits(pid) && nanos.len() == 9 && digits(nanos) && digits(n))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Removes temporary files this module left beside `path` in an earlier run that was killed
/// before it could clean up: regular files named as [`temp_name`] makes them, whose process is
/// gone. A run in progress (its process alive) keeps its file.
pub(crate) fn remove_orphans(path: &Path) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    remove_orphans_where(dir, |f| temp_owner(f, name));
}

/// [`remove_orphans`] for every file of `dir` named in `names`, reading the directory once.
#[cfg(any(feature = "site", feature = "release-build"))]
pub(crate) fn remove_orphans_among(dir: &Path, names: &std::collections::HashSet<&str>) {
    remove_orphans_where(dir, |f| {
        // `.NAME.PID-NANOS-N.tmp`: NAME may hold dots, the rest does not.
        let inner = f.strip_prefix('.')?.strip_suffix(".tmp")?;
        let (name, _) = inner.rsplit_once('.')?;
        names.contains(name).then(|| temp_owner(f, name)).flatten()
    });
}

/// Removes the regular files of `dir` whose name `owner` reads as a temporary file of ours,
/// giving the process that made it, when that process is gone.
fn remove_orphans_where(dir: &Path, owner: impl Fn(&str) -> Option<u32>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(&owner) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks existence only. EPERM means it exists but is someone else's.
    // SAFETY: kill with signal 0 sends nothing; it only reports whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    // Without a portable check, assume it may be running: never delete another run's file.
    true
}

/// Creates a new, empty temporary file beside `path`, failing rather than opening anything
/// that already exists there, with the permissions of `old` when there is one.
fn create_temp(path: &Path, old: Option<&Metadata>) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last = None;
    for _ in 0..64 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(temp_name(&name, std::process::id(), nanos, n));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(old) = old {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(old.permissions().mode() & 0o7777);
        }
        #[cfg(not(unix))]
        let _ = old;
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

#[cfg(unix)]
fn keep_owner(tmp: &Path, old: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else the new file is theirs, as it was.
    let _ = std::os::unix::fs::chown(tmp, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dossier-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_nothing_behind() {
        let dir = scratch("replace");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&dir), ["events.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_and_keeps_it() {
        let dir = scratch("link");
        let target = dir.join("real.json");
        let link = dir.join("events.json");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_out_of_the_output_directory() {
        let dir = scratch("escape");
        let out = dir.join("schema");
        std::fs::create_dir_all(&out).unwrap();
        let victim = dir.join("profile");
        std::fs::write(&victim, "user's file").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("events.schema.json")).unwrap();
        let options = WriteOptions {
            within: Some(&out),
            ..WriteOptions::default()
        };
        let err = write_atomic_with(&out.join("events.schema.json"), b"{}", &options).unwrap_err();
        assert!(
            matches!(refusal(&err), Some(Refusal::OutsideDirectory(_))),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "user's file");
        // A dangling symlink is refused too, rather than creating its target.
        std::os::unix::fs::symlink(dir.join("nowhere"), out.join("quotes.schema.json")).unwrap();
        assert!(write_atomic_with(&out.join("quotes.schema.json"), b"{}", &options).is_err());
        assert!(!dir.join("nowhere").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn never_replaces_a_device_node() {
        let dir = scratch("device");
        let link = dir.join("events.json");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let err = write_atomic(&link, b"new").unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::NotRegular));
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null is still a device");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_from_the_temporary_file_on() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("perms");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let (tmp, _file) = create_temp(&path, Some(&std::fs::metadata(&path).unwrap())).unwrap();
        let mode = std::fs::metadata(&tmp).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "the temporary file is as private as the original"
        );
        std::fs::remove_file(&tmp).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_read_only_file() {
        let dir = scratch("readonly");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::ReadOnly));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_split_hard_links() {
        let dir = scratch("hardlink");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::hard_link(&path, dir.join("other.json")).unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::HardLinked(2)));
        assert_eq!(
            std::fs::read_to_string(dir.join("other.json")).unwrap(),
            "old"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_write_over_an_edit_made_since_the_read() {
        let dir = scratch("changed");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        let snapshot = read_snapshot(&path).unwrap();
        // Same length, so only the content (or the mtime) tells.
        std::fs::write(&path, "edt").unwrap();
        let options = WriteOptions {
            unchanged_since: Some(&snapshot),
            ..WriteOptions::default()
        };
        let err = write_atomic_with(&path, b"new", &options).unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::ChangedSinceRead));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edt");
        assert_eq!(entries(&dir), ["events.json"], "no temporary file left");
        // Unchanged: written.
        let snapshot = read_snapshot(&path).unwrap();
        let options = WriteOptions {
            unchanged_since: Some(&snapshot),
            ..WriteOptions::default()
        };
        write_atomic_with(&path, b"new", &options).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn removes_temporary_files_of_a_killed_run_only() {
        let dir = scratch("orphans");
        let path = dir.join("events.json");
        std::fs::write(&path, "old").unwrap();
        // A pid that cannot be running (above Linux's maximum) and our own, live one.
        let dead = dir.join(temp_name("events.json", 4_194_304 + 7, 123_456_789, 0));
        let live = dir.join(temp_name("events.json", std::process::id(), 1, 0));
        let foreign = dir.join(".events.json.notours.tmp");
        for p in [&dead, &live, &foreign] {
            std::fs::write(p, "x").unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert!(!dead.exists(), "an orphan of a killed run is removed");
        assert!(live.exists(), "a live run's file is kept");
        assert!(
            foreign.exists(),
            "a file of another naming is never touched"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The batch form, for commands writing many files into one directory: the orphans of the
    /// files named (dots in a name included), never another file's or a live run's.
    #[cfg(all(unix, any(feature = "site", feature = "release-build")))]
    #[test]
    fn removes_the_orphans_of_the_files_named_in_one_reading() {
        let dir = scratch("orphans-among");
        let dead = |name: &str| dir.join(temp_name(name, 4_194_304 + 7, 123_456_789, 0));
        let named = [dead("index.html"), dead("search-index.js")];
        let other = dead("notes.txt");
        let live = dir.join(temp_name("index.html", std::process::id(), 1, 0));
        for p in named.iter().chain([&other, &live]) {
            std::fs::write(p, "x").unwrap();
        }
        let names: std::collections::HashSet<&str> =
            ["index.html", "search-index.js"].into_iter().collect();
        remove_orphans_among(&dir, &names);
        for p in &named {
            assert!(!p.exists(), "{} is an orphan of a file named", p.display());
        }
        assert!(other.exists(), "the orphan of a file not named is left");
        assert!(live.exists(), "a live run's file is kept");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn refuses_fifos_devices_and_directories_without_hanging() {
        let dir = scratch("special");
        let err = read_text(&dir).unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::NotRegular), "{err}");
        let fifo = dir.join("events.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo failed");
        // Would block forever if it were opened for reading the ordinary way.
        assert_eq!(
            refusal(&read_text(&fifo).unwrap_err()),
            Some(&Refusal::NotRegular)
        );
        let link = dir.join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(
            refusal(&read_bytes(&link).unwrap_err()),
            Some(&Refusal::NotRegular)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_files_past_the_limit_without_reading_them_whole() {
        let dir = scratch("large");
        let path = dir.join("events.json");
        let file = File::create(&path).unwrap();
        // Sparse: a terabyte claimed, nothing stored. Neither read may allocate for it.
        file.set_len(1 << 40).unwrap();
        let err = read_bytes_limited(&path, 10).unwrap_err();
        assert_eq!(refusal(&err), Some(&Refusal::TooLarge(10)));
        #[cfg(feature = "validate")]
        assert_eq!(
            open_for_prefix(&path)
                .unwrap()
                .unwrap()
                .read_keeping(11)
                .unwrap()
                .0
                .len(),
            11
        );
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_bytes_limited(&path, 10).unwrap().len(), 10);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(feature = "validate")]
    #[test]
    fn a_file_read_again_is_the_same_or_refused_as_changed() {
        let dir = scratch("again");
        let path = dir.join("events.json");
        let read = |limit| {
            open_for_prefix(&path)
                .unwrap()
                .unwrap()
                .read_keeping(limit)
                .unwrap()
        };
        let changed = |e: io::Error| refusal(&e) == Some(&Refusal::ChangedWhileRead);
        std::fs::write(&path, "[1, 2, 3]").unwrap();
        let (bytes, again) = read(100);
        assert_eq!(bytes, b"[1, 2, 3]");
        assert_eq!(again.read_again().unwrap(), b"[1, 2, 3]");

        // Longer, or shorter.
        let (_, again) = read(100);
        std::fs::write(&path, "[1, 2, 3, 4]").unwrap();
        assert!(changed(again.read_again().unwrap_err()));
        let (_, again) = read(100);
        std::fs::write(&path, "[1]").unwrap();
        assert!(changed(again.read_again().unwrap_err()));

        // The same length, written in place: the modification time tells.
        let (_, again) = read(100);
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        (&file).write_all(b"[7]").unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        file.set_modified(later).unwrap();
        assert!(changed(again.read_again().unwrap_err()));

        // The same length, written in place, its modification time put back: the bytes tell.
        let (_, again) = read(100);
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        (&file).write_all(b"[9]").unwrap();
        file.set_modified(before).unwrap();
        assert!(changed(again.read_again().unwrap_err()));
        std::fs::write(&path, "[7]").unwrap();

        // Replaced by a rename: the handle still reads the file first read, unchanged.
        let (_, again) = read(100);
        let other = dir.join("other.json");
        std::fs::write(&other, "[8]").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_eq!(again.read_again().unwrap(), b"[7]");

        // Cut at the limit: read again to the same length.
        let (bytes, again) = read(2);
        assert_eq!(bytes, b"[8");
        assert_eq!(again.read_again().unwrap(), b"[8");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Part of a file read back is the bytes first read, whole chunks around the range asked
    /// for; a chunk that changed since is refused, one that did not is still read.
    #[cfg(all(feature = "validate", unix))]
    #[test]
    fn part_of_a_file_is_read_back_as_first_read_or_refused() {
        let dir = scratch("range");
        let path = dir.join("quotes.json");
        let text: Vec<u8> = (0..CHUNK * 2 + 1000)
            .map(|i| b'a' + (i % 26) as u8)
            .collect();
        std::fs::write(&path, &text).unwrap();
        let read = || {
            let opened = open_for_prefix(&path).unwrap().unwrap();
            opened.read_keeping(u64::MAX).unwrap()
        };
        let changed = |e: io::Error| refusal(&e) == Some(&Refusal::ChangedWhileRead);
        let (bytes, again) = read();
        assert_eq!(bytes, text);
        let mut buf = Vec::new();
        for range in [
            0..10,
            5..CHUNK + 3,
            CHUNK..CHUNK,
            CHUNK * 2..text.len(),
            0..text.len(),
        ] {
            let at = again.read_range(range.clone(), &mut buf).unwrap();
            assert_eq!(at % CHUNK, 0, "{range:?}");
            assert!(
                at <= range.start && range.end <= at + buf.len(),
                "{range:?}"
            );
            assert_eq!(buf, text[at..at + buf.len()], "{range:?}");
        }
        // Past the end.
        assert!(changed(
            again.read_range(0..text.len() + 1, &mut buf).unwrap_err()
        ));

        // One byte of the second chunk changed in place.
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::os::unix::fs::FileExt::write_all_at(&file, b"Z", CHUNK as u64 + 7).unwrap();
        assert!(again.read_range(0..10, &mut buf).is_ok());
        assert!(changed(
            again
                .read_range(CHUNK + 100..CHUNK + 200, &mut buf)
                .unwrap_err()
        ));
        assert!(changed(
            again.read_range(10..CHUNK * 2, &mut buf).unwrap_err()
        ));
        // Shorter: the last chunk can no longer be read whole.
        file.set_len(CHUNK as u64 * 2 + 10).unwrap();
        assert!(changed(
            again
                .read_range(CHUNK * 2..CHUNK * 2 + 5, &mut buf)
                .unwrap_err()
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(feature = "validate")]
    #[test]
    fn fingerprints_tell_one_byte_anywhere() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for len in [0, 1, 7, 31, 32, 33, 64, 998, 999] {
            let base = fingerprint(&text[..len]);
            assert_ne!(base, fingerprint(&text[..len + 1]), "{len}");
            for at in 0..len {
                let mut other = text[..len].to_vec();
                other[at] ^= 1;
                assert_ne!(base, fingerprint(&other), "{len} {at}");
            }
        }
        // Two words swapped between lanes, or within one.
        let mut swapped = text.clone();
        swapped.swap(0, 8);
        assert_ne!(fingerprint(&text), fingerprint(&swapped));
    }

    #[test]
    fn temporary_file_names_round_trip() {
        let name = temp_name("events.json", 42, 7, 3);
        assert_eq!(temp_owner(&name, "events.json"), Some(42));
        assert_eq!(temp_owner(&name, "actors.json"), None);
        assert_eq!(temp_owner(".events.json.42-7-3.tmp", "events.json"), None);
    }
}
