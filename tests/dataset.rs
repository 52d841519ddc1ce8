//! The bundled dataset: it loads, and its files are in canonical form.

use std::path::Path;

use drone_dossier::{DataFile, Dataset, Record};

fn dataset_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset")
}

#[test]
fn the_dataset_directory_loads() {
    Dataset::from_dir(dataset_dir()).unwrap_or_else(|e| panic!("{e}"));
}

/// Parsing a file and writing it back gives the same bytes: keys in model order, two-space
/// indentation, empty optional fields omitted, a trailing newline. A curator's file that is
/// not in this form fails here (and `dossier fmt` rewrites it).
#[test]
fn files_reserialise_to_the_same_json() {
    let data = Dataset::from_dir(dataset_dir()).unwrap();
    for file in DataFile::ALL {
        let committed = std::fs::read_to_string(dataset_dir().join(file.file_name())).unwrap();
        let written = data.file_text(file);
        assert!(
            committed == written,
            "{} is not in canonical form; first difference at line {}",
            file.file_name(),
            committed
                .lines()
                .zip(written.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1)
        );
    }
}

/// Records are kept sorted by id, so a new record has one place to go.
#[test]
fn records_are_sorted_by_id() {
    fn sorted<R: Record>(records: &[R]) -> bool {
        records.windows(2).all(|w| w[0].id() < w[1].id())
    }
    let d = Dataset::from_dir(dataset_dir()).unwrap();
    assert!(sorted(&d.sources), "sources.json is not sorted by id");
    assert!(sorted(&d.actors), "actors.json is not sorted by id");
    assert!(sorted(&d.events), "events.json is not sorted by id");
    assert!(sorted(&d.sanctions), "sanctions.json is not sorted by id");
    assert!(sorted(&d.quotes), "quotes.json is not sorted by id");
    assert!(sorted(&d.claims), "claims.json is not sorted by id");
}

/// Every dataset file points its `$schema` at its schema, so editors can check it.
#[test]
fn every_file_names_its_schema() {
    for file in DataFile::ALL {
        let text = std::fs::read_to_string(dataset_dir().join(file.file_name())).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["$schema"], file.schema_ref(), "{}", file.file_name());
    }
}

#[cfg(feature = "embedded")]
#[test]
fn the_embedded_dataset_equals_the_directory() {
    assert_eq!(
        Dataset::embedded(),
        &Dataset::from_dir(dataset_dir()).unwrap()
    );
}
