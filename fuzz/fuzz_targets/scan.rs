//! The syntax layer (the non-recursive scanner behind duplicate keys, trailing commas, deep
//! nesting, and serde_json's own errors) on arbitrary bytes: it must never panic, loop or
//! recurse deeply, whatever the input. On the same bytes, the records of a collection file
//! found by skipping over them (what locating uses for a file read in one pass) must be those
//! a scan finds whenever the text is JSON. And the same bytes as an events file read a chunk
//! (of 64 bytes) at a time are read into what reading them whole gives, or left to that.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    drone_dossier::validate::fuzzing::syntax(data);
    drone_dossier::validate::fuzzing::record_spans(data);
    drone_dossier::validate::fuzzing::chunked(data);
});
