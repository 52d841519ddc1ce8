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
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
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
/// cost bounded there (the suggestion is then the best among the most specific candidates).
const BUDGET: usize = 4096;

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
    /// Indexes `ids` (expected unique).
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> Self {
        let ids: Vec<&'a str> = ids.into_iter().collect();
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
    /// distinct trigrams (one edit breaks at most three), so it holds at least one of any
    /// `3k + 1` of them: reading only the posting lists of the `3k + 1` rarest finds every
    /// candidate, and each is then compared in full.
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
        // Byte trigrams: the bound holds for ASCII targets (every valid id); read them all
        // for any other.
        let needed = if target.is_ascii() {
            (3 * max + 1).min(lists.len())
        } else {
            lists.len()
        };
        let mut seen: Vec<u32> = Vec::new();
        for list in &lists[..needed] {
            seen.extend_from_slice(list);
            if seen.len() >= BUDGET {
                break;
            }
        }
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter()
            .map(|i| self.ids[i as usize])
            .filter(|c| *c != target)
            .filter_map(|c| distance(target, c, max).map(|d| (d, c)))
            .min()
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
