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
/// what the tool prints today. Positions are not compared (line and column, the gutter, array
/// indexes in the pointer): a data-only pull request that adds a record before the one shown
/// moves them, and must not need a README edit to pass the tests.
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
    let shown = without_positions(shown.trim_end());
    let printed = without_positions(&printed);
    assert!(
        printed.starts_with(&shown),
        "README shows:\n{shown}\nvalidate prints:\n{printed}"
    );
}

/// Every run of digits becomes `N` and every run of spaces one space, so that only positions
/// (and the gutter width they imply) are ignored, not the words, the code or the underline.
fn without_positions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_ascii_digit() { 'N' } else { c };
        let last = out.chars().last();
        if (c == 'N' && last == Some('N')) || (c == ' ' && last == Some(' ')) {
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn positions_are_ignored_but_words_are_not() {
    let a = "warning[x]: `w`\n  --> dataset/s.json:91:9\n   |\n91 |   \"w\"\n   = at /s/4/i/0";
    let b = "warning[x]: `w`\n  --> dataset/s.json:104:9\n    |\n104 |   \"w\"\n    = at /s/5/i/0";
    assert_eq!(without_positions(a), without_positions(b));
    assert_ne!(
        without_positions(a),
        without_positions(&a.replace("`w`", "`v`"))
    );
}

/// The README is also the crate's page on crates.io, where files outside the package do not
/// exist: every link must be absolute (or an anchor on the page itself).
#[test]
fn readme_links_work_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let repository = manifest
        .lines()
        .find_map(|l| l.strip_prefix("repository = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("Cargo.toml has a repository URL");
    let mut links = 0;
    for (i, _) in readme.match_indices("](") {
        let target = &readme[i + 2..];
        let target = &target[..target.find(')').expect("a closed link")];
        links += 1;
        assert!(
            target.starts_with('#') || target.starts_with("https://"),
            "README link `{target}` is relative: it breaks on crates.io; use {repository}/blob/main/..."
        );
        if let Some(path) = target.strip_prefix(repository).and_then(|t| {
            t.strip_prefix("/blob/main/")
                .or(t.strip_prefix("/tree/main/"))
        }) {
            // A fragment names a heading inside the file, not a file.
            let path = path.split('#').next().unwrap_or(path);
            assert!(
                root.join(path).exists(),
                "README links to `{path}`, which is not in the repository"
            );
        }
    }
    assert!(links > 0, "no links found: the parser is broken");
}
