//! Two actors whose normalised names or aliases are the same are likely one actor recorded
//! twice. A warning, since two people can share a name.

use std::hash::BuildHasher;

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
    let hasher = foldhash::fast::RandomState::default();
    check_hashed(index, out, |key| hasher.hash_one(key));
}

/// [`check`], with the hash of names given (the tests make every name collide).
fn check_hashed(index: &Index<'_>, out: &mut Vec<Diagnostic>, hash: impl Fn(&str) -> u64) {
    // The first actor with each name, by the name's hash: a million records hold 800,000
    // names, 50 MB as strings. A hash is only a hint: the actor it leads to is checked to
    // have the name, and a name whose hash another name already holds is kept as itself in
    // `spill` (which a 64-bit hash, seeded per process, makes all but never needed).
    let mut seen: Map<u64, usize> = Map::default();
    let mut spill: Map<String, usize> = Map::default();
    let has_name = |actor: usize, key: &str| {
        let a = index.actors[actor].record;
        std::iter::once(&a.name)
            .chain(&a.aliases)
            .any(|name| normalise(name) == key)
    };
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
            let hash = hash(&key);
            let first = match seen.get(&hash) {
                Some(&other) if has_name(other, &key) => Some(other),
                Some(_) => spill.get(&key).copied(),
                None => None,
            };
            match first {
                Some(other) if other != i => {
                    let other = &index.actors[other].record;
                    out.push(
                        Diagnostic::new(
                            Code::NameCollision,
                            index.path(a.at.file),
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
                // The first actor with this name (or, as `own` is checked first, never this
                // one again).
                _ => match seen.entry(hash) {
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(i);
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {
                        spill.insert(key.clone(), i);
                    }
                },
            }
            own.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{check, check_hashed, normalise, normalise_ascii, normalise_unicode};
    use crate::model::{Actor, DataFile};
    use crate::validate::rules::{At, Index, Rec};
    use proptest::prelude::*;
    use std::path::Path;

    /// The actors of a dataset file, with more names copied from one to another.
    fn actors(dir: &str) -> Vec<Actor> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(dir)
            .join("actors.json");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut actors: Vec<Actor> = serde_json::from_value(value["actors"].clone()).unwrap();
        // An alias of the third actor's name on the first, and the first's on the last.
        let (first, third) = (actors[0].name.clone(), actors[2].name.clone());
        actors[0].aliases.push(format!("The {third}"));
        actors
            .last_mut()
            .unwrap()
            .aliases
            .push(first.to_uppercase());
        actors
    }

    /// A name told from another by its hash alone or by the name itself: the same warnings.
    #[test]
    fn colliding_hashes_give_the_same_warnings() {
        for dir in ["dataset", "tests/fixtures/invalid/name-collision"] {
            let actors = actors(dir);
            let index = Index {
                actors: actors
                    .iter()
                    .enumerate()
                    .map(|(record, a)| Rec {
                        at: At::new(DataFile::Actors, record),
                        record: a,
                    })
                    .collect(),
                ..Index::default()
            };
            let mut real = Vec::new();
            check(&index, &mut real);
            assert!(real.len() >= 2, "{dir}: {real:?}");
            for hash in [|_: &str| 0, |key: &str| key.len() as u64 % 3] {
                let mut colliding = Vec::new();
                check_hashed(&index, &mut colliding, hash);
                assert_eq!(real, colliding, "{dir}");
            }
        }
    }

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
