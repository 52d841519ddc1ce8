//! Layer 3: rules across records and files that no schema can express.
//!
//! The records arrive read into the model types one at a time (not file by file), so a record
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

use crate::validate::maps::{Map, Set};
use std::path::Path;

use serde_json::Value;

use super::Diagnostic;
use super::content::{ItemRef, Records};
use crate::RecordRef;
use crate::model::record::{WalkRefs, Where};
use crate::model::{
    Actor, Claim, DataFile, Event, Id, Quote, Record, RecordKind, Sanction, Source,
};

/// One parsed file, as the rules see it.
pub(crate) struct FileContent<'a> {
    pub(crate) file: DataFile,
    pub(crate) path: &'a Path,
    /// The file's top level (its record list emptied).
    pub(crate) top: &'a Value,
    /// Its records, when it has a record list.
    pub(crate) records: Option<&'a Records>,
}

/// Where a record is: its file, and its position in the file's record list. Its JSON pointer
/// (`/events/3`) is only written out for a diagnostic, and its file's path is the index's
/// ([`Index::path`]): 8 bytes a record, where the path beside it took 32 (a hundred thousand
/// records: 2.4 MB less, at the run's peak).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    pub(crate) file: DataFile,
    pub(crate) record: u32,
}

impl At {
    /// Where record `record` of `file` is. A position beyond `u32` (four billion records,
    /// hundreds of gigabytes of memory) is never reached: the records would not fit first.
    pub(crate) fn new(file: DataFile, record: usize) -> Self {
        Self {
            file,
            record: u32::try_from(record).unwrap_or(u32::MAX),
        }
    }

    /// The record's JSON pointer: `/events/3`.
    pub(crate) fn pointer(&self) -> String {
        format!("/{}/{}", self.file.name(), self.record)
    }
}

/// A record read into its model type, with where it is.
pub(crate) struct Rec<'a, R> {
    pub(crate) at: At,
    pub(crate) record: &'a R,
}

/// The first definition of an id: its kind, and its record. An entry of the id map (the id
/// beside it) takes 24 bytes (it took 56 with the path and a `usize` position: a million
/// records, 30 MB less).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Def {
    pub(crate) kind: RecordKind,
    pub(crate) file: DataFile,
    pub(crate) record: u32,
}

impl Def {
    /// Whether the definition is the record at `at`.
    pub(crate) fn is(&self, at: &At) -> bool {
        self.file == at.file && self.record == at.record
    }

    /// The record's JSON pointer: `/events/3`.
    pub(crate) fn pointer(&self) -> String {
        format!("/{}/{}", self.file.name(), self.record)
    }
}

/// Every record of the dataset, typed, with the ids defined.
#[derive(Default)]
pub(crate) struct Index<'a> {
    pub(crate) defs: Map<&'a str, Def>,
    /// The malformed ids records define (as written, lowercased, and slugified). A reference
    /// to one of them is not reported: the `id-format` error on the record is enough.
    pub(crate) malformed: Set<String>,
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
    /// The path of each file read (a duplicate id's help names the first's).
    pub(crate) paths: Vec<(DataFile, &'a Path)>,
    /// The records that acknowledge warnings, as (position in the files, position in the
    /// file's records), in file order: found here, where every record is looked at anyway, so
    /// that [`acknowledge`](crate::validate::acknowledge) need not look at every record again
    /// (a million records: 90 ms).
    pub(crate) acknowledging: Vec<(usize, usize)>,
    /// The position in `actors` of each actor id (its first definition).
    actor_at: Map<&'a str, usize>,
    /// The position in `sources` of the first source with each id.
    source_at: Map<&'a str, usize>,
}

/// A reference, with the record that makes it.
pub(crate) struct Ref<'r> {
    /// The record that makes it.
    pub(crate) at: At,
    pub(crate) holder: &'r Id,
    /// The referenced id.
    pub(crate) id: &'r Id,
    /// The kinds of record it may point at.
    pub(crate) expected: &'static [RecordKind],
    /// Where it is in the record.
    pub(crate) within: Where,
}

