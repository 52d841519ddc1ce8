//! Two actors whose normalised names or aliases are the same are likely one actor recorded
//! twice. A warning, since two people can share a name.

use crate::validate::maps::Map;

use unicode_normalization::UnicodeNormalization;

use super::Index;
use crate::validate::{Code, Diagnostic};

/// NFC-normalised with default-ignorable characters dropped, then lowercase, letters and
/// digits only, words separated by single spaces, a leading "the" dropped: `The I.R.G.C.`
/// and `irgc` both become `irgc`, and `Jose\u{301}` (NFD) is `José` (NFC).
pub(crate) fn normalise(name: &str) -> String {
    if name.is_ascii() {
        normalise_ascii(name)
    } else {
        normalise_unicode(name)
    }
}

fn normalise_unicode(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name
        .chars()
        .filter(|c| !crate::escape::default_ignorable(*c))
        .nfc()
    {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '.' || c == '\'' || c == '’' {
            // Abbreviations and possessives: "U.S." is "us".
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// [`normalise`] for ASCII text, which has nothing to compose and no default-ignorable
/// character: the same result with one allocation (most names are ASCII).
fn normalise_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if b == b'.' || b == b'\'' {
            // Abbreviations and possessives, as in `normalise`.
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
    out
}

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Map<String, usize> = Map::default();
    for (i, a) in index.actors.iter().enumerate() {
        // The pointer of each name, written out only for a diagnostic.
        let names = std::iter::once((None, &a.record.name)).chain(
            a.record
                .aliases
                .iter()
                .enumerate()
                .map(|(j, alias)| (Some(j), alias)),
        );
        let mut own = Vec::new();
        for (pointer, name) in names {
            let key = normalise(name);
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            match seen.get(&key) {
                Some(&other) if other != i => {
                    let other = &index.actors[other].record;
                    out.push(
                        Diagnostic::new(
                            Code::NameCollision,
                            a.at.path,
                            format!(
                                "`{name}` is also a name of actor `{}`: a likely duplicate",
                                other.id
                            ),
                        )
                        .at(match pointer {
                            None => format!("{}/name", a.at.pointer()),
                            Some(j) => format!("{}/aliases/{j}", a.at.pointer()),
                        })
                        .with_help(format!(
                            "if `{}` and `{}` are the same actor, merge them; otherwise make the names distinct",
                            other.id, a.record.id
                        )),
                    );
                }
                _ => {
                    seen.insert(key.clone(), i);
                }
            }
            own.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{normalise, normalise_ascii, normalise_unicode};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_shortcut_agrees_with_the_general_path(name in "[ -~]{0,24}") {
            prop_assert_eq!(normalise_ascii(&name), normalise_unicode(&name));
        }

        #[test]
        fn the_ascii_shortcut_agrees_on_words(name in "(the|The|a|I\\.R\\.G\\.C\\.|Iran's|[ .'-]){0,6}") {
            prop_assert_eq!(normalise_ascii(&name), normalise_unicode(&name));
        }
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalise("The I.R.G.C."), "irgc");
        assert_eq!(normalise("  Amir-Abdollahian "), "amir abdollahian");
        assert_eq!(normalise("the"), "the");
        assert_eq!(normalise("Iran's Parliament"), "irans parliament");
    }

    #[test]
    fn invisible_and_decomposed_differences_do_not_count() {
        assert_eq!(normalise("Ir\u{200B}an"), normalise("Iran"));
        assert_eq!(normalise("Ira\u{200D}n\u{FEFF}"), "iran");
        assert_eq!(
            normalise("Jose\u{301} Mart\u{ED}"),
            normalise("Jos\u{E9} Marti\u{301}")
        );
        assert_eq!(normalise("Jose\u{301}"), "jos\u{E9}");
        // A visible difference still counts.
        assert_ne!(normalise("Iran"), normalise("Iraq"));
    }
}
