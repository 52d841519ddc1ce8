//! Where words that are not in a stored text come closest to it: the help of an excerpt or
//! quote that is not on its line, when typography alone does not explain it (that is
//! `typographic-mismatch`). A contributor who typed `profited` for `benefited`, or a double
//! space, learns which words differ instead of only that the excerpt is "nowhere".

/// The fewest characters a shared start or end must have to be worth pointing at.
const SHARED: usize = 12;

/// How many characters of each side are shown from where they part.
const SHOWN: usize = 32;

/// How `needle` comes closest to one of `lines` (each with its number), in words, if it does.
pub(crate) fn near_miss<'l>(
    lines: impl IntoIterator<Item = (usize, &'l str)>,
    needle: &str,
) -> Option<String> {
    if needle.trim().is_empty() {
        return None;
    }
    let lines: Vec<(usize, &str)> = lines.into_iter().collect();
    // Letter case, then spacing: the line holds the words, written otherwise.
    for (n, line) in &lines {
        if let Some(found) = window(line, needle, |a, b| a.to_lowercase().eq(b.to_lowercase())) {
            return Some(format!(
                "line {n} has these words in other letter case: `{found}`"
            ));
        }
    }
    for (n, line) in &lines {
        if collapse(line).contains(&collapse(needle)) {
            return Some(format!(
                "line {n} has these words with other spacing (one space between words)"
            ));
        }
    }
    // The longest start the needle shares with a line, then the longest end.
    let best = lines
        .iter()
        .filter_map(|&(n, line)| Some((n, line, shared_start(line, needle)?)))
        .max_by_key(|&(_, _, (len, _))| len);
    if let Some((n, line, (len, at))) = best.filter(|&(_, _, (len, _))| len >= SHARED) {
        // From the start of the word where the two part.
        let from = needle[..len].rfind(' ').map_or(0, |i| i + 1);
        let text = &line[at + from..];
        if text.is_empty() {
            return Some(format!(
                "line {n} ends after `{}`: the rest of the excerpt is not there",
                cut(&needle[..len])
            ));
        }
        return Some(format!(
            "line {n} has `{}` where these words have `{}`",
            cut(text.trim_start()),
            cut(needle[from..].trim_start())
        ));
    }
    let best = lines
        .iter()
        .filter_map(|&(n, line)| Some((n, line, shared_end(line, needle)?)))
        .max_by_key(|&(_, _, (len, _))| len);
    let (n, line, (len, at)) = best.filter(|&(_, _, (len, _))| len >= SHARED)?;
    // Up to the end of the word where the two part.
    let upto = needle.len() - len;
    let upto = needle[upto..].find(' ').map_or(needle.len(), |i| upto + i);
    let end = at + (upto - (needle.len() - len));
    Some(format!(
        "line {n} has `{}` where these words have `{}`",
        cut_end(&line[..end]),
        cut_end(&needle[..upto])
    ))
}

/// The text of the first window of `line` as long as `needle` (in characters) whose
/// characters all `same` the needle's.
fn window(line: &str, needle: &str, same: impl Fn(char, char) -> bool) -> Option<String> {
    let line: Vec<char> = line.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() || needle.len() > line.len() || too_costly(line.len(), needle.len()) {
        return None;
    }
    (0..=line.len() - needle.len())
        .map(|start| &line[start..start + needle.len()])
        .find(|w| w.iter().zip(&needle).all(|(a, b)| same(*a, *b)))
        .map(|w| w.iter().collect())
}

/// Whether comparing `needle` at every place of `line` costs more than help is worth: the
/// comparison is their lengths multiplied, and a hostile pair (a line of 80,000 `a`s, an
/// excerpt of 40,000 and an `X`) would take seconds each. Real lines and excerpts are a few
/// hundred characters.
pub(crate) fn too_costly(line: usize, needle: usize) -> bool {
    line.saturating_mul(needle) > 20_000_000
}

/// The text with every run of whitespace made one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest start of `needle` that `line` holds (in bytes, at a character boundary) and
/// where in `line` it is. Holding a start means holding every shorter one, so it is found by
/// halving.
fn shared_start(line: &str, needle: &str) -> Option<(usize, usize)> {
    let ends: Vec<usize> = needle
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if line.contains(&needle[..ends[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let len = *ends.get(lo.checked_sub(1)?)?;
    Some((len, line.find(&needle[..len])?))
}

/// The longest end of `needle` that `line` holds (in bytes) and where in `line` it starts.
fn shared_end(line: &str, needle: &str) -> Option<(usize, usize)> {
    let starts: Vec<usize> = needle.char_indices().map(|(i, _)| i).rev().collect();
    let (mut lo, mut hi) = (0, starts.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if line.contains(&needle[starts[mid - 1]..]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let start = *starts.get(lo.checked_sub(1)?)?;
    Some((needle.len() - start, line.rfind(&needle[start..])?))
}

/// The first [`SHOWN`] characters of `s` (whole words where there is a space), with `…` when
/// there is more.
fn cut(s: &str) -> String {
    match s.char_indices().nth(SHOWN) {
        Some((i, _)) => {
            let words = s[..i].rfind(' ').filter(|&j| j > 0).unwrap_or(i);
            format!("{}…", s[..words].trim_end())
        }
        None => s.to_owned(),
    }
}

/// The last [`SHOWN`] characters of `s` (whole words where there is a space), with `…` when
/// there is more before them.
fn cut_end(s: &str) -> String {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(SHOWN)) {
        Some((i, _)) if i > 0 => {
            let words = s[i..].find(' ').map_or(i, |j| i + j);
            format!("…{}", s[words..].trim_start())
        }
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::near_miss;

    const LINE: &str =
        "Some believe that Russia benefited from hampering Iran’s return to the JCPOA.";

    fn near(needle: &str) -> Option<String> {
        near_miss([(8, LINE)], needle)
    }

    #[test]
    fn a_changed_word_is_shown_beside_the_text() {
        assert_eq!(
            near("Some believe that Russia profited from hampering").as_deref(),
            Some(
                "line 8 has `benefited from hampering Iran’s…` where these words have `profited from hampering`"
            )
        );
        // Changed at the start: the shared end says where.
        assert_eq!(
            near("Many believe that Russia benefited from hampering").as_deref(),
            Some("line 8 has `Some` where these words have `Many`")
        );
        assert_eq!(
            near("Russia benefited from hampering Iran’s return to the JCPOA and more").as_deref(),
            Some("line 8 has `JCPOA.` where these words have `JCPOA and more`")
        );
    }

    #[test]
    fn case_and_spacing_are_named() {
        assert_eq!(
            near("russia benefited").as_deref(),
            Some("line 8 has these words in other letter case: `Russia benefited`")
        );
        assert_eq!(
            near("Russia  benefited").as_deref(),
            Some("line 8 has these words with other spacing (one space between words)")
        );
    }

    #[test]
    fn words_with_nothing_in_common_get_nothing() {
        assert_eq!(near("The drones arrived in August"), None);
        assert_eq!(near(""), None);
        // The best of several lines.
        let lines = [(1, "Nothing like it."), (2, LINE)];
        assert!(
            near_miss(lines, "that Russia benefited from hindering")
                .unwrap()
                .starts_with("line 2 has `hampering")
        );
    }
}
