//! Lists read at their own length.
//!
//! serde reads a `Vec` by pushing onto an empty one, and the first push reserves room for
//! four elements: a record's list of one citation held three more. Nearly every list in the
//! dataset has one or two elements, and a million records hold millions of lists, so that
//! room was about a tenth of a large dataset's memory once read. Every `Vec` field of the
//! model reads through [`vec`] instead (a test below holds the model's files to it), which
//! doubles from one: a list of one or two has no room to spare, a longer one at most its own
//! length.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

/// Reads a sequence into a `Vec` whose capacity is its length for one or two elements, and at
/// most twice its length otherwise. Errors are serde's own for a `Vec` ("expected a sequence").
pub(crate) fn vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut list = Vec::new();
            while let Some(element) = seq.next_element()? {
                if list.len() == list.capacity() {
                    list.reserve_exact(list.capacity().max(1));
                }
                list.push(element);
            }
            Ok(list)
        }
    }

    deserializer.deserialize_seq(Exact(PhantomData))
}

#[cfg(test)]
mod tests {
    use crate::model::{Event, Id};

    #[test]
    fn lists_are_read_at_their_length() {
        let read = |n: usize| -> Vec<Id> {
            let ids: Vec<String> = (0..n).map(|i| format!("\"id-{i}\"")).collect();
            let json = format!("[{}]", ids.join(","));
            let mut de = serde_json::Deserializer::from_str(&json);
            super::vec(&mut de).unwrap()
        };
        for n in 0..40 {
            let list = read(n);
            assert_eq!(list.len(), n);
            assert!(list.capacity() <= n.max(2).next_power_of_two(), "{n}");
            if n <= 2 {
                assert_eq!(list.capacity(), n);
            }
        }
        let event: Event = serde_json::from_str(
            r#"{"id": "a-strike", "kind": "military_attack", "title": "A strike", "date": "2022-10-17",
                "summary": "Drones struck.", "citations": [{"source": "an-article"}],
                "reported_by": ["one", "two", "three"]}"#,
        )
        .unwrap();
        assert_eq!(event.citations.capacity(), 1);
        assert_eq!(event.reported_by.capacity(), 4);
    }

    #[test]
    fn a_list_that_is_not_a_list_is_refused_as_before() {
        let mut de = serde_json::Deserializer::from_str(r#""x""#);
        let err = super::vec::<_, Id>(&mut de).unwrap_err().to_string();
        let serde_own = serde_json::from_str::<Vec<Id>>(r#""x""#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, serde_own);
    }

    /// Every `Vec` field of the model's records reads through [`super::vec`]: the attribute is
    /// on the lines just above each one.
    #[test]
    fn every_list_of_the_model_is_read_at_its_length() {
        let files = [
            include_str!("actor.rs"),
            include_str!("claim.rs"),
            include_str!("event.rs"),
            include_str!("quote.rs"),
            include_str!("sanction.rs"),
            include_str!("source.rs"),
            include_str!("citation.rs"),
            include_str!("lifecycle.rs"),
        ];
        let mut fields = 0;
        for text in files {
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.trim_start().starts_with("pub ") && line.contains(": Vec<") {
                    fields += 1;
                    // The lines between the field's doc comment and the field: its attributes.
                    let attributes = lines[..i]
                        .iter()
                        .rev()
                        .map(|l| l.trim())
                        .take_while(|l| !l.starts_with("///") && !l.starts_with("pub "))
                        .any(|l| l.contains("exact::vec"));
                    assert!(attributes, "not read at its length: {}", line.trim());
                }
            }
        }
        assert!(fields >= 36, "{fields}");
    }
}
