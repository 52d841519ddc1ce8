//! "Did you mean …?": the nearest id by edit distance, or the id a short name begins or ends.
//!
//! Small candidate sets (field names, vocabulary values) are scanned with [`closest`]. The
//! ids of a dataset can number millions and every unresolved reference asks for one, so they
//! are searched through an [`IdIndex`], built once per run and only when a first reference
//! fails to resolve: a trigram index narrows the candidates, and a sorted list (and one of
//! reversed ids) finds an id by its first or last words (`jcpoa` → `jcpoa-2015`,
//! `heiran-nia` → `javad-heiran-nia`).

use crate::validate::maps::Map;

/// The Levenshtein distance between `a` and `b`, or `None` once it exceeds `max` (so long
/// strings that are obviously different cost little).
pub(crate) fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return distance_of(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_of(&a, &b, max)
}

fn distance_of<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    distance_banded(a, b, max, &mut Vec::new())
}

/// Levenshtein distance within `max`, computing only the cells at most `max` from the
/// diagonal (a path leaving that band costs more than `max` edits); `row` is a buffer reused
/// across calls, so comparing thousands of candidates allocates once.
///
/// A common prefix and suffix are left out first: they change no distance, and the ids
/// compared are often copies of one another that differ in a few characters at one end
/// (`…-debate-g12`, `…-debate-g13`), where the table would otherwise span the whole id.
fn distance_banded<T: PartialEq>(
    a: &[T],
    b: &[T],
    max: usize,
    row: &mut Vec<usize>,
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    const FAR: usize = usize::MAX / 2;
    // `row[j]` is the distance from a[..i] to b[..j]; cells outside the band hold FAR.
    row.clear();
    row.extend((0..=b.len()).map(|j| if j <= max { j } else { FAR }));
    for (i, ca) in a.iter().enumerate() {
        let lo = (i + 1).saturating_sub(max);
        let hi = (i + 1 + max).min(b.len());
        // The cell left of the band's first: the distance from a[..=i] to b[..lo - 1].
        let mut left = if lo == 0 { i + 1 } else { FAR };
        let mut diag = if lo == 0 { row[0] } else { row[lo - 1] };
        if lo == 0 {
            row[0] = i + 1;
        } else {
            row[lo - 1] = FAR;
        }
        let mut row_min = if lo == 0 { row[0] } else { FAR };
        for j in lo.max(1)..=hi {
            let up = row[j];
            let cost = usize::from(*ca != b[j - 1]);
            let cell = (diag + cost).min(up + 1).min(left + 1);
            diag = up;
            row[j] = cell;
            left = cell;
            row_min = row_min.min(cell);
        }
        if row_min > max {
            return None;
        }
    }
    Some(row[b.len()]).filter(|&d| d <= max)
}

/// How many edits make a likely typo of `target`: a third of its length, at least 1, at
/// most 4.
fn max_edits(target: &str) -> usize {
    (target.chars().count() / 3).clamp(1, 4)
}

/// The candidate closest to `target`, if one is close enough to be a likely typo: within a
/// third of the target's length (at least 1, at most 4 edits). Ties go to the smaller
/// candidate so the suggestion is stable.
pub(crate) fn closest<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max = max_edits(target);
    candidates
        .into_iter()
        .filter(|c| *c != target)
        .filter_map(|c| distance(target, c, max).map(|d| (d, c)))
        .min()
        .map(|(_, c)| c)
}

/// At most this many candidates are compared in full for one query. The trigram filter is
/// exact while the posting lists it reads are short (every real dataset); a dataset of
/// millions of near-identical ids could make them long, and the budget keeps each query's
/// cost bounded there (the suggestion is then the best among the most similar candidates).
const BUDGET: usize = 256;

/// At most this many postings are read for one query: whole lists, rarest first, while they
/// fit (or the first part of the rarest, when even that one does not).
const READ: usize = 1 << 12;

/// The ids of some records, indexed for suggestions.
#[derive(Default)]
pub(crate) struct IdIndex<'a> {
    ids: Vec<&'a str>,
    /// Trigram (of the id padded with `\0` at both ends) → positions in `ids`.
    grams: Map<[u8; 3], Vec<u32>>,
    /// Positions in `ids`, sorted by id.
    sorted: Vec<u32>,
    /// Positions in `ids`, sorted by the reversed id.
    reversed: Vec<u32>,
    /// A counter per id for [`IdIndex::nearest`], all zero between queries.
    counts: std::cell::RefCell<Vec<u16>>,
}

