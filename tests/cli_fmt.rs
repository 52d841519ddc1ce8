//! `dossier fmt` on unusual directories: it never passes for having checked nothing, and it
//! writes through symlinks rather than replacing them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cli-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dataset(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    for file in drone_dossier::DataFile::ALL {
        std::fs::copy(from.join(file.file_name()), to.join(file.file_name())).unwrap();
    }
}

#[test]
fn check_on_a_directory_without_the_dataset_exits_2() {
    let dir = scratch("empty");
    let out = dossier()
        .args(["fmt", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("metadata.json is missing"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_with_one_file_missing_or_not_a_file_exits_2() {
    let dir = scratch("missing");
    copy_dataset(&dir);
    std::fs::remove_file(dir.join("events.json")).unwrap();
    let out = dossier()
        .args(["fmt", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    std::fs::create_dir(dir.join("events.json")).unwrap();
    let out = dossier()
        .args(["fmt", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn writes_through_a_symlinked_file() {
    let dir = scratch("link");
    copy_dataset(&dir);
    let real = dir.join("real-events.json");
    let link = dir.join("events.json");
    let canonical = std::fs::read_to_string(&link).unwrap();
    std::fs::write(&real, canonical.replace('\n', "\r\n")).unwrap();
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let out = dossier().arg("fmt").arg(&dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), canonical);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A minified file within the size limit grows when indented: `fmt` refuses to write a file
/// that every command would then refuse as too large, and leaves it as it is.
#[test]
fn fmt_never_writes_a_file_over_the_size_limit() {
    let dir = scratch("fmt-limit");
    copy_dataset(&dir);
    // Every file minified, the limit just above the largest: each reads, and each would grow.
    let mut minified = Vec::new();
    for file in drone_dossier::DataFile::ALL {
        let path = dir.join(file.file_name());
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = serde_json::to_string(&value).unwrap();
        std::fs::write(&path, &text).unwrap();
        minified.push((path, text));
    }
    let limit = minified.iter().map(|(_, t)| t.len()).max().unwrap() + 16;
    let out = dossier()
        .args(["--max-file-size", &limit.to_string(), "fmt"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("events.json: the formatted file would be"),
        "{err}"
    );
    assert!(
        !err.contains("larger than the limit"),
        "every file was read: {err}"
    );
    // The files refused are left as they were (those whose canonical form fits are written).
    for (path, text) in &minified {
        let name = path.file_name().unwrap().to_string_lossy();
        if err.contains(&format!("{name}: the formatted file would be")) {
            assert_eq!(&std::fs::read_to_string(path).unwrap(), text, "{name}");
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}
