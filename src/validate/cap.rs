//! The cap on diagnostics per file and per rule.
//!
//! A hostile or badly broken file can hold millions of problems (a 3 MB file of one-character
//! mistakes); holding, locating and printing all of them would take gigabytes and minutes,
//! and no one reads past the first screens. Each file reports at most `max` diagnostics, and
//! at most `max` of each code; the rest are counted, and every renderer says how many were
//! left out and how to see them (`--max-diagnostics`).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Code, Diagnostic};

/// The default cap: enough for any real review, small enough to print in a blink.
pub(crate) const DEFAULT: usize = 1000;

/// Diagnostics of one code in one file that were found but not reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The file.
    pub file: PathBuf,
    /// The rule.
    pub code: Code,
    /// How many were left out.
    pub count: usize,
    /// Whether they are acknowledged warnings, which are capped on their own and, like those
    /// in [`Report::acknowledged`](super::Report::acknowledged), not counted as warnings.
    pub acknowledged: bool,
}

/// Keeps at most `max` diagnostics per file and per code in each file (`0`: no cap), in the
/// order given, counting acknowledged warnings apart from the rest (a dataset of a million
/// records may acknowledge thousands of warnings, and must still pass `--deny warnings`);
/// returns the kept ones and a count of the rest by file and code.
pub(crate) fn apply(diagnostics: Vec<Diagnostic>, max: usize) -> (Vec<Diagnostic>, Vec<Omitted>) {
    if max == 0 || diagnostics.len() <= max {
        return (diagnostics, Vec::new());
    }
    let mut per_file: HashMap<(PathBuf, bool), usize> = HashMap::new();
    let mut per_code: HashMap<(PathBuf, Code, bool), usize> = HashMap::new();
    let mut omitted: Vec<Omitted> = Vec::new();
    let mut kept = Vec::new();
    for d in diagnostics {
        let acknowledged = d.acknowledged.is_some();
        let file = per_file.entry((d.file.clone(), acknowledged)).or_default();
        let code = per_code
            .entry((d.file.clone(), d.code, acknowledged))
            .or_default();
        if *file < max && *code < max {
            *file += 1;
            *code += 1;
            kept.push(d);
            continue;
        }
        match omitted
            .iter_mut()
            .find(|o| o.code == d.code && o.file == d.file && o.acknowledged == acknowledged)
        {
            Some(o) => o.count += 1,
            None => omitted.push(Omitted {
                file: d.file,
                code: d.code,
                count: 1,
                acknowledged,
            }),
        }
    }
    (kept, omitted)
}

/// The errors of a file's records, capped as they are found, record by record: once more
/// than `max` errors of a code came from earlier records, that code's errors from later ones
/// are only counted. [`apply`] would leave them out anyway (it keeps the first `max` of a code
/// in record order, and more than that many come first), and the one past the cap that is
/// kept still says where their count goes; without this, a file of a million tiny broken
/// records held a million diagnostics before the cap (a 1.2 MB file: 1.4 GiB). Warnings are
/// never dropped here: a record may acknowledge one, which must then be found.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// `0`: no cap, nothing dropped.
    max: usize,
    /// Errors kept of each code, from the records before the current one.
    before: HashMap<Code, usize>,
    /// Errors kept of each code, from the current record.
    current: HashMap<Code, usize>,
    /// Errors dropped, by code.
    dropped: HashMap<Code, usize>,
}

impl Budget {
    pub(crate) fn new(max: usize) -> Self {
        Self {
            max,
            ..Self::default()
        }
    }

    /// Takes out of `found` (diagnostics of the current record) the errors whose code is over
    /// the cap from earlier records, and counts them.
    pub(crate) fn admit(&mut self, found: &mut Vec<Diagnostic>) {
        if self.max == 0 {
            return;
        }
        found.retain(|d| {
            if d.severity != super::Severity::Error {
                return true;
            }
            if self.before.get(&d.code).copied().unwrap_or(0) > self.max {
                *self.dropped.entry(d.code).or_default() += 1;
                return false;
            }
            *self.current.entry(d.code).or_default() += 1;
            true
        });
    }

