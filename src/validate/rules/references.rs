//! References resolve to a record of the expected kind, other than the record itself; near
//! misses get a suggestion.

use std::cell::OnceCell;

use super::{Index, ids};
use crate::model::RecordKind;
use crate::validate::suggest::IdIndex;
use crate::validate::{Code, Diagnostic};

/// A failed reference's help, given the suggestion (if any).
type Help = Box<dyn Fn(Option<&str>) -> String + Send + Sync>;

/// A reference that does not resolve, waiting for its help: the "did you mean" search is the
/// costly part of a failed reference, so it runs after the walk, for all of them at once
/// ([`suggest`]), on two threads on a large dataset.
pub(super) struct Unresolved<'r> {
    /// The reference's diagnostic, in the list the walk filled.
    slot: usize,
    id: &'r str,
    expected: &'static [RecordKind],
    help: Help,
}

/// Checks the references of part `part` of `parts` of the records
/// ([`Index::each_reference_in`]); the help of those that do not resolve is left to
/// [`suggest`], each knowing its diagnostic's place in `out`.
pub(super) fn check<'r>(
    index: &'r Index<'_>,
    part: usize,
    parts: usize,
    out: &mut Vec<Diagnostic>,
) -> Vec<Unresolved<'r>> {
    let mut unresolved = Vec::new();
    index.each_reference_in(part, parts, |r| {
        let id = r.id.as_str();
        let expected = r.expected;
        let mut wants = |d: Diagnostic, help: Help| {
            unresolved.push(Unresolved {
                slot: out.len(),
                id,
                expected,
                help,
            });
            out.push(d);
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
                let d = Diagnostic::new(code, index.path(r.at.file), message).at(r.pointer());
                wants(
                    d,
                    Box::new(move |near| match near {
                        Some(s) => format!("did you mean `{s}`?"),
                        // `about` may name any record: never tell the contributor to add a
                        // source.
                        None if expected.len() == RecordKind::ALL.len() => {
                            "no record of any kind has this id: correct it, or add the record it names"
                                .to_owned()
                        }
                        None => format!(
                            "add the {} it names ({}), or correct the id",
                            names(expected),
                            files(expected)
                        ),
                    }),
                );
            }
            Some(def) if !expected.contains(&def.kind) => {
                let wanted = expected
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" or ");
                let d = Diagnostic::new(
                    Code::WrongReferenceKind,
                    index.path(r.at.file),
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
                wants(
                    d,
                    Box::new(move |near| match near {
                        Some(s) => format!("did you mean `{s}`? ({accepts})"),
                        None => accepts.clone(),
                    }),
                );
            }
            // Only when the id's (first) definition is this very record: with a duplicate id,
            // the reference is to the other record, and `duplicate-id` says so. The position
            // is compared first: two integers, where the ids are two strings in memory the
            // walk has not touched yet.
            Some(def)
                if def.is(&r.at)
                    && r.id == r.holder =>
            {
                out.push(
                Diagnostic::new(
                    Code::SelfReference,
                    index.path(r.at.file),
                    format!("`{id}` refers to itself"),
                )
                .at(r.pointer())
                .with_help("a record cannot answer, contradict, supersede or belong to itself: name the other record"),
                )
            }
            Some(_) => {}
        }
    });
    unresolved
}

/// Moves unresolved references' diagnostics `by` places on: their list was appended to one
/// that many diagnostics long.
pub(super) fn shift(unresolved: &mut [Unresolved<'_>], by: usize) {
    for u in unresolved {
        u.slot += by;
    }
}

/// Gives each unresolved reference its help, with the nearest id of a kind it accepts: in two
/// halves on two threads when `parallel`, each with its own indexes (a hundred thousand
/// records with 1% dangling references: 0.1 s of searching, beside nothing).
///
/// With a cap on diagnostics (`max`, `0` for none), only the failed references of each file
/// and code that the cap can keep get theirs: the first `max` in the cap's order (record,
/// pointer, message); the rest are only counted, and a flood of failed references (hundreds
/// of thousands) would otherwise cost a search each.
pub(super) fn suggest(
    index: &Index<'_>,
    unresolved: &[Unresolved<'_>],
    (parallel, max): (bool, usize),
    out: &mut [Diagnostic],
) {
    let wanted = shown(unresolved, max, out);
    let helps = |part: &[&Unresolved<'_>]| -> Vec<String> {
        // One suggestion index per kind of record, built on the first reference that needs
        // it: each failed reference then costs a lookup, not a scan.
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
        part.iter()
            .map(|u| {
                let near = u
                    .expected
                    .iter()
                    .filter_map(|k| index_of(*k).suggest(u.id))
                    .min()
                    .map(|(_, s)| s);
                (u.help)(near)
            })
            .collect()
    };
    let (first, second) = wanted.split_at(wanted.len() / 2);
    let (a, b) = crate::validate::both(
        parallel && !first.is_empty(),
        || helps(first),
        || helps(second),
    );
    for (u, help) in wanted.iter().zip(a.into_iter().chain(b)) {
        if let Some(d) = out.get_mut(u.slot) {
            d.help = Some(help);
        }
    }
}

/// The failed references whose diagnostics the cap (`max` per file and code; `0`: none) may
/// keep, in their order.
fn shown<'u, 'r>(
    unresolved: &'u [Unresolved<'r>],
    max: usize,
    out: &[Diagnostic],
) -> Vec<&'u Unresolved<'r>> {
    if max == 0 || unresolved.len() <= max {
        return unresolved.iter().collect();
    }
    let key = |u: &Unresolved<'_>| {
        let d = &out[u.slot];
        (
            &d.file,
            d.code,
            crate::validate::cap::record_index(d),
            &d.pointer,
            &d.message,
            u.slot,
        )
    };
    let mut order: Vec<&Unresolved<'r>> =
        unresolved.iter().filter(|u| u.slot < out.len()).collect();
    order.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut kept = Vec::new();
    let mut run = 0;
    for (i, u) in order.iter().enumerate() {
        let same = |v: &Unresolved<'_>| {
            let (d, e) = (&out[u.slot], &out[v.slot]);
            d.file == e.file && d.code == e.code
        };
        run = if i > 0 && same(order[i - 1]) {
            run + 1
        } else {
            0
        };
        if run < max {
            kept.push(*u);
        }
    }
    kept.sort_by_key(|u| u.slot);
    kept
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
