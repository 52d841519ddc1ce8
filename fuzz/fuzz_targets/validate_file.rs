//! The whole validator (syntax, dates, schema, cross-record rules, locating, rendering) on one
//! file of arbitrary bytes: no panic, and every located diagnostic points inside the file.
#![no_main]

use std::path::PathBuf;

use drone_dossier::DataFile;
use drone_dossier::validate::{Input, Options, render, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks which dataset file the rest is.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let file = DataFile::ALL[usize::from(pick) % DataFile::ALL.len()];
    let input = Input {
        file,
        path: PathBuf::from(file.file_name()),
        bytes: Some(bytes.to_vec()),
        report: true,
    };
    let report = validate(vec![input], &Options::default());
    let lines = bytes.split(|&b| b == b'\n').count().max(1);
    for d in &report.diagnostics {
        if let Some(l) = d.location {
            assert!(l.line >= 1 && l.line <= lines, "{d:?} outside {lines} lines");
            assert!(l.end_line >= l.line && l.end_line <= lines, "{d:?}");
        }
    }
    let _ = render::human(&report, false, false);
    let _ = render::json(&report, false);
    let _ = render::github(&report, false);
});
