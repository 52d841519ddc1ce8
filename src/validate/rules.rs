//! Layer 3: rules no schema can express, on files that passed their schema.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::{Code, Diagnostic, Parsed};
use crate::model::{
    ActorsFile, ClaimsFile, DataFile, EventsFile, Id, QuotesFile, Record, RecordKind,
    SanctionsFile, SourcesFile,
};

/// Where a record was defined: its kind, file and JSON pointer.
struct Definition<'a> {
    kind: RecordKind,
    path: &'a Path,
    pointer: String,
}

pub(crate) fn check(parsed: &[&Parsed], out: &mut Vec<Diagnostic>) {
    let mut defined: HashMap<Id, Definition<'_>> = HashMap::new();
    let mut references = Vec::new();
    for p in parsed {
        match p.file {
            DataFile::Metadata => {}
            DataFile::Sources => {
                collect::<SourcesFile, _>(p, |f| f.sources, &mut defined, &mut references, out)
            }
            DataFile::Actors => {
                collect::<ActorsFile, _>(p, |f| f.actors, &mut defined, &mut references, out)
            }
            DataFile::Events => {
                collect::<EventsFile, _>(p, |f| f.events, &mut defined, &mut references, out)
            }
            DataFile::Sanctions => {
                collect::<SanctionsFile, _>(p, |f| f.sanctions, &mut defined, &mut references, out)
            }
            DataFile::Quotes => {
                collect::<QuotesFile, _>(p, |f| f.quotes, &mut defined, &mut references, out)
            }
            DataFile::Claims => {
                collect::<ClaimsFile, _>(p, |f| f.claims, &mut defined, &mut references, out)
            }
        }
    }
    for (path, pointer, id, expected) in references {
        match defined.get(&id) {
            None => out.push(
                Diagnostic::new(
                    Code::UnresolvedReference,
                    path,
                    format!("`{id}` is not the id of any record"),
                )
                .at(pointer),
            ),
            Some(def) if !expected.contains(&def.kind) => out.push(
                Diagnostic::new(
                    Code::WrongReferenceKind,
                    path,
                    format!(
                        "`{id}` is {} {}, but this field expects {}",
                        article(def.kind.name()),
                        def.kind,
                        expected
                            .iter()
                            .map(|k| k.name())
                            .collect::<Vec<_>>()
                            .join(" or "),
                    ),
                )
                .at(pointer),
            ),
            Some(_) => {}
        }
    }
}

type Ref<'a> = (&'a Path, String, Id, &'static [RecordKind]);

fn collect<'a, F: DeserializeOwned, R: Record>(
    parsed: &'a Parsed,
    records: impl FnOnce(F) -> Vec<R>,
    defined: &mut HashMap<Id, Definition<'a>>,
    references: &mut Vec<Ref<'a>>,
    out: &mut Vec<Diagnostic>,
) {
    let file: F = match serde_json::from_value(parsed.value.clone()) {
        Ok(file) => file,
        Err(e) => {
            // The schema accepted it, but the model did not: a calendar date such as 2022-02-30
            // or an interval that ends before it starts.
            out.push(Diagnostic::new(Code::Schema, &parsed.path, e.to_string()));
            return;
        }
    };
    let collection = parsed.file.name();
    for (i, record) in records(file).iter().enumerate() {
        let pointer = format!("/{collection}/{i}");
        for r in record.references() {
            references.push((
                &parsed.path,
                format!("{pointer}{}", r.pointer),
                r.id.clone(),
                r.expected,
            ));
        }
        let id = record.id().clone();
        if let Some(first) = defined.get(&id) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    &parsed.path,
                    format!("id `{id}` is already used"),
                )
                .at(format!("{pointer}/id"))
                .with_help(format!(
                    "ids are unique across all files; first used by the {} at {}{}",
                    first.kind,
                    first.path.display(),
                    first.pointer
                )),
            );
        } else {
            defined.insert(
                id,
                Definition {
                    kind: R::KIND,
                    path: &parsed.path,
                    pointer: format!("{pointer}/id"),
                },
            );
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
