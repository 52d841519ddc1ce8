//! Ids: unique across every file, and within the length limit the schema pattern cannot check.

use std::collections::hash_map::Entry;

use super::{At, Def, Index};
use crate::model::{Id, RecordKind};
use crate::validate::{Code, Diagnostic};

/// Records the id one record defines (read from the JSON value for a record the model
/// rejects, so that its id is still defined and references to it resolve).
///
/// A malformed id (reported as `id-format` by the schema layer or here) is also recorded in
/// `malformed`, as written, lowercased and as the slug its help suggests, so that references
/// meant for it are not each reported again as unresolved.
pub(super) fn define<'a>(
    index: &mut Index<'a>,
    kind: RecordKind,
    id: &'a str,
    // Whether the id is known to be well formed (read into the model), so not checked again.
    checked: bool,
    at: &At,
    out: &mut Vec<Diagnostic>,
) {
    let pointer = || format!("{}/id", at.pointer());
    let path = index.path(at.file);
    if !checked && !is_valid(id) {
        index.malformed.insert(id.to_owned());
        index.malformed.insert(id.to_lowercase());
        index.malformed.insert(crate::validate::schema::slugify(id));
    }
    // An over-long id is the schema layer's `id-format` error (the schema's `maxLength`).
    match index.defs.entry(id) {
        Entry::Occupied(first) => {
            let first = *first.get();
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    path,
                    format!("id `{id}` is already used"),
                )
                .at(pointer())
                .with_help(format!(
                    "ids are unique across all files; first used by the {} in {} (at {}/id)",
                    first.kind,
                    index.path(first.file).display(),
                    first.pointer(),
                )),
            );
        }
        Entry::Vacant(slot) => {
            slot.insert(Def {
                kind,
                file: at.file,
                record: at.record,
            });
        }
    }
}

/// Whether `id` is a well-formed id (a slug within the length limit).
pub(super) fn is_valid(id: &str) -> bool {
    Id::new(id).is_ok()
}
