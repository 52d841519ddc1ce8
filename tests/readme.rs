//! The README's example records are real: each JSON block is a record of the bundled dataset,
//! field for field, so the README cannot drift from the data.

use std::path::Path;

use serde_json::Value;

#[test]
fn readme_examples_are_records_of_the_dataset() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut records = Vec::new();
    for file in drone_dossier::DataFile::ALL {
        let text = std::fs::read_to_string(root.join("dataset").join(file.file_name())).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        if let Some(list) = value.get(file.name()).and_then(Value::as_array) {
            records.extend(list.iter().cloned());
        }
    }
    let blocks: Vec<&str> = readme
        .split("```json\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert!(
        blocks.len() >= 6,
        "expected an example of each kind, found {} JSON blocks",
        blocks.len()
    );
    for block in blocks {
        let example: Value = serde_json::from_str(block)
            .unwrap_or_else(|e| panic!("README JSON block: {e}\n{block}"));
        let id = example["id"].as_str().expect("every example has an id");
        let record = records
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no record `{id}`"));
        assert_eq!(
            &example, record,
            "README example `{id}` differs from the dataset"
        );
    }
}

/// The README shows the warning `dossier validate` prints for the bundled dataset; it must be
/// what the tool prints today.
#[cfg(feature = "cli")]
#[test]
fn readme_validate_output_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let shown = readme
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the README shows validate output in a ```text block");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("validate")
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.starts_with(shown.trim_end()),
        "README shows:\n{shown}\nvalidate prints:\n{printed}"
    );
}