impl Ref<'_> {
    /// The reference's full JSON pointer: `/events/3/participants/0/actor`.
    pub(crate) fn pointer(&self) -> String {
        format!("{}{}", self.at.pointer(), self.within)
    }
}

impl<'a> Index<'a> {
    fn build(files: &[FileContent<'a>], out: &mut Vec<Diagnostic>) -> Self {
        let mut index = Index {
            complete: true,
            ..Index::default()
        };
        // Sized once: a large dataset would otherwise rehash the id map a dozen times.
        index.defs.reserve(record_count(files));
        index.paths = files.iter().map(|f| (f.file, f.path)).collect();
        for kind in RecordKind::ALL {
            if !files.iter().any(|f| f.file == kind.file()) {
                index.complete = false;
            }
        }
        for (fi, f) in files.iter().enumerate() {
            let Some(kind) = f.file.record_kind() else {
                continue;
            };
            let Some(items) = f.records else {
                index.complete = false;
                continue;
            };
            index.loaded.push(kind);
            for (i, item) in items.iter().enumerate() {
                let at = At::new(f.file, i);
                if crate::validate::acknowledge::acknowledges(item) {
                    index.acknowledging.push((fi, i));
                }
                let (id, checked) = match item {
                    ItemRef::Typed(r) => {
                        index.list(r, at);
                        (Some(r.id().as_str()), true)
                    }
                    // A record the model refuses still defines its id, so references to it
                    // resolve; it hides itself from every other rule.
                    ItemRef::Raw(value) => {
                        index.complete = false;
                        (value.get("id").and_then(Value::as_str), false)
                    }
                };
                if let Some(id) = id {
                    ids::define(&mut index, kind, id, checked, &at, out);
                }
            }
        }
        index.actor_at.reserve(index.actors.len());
        index.source_at.reserve(index.sources.len());
        for (i, a) in index.actors.iter().enumerate() {
            index.actor_at.entry(a.record.id.as_str()).or_insert(i);
        }
        for (i, s) in index.sources.iter().enumerate() {
            index.source_at.entry(s.record.id.as_str()).or_insert(i);
        }
        index
    }

    /// Adds a typed record to the list of its kind.
    fn list(&mut self, record: RecordRef<'a>, at: At) {
        match record {
            RecordRef::Source(record) => self.sources.push(Rec { at, record }),
            RecordRef::Actor(record) => self.actors.push(Rec { at, record }),
            RecordRef::Event(record) => self.events.push(Rec { at, record }),
            RecordRef::Sanction(record) => self.sanctions.push(Rec { at, record }),
            RecordRef::Quote(record) => self.quotes.push(Rec { at, record }),
            RecordRef::Claim(record) => self.claims.push(Rec { at, record }),
        }
    }

    /// Calls `f` with every reference every record makes (a walk, not a list: a large
    /// dataset has millions of references).
    pub(crate) fn each_reference<'r>(&'r self, f: impl FnMut(&Ref<'r>)) {
        self.each_reference_in(0, 1, f);
    }

    /// Like [`Index::each_reference`], for part `part` of `parts`: the records are taken in
    /// the same order (sources, actors, events, sanctions, quotes, claims) and cut into
    /// `parts` runs of about the same length, so walking every part in turn is one walk.
    pub(crate) fn each_reference_in<'r>(
        &'r self,
        part: usize,
        parts: usize,
        mut f: impl FnMut(&Ref<'r>),
    ) {
        let total = self.sources.len()
            + self.actors.len()
            + self.events.len()
            + self.sanctions.len()
            + self.quotes.len()
            + self.claims.len();
        let (from, to) = cut(total, part, parts);
        let mut start = 0;
        each_ref(within(&self.sources, &mut start, from, to), &mut f);
        each_ref(within(&self.actors, &mut start, from, to), &mut f);
        each_ref(within(&self.events, &mut start, from, to), &mut f);
        each_ref(within(&self.sanctions, &mut start, from, to), &mut f);
        each_ref(within(&self.quotes, &mut start, from, to), &mut f);
        each_ref(within(&self.claims, &mut start, from, to), &mut f);
    }

    /// The path of `file`'s file (its name alone for a file not read, which no record is in).
    pub(crate) fn path(&self, file: DataFile) -> &'a Path {
        self.paths
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(Path::new(file.name()), |(_, p)| *p)
    }

