//! References resolve to a record of the expected kind, other than the record itself; near
//! misses get a suggestion.

use std::cell::OnceCell;

use super::{Index, ids};
use crate::model::RecordKind;
use crate::validate::suggest::IdIndex;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    // One suggestion index per kind of record, built on the first reference that needs it:
    // a valid dataset never builds one, and each failed reference costs a lookup, not a scan.
    let by_kind: [OnceCell<IdIndex<'_>>; RecordKind::ALL.len()] = Default::default();
    let index_of = |kind: RecordKind| {
        let slot = RecordKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        by_kind[slot].get_or_init(|| {
            IdIndex::new(
                index
                    .defs
                    .iter()
                    .filter(|(_, d)| d.kind == kind)
                    .map(|(k, _)| *k)
                    // Never suggest copying an id that is itself malformed.
                    .filter(|k| ids::is_valid(k)),
            )
        })
    };
    index.each_reference(|r| {
        let id = r.id.as_str();
        let expected = r.expected;
        let near = || {
            expected
                .iter()
                .filter_map(|k| index_of(*k).suggest(id))
                .min()
                .map(|(_, s)| s)
        };
        let is_citation =
            expected == [RecordKind::Source] && r.within.ends_with("source");
        match index.defs.get(id) {
            None if !expected.iter().all(|k| index.loaded.contains(k)) => {}
            // Meant for a record whose own id is malformed: its `id-format` error is enough.
            None if index.malformed.contains(id) => {}
            None => {
                let (code, message) = if is_citation {
                    (
                        Code::UnknownSource,
                        format!("`{id}` is not the id of any source"),
                    )
                } else {
                    (
                        Code::UnresolvedReference,
                        format!("`{id}` is not the id of any record"),
                    )
                };
                let d = Diagnostic::new(code, r.at.path, message).at(r.pointer());
                out.push(match near() {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    // `about` may name any record: never tell the contributor to add a source.
                    None if expected.len() == RecordKind::ALL.len() => d.with_help(
                        "no record of any kind has this id: correct it, or add the record it names",
                    ),
                    None => d.with_help(format!(
                        "add the {} it names ({}), or correct the id",
                        names(expected),
                        files(expected)
                    )),
                });
            }
            Some(def) if !expected.contains(&def.kind) => {
                let wanted = expected
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" or ");
                let d = Diagnostic::new(
                    Code::WrongReferenceKind,
                    r.at.path,
                    format!(
                        "`{id}` is {} {}, but this field expects {} {wanted}",
                        article(def.kind.name()),
                        def.kind,
                        article(wanted.as_str()),
                    ),
                )
                .at(r.pointer());
                let accepts = format!(
                    "this field accepts the id of {} {} ({})",
                    article(&names(expected)),
                    names(expected),
                    files(expected)
                );
                out.push(match near() {
                    Some(s) => d.with_help(format!("did you mean `{s}`? ({accepts})")),
                    None => d.with_help(accepts),
                });
            }
            // Only when the id's (first) definition is this very record: with a duplicate id,
            // the reference is to the other record, and `duplicate-id` says so.
            Some(def)
                if r.id == r.holder
                    && def.is(&r.at) =>
            {
                out.push(
                Diagnostic::new(
                    Code::SelfReference,
                    r.at.path,
                    format!("`{id}` refers to itself"),
                )
                .at(r.pointer())
                .with_help("a record cannot answer, contradict, supersede or belong to itself: name the other record"),
                )
            }
            Some(_) => {}
        }
    });
}

/// `event or quote`.
fn names(kinds: &[RecordKind]) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `events.json, quotes.json`.
fn files(kinds: &[RecordKind]) -> String {
    kinds
        .iter()
        .map(|k| k.file().file_name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
