//! A damaged or hostile bundle is refused with an error that says what is wrong, never loaded
//! and never a panic.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use drone_dossier::Dataset;
use drone_dossier::release::{BuildOptions, BundleError, Written, build, sha256_hex};

const TOP: &str = "dossier-data-1.0.0";

fn written(tmp: &Path) -> Written {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release");
    let opts = BuildOptions {
        dataset_dir: fixture.join("dataset"),
        changelog: fixture.join("CHANGELOG.md"),
        source_commit: Some("test".to_owned()),
        mtime: Some(0),
        previous: None,
    };
    build(&opts).unwrap().write(tmp, false).unwrap()
}

fn refused(path: &Path) -> BundleError {
    match Dataset::from_release(path) {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(e) => e,
    }
}

// --- unpacked bundles ---------------------------------------------------------------------

#[test]
fn a_flipped_byte_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let path = w.bundle_dir.join("csv/events.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::ChecksumMismatch { file, .. } if file == "csv/events.csv"),
        "{err}"
    );
}

#[test]
fn a_truncated_or_padded_file_is_refused() {
    for change in [
        |b: &mut Vec<u8>| b.truncate(b.len() - 1),
        |b: &mut Vec<u8>| b.push(b'\n'),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let w = written(tmp.path());
        let path = w.bundle_dir.join("dataset/events.json");
        let mut bytes = std::fs::read(&path).unwrap();
        change(&mut bytes);
        std::fs::write(&path, bytes).unwrap();
        let err = refused(&w.bundle_dir);
        assert!(
            matches!(&err, BundleError::ChecksumMismatch { file, .. } if file == "dataset/events.json"),
            "{err}"
        );
    }
}

#[test]
fn a_removed_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    std::fs::remove_file(w.bundle_dir.join("jsonl/actors.jsonl")).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::Missing { file, .. } if file == "jsonl/actors.jsonl"),
        "{err}"
    );
}

#[test]
fn an_added_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    std::fs::write(w.bundle_dir.join("csv/extra.csv"), "a,b\r\n").unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::Unlisted { file, .. } if file == "csv/extra.csv"),
        "{err}"
    );
}

#[test]
fn a_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    std::os::unix::fs::symlink("/etc/passwd", w.bundle_dir.join("passwd")).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(matches!(&err, BundleError::Link { .. }), "{err}");
}

#[test]
fn a_rewritten_manifest_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let path = w.bundle_dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("\"events\": 3", "\"events\": 4")).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::ChecksumMismatch { file, .. } if file == "manifest.json"),
        "{err}"
    );
}

/// Even with both checksum lists rewritten to match, a manifest path that leaves the bundle is
/// refused before anything is read through it.
#[test]
fn a_manifest_path_escaping_the_bundle_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let manifest_path = w.bundle_dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path)
        .unwrap()
        .replace("\"path\": \"README.md\"", "\"path\": \"../README.md\"");
    std::fs::write(&manifest_path, &text).unwrap();
    let sums_path = w.bundle_dir.join("SHA256SUMS");
    let sums: String = std::fs::read_to_string(&sums_path)
        .unwrap()
        .lines()
        .map(|l| {
            if l.ends_with("  manifest.json") {
                format!("{}  manifest.json\n", sha256_hex(text.as_bytes()))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&sums_path, sums).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::UnsafePath { entry, .. } if entry == "../README.md"),
        "{err}"
    );
}

#[test]
fn a_directory_without_a_manifest_is_not_a_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let err = refused(tmp.path());
    assert!(matches!(&err, BundleError::NoManifest { .. }), "{err}");
    let err = refused(&tmp.path().join("missing"));
    assert!(matches!(&err, BundleError::Io { .. }), "{err}");
}

// --- archives -------------------------------------------------------------------------------

fn unpack(archive: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(archive).unwrap())
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gzip(tar: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(tar).unwrap();
    gz.finish().unwrap()
}

/// The regular files of the archive, by full entry path.
fn entries(archive: &Path) -> BTreeMap<String, Vec<u8>> {
    let tar = unpack(archive);
    let mut out = BTreeMap::new();
    for e in tar::Archive::new(tar.as_slice()).entries().unwrap() {
        let mut e = e.unwrap();
        if e.header().entry_type().is_file() {
            let path = e.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            out.insert(path, bytes);
        }
    }
    out
}

enum Extra<'a> {
    File(&'a [u8], &'a [u8]),
    Symlink(&'a str, &'a str),
    Dir(&'a str),
}