    /// The actor with this id.
    pub(crate) fn actor(&self, id: &Id) -> Option<&Actor> {
        // Only the record that defines the id: a duplicate's second definition is not it.
        let def = self.defs.get(id.as_str())?;
        let actor = &self.actors[*self.actor_at.get(id.as_str())?];
        (def.kind == RecordKind::Actor && def.is(&actor.at)).then_some(actor.record)
    }

    /// The first source with this id.
    pub(crate) fn source(&self, id: &Id) -> Option<&'a Source> {
        Some(self.sources[*self.source_at.get(id.as_str())?].record)
    }
}

/// Part `part` of `parts` of a walk of `total` records, as the positions `from..to`: runs of
/// about the same length (none more than one longer than another), in order.
fn cut(total: usize, part: usize, parts: usize) -> (usize, usize) {
    let parts = parts.max(1);
    (total * part / parts, total * (part + 1) / parts)
}

/// The records of `list` whose position in the whole walk is in `from..to`, given that the
/// list starts at position `start` (moved past the list).
fn within<'s, T>(list: &'s [T], start: &mut usize, from: usize, to: usize) -> &'s [T] {
    let lo = from.saturating_sub(*start).min(list.len());
    let hi = to.saturating_sub(*start).min(list.len()).max(lo);
    *start += list.len();
    &list[lo..hi]
}

fn each_ref<'a, 'r, R: Record + WalkRefs>(records: &'r [Rec<'a, R>], f: &mut impl FnMut(&Ref<'r>)) {
    for r in records {
        let (at, holder) = (r.at, r.record.id());
        r.record.walk_refs(&mut |within, id, expected| {
            f(&Ref {
                at,
                holder,
                id,
                expected,
                within,
            });
        });
    }
}