fn trigrams(id: &str) -> impl Iterator<Item = [u8; 3]> + '_ {
    let b = id.as_bytes();
    let n = b.len() + 2;
    let at = move |i: usize| {
        if i == 0 || i > b.len() { 0 } else { b[i - 1] }
    };
    (0..n.saturating_sub(2)).map(move |i| [at(i), at(i + 1), at(i + 2)])
}

impl<'a> IdIndex<'a> {
    /// Indexes `ids` (expected unique). They are sorted first, so that the index, and every
    /// suggestion, is the same whatever order the ids come in (a hash map's, which varies
    /// from run to run).
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ids: Vec<&'a str> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut grams: Map<[u8; 3], Vec<u32>> = Map::default();
        for (i, id) in ids.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let mut own: Vec<[u8; 3]> = trigrams(id).collect();
            own.sort_unstable();
            own.dedup();
            for g in own {
                grams.entry(g).or_default().push(i);
            }
        }
        let mut sorted: Vec<u32> = (0..ids.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        let mut reversed = sorted.clone();
        sorted.sort_unstable_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
        reversed.sort_unstable_by(|&a, &b| {
            ids[a as usize]
                .bytes()
                .rev()
                .cmp(ids[b as usize].bytes().rev())
        });
        IdIndex {
            ids,
            grams,
            sorted,
            reversed,
            counts: std::cell::RefCell::default(),
        }
    }

    /// The best suggestion for `target`: the nearest id within [`closest`]'s bound, else the
    /// shortest id that starts or ends with `target` as whole words.
    pub(crate) fn suggest(&self, target: &str) -> Option<(usize, &'a str)> {
        self.nearest(target)
            .or_else(|| self.by_words(target).map(|id| (usize::MAX, id)))
    }

    /// The nearest id within the typo bound, with its distance.
    ///
    /// A candidate within `k` edits of the target misses at most `3k` of the target's
    /// distinct trigrams (one edit breaks at most three). So, having read the posting lists
    /// of `m` of the target's trigrams, rarest first (as many as fit in [`READ`] postings),
    /// every such candidate is in at least `m - 3k` of them, and one in `c` of them is at least
    /// `⌈(m - c) / 3⌉` edits away. Candidates are compared in full most-shared first (at most
    /// [`BUDGET`]), and the search stops once that bound passes the best distance found. Ids
    /// that differ in a digit or two (`…-g12`, `…-g13`) share most trigrams, which is why the
    /// count matters and not only the union: each query costs at most `READ` postings and
    /// `BUDGET` comparisons, however many similar ids the dataset has.
    pub(crate) fn nearest(&self, target: &str) -> Option<(usize, &'a str)> {
        let max = max_edits(target);
        let mut own: Vec<[u8; 3]> = trigrams(target).collect();
        own.sort_unstable();
        own.dedup();
        let mut lists: Vec<&[u32]> = own
            .iter()
            .map(|g| self.grams.get(g).map_or(&[][..], Vec::as_slice))
            .collect();
        lists.sort_unstable_by_key(|l| l.len());
        // Byte trigrams: the bound holds for ASCII targets (every valid id); for any other,
        // any candidate that holds one of them is compared.
        let ascii = target.is_ascii();
        // How many of the lists read hold each id: a counter per id, kept between queries;
        // only the ids touched are visited and reset.
        let mut counts = self.counts.borrow_mut();
        counts.resize(self.ids.len(), 0);
        let mut touched: Vec<u32> = Vec::new();
        let mut total = 0;
        // Lists read whole: the counts below are over these.
        let mut read: usize = 0;
        let mut truncated = false;
        for list in &lists {
            let mut list = *list;
            if total + list.len() > READ {
                // Lists read so far may all be empty (trigrams no id has): then part of this
                // one is still read.
                if total > 0 {
                    break;
                }
                // Even the rarest list is long: part of it (the search is then approximate).
                list = &list[..READ];
                truncated = true;
            }
            total += list.len();
            for &i in list {
                let c = &mut counts[i as usize];
                if *c == 0 {
                    touched.push(i);
                }
                *c = c.saturating_add(1);
            }
            if truncated {
                break;
            }
            read += 1;
        }
        // Every candidate within `max` edits holds at least `read - 3·max` of the lists read;
        // when fewer than `3·max + 1` were read, some may hold none (the search is then
        // approximate: the best among those found).
        let least = if ascii && !truncated {
            read.saturating_sub(3 * max).max(1)
        } else {
            1
        };
        let mut candidates: Vec<(usize, u32)> = Vec::new();
        for i in touched {
            let c = std::mem::take(&mut counts[i as usize]);
            if usize::from(c) >= least {
                candidates.push((usize::from(c), i));
            }
        }
        drop(counts);
        // The nearest first, as far as can be told without comparing: a candidate missing `n`
        // of the lists read is at least `⌈n / 3⌉` edits away, and at least the difference of
        // the lengths. Ties go to the one sharing more lists, then to the smaller id, so the
        // budget keeps the same candidates in every run.
        let bound = |count: usize, i: u32| {
            let missed = read.saturating_sub(count).div_ceil(3);
            missed.max(self.ids[i as usize].len().abs_diff(target.len()))
        };
        let key = |&(count, i): &(usize, u32)| (bound(count, i), std::cmp::Reverse(count), i);
        // The first `BUDGET` by that order, then sorted: the keys are unique (they end with the
        // position), so this keeps the same candidates in the same order as sorting them all.
        if candidates.len() > BUDGET {
            candidates.select_nth_unstable_by_key(BUDGET, key);
            candidates.truncate(BUDGET);
        }
        candidates.sort_unstable_by_key(key);
        let bounded = ascii && !truncated;
        let mut row = Vec::new();
        let mut best: Option<(usize, &'a str)> = None;
        for (count, i) in candidates {
            // When every list read was read whole, the candidates come in the order of a true
            // lower bound, so the first one past the best ends the search; otherwise only the
            // length bound holds (for ASCII), candidate by candidate.
            let (lower, sorted_by_it) = if bounded {
                (bound(count, i), true)
            } else if ascii {
                (self.ids[i as usize].len().abs_diff(target.len()), false)
            } else {
                (0, false)
            };
            if lower > max || best.is_some_and(|(d, _)| lower > d) {
                if sorted_by_it {
                    break;
                }
                continue;
            }
            let c = self.ids[i as usize];
            if c == target {
                continue;
            }
            // Only a candidate as near as the best so far can still win (a tie goes to the
            // smaller id): the band narrows as the search goes.
            let within = best.map_or(max, |(d, _)| d.min(max));
            let d = if ascii && c.is_ascii() {
                distance_banded(target.as_bytes(), c.as_bytes(), within, &mut row)
            } else {
                distance(target, c, within)
            };
            if let Some(d) = d {
                best = Some(match best {
                    Some(b) if b <= (d, c) => b,
                    _ => (d, c),
                });
            }
        }
        best
    }

    /// The shortest (then smallest) id that begins with `target-` or ends with `-target`.
    fn by_words(&self, target: &str) -> Option<&'a str> {
        if target.is_empty() {
            return None;
        }
        let prefix = format!("{target}-");
        let start = self
            .sorted
            .partition_point(|&i| self.ids[i as usize] < prefix.as_str());
        let starts = self.sorted[start..]
            .iter()
            .map(|&i| self.ids[i as usize])
            .take_while(|id| id.starts_with(&prefix))
            .take(BUDGET);
        let suffix: Vec<u8> = format!("-{target}").bytes().rev().collect();
        let start = self.reversed.partition_point(|&i| {
            self.ids[i as usize]
                .bytes()
                .rev()
                .lt(suffix.iter().copied())
        });
        let ends = self.reversed[start..]
            .iter()
            .map(|&i| self.ids[i as usize])
            .take_while(|id| id.ends_with(&format!("-{target}")))
            .take(BUDGET);
        starts.chain(ends).min_by_key(|id| (id.len(), *id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole table, for reference.
    fn full(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    proptest! {
        #[test]
        fn the_band_gives_the_full_tables_distance(a in "[ab-]{0,12}", b in "[ab-]{0,12}", max in 0usize..6) {
            let want = Some(full(a.as_bytes(), b.as_bytes())).filter(|&d| d <= max);
            prop_assert_eq!(distance(&a, &b, max), want);
        }

        /// On fewer ids than the budget, the index is exact: it finds what a scan of every id
        /// finds, for ids that are copies of one another differing at either end.
        #[test]
        fn the_index_is_a_scan_on_few_ids(
            ends in proptest::collection::vec(("[ab]{0,3}", "[ab-]{0,3}"), 1..60),
            target in ("[ab]{0,3}", "[ab-]{0,3}"),
        ) {
            let id = |(head, tail): &(String, String)| format!("{head}atlantic-council{tail}");
            let ids: Vec<String> = ends.iter().map(id).collect();
            let target = id(&target);
            let index = IdIndex::new(ids.iter().map(String::as_str));
            let scan = closest(&target, ids.iter().map(String::as_str));
            prop_assert_eq!(index.nearest(&target).map(|(_, id)| id), scan);
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting", 5), Some(3));
        assert_eq!(distance("iran", "iran", 0), Some(0));
        assert_eq!(distance("iran", "ukraine", 2), None);
        assert_eq!(distance("é", "e", 1), Some(1));
    }

    #[test]
    fn suggestions() {
        let ids = ["iran", "russia", "ukraine", "amir-abdollahian"];
        assert_eq!(closest("irann", ids), Some("iran"));
        assert_eq!(closest("amir-abdolahian", ids), Some("amir-abdollahian"));
        assert_eq!(closest("china", ids), None);
    }

    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let ids: Vec<String> = (0..2000)
            .map(|i| format!("event-number-{i}-{}", ["a", "bb", "ccc"][i % 3]))
            .chain(["iran", "russia", "ukraine", "amir-abdollahian"].map(String::from))
            .collect();
        let index = IdIndex::new(ids.iter().map(String::as_str));
        for target in [
            "irann",
            "amir-abdolahian",
            "event-number-17-bb",
            "event-numbr-1999-a",
            "evnt-number-5-ccc",
            "china",
            "x",
        ] {
            let scan = closest(target, ids.iter().map(String::as_str));
            assert_eq!(index.nearest(target).map(|(_, id)| id), scan, "{target}");
        }
    }

    #[test]
    fn many_similar_ids_still_give_the_nearest_whatever_their_order() {
        for n in [900, 4100] {
            let mut ids: Vec<String> = (0..n).map(|i| format!("src-g{i}")).collect();
            let want = closest("srcg0x", ids.iter().map(String::as_str)).map(str::to_owned);
            assert_eq!(want.as_deref(), Some("src-g0"));
            let first = IdIndex::new(ids.iter().map(String::as_str))
                .suggest("srcg0x")
                .map(|(d, id)| (d, id.to_owned()));
            ids.reverse();
            let reversed = IdIndex::new(ids.iter().map(String::as_str))
                .suggest("srcg0x")
                .map(|(d, id)| (d, id.to_owned()));
            assert_eq!(first.as_ref().map(|(_, id)| id.clone()), want, "{n} ids");
            assert_eq!(
                first, reversed,
                "{n} ids: the order they come in does not matter"
            );
        }
        let ids: Vec<String> = (0..950)
            .map(|i| format!("atlantic-council-drone-sales-debate-g{i}"))
            .collect();
        let index = IdIndex::new(ids.iter().map(String::as_str));
        assert_eq!(
            index.nearest("atlantic-council-drone-sales-debateg0x"),
            Some((2, "atlantic-council-drone-sales-debate-g0"))
        );
    }

    #[test]
    fn an_id_by_its_first_or_last_words() {
        let ids = ["jcpoa-2015", "javad-heiran-nia", "iran", "jcpoa-2015-annex"];
        let index = IdIndex::new(ids);
        assert_eq!(index.suggest("jcpoa"), Some((usize::MAX, "jcpoa-2015")));
        assert_eq!(
            index.suggest("heiran-nia"),
            Some((usize::MAX, "javad-heiran-nia"))
        );
        assert_eq!(index.suggest("irn"), Some((1, "iran")));
        assert_eq!(index.suggest("nia"), Some((usize::MAX, "javad-heiran-nia")));
        assert_eq!(index.suggest("tehran"), None);
    }
}
