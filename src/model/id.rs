//! Record identifiers.

use super::checked::checked_string;

/// The longest id allowed, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// Whether `s` matches the pattern `^[a-z0-9]+(?:-[a-z0-9]+)*$` within [`MAX_ID_LEN`]: one
/// pass over the bytes, as every id and every reference of a dataset is checked on reading.
fn is_slug(s: &str) -> bool {
    if s.is_empty() || s.len() > MAX_ID_LEN {
        return false;
    }
    // Whether the last byte was a hyphen, or there was none yet (so a leading hyphen fails).
    let mut at_start = true;
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => at_start = false,
            b'-' if !at_start => at_start = true,
            _ => return false,
        }
    }
    !at_start
}

checked_string! {
    /// The id of a record: a human-readable lowercase slug such as `amir-abdollahian` or
    /// `drone-delivery-to-russia`.
    ///
    /// Ids are unique across the whole dataset (an actor and an event never share one), so a
    /// reference needs no collection name. They are stable: once released, an id is never reused
    /// for another record nor renamed outside a major version. They are made of lowercase ASCII
    /// letters and digits in groups joined by single hyphens, at most 64 bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use drone_dossier::Id;
    /// assert!(Id::new("amir-abdollahian").is_ok());
    /// assert!(Id::new("Amir Abdollahian").is_err());
    /// # #[cfg(feature = "embedded")] {
    /// // An id taken from one record is the key to the others.
    /// let data = drone_dossier::Dataset::embedded();
    /// let quote = data.quote("quote-amir-abdollahian-confirmation").unwrap();
    /// for about in &quote.about {
    ///     assert!(data.get(about).is_some(), "references point at records");
    /// }
    /// # }
    /// ```
    #[derive(PartialOrd, Ord)]
    Id,
    pattern = r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    check = |s| is_slug(s),
    expected = "an id: lowercase letters and digits in groups joined by single hyphens, at most 64 bytes",
    description = "A record id: a lowercase slug (letters a-z, digits, single hyphens between groups), at most 64 bytes, unique across the whole dataset and never reused or renamed outside a major version.",
    examples = ["amir-abdollahian", "drone-delivery-to-russia"],
    max_length = MAX_ID_LEN
}

checked_string! {
    /// An ISO 3166-1 alpha-2 country code, such as `IR`, `RU` or `UA`.
    #[derive(PartialOrd, Ord)]
    CountryCode,
    pattern = r"^[A-Z]{2}$",
    check = |s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
    expected = "an ISO 3166-1 alpha-2 country code (two capital letters, such as IR)",
    description = "An ISO 3166-1 alpha-2 country code: two capital letters.",
    examples = ["IR", "RU", "UA"]
}

checked_string! {
    /// A BCP 47 language tag such as `en`, `fa` or `ru`.
    #[derive(PartialOrd, Ord)]
    LanguageTag,
    pattern = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$",
    check = |s| {
        let mut parts = s.split('-');
        let primary = parts.next().unwrap_or_default();
        (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    },
    expected = "a BCP 47 language tag (such as en, fa or ru)",
    description = "A BCP 47 language tag: a two- or three-letter lowercase language code, optionally followed by subtags.",
    examples = ["en", "fa", "ru"]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_slugs() {
        for good in [
            "iran",
            "amir-abdollahian",
            "resolution-2231",
            "1979-revolution",
            "a",
        ] {
            assert!(Id::new(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Iran",
            "amir_abdollahian",
            "-iran",
            "iran-",
            "ir--an",
            "iran ",
            "ирaн",
            &"a".repeat(65),
        ] {
            assert!(Id::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    /// The pattern, written the plain way: groups split on hyphens.
    fn slug_by_groups(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= MAX_ID_LEN
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_check_is_the_pattern(s in "[a-z0-9-]{0,70}|[a-zA-Z0-9_ -]{0,8}|\\PC{0,6}") {
            proptest::prop_assert_eq!(is_slug(&s), slug_by_groups(&s), "{:?}", s);
        }
    }

    #[test]
    fn ids_reject_bad_input_in_json_with_a_reason() {
        let err = serde_json::from_str::<Id>("\"Bad Id\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`Bad Id` is not an id"), "{err}");
    }

    #[test]
    fn country_codes_and_language_tags() {
        assert!(CountryCode::new("IR").is_ok());
        assert!(CountryCode::new("ir").is_err());
        assert!(CountryCode::new("IRN").is_err());
        assert!(LanguageTag::new("fa").is_ok());
        assert!(LanguageTag::new("en-GB").is_ok());
        assert!(LanguageTag::new("EN").is_err());
        assert!(LanguageTag::new("e").is_err());
    }
}