/// How many records the files hold.
pub(crate) fn record_count(files: &[FileContent<'_>]) -> usize {
    files
        .iter()
        .map(|f| f.records.map_or(0, Records::len))
        .sum()
}

/// Runs every rule. On a large dataset the rules run on two threads, the reference check (the
/// longest) cut in halves; their findings are joined in the same order either way. Returns
/// the records that acknowledge warnings ([`Index::acknowledging`]).
pub(crate) fn check(
    files: &[FileContent<'_>],
    max: usize,
    out: &mut Vec<Diagnostic>,
) -> Vec<(usize, usize)> {
    schema_ref::check(files, out);
    metadata::check(files, out);
    let index = Index::build(files, out);
    let parallel = record_count(files) >= super::PARALLEL_RECORDS;
    // The reference check (the longest rule) in halves, then the others, taken in this order
    // by two threads on a large dataset: the halves start at once, the shorter rules fill in
    // behind them, so neither thread waits long for the other (a hundred thousand records:
    // with the check whole, 110 ms, beside the rest, 70 ms, one thread waited 40 ms). Their
    // findings are joined in this order either way.
    type Rule = fn(&Index<'_>, &mut Vec<Diagnostic>);
    enum Job {
        /// Part `usize` of `parts` of the reference check.
        References(usize),
        Rule(Rule),
    }
    let parts = if parallel { 2 } else { 1 };
    let rules: [Rule; 8] = [
        citations::check,
        lifespan::check,
        participants::check,
        sanctions::check,
        names::check,
        speakers::check,
        hedges::check,
        withdrawal::check,
    ];
    let jobs: Vec<Job> = (0..parts)
        .map(Job::References)
        .chain(rules.into_iter().map(Job::Rule))
        .collect();
    let done = super::in_order(jobs, parallel, |job| {
        let mut out = Vec::new();
        let unresolved = match job {
            Job::References(part) => references::check(&index, part, parts, &mut out),
            Job::Rule(rule) => {
                rule(&index, &mut out);
                Vec::new()
            }
        };
        (out, unresolved)
    });
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    for (part, mut wanting) in done {
        references::shift(&mut wanting, found.len());
        unresolved.extend(wanting);
        found.extend(part);
    }
    references::suggest(&index, &unresolved, (parallel, max), &mut found);
    out.extend(found);
    index.acknowledging
}

#[cfg(test)]
mod tests {
    use super::{At, DataFile, Index, Rec, cut, within};
    use std::path::Path;

    fn recs<R>(file: DataFile, list: &[R]) -> Vec<Rec<'_, R>> {
        list.iter()
            .enumerate()
            .map(|(record, r)| Rec {
                at: At::new(file, record),
                record: r,
            })
            .collect()
    }

    #[test]
    fn the_parts_of_the_bundled_references_are_one_walk() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
        let data = crate::Dataset::from_dir(&dir).expect("the bundled dataset loads");
        let index = Index {
            sources: recs(DataFile::Sources, &data.sources),
            actors: recs(DataFile::Actors, &data.actors),
            events: recs(DataFile::Events, &data.events),
            sanctions: recs(DataFile::Sanctions, &data.sanctions),
            quotes: recs(DataFile::Quotes, &data.quotes),
            claims: recs(DataFile::Claims, &data.claims),
            ..Index::default()
        };
        let mut whole = Vec::new();
        index.each_reference(|r| whole.push(r.pointer() + " " + r.id.as_str()));
        assert!(whole.len() > 300, "{}", whole.len());
        for parts in [1, 2, 3, 7, 1000] {
            let mut joined = Vec::new();
            for part in 0..parts {
                index.each_reference_in(part, parts, |r| {
                    joined.push(r.pointer() + " " + r.id.as_str());
                });
            }
            assert_eq!(joined, whole, "in {parts} parts");
        }
    }

    /// The positions each part walks, over lists of the given lengths.
    fn walked(lengths: &[usize], part: usize, parts: usize) -> Vec<usize> {
        let (from, to) = cut(lengths.iter().sum(), part, parts);
        let mut start = 0;
        let mut seen = Vec::new();
        for &len in lengths {
            let first = start;
            let list: Vec<usize> = (first..first + len).collect();
            seen.extend_from_slice(within(&list, &mut start, from, to));
        }
        seen
    }

    #[test]
    fn the_parts_of_a_walk_are_the_walk_cut_in_order() {
        // Every split of up to 4 lists of up to 4 records each into 1 to 5 parts.
        for code in 0..5usize.pow(4) {
            let lengths: Vec<usize> = (0..4).map(|i| code / 5usize.pow(i) % 5).collect();
            let total: usize = lengths.iter().sum();
            for parts in 1..=5 {
                let cut: Vec<Vec<usize>> = (0..parts).map(|p| walked(&lengths, p, parts)).collect();
                let joined: Vec<usize> = cut.concat();
                assert_eq!(
                    joined,
                    (0..total).collect::<Vec<_>>(),
                    "{lengths:?} in {parts}"
                );
                // About the same length each: no part more than one record longer.
                let (short, long) = (
                    cut.iter().map(Vec::len).min().unwrap_or(0),
                    cut.iter().map(Vec::len).max().unwrap_or(0),
                );
                assert!(long - short <= 1, "{lengths:?} in {parts}: {cut:?}");
            }
        }
    }
}
