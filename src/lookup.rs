//! Checked lookups: telling "no such id" from "no results".
//!
//! The list queries on [`Dataset`](crate::Dataset) (`quotes_by`, `claims_about`, ...) return an
//! empty list both for a real record with nothing to list and for a misspelt id. When that
//! difference matters, look the record up first with a `try_` method
//! ([`Dataset::try_get`](crate::Dataset::try_get), [`Dataset::try_actor`](crate::Dataset::try_actor),
//! ...): it returns a [`LookupError`] that names the id and, when one is close, the id the
//! caller probably meant. One design for every kind of record: a checked entry point, then the
//! infallible queries.

use std::fmt;

use crate::model::{Id, RecordKind};

/// Why a checked lookup found no record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// No record of any kind has this id.
    #[error("no record has the id `{}`{}", .id.escape_debug(), DidYouMean(.suggestion.as_ref()))]
    Unknown {
        /// The id that was looked up, as given.
        id: String,
        /// The closest id of the kind that was asked for, if one is close: a small typo
        /// (`amir-abdolahian`), or a word of the id (`heiran-nia` for `javad-heiran-nia`).
        suggestion: Option<Id>,
    },
    /// The id exists but names a record of another kind.
    #[error("`{id}` is {} {found}, not {} {expected}", article(*.found), article(*.expected))]
    WrongKind {
        /// The id that was looked up.
        id: Id,
        /// The kind that was asked for.
        expected: RecordKind,
        /// The kind of the record with this id.
        found: RecordKind,
    },
}

impl LookupError {
    /// The id that was looked up.
    pub fn id(&self) -> &str {
        match self {
            LookupError::Unknown { id, .. } => id,
            LookupError::WrongKind { id, .. } => id.as_str(),
        }
    }

    /// The id the caller probably meant, for an unknown id.
    pub fn suggestion(&self) -> Option<&Id> {
        match self {
            LookupError::Unknown { suggestion, .. } => suggestion.as_ref(),
            LookupError::WrongKind { .. } => None,
        }
    }
}

struct DidYouMean<'a>(Option<&'a Id>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, "; did you mean `{id}`?"),
            None => Ok(()),
        }
    }
}

fn article(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Actor | RecordKind::Event => "an",
        _ => "a",
    }
}

/// The candidate `wanted` most likely stands for: one that contains it as whole words
/// (`heiran-nia` in `javad-heiran-nia`, `jcpoa` in `jcpoa-2015`), else the nearest by edit
/// distance if the distance is small for the id's length. Ties go to the first in id order.
pub(crate) fn suggest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a Id>) -> Option<Id> {
    let wanted = wanted.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let mut candidates: Vec<&Id> = candidates.collect();
    candidates.sort();
    let words = |id: &str| format!("-{id}-");
    let by_words = candidates
        .iter()
        .filter(|c| words(c.as_str()).contains(&words(&wanted)))
        .min_by_key(|c| c.as_str().len());
    if let Some(c) = by_words {
        return Some((*c).clone());
    }
    let limit = (wanted.chars().count() / 4).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(&wanted, c.as_str()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A name in the form [`Dataset::actors_named`](crate::Dataset::actors_named) compares:
/// lowercase; hyphens, dashes and underscores read as spaces; typographic apostrophes and
/// quotation marks as ASCII ones; full stops dropped (`U.S.` is `us`); runs of white space
/// collapsed to one space and the ends trimmed.
pub(crate) fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '_' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '.' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<Id> {
        list.iter().map(|s| Id::new(*s).unwrap()).collect()
    }

    #[test]
    fn suggestions_find_typos_and_words() {
        let c = ids(&[
            "amir-abdollahian",
            "javad-heiran-nia",
            "jcpoa-2015",
            "iran",
            "iraq",
        ]);
        let s = |w: &str| suggest(w, c.iter()).map(|i| i.to_string());
        assert_eq!(s("amir-abdolahian").as_deref(), Some("amir-abdollahian"));
        assert_eq!(s("heiran-nia").as_deref(), Some("javad-heiran-nia"));
        assert_eq!(s("jcpoa").as_deref(), Some("jcpoa-2015"));
        assert_eq!(s("IRAN").as_deref(), Some("iran"));
        assert_eq!(s("nothing-like-it"), None);
        assert_eq!(s(""), None);
        // A fragment of a word is not a word.
        assert_eq!(s("abdoll"), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn names_normalise_case_space_dashes_and_quotes() {
        assert_eq!(normalise_name("  Javad   Heiran-Nia "), "javad heiran nia");
        assert_eq!(normalise_name("U.S."), "us");
        assert_eq!(normalise_name("Iran\u{2019}s"), "iran's");
        assert_eq!(
            normalise_name("Amir\u{2013}Abdollahian"),
            "amir abdollahian"
        );
        assert_eq!(normalise_name("ÉLYSÉE"), "élysée");
        assert_eq!(normalise_name(" - "), "");
    }

    #[test]
    fn errors_say_what_and_suggest() {
        let e = LookupError::Unknown {
            id: "amir-abdolahian".into(),
            suggestion: Some(Id::new("amir-abdollahian").unwrap()),
        };
        assert_eq!(
            e.to_string(),
            "no record has the id `amir-abdolahian`; did you mean `amir-abdollahian`?"
        );
        let e = LookupError::Unknown {
            id: "bad\u{1b}[31m".into(),
            suggestion: None,
        };
        assert_eq!(e.to_string(), "no record has the id `bad\\u{1b}[31m`");
        let e = LookupError::WrongKind {
            id: Id::new("iran").unwrap(),
            expected: RecordKind::Event,
            found: RecordKind::Actor,
        };
        assert_eq!(e.to_string(), "`iran` is an actor, not an event");
    }
}
