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

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Map<String, usize> = Map::default();
    for (i, a) in index.actors.iter().enumerate() {
        let names = std::iter::once(("/name".to_owned(), &a.record.name)).chain(
            a.record
                .aliases
                .iter()
                .enumerate()
                .map(|(j, alias)| (format!("/aliases/{j}"), alias)),
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
                        .at(format!("{}{pointer}", a.at.pointer()))
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
    use super::normalise;

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
