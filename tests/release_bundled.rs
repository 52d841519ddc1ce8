//! The release of the bundled dataset, checked by its properties (every record counted, every
//! checksum true, the three loaders agree), never by its current content: a data-only pull
//! request must pass these tests without editing them.
//!
//! What a release holds (the manifest, a summary of the records) is snapshotted on the small
//! fixture `tests/fixtures/release/`, which changes only with the code, so that a change of the
//! bundle format or a schema shows in review. After such a deliberate change, regenerate and
//! review the diff (CONTRIBUTING.md):
//! `INSTA_UPDATE=always cargo test --all-features --test release_bundled` then `git diff tests/snapshots`.

use std::path::{Path, PathBuf};

use drone_dossier::Dataset;
use drone_dossier::release::{BuildOptions, Built, build};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the bundled dataset with a fixed changelog entry, so that only the data, the schemas
/// and the bundle format move the snapshot (not the wording of the real changelog).
fn bundled(tmp: &Path) -> Built {
    let data = Dataset::from_dir(root().join("dataset")).unwrap();
    let changelog = tmp.join("CHANGELOG.md");
    std::fs::write(
        &changelog,
        format!(
            "# Changelog\n\n## [{}] - 2026-01-01\n\n- Snapshot test entry.\n",
            data.metadata.version
        ),
    )
    .unwrap();
    let opts = BuildOptions {
        changelog,
        ..BuildOptions::new(root())
    };
    build(&opts).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn embedded_from_dir_and_from_release_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let written = bundled(tmp.path())
        .write(&tmp.path().join("out"), false)
        .unwrap();
    let from_dir = Dataset::from_dir(root().join("dataset")).unwrap();
    assert_eq!(
        Dataset::from_release(&written.bundle_dir).unwrap(),
        from_dir
    );
    assert_eq!(Dataset::from_release(&written.archive).unwrap(), from_dir);
    #[cfg(feature = "embedded")]
    assert_eq!(Dataset::embedded(), &from_dir);
}

/// The fixture's release: fixed data, changelog, commit and time, so only the code moves it.
fn fixture_bundle() -> Built {
    let opts = BuildOptions {
        source_commit: Some("[commit]".to_owned()),
        mtime: Some(0),
        ..BuildOptions::new(root().join("tests/fixtures/release"))
    };
    build(&opts).unwrap_or_else(|e| panic!("{e}"))
}

/// The manifest of the bundled dataset's release counts every record and pins every file.
#[test]
fn bundled_manifest_counts_every_record_and_pins_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let built = bundled(tmp.path());
    let data = Dataset::from_dir(root().join("dataset")).unwrap();
    // Read from git, as a release is.
    assert!(!built.manifest.source_commit.is_empty());
    let manifest = serde_json::to_value(&built.manifest).unwrap();
    let counts = [
        ("sources", data.sources.len()),
        ("actors", data.actors.len()),
        ("events", data.events.len()),
        ("sanctions", data.sanctions.len()),
        ("quotes", data.quotes.len()),
        ("claims", data.claims.len()),
    ];
    for (name, count) in counts {
        assert_eq!(manifest["records"][name], count, "records.{name}");
    }
    assert_eq!(manifest["version"], data.metadata.version.as_str());
    let written = built.write(&tmp.path().join("out"), false).unwrap();
    let files = manifest["files"]
        .as_array()
        .expect("the manifest lists files");
    for file in drone_dossier::DataFile::ALL {
        let path = format!("dataset/{}", file.file_name());
        assert!(
            files.iter().any(|f| f["path"] == path.as_str()),
            "{path} is not in the manifest"
        );
    }
    for entry in files {
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(written.bundle_dir.join(path)).unwrap();
        assert_eq!(entry["size"], bytes.len(), "{path}: size");
        assert_eq!(
            entry["sha256"],
            drone_dossier::release::sha256_hex(&bytes),
            "{path}: sha256"
        );
    }
}

#[test]
fn manifest_snapshot() {
    let manifest = fixture_bundle().manifest;
    insta::assert_json_snapshot!("fixture_manifest", manifest);
}

#[test]
fn summary_snapshot() {
    let data = Dataset::from_dir(root().join("tests/fixtures/release/dataset")).unwrap();
    fn ids<R: drone_dossier::Record>(records: &[R]) -> serde_json::Value {
        serde_json::json!({
            "records": records.len(),
            "ids": records.iter().map(|r| r.id().as_str()).collect::<Vec<_>>(),
        })
    }
    let chronology = data.events_chronological();
    let dated: Vec<_> = chronology.iter().filter_map(|e| e.date).collect();
    let summary = serde_json::json!({
        "name": data.metadata.name,
        "version": data.metadata.version.as_str(),
        "schema_version": data.metadata.schema_version.as_str(),
        "license": data.metadata.license,
        "sources": ids(&data.sources),
        "actors": ids(&data.actors),
        "events": ids(&data.events),
        "sanctions": ids(&data.sanctions),
        "quotes": ids(&data.quotes),
        "claims": ids(&data.claims),
        "events_dated": dated.len(),
        "events_undated": chronology.len() - dated.len(),
        "first_event_date": dated.first().map(|d| d.to_string()),
        "last_event_date": dated.last().map(|d| d.to_string()),
        "speakers": data.quotes_by_speaker().keys().map(|k| k.as_str()).collect::<Vec<_>>(),
    });
    insta::assert_json_snapshot!("fixture_summary", summary);
}

/// Every JSON document of the bundle validates against the schema shipped beside it:
/// `dataset/NAME.json` against `schema/NAME.schema.json`, and `dossier.json` and
/// `manifest.json` against theirs, as an analyst's own validator would check them.
#[test]
fn bundle_documents_validate_against_the_bundled_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let written = bundled(tmp.path())
        .write(&tmp.path().join("out"), false)
        .unwrap();
    let dir = &written.bundle_dir;
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(path)).unwrap()).unwrap()
    };
    let mut pairs: Vec<(String, String)> = drone_dossier::DataFile::ALL
        .iter()
        .map(|f| {
            (
                format!("dataset/{}", f.file_name()),
                format!("schema/{}", f.schema_file_name()),
            )
        })
        .collect();
    pairs.push(("dossier.json".into(), "schema/dossier.schema.json".into()));
    pairs.push(("manifest.json".into(), "schema/manifest.schema.json".into()));
    for (document, schema) in pairs {
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&read(&schema))
            .unwrap_or_else(|e| panic!("{schema}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&read(&document))
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{document} against {schema}: {errors:?}");
    }
    // The schemas reject what they should: a manifest with a malformed checksum.
    let mut manifest = read("manifest.json");
    manifest["files"][0]["sha256"] = "not-a-checksum".into();
    let validator = jsonschema::draft202012::new(&read("schema/manifest.schema.json")).unwrap();
    assert!(!validator.is_valid(&manifest));
}
