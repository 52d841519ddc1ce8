//! The release reader on arbitrary bytes given as a `.tar.gz`: refused or read, never a panic,
//! never more memory than the bundle limit. Whatever it accepts loads as a dataset.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("dossier-fuzz-{}.tar.gz", std::process::id()));
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(data).unwrap();
    drop(file);
    if let Ok(dataset) = drone_dossier::Dataset::from_release(&path) {
        // A bundle that verifies is internally consistent: its files load again.
        let _ = drone_dossier::diff::diff(&dataset, &dataset);
    }
});
