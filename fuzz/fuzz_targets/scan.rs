//! The syntax layer (the non-recursive scanner behind duplicate keys, trailing commas, deep
//! nesting, and serde_json's own errors) on arbitrary bytes: it must never panic, loop or
//! recurse deeply, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    drone_dossier::validate::fuzzing::syntax(data);
});
