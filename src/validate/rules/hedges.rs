//! A claim's hedge ("There is a view that", "Perhaps") belongs to a claim that only suggests,
//! and is the source's own words: it is in an excerpt the claim cites.

use super::Index;
use crate::model::Stance;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for c in &index.claims {
        let Some(hedge) = &c.record.hedge else {
            continue;
        };
        if c.record.stance != Stance::Suggests {
            out.push(
                Diagnostic::new(
                    Code::HedgeWithoutSuggests,
                    index.path(c.at.file),
                    format!(
                        "the claim is hedged, but its stance is `{}`",
                        match c.record.stance {
                            Stance::Affirms => "affirms",
                            Stance::Denies => "denies",
                            Stance::Suggests => "suggests",
                        }
                    ),
                )
                .at(format!("{}/hedge", c.at.pointer()))
                .with_help("a hedged assertion has stance `suggests`; or remove the hedge"),
            );
        }
        // Excerpts are checked against the stored texts (`--sources`), so a hedge found in one
        // is verbatim. A claim that cites no excerpt has nothing to hold its hedge to.
        let excerpts: Vec<&str> = c
            .record
            .citations
            .iter()
            .filter_map(|x| x.excerpt.as_deref())
            .collect();
        if !excerpts.is_empty() && !excerpts.iter().any(|e| holds_words(e, hedge)) {
            out.push(
                Diagnostic::new(
                    Code::HedgeNotInExcerpt,
                    index.path(c.at.file),
                    format!("the hedge `{hedge}` is in none of the claim's excerpts"),
                )
                .at(format!("{}/hedge", c.at.pointer()))
                .with_help(
                    "a hedge is the source's own hedging words, as written: copy them from the passage the claim cites, or cite the passage that holds them",
                ),
            );
        }
    }
}

/// Whether `text` holds `words` as whole words: not `gest` in "suggested".
fn holds_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        let inside = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let cuts_in = inside(before) && words.starts_with(char::is_alphanumeric);
        let cuts_out = inside(after) && words.ends_with(char::is_alphanumeric);
        !(cuts_in || cuts_out)
    })
}

#[cfg(test)]
mod tests {
    use super::holds_words;

    #[test]
    fn a_hedge_is_whole_words_of_the_excerpt() {
        let excerpt = "Some experts suggested that the minister had been kept in the dark.";
        assert!(holds_words(excerpt, "suggested"));
        assert!(holds_words(excerpt, "Some experts suggested"));
        assert!(!holds_words(excerpt, "gest"));
        assert!(!holds_words(excerpt, "e"));
        assert!(holds_words(
            "There is a view that… Perhaps",
            "There is a view that"
        ));
        assert!(holds_words("the United States believed that", "believed"));
    }
}
