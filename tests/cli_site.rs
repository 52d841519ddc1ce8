//! `dossier site`: writes the site for a dataset directory, refuses one that does not load.

use std::path::Path;
use std::process::Command;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[test]
fn writes_the_site_of_the_bundled_dataset() {
    let out = tempfile::tempdir().unwrap();
    let dataset = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
    let run = dossier()
        .args(["site", "--dataset"])
        .arg(&dataset)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let data = drone_dossier::Dataset::from_dir(&dataset).unwrap();
    let expected = drone_dossier::site::render(&data);
    for (path, bytes) in &expected.files {
        assert_eq!(
            &std::fs::read(out.path().join(path)).unwrap(),
            bytes,
            "{path}"
        );
    }
}

#[test]
fn a_dataset_that_does_not_load_exits_2_and_writes_nothing() {
    let empty = tempfile::tempdir().unwrap();
    let out = empty.path().join("site");
    let run = dossier()
        .args(["site", "--dataset"])
        .arg(empty.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("error:"));
    assert!(!out.exists());
}
