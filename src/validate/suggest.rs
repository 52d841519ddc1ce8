//! "Did you mean …?": the nearest id by edit distance.

/// The Levenshtein distance between `a` and `b`, or `None` once it exceeds `max` (so long
/// strings that are obviously different cost little).
pub(crate) fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
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

/// The candidate closest to `target`, if one is close enough to be a likely typo: within a
/// third of the target's length (at least 1, at most 4 edits). Ties go to the smaller id so
/// the suggestion is stable.
pub(crate) fn closest<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max = (target.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .filter(|c| *c != target)
        .filter_map(|c| distance(target, c, max).map(|d| (d, c)))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting", 5), Some(3));
        assert_eq!(distance("iran", "iran", 0), Some(0));
        assert_eq!(distance("iran", "ukraine", 2), None);
    }

    #[test]
    fn suggestions() {
        let ids = ["iran", "russia", "ukraine", "amir-abdollahian"];
        assert_eq!(closest("irann", ids), Some("iran"));
        assert_eq!(closest("amir-abdolahian", ids), Some("amir-abdollahian"));
        assert_eq!(closest("china", ids), None);
    }
}