/// Builds a `.tar.gz` of `files`, then `extra` entries written with raw names (so that `..`
/// and absolute paths go in exactly as given).
fn rebuild(dir: &Path, files: &BTreeMap<String, Vec<u8>>, extra: &[Extra]) -> PathBuf {
    let mut b = tar::Builder::new(Vec::new());
    for (path, bytes) in files {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_path(path).unwrap();
        h.set_cksum();
        b.append(&h, bytes.as_slice()).unwrap();
    }
    for e in extra {
        let mut h = tar::Header::new_ustar();
        let (name, data): (&[u8], &[u8]) = match e {
            Extra::File(name, data) => {
                h.set_entry_type(tar::EntryType::Regular);
                (name, data)
            }
            Extra::Symlink(name, target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_link_name(target).unwrap();
                (name.as_bytes(), &[])
            }
            Extra::Dir(name) => {
                h.set_entry_type(tar::EntryType::Directory);
                (name.as_bytes(), &[])
            }
        };
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        let slot = &mut h.as_old_mut().name;
        slot.fill(0);
        slot[..name.len()].copy_from_slice(name);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    let path = dir.join("rebuilt.tar.gz");
    std::fs::write(&path, gzip(&b.into_inner().unwrap())).unwrap();
    path
}

#[test]
fn an_untouched_rebuild_is_accepted() {
    // The rebuild helper itself produces a valid bundle, so the refusals below are caused by
    // the change each makes and nothing else.
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let path = rebuild(tmp.path(), &entries(&w.archive), &[]);
    Dataset::from_release(&path).unwrap();
}

#[test]
fn a_traversal_entry_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let files = entries(&w.archive);
    for name in [
        format!("{TOP}/../evil.txt"),
        "/tmp/evil.txt".to_owned(),
        "evil.txt".to_owned(),
        "other-dir/evil.txt".to_owned(),
    ] {
        let path = rebuild(tmp.path(), &files, &[Extra::File(name.as_bytes(), b"x")]);
        let err = refused(&path);
        assert!(
            matches!(&err, BundleError::UnsafePath { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_link_entry_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let name = format!("{TOP}/passwd");
    let path = rebuild(
        tmp.path(),
        &entries(&w.archive),
        &[Extra::Symlink(&name, "/etc/passwd")],
    );
    let err = refused(&path);
    assert!(matches!(&err, BundleError::Link { .. }), "{err}");
}

#[test]
fn a_path_that_is_both_a_file_and_a_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let files = entries(&w.archive);
    // `tar xzf` would replace README.md by an empty directory (or fail), so `sha256sum -c`
    // fails on the unpacked bundle: reading it must fail too.
    for name in [
        format!("{TOP}/README.md"),
        format!("{TOP}/README.md/"),
        format!("{TOP}/./README.md/"),
        format!("{TOP}/csv/events.csv/"),
    ] {
        let path = rebuild(tmp.path(), &files, &[Extra::Dir(&name)]);
        let err = refused(&path);
        assert!(
            matches!(&err, BundleError::Duplicate { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("more than once"), "{name}: {err}");
    }
    // A directory listed twice is refused too: no path may appear twice.
    let dir = format!("{TOP}/csv/");
    let path = rebuild(tmp.path(), &files, &[Extra::Dir(&dir), Extra::Dir(&dir)]);
    assert!(matches!(refused(&path), BundleError::Duplicate { .. }));
    // A file that other entries lie inside.
    for extra in [
        Extra::Dir(&format!("{TOP}/README.md/x/")),
        Extra::File(format!("{TOP}/README.md/x").as_bytes(), b"x"),
    ] {
        let err = refused(&rebuild(tmp.path(), &files, &[extra]));
        assert!(
            matches!(&err, BundleError::FileAndDirectory { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("README.md"), "{err}");
    }
}

#[test]
fn an_archive_with_a_file_added_or_removed_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let mut files = entries(&w.archive);
    files.insert(format!("{TOP}/notes.txt"), b"hi".to_vec());
    let err = refused(&rebuild(tmp.path(), &files, &[]));
    assert!(matches!(&err, BundleError::Unlisted { .. }), "{err}");

    let mut files = entries(&w.archive);
    files.remove(&format!("{TOP}/csv/claims.csv"));
    let err = refused(&rebuild(tmp.path(), &files, &[]));
    assert!(matches!(&err, BundleError::Missing { .. }), "{err}");

    let mut files = entries(&w.archive);
    files
        .get_mut(&format!("{TOP}/dossier.json"))
        .unwrap()
        .push(b' ');
    let err = refused(&rebuild(tmp.path(), &files, &[]));
    assert!(
        matches!(&err, BundleError::ChecksumMismatch { .. }),
        "{err}"
    );
}

#[test]
fn a_damaged_archive_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    let original = std::fs::read(&w.archive).unwrap();
    let path = tmp.path().join("damaged.tar.gz");

    // One byte flipped in the compressed data.
    let mut bytes = original.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(
        matches!(
            &err,
            BundleError::Corrupt { .. } | BundleError::ChecksumMismatch { .. }
        ),
        "{err}"
    );

    // Truncated downloads, at several lengths.
    for len in [0, 10, original.len() / 2, original.len() - 1] {
        std::fs::write(&path, &original[..len]).unwrap();
        let err = refused(&path);
        assert!(matches!(&err, BundleError::Corrupt { .. }), "{len}: {err}");
    }

    // Bytes after the gzip stream.
    let mut padded = original.clone();
    padded.extend_from_slice(b"extra");
    std::fs::write(&path, &padded).unwrap();
    let err = refused(&path);
    assert!(
        matches!(&err, BundleError::TrailingData { bytes: 5, .. }),
        "{err}"
    );

    // Non-zero bytes after the end of the tar data, inside a valid gzip stream.
    let mut tar = unpack(&w.archive);
    tar.extend_from_slice(&[0x41; 512]);
    std::fs::write(&path, gzip(&tar)).unwrap();
    let err = refused(&path);
    assert!(matches!(&err, BundleError::TrailingData { .. }), "{err}");
}

#[test]
fn a_bundle_without_its_checksum_list_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = written(tmp.path());
    std::fs::remove_file(w.bundle_dir.join("SHA256SUMS")).unwrap();
    let err = refused(&w.bundle_dir);
    assert!(
        matches!(&err, BundleError::MissingRequired { file: "SHA256SUMS" }),
        "{err}"
    );
}