    /// Moves on to the next record.
    pub(crate) fn next_record(&mut self) {
        for (code, n) in self.current.drain() {
            *self.before.entry(code).or_default() += n;
        }
    }

    /// The errors dropped, by code (in the order of the codes).
    pub(crate) fn dropped(self) -> Vec<(Code, usize)> {
        by_code(self.dropped)
    }
}

/// Counts by code, in the order of the codes.
fn by_code(counts: HashMap<Code, usize>) -> Vec<(Code, usize)> {
    let mut counts: Vec<(Code, usize)> = counts.into_iter().collect();
    counts.sort_unstable();
    counts
}

/// Errors of one file collected in any order (a whole file's tree checked against its schema),
/// at most `max + 1` of each code kept: the first in the cap's order (record, pointer, code,
/// message, then the order they came in), which are the ones [`apply`] keeps and the one it
/// leaves out first; the rest are counted, as by a [`Budget`]. Warnings are all kept. Without
/// it, a file of a million tiny broken records and one syntax error held every error.
#[derive(Debug, Default)]
pub(crate) struct Bounded {
    /// `0`: no cap, everything kept.
    max: usize,
    /// Per code, the errors kept so far, the last in the cap's order on top.
    kept: HashMap<Code, std::collections::BinaryHeap<Ranked>>,
    /// Warnings, and everything when there is no cap.
    rest: Vec<(usize, Diagnostic)>,
    dropped: HashMap<Code, usize>,
    /// The records (`/events/3`) an error was dropped from.
    erred: std::collections::HashSet<String>,
    /// How many were given.
    seq: usize,
}

