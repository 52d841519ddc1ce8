//! Layer 3: rules across records and files that no schema can express.
//!
//! The records are read into the model types one at a time (not file by file), so a record
//! the schema rejected hides only itself from these rules. Each rule is its own module and
//! reads the shared [`Index`].

mod citations;
mod hedges;
mod ids;
mod lifespan;
mod metadata;
mod names;
mod participants;
mod references;
mod sanctions;
mod schema_ref;
mod speakers;
mod withdrawal;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Code, Diagnostic};
use crate::model::{
    Actor, Claim, DataFile, Event, Id, Quote, Record, RecordKind, Reference, Sanction, Source,
};

/// One parsed file, as the rules see it.
pub(crate) struct FileValue<'a> {
    pub(crate) file: DataFile,
    pub(crate) path: &'a Path,
    pub(crate) value: &'a Value,
}

/// Where a record is: its file and JSON pointer (`/events/3`).
pub(crate) struct At<'a> {
    pub(crate) path: &'a Path,
    pub(crate) pointer: String,
}

/// A record read into its model type, with where it is.
pub(crate) struct Rec<'a, R> {
    pub(crate) at: At<'a>,
    pub(crate) record: R,
}

/// The first definition of an id.
pub(crate) struct Def<'a> {
    pub(crate) kind: RecordKind,
    pub(crate) at: At<'a>,
}

/// Every record of the dataset, typed, with the ids defined.
#[derive(Default)]
pub(crate) struct Index<'a> {
    pub(crate) defs: HashMap<&'a str, Def<'a>>,
    /// The malformed ids records define (as written, lowercased, and slugified). A reference
    /// to one of them is not reported: the `id-format` error on the record is enough.
    pub(crate) malformed: HashSet<String>,
    pub(crate) sources: Vec<Rec<'a, Source>>,
    pub(crate) actors: Vec<Rec<'a, Actor>>,
    pub(crate) events: Vec<Rec<'a, Event>>,
    pub(crate) sanctions: Vec<Rec<'a, Sanction>>,
    pub(crate) quotes: Vec<Rec<'a, Quote>>,
    pub(crate) claims: Vec<Rec<'a, Claim>>,
    /// Whether every collection file was present and every record was read. Rules that
    /// conclude from an absence (an unused source) only run on a complete index.
    pub(crate) complete: bool,
    /// The kinds whose file was read (its record list found). A reference to a kind whose
    /// file did not parse cannot be checked, and is not reported as unresolved.
    pub(crate) loaded: Vec<RecordKind>,
    /// The position in `actors` of each actor id (its first definition).
    actor_at: HashMap<Id, usize>,
}

/// A reference with its full pointer.
pub(crate) struct Ref<'a, 'r> {
    pub(crate) at: At<'a>,
    pub(crate) holder: &'r Id,
    pub(crate) reference: Reference<'r>,
}

