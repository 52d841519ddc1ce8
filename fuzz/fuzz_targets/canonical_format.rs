//! The canonical form behind `dossier fmt`: for any text that formats, formatting is
//! idempotent and preserves the parsed value (the same records, sorted by id, the same
//! metadata).
#![no_main]

use drone_dossier::format::canonical_text;
use drone_dossier::{
    ActorsFile, ClaimsFile, DataFile, EventsFile, Metadata, QuotesFile, Record, SanctionsFile,
    SourcesFile,
};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The records of `text` as parsed, stably sorted by id (what the canonical form promises),
/// as JSON values for comparison.
fn records<F: DeserializeOwned, R: Record + Serialize>(
    text: &str,
    list: impl Fn(F) -> Vec<R>,
) -> Vec<serde_json::Value> {
    let mut records = list(serde_json::from_str(text).expect("it formatted, so it parses"));
    records.sort_by(|a, b| a.id().cmp(b.id()));
    records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

fn same_value(file: DataFile, before: &str, after: &str) {
    macro_rules! compare {
        ($f:ty, $field:ident) => {
            assert_eq!(
                records(before, |f: $f| f.$field),
                records(after, |f: $f| f.$field)
            )
        };
    }
    match file {
        DataFile::Metadata => {
            let (mut a, b): (Metadata, Metadata) = (
                serde_json::from_str(before).unwrap(),
                serde_json::from_str(after).unwrap(),
            );
            a.schema = b.schema.clone();
            assert_eq!(a, b);
        }
        DataFile::Sources => compare!(SourcesFile, sources),
        DataFile::Actors => compare!(ActorsFile, actors),
        DataFile::Events => compare!(EventsFile, events),
        DataFile::Sanctions => compare!(SanctionsFile, sanctions),
        DataFile::Quotes => compare!(QuotesFile, quotes),
        DataFile::Claims => compare!(ClaimsFile, claims),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let file = DataFile::ALL[usize::from(pick) % DataFile::ALL.len()];
    let Ok(once) = canonical_text(file, text) else {
        return;
    };
    let twice = canonical_text(file, &once).expect("the canonical form parses");
    assert_eq!(once, twice, "formatting is not idempotent");
    same_value(file, text, &once);
});
