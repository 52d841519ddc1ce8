//! The committed `schema/` files are generated from the model types and must not drift.
//!
//! Run with `DOSSIER_UPDATE_SCHEMA=1` (or `cargo run --features cli -- schema`) to rewrite them.

use std::path::Path;

use drone_dossier::DataFile;

#[test]
fn committed_schemas_match_the_model() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    if std::env::var_os("DOSSIER_UPDATE_SCHEMA").is_some() {
        drone_dossier::schema::write_all(&dir).expect("schema/ is writable");
    }
    let mut stale = Vec::new();
    for file in DataFile::ALL {
        let committed =
            std::fs::read_to_string(dir.join(file.schema_file_name())).unwrap_or_default();
        if committed != drone_dossier::schema::render(file) {
            stale.push(file.schema_file_name());
        }
    }
    assert!(
        stale.is_empty(),
        "schema files differ from the model: {stale:?}; regenerate with DOSSIER_UPDATE_SCHEMA=1 cargo test --features schema --test schema_files"
    );
}

#[test]
fn every_schema_has_a_stable_id_and_draft() {
    for file in DataFile::ALL {
        let schema = drone_dossier::schema::generate(file);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            schema["$id"],
            format!("urn:dossier:schema:v2:{}", file.name())
        );
    }
}

#[test]
fn schemas_snapshot() {
    for file in DataFile::ALL {
        insta::assert_json_snapshot!(file.name(), drone_dossier::schema::generate(file));
    }
}