impl<'a> Index<'a> {
    fn build(files: &[FileValue<'a>], out: &mut Vec<Diagnostic>) -> Self {
        let mut index = Index {
            complete: true,
            ..Index::default()
        };
        for kind in RecordKind::ALL {
            if !files.iter().any(|f| f.file == kind.file()) {
                index.complete = false;
            }
        }
        for f in files {
            let Some(kind) = f.file.record_kind() else {
                continue;
            };
            let Some(items) = f.value.get(f.file.name()).and_then(Value::as_array) else {
                index.complete = false;
                continue;
            };
            index.loaded.push(kind);
            // Records with a diagnostic already (file, `/events/3`), built on the first
            // record the model refuses.
            let mut reported: Option<HashSet<String>> = None;
            for (i, item) in items.iter().enumerate() {
                let at = At {
                    path: f.path,
                    pointer: format!("/{}/{i}", f.file.name()),
                };
                ids::define(&mut index.defs, &mut index.malformed, kind, item, &at, out);
                let result = match kind {
                    RecordKind::Source => typed(item, at, &mut index.sources),
                    RecordKind::Actor => typed(item, at, &mut index.actors),
                    RecordKind::Event => typed(item, at, &mut index.events),
                    RecordKind::Sanction => typed(item, at, &mut index.sanctions),
                    RecordKind::Quote => typed(item, at, &mut index.quotes),
                    RecordKind::Claim => typed(item, at, &mut index.claims),
                };
                if let Err(e) = result {
                    index.complete = false;
                    refused(f, i, &e, &mut reported, out);
                }
            }
        }
        for (i, a) in index.actors.iter().enumerate() {
            index.actor_at.entry(a.record.id.clone()).or_insert(i);
        }
        index
    }

    /// Every reference every record makes, with its full pointer.
    pub(crate) fn references(&self) -> Vec<Ref<'a, '_>> {
        let mut refs = Vec::new();
        push_refs(&mut refs, &self.sources);
        push_refs(&mut refs, &self.actors);
        push_refs(&mut refs, &self.events);
        push_refs(&mut refs, &self.sanctions);
        push_refs(&mut refs, &self.quotes);
        push_refs(&mut refs, &self.claims);
        refs
    }

    /// The actor with this id.
    pub(crate) fn actor(&self, id: &Id) -> Option<&Actor> {
        // Only the record that defines the id: a duplicate's second definition is not it.
        let def = self.defs.get(id.as_str())?;
        let actor = &self.actors[*self.actor_at.get(id)?];
        (def.kind == RecordKind::Actor && actor.at.pointer == def.at.pointer)
            .then_some(&actor.record)
    }
}

fn typed<'a, R: DeserializeOwned>(
    item: &Value,
    at: At<'a>,
    into: &mut Vec<Rec<'a, R>>,
) -> Result<(), serde_json::Error> {
    let record = R::deserialize(item)?;
    into.push(Rec { at, record });
    Ok(())
}

/// A record the model refuses hides itself from every rule, so it must carry at least one
/// error: usually the schema layer's, but where the schema is more lenient than the model
/// (a referenced id longer than the limit, which the schema's pattern cannot bound), the
/// model's own reason is reported here, on the record. Without this, `validate` could pass a
/// dataset that `Dataset::from_dir` refuses.
fn refused(
    f: &FileValue<'_>,
    i: usize,
    e: &serde_json::Error,
    reported: &mut Option<HashSet<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let name = f.file.name();
    let record = format!("/{name}/{i}");
    let reported = reported.get_or_insert_with(|| {
        out.iter()
            .filter(|d| d.file == f.path && d.severity == crate::validate::Severity::Error)
            .filter_map(|d| {
                let p = d.pointer.as_deref()?;
                let rest = p.strip_prefix('/')?.strip_prefix(name)?.strip_prefix('/')?;
                let n = rest.split('/').next()?;
                Some(format!("/{name}/{n}"))
            })
            .collect()
    });
    if reported.contains(&record) {
        return;
    }
    let message = e.to_string();
    out.push(
        Diagnostic::new(
            Code::Schema,
            f.path,
            format!("this record does not fit the model: {message}"),
        )
        .at(record.clone())
        .with_help("correct the value the message names; the record is skipped by every other rule until it fits"),
    );
    reported.insert(record);
}

fn push_refs<'a, 'r, R: Record>(refs: &mut Vec<Ref<'a, 'r>>, records: &'r [Rec<'a, R>]) {
    for r in records {
        for reference in r.record.references() {
            refs.push(Ref {
                at: At {
                    path: r.at.path,
                    pointer: format!("{}{}", r.at.pointer, reference.pointer),
                },
                holder: r.record.id(),
                reference,
            });
        }
    }
}

/// Runs every rule.
pub(crate) fn check(files: &[FileValue<'_>], out: &mut Vec<Diagnostic>) {
    schema_ref::check(files, out);
    metadata::check(files, out);
    let index = Index::build(files, out);
    let refs = index.references();
    references::check(&index, &refs, out);
    citations::check(&index, &refs, out);
    lifespan::check(&index, out);
    participants::check(&index, out);
    sanctions::check(&index, out);
    names::check(&index, out);
    speakers::check(&index, out);
    hedges::check(&index, out);
    withdrawal::check(&index, out);
}