/// A diagnostic with its place in the cap's order.
#[derive(Debug)]
struct Ranked {
    key: (Option<usize>, Option<String>, String, usize),
    d: Diagnostic,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

/// The record a diagnostic is in (its pointer's second segment), as the cap orders them.
pub(crate) fn record_index(d: &Diagnostic) -> Option<usize> {
    d.pointer.as_deref()?.split('/').nth(2)?.parse().ok()
}

impl Bounded {
    pub(crate) fn new(max: usize) -> Self {
        Self {
            max,
            ..Self::default()
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        let seq = self.seq;
        self.seq += 1;
        if self.max == 0 || d.severity != super::Severity::Error {
            self.rest.push((seq, d));
            return;
        }
        let code = d.code;
        let ranked = Ranked {
            key: (record_index(&d), d.pointer.clone(), d.message.clone(), seq),
            d,
        };
        let heap = self.kept.entry(code).or_default();
        heap.push(ranked);
        if heap.len() > self.max + 1
            && let Some(out) = heap.pop()
        {
            *self.dropped.entry(code).or_default() += 1;
            if let Some(record) = out
                .d
                .pointer
                .as_deref()
                .and_then(super::acknowledge::record_of)
            {
                self.erred.insert(record.to_owned());
            }
        }
    }

    /// The diagnostics kept, in the order they came in; the errors dropped, by code; and the
    /// records (`/events/3`) errors were dropped from, which have an error although none of
    /// theirs may be among those kept.
    pub(crate) fn finish(
        self,
    ) -> (
        Vec<Diagnostic>,
        Vec<(Code, usize)>,
        std::collections::HashSet<String>,
    ) {
        let mut all = self.rest;
        for heap in self.kept.into_values() {
            all.extend(heap.into_iter().map(|r| (r.key.3, r.d)));
        }
        all.sort_unstable_by_key(|(seq, _)| *seq);
        let kept = all.into_iter().map(|(_, d)| d).collect();
        (kept, by_code(self.dropped), self.erred)
    }
}

/// Adds the errors a [`Budget`] dropped in `file` to their counts in `omitted`, where [`apply`]
/// put the error of the same code it left out first.
pub(crate) fn add_dropped(
    omitted: &mut Vec<Omitted>,
    file: &std::path::Path,
    dropped: &[(Code, usize)],
) {
    for &(code, count) in dropped {
        match omitted
            .iter_mut()
            .find(|o| o.code == code && o.file == file && !o.acknowledged)
        {
            Some(o) => o.count += count,
            None => omitted.push(Omitted {
                file: file.to_owned(),
                code,
                count,
                acknowledged: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn d(file: &str, code: Code) -> Diagnostic {
        Diagnostic::new(code, file, "x")
    }

    /// Errors of a code past the cap from earlier records are dropped and counted; the
    /// current record's are kept until the next; warnings, and everything with no cap, kept.
    #[test]
    fn a_budget_drops_only_errors_already_past_the_cap() {
        let warning = || d("f", Code::ImposerIsGroup);
        let mut budget = Budget::new(2);
        for record in 0..5 {
            let mut found = vec![d("f", Code::Schema), d("f", Code::Schema), warning()];
            budget.admit(&mut found);
            // Records 0 and 1 bring four errors: more than two, so from record 2 on they go.
            let schema = found.iter().filter(|d| d.code == Code::Schema).count();
            assert_eq!(schema, if record < 2 { 2 } else { 0 }, "record {record}");
            assert!(found.iter().any(|d| d.code == Code::ImposerIsGroup));
            budget.next_record();
        }
        assert_eq!(budget.dropped(), vec![(Code::Schema, 6)]);
        let mut none = Budget::new(0);
        let mut found = vec![d("f", Code::Schema); 5];
        none.admit(&mut found);
        none.next_record();
        none.admit(&mut found);
        assert_eq!(found.len(), 5);
        assert_eq!(none.dropped(), Vec::new());
    }

    /// Capping record by record, then as a whole, keeps and counts what capping the whole
    /// does, its counts in the same order: one `invalid-date` in every record fills the cap,
    /// and a `schema` error after it in each record from the cap's on is left out after the
    /// next `invalid-date`, which must then still be there to be counted first.
    #[test]
    fn a_budget_then_the_cap_is_the_cap() {
        for max in [1, 2, 3, 7] {
            let record = |r: usize| {
                let at = |code, k: usize| d("f", code).at(format!("/events/{r}/{k}"));
                let mut found = vec![at(Code::InvalidDate, 0)];
                if r >= max {
                    found.push(at(Code::Schema, 1));
                }
                found
            };
            let whole = apply((0..40).flat_map(record).collect(), max);
            let mut budget = Budget::new(max);
            let mut kept = Vec::new();
            for r in 0..40 {
                let mut found = record(r);
                budget.admit(&mut found);
                kept.extend(found);
                budget.next_record();
            }
            let (kept, mut omitted) = apply(kept, max);
            add_dropped(&mut omitted, Path::new("f"), &budget.dropped());
            assert_eq!(whole.1[0].code, Code::InvalidDate);
            assert_eq!((kept, omitted), whole, "max {max}");
        }
    }

    /// Errors collected in any order, bounded, then capped, are what capping them all in the
    /// cap's order keeps and counts (ties, in the order they came in, included), and the
    /// records they were dropped from are known; warnings are never dropped.
    #[test]
    fn bounded_then_the_cap_is_the_cap() {
        // Records 0..30, each with a `schema` error at two pointers, one of them given twice
        // (a tie), and an `invalid-date` in every other record; given in a scrambled order.
        let mut all = Vec::new();
        for r in 0..30 {
            let at = |code, k: usize| d("f", code).at(format!("/events/{r}/{k}"));
            all.push(at(Code::Schema, 1));
            all.push(at(Code::Schema, 0));
            all.push(at(Code::Schema, 0).with_help(format!("tie {r}")));
            if r % 2 == 1 {
                all.push(at(Code::InvalidDate, 2));
            }
            all.push(at(Code::ImposerIsGroup, 3));
        }
        let scrambled: Vec<Diagnostic> = (0..all.len())
            .map(|i| all[(i * 37) % all.len()].clone())
            .collect();
        // 37 is prime and does not divide the length: every error is given once.
        assert_ne!(all.len() % 37, 0);
        for max in [1, 2, 5, 40] {
            let in_order = |list: Vec<Diagnostic>| {
                let mut keyed: Vec<(usize, Diagnostic)> = list.into_iter().enumerate().collect();
                keyed.sort_by(|(a, da), (b, db)| {
                    (record_index(da), &da.pointer, da.code, &da.message, a).cmp(&(
                        record_index(db),
                        &db.pointer,
                        db.code,
                        &db.message,
                        b,
                    ))
                });
                keyed.into_iter().map(|(_, d)| d).collect::<Vec<_>>()
            };
            let whole = apply(in_order(scrambled.clone()), max);
            let mut bounded = Bounded::new(max);
            for d in scrambled.clone() {
                bounded.push(d);
            }
            let (kept, dropped, erred) = bounded.finish();
            assert_eq!(
                kept.iter()
                    .filter(|d| d.code == Code::ImposerIsGroup)
                    .count(),
                30
            );
            let (kept, mut omitted) = apply(in_order(kept), max);
            add_dropped(&mut omitted, Path::new("f"), &dropped);
            assert_eq!((kept, omitted), whole, "max {max}");
            assert_eq!(erred.is_empty(), dropped.is_empty(), "max {max}");
            assert!(
                erred
                    .iter()
                    .all(|r| r.starts_with("/events/") && r.matches('/').count() == 2)
            );
        }
    }

    #[test]
    fn each_file_and_each_code_is_capped_and_the_rest_counted() {
        let mut all = Vec::new();
        all.extend((0..5).map(|_| d("a.json", Code::Schema)));
        all.extend((0..2).map(|_| d("a.json", Code::InvalidDate)));
        all.extend((0..3).map(|_| d("b.json", Code::Schema)));
        let (kept, omitted) = apply(all, 3);
        // a.json: 3 schema, then the file is full; b.json: 3 schema.
        assert_eq!(kept.len(), 6);
        assert_eq!(
            omitted,
            [
                Omitted {
                    file: "a.json".into(),
                    code: Code::Schema,
                    count: 2,
                    acknowledged: false,
                },
                Omitted {
                    file: "a.json".into(),
                    code: Code::InvalidDate,
                    count: 2,
                    acknowledged: false,
                },
            ]
        );
    }

    #[test]
    fn acknowledged_warnings_are_capped_apart_and_say_so() {
        let ack = |_| {
            let mut d = d("a.json", Code::ImposerIsGroup);
            d.acknowledged = Some("the source says so".into());
            d
        };
        let mut all: Vec<_> = (0..5).map(ack).collect();
        all.extend((0..2).map(|_| d("a.json", Code::ImposerIsGroup)));
        let (kept, omitted) = apply(all, 3);
        // Three of each kind are kept: the acknowledged ones do not use up the warnings' share.
        assert_eq!(kept.iter().filter(|d| d.acknowledged.is_some()).count(), 3);
        assert_eq!(kept.iter().filter(|d| d.acknowledged.is_none()).count(), 2);
        assert_eq!(
            omitted,
            [Omitted {
                file: "a.json".into(),
                code: Code::ImposerIsGroup,
                count: 2,
                acknowledged: true,
            }]
        );
    }

    #[test]
    fn zero_means_no_cap() {
        let all: Vec<_> = (0..50).map(|_| d("a.json", Code::Schema)).collect();
        let (kept, omitted) = apply(all, 0);
        assert_eq!(kept.len(), 50);
        assert!(omitted.is_empty());
    }
}
