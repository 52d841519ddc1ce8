//! `dossier schema`: writes the schemas, and `--check` tells whether they are current.

use std::process::Command;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[test]
fn schema_writes_every_file_and_check_agrees() {
    let dir = std::env::temp_dir().join(format!("dossier-schema-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    let check = dossier()
        .args(["schema", "--check", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(1),
        "an empty directory is out of date"
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("events.schema.json"));

    let write = dossier()
        .args(["schema", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(write.status.code(), Some(0));
    for file in drone_dossier::DataFile::ALL {
        let text = std::fs::read_to_string(dir.join(file.schema_file_name())).unwrap();
        assert_eq!(text, drone_dossier::schema::render(file));
    }
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), drone_dossier::DataFile::ALL.len(), "{names:?}");

    let check = dossier()
        .args(["schema", "--check", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_exit_with_2() {
    let out = dossier()
        .args(["schema", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
