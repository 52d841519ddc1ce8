//! Typed-first reading against whole JSON trees: one file of the fixture dataset replaced by
//! arbitrary bytes, validated both ways; the two reports must be equal, diagnostic for
//! diagnostic (the property `src/validate/equivalence.rs` tests on structured edits).
#![no_main]

use std::path::PathBuf;

use drone_dossier::DataFile;
use drone_dossier::validate::{Input, Options, fuzzing};
use libfuzzer_sys::fuzz_target;

/// The valid fixture dataset, in [`DataFile::ALL`] order.
const FIXTURE: [&str; 7] = [
    include_str!("../../tests/fixtures/valid/metadata.json"),
    include_str!("../../tests/fixtures/valid/sources.json"),
    include_str!("../../tests/fixtures/valid/actors.json"),
    include_str!("../../tests/fixtures/valid/events.json"),
    include_str!("../../tests/fixtures/valid/sanctions.json"),
    include_str!("../../tests/fixtures/valid/quotes.json"),
    include_str!("../../tests/fixtures/valid/claims.json"),
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks which dataset file the rest replaces.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let replaced = usize::from(pick) % DataFile::ALL.len();
    let inputs = DataFile::ALL
        .iter()
        .zip(FIXTURE)
        .enumerate()
        .map(|(i, (file, text))| Input {
            file: *file,
            path: PathBuf::from(file.file_name()),
            bytes: Some(if i == replaced {
                bytes.to_vec()
            } else {
                text.as_bytes().to_vec()
            }),
            report: true,
        })
        .collect();
    let (typed, tree) = fuzzing::both_readings(inputs, &Options::default());
    assert_eq!(typed, tree);
});
