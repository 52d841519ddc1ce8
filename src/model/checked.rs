//! String newtypes whose values are checked when parsed.
//!
//! Ids, country codes and language tags travel as plain JSON strings, but a typed value is
//! always well formed: deserialising a malformed one fails with a message that says why. The
//! JSON Schema carries the same rule as a `pattern`, so outside tools enforce it too.

/// Defines a string newtype with a checker, serde, `Display`, `FromStr`, `AsRef<str>` and
/// (with the `schema` feature) a JSON Schema with the given pattern and description, and the
/// `maxLength` when one is given.
macro_rules! checked_string {
    (
        $(#[$meta:meta])*
        $name:ident, pattern = $pattern:expr, check = $check:expr, expected = $expected:literal,
        description = $description:literal, examples = [$($example:literal),*]
        $(, max_length = $max:expr)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The regular expression the JSON Schema uses for this type.
            pub const PATTERN: &'static str = $pattern;

            /// What a value of this type looks like, in words (for error messages).
            pub const EXPECTED: &'static str = $expected;

            /// Checks `value` and wraps it.
            pub fn new(value: impl Into<String>) -> Result<Self, $crate::model::InvalidString> {
                let value = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err($crate::model::InvalidString { value, expected: $expected })
                }
            }

            /// The string itself.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::InvalidString;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                #[allow(unused_mut)]
                let mut schema = schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $description,
                    "examples": [$($example),*]
                });
                // A regular expression cannot bound a length cheaply; `maxLength` does, so
                // outside tools refuse the same over-long values the checker refuses.
                $(schema.insert("maxLength".into(), serde_json::json!($max));)?
                schema
            }
        }
    };
}

pub(crate) use checked_string;

/// A string that does not have the form its type requires.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not {expected}")]
pub struct InvalidString {
    /// The rejected string.
    pub value: String,
    /// What was expected, in words.
    pub expected: &'static str,
}
