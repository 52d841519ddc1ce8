//! Snapshot hygiene that `cargo test` alone can check: no snapshot outlives the test or the
//! fixture it was taken from. (A renamed fixture otherwise leaves its old snapshots behind,
//! still committed, never compared again.) Unreviewed `.snap.new` files cannot be committed:
//! `.gitignore` excludes them.

use std::path::Path;

#[test]
fn every_snapshot_belongs_to_an_existing_test_and_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let header = text.split("\n---\n").next().unwrap_or_default();
        for line in header.lines() {
            let referenced = line
                .strip_prefix("source: ")
                .or_else(|| line.strip_prefix("input_file: "));
            if let Some(file) = referenced
                && !root.join(file.trim()).exists()
            {
                problems.push(format!(
                    "{name}: refers to {} which no longer exists",
                    file.trim()
                ));
            }
        }
        // The test file named before `__` must exist too.
        let test = name.split("__").next().unwrap_or_default();
        if !root.join("tests").join(format!("{test}.rs")).exists() {
            problems.push(format!("{name}: no test file tests/{test}.rs"));
        }
    }
    assert!(
        problems.is_empty(),
        "stale snapshots:\n{}",
        problems.join("\n")
    );
}
