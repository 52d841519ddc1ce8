//! A serde deserializer that refuses what serde accepts but the schema does not.
//!
//! Typed-first reading of a whole file ([`super::records::read_whole`]) parses a collection
//! file straight into its model types in one pass, with no scan before it. That is only sound
//! for a record the scan would not have sent to the tree path (see [`super::records`]), so
//! this wrapper, put around serde_json's deserializer, fails on exactly what makes the scan
//! call a record *suspect*: `null` (serde reads it as an absent optional field), an empty
//! string or list (the schema has `minLength` or `minItems` 1 in most places), an array where
//! the model has a struct (serde fills a struct from an array, one element per field), and a
//! string that is the value of a member the schema types as a date, when the date layer
//! would report it (the model reads a future date; an invalid one it refuses anyway). It
//! also reads an enum (a vocabulary) only from a string: serde_json reads a unit variant from
//! `{"article": null}` too.
//!
//! A failure here is not a diagnostic: the caller drops what it read and reads the file the
//! way that explains every problem (scan, then record by record). So this wrapper may be
//! stricter than needed, never laxer.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use super::dates;

/// What the wrapper checks against, shared by every level of one file's reading.
pub(crate) struct Rules<'r> {
    path: &'r Path,
    date_keys: &'static [String],
    today: NaiveDate,
    /// Whether the value read next is the value of a member the schema types as a date: set
    /// by each key, cleared when a value starts (a string checks it; a list or an object
    /// clears it, as their strings are not that member's value).
    date_next: Cell<bool>,
}

impl<'r> Rules<'r> {
    pub(crate) fn new(path: &'r Path, date_keys: &'static [String], today: NaiveDate) -> Self {
        Rules {
            path,
            date_keys,
            today,
            date_next: Cell::new(false),
        }
    }

    /// Checks a string value; an error for one the scan would have sent to the tree path.
    fn string<E: de::Error>(&self, s: &str) -> Result<(), E> {
        if s.is_empty() {
            return Err(E::custom("an empty string"));
        }
        if self.date_next.replace(false) && dates::check_one(self.path, s, self.today).is_some() {
            return Err(E::custom("a date the date layer reports"));
        }
        Ok(())
    }

    /// Notes the key just read.
    fn key(&self, k: &str) {
        self.date_next.set(self.date_keys.iter().any(|d| d == k));
    }
}

/// The wrapper around a deserializer (serde_json's, or one of the nested ones it hands out).
pub(crate) struct Strict<'r, D> {
    de: D,
    rules: &'r Rules<'r>,
}

impl<'r, D> Strict<'r, D> {
    pub(crate) fn new(de: D, rules: &'r Rules<'r>) -> Self {
        Strict { de, rules }
    }
}

/// A visitor, wrapped: the values it is handed are checked, and the deserializers, lists and
/// maps it is handed are wrapped in turn. `is_struct`: it reads a struct, so an array is
/// refused.
struct Wrap<'r, V> {
    v: V,
    rules: &'r Rules<'r>,
    is_struct: bool,
}

impl<'r, V> Wrap<'r, V> {
    fn new(v: V, rules: &'r Rules<'r>) -> Self {
        Wrap {
            v,
            rules,
            is_struct: false,
        }
    }
}

/// Forwards `deserialize_*` methods that take only a visitor.
macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            self.de.$method(Wrap::new(v, self.rules))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_unit_struct(name, Wrap::new(v, self.rules))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_newtype_struct(name, Wrap::new(v, self.rules))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple(len, Wrap::new(v, self.rules))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_tuple_struct(name, len, Wrap::new(v, self.rules))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        let wrap = Wrap {
            v,
            rules: self.rules,
            is_struct: true,
        };
        self.de.deserialize_struct(name, fields, wrap)
    }

    /// An enum from a string only. Every enum of the model is a vocabulary, which the schema
    /// has as a plain `enum` of strings; serde_json also reads a unit variant from an object
    /// (`{"article": null}`, the null read as the unit), which the schema refuses.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_str(Vocabulary {
            v,
            rules: self.rules,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_identifier(Key {
            v,
            rules: self.rules,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Forwards `visit_*` methods of plain values, clearing the date mark.
macro_rules! plain {
    ($($method:ident: $ty:ty)*) => {$(
        fn $method<E: de::Error>(self, x: $ty) -> Result<V::Value, E> {
            self.rules.date_next.set(false);
            self.v.$method(x)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    plain! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_i128: i128 visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64
        visit_u128: u128 visit_f32: f32 visit_f64: f64 visit_char: char
        visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.rules.string(s)?;
        self.v.visit_str(s)
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        self.rules.string(s)?;
        self.v.visit_borrowed_str(s)
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        self.rules.string(&s)?;
        self.v.visit_string(s)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::custom("null"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::custom("null"))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_some(Strict::new(d, self.rules))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_newtype_struct(Strict::new(d, self.rules))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.rules.date_next.set(false);
        if self.is_struct {
            return Err(de::Error::custom("an array where the model has a struct"));
        }
        self.v.visit_seq(Seq {
            seq,
            rules: self.rules,
            read: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.rules.date_next.set(false);
        self.v.visit_map(Map {
            map,
            rules: self.rules,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("an enum written as an object"))
    }
}

/// A visitor of a key (a struct's field name, an enum's variant name): notes whether the
/// member is a date, and lets everything through.
struct Key<'r, V> {
    v: V,
    rules: &'r Rules<'r>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Key<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.rules.key(s);
        self.v.visit_str(s)
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        self.rules.key(s);
        self.v.visit_borrowed_str(s)
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        self.rules.key(&s);
        self.v.visit_string(s)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<V::Value, E> {
        self.rules.date_next.set(false);
        self.v.visit_u64(n)
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<V::Value, E> {
        self.rules.date_next.set(false);
        self.v.visit_bytes(b)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, b: &'de [u8]) -> Result<V::Value, E> {
        self.rules.date_next.set(false);
        self.v.visit_borrowed_bytes(b)
    }
}

/// A visitor of an enum written as a string: the string is the variant, as a unit variant
/// (an enum with data in its variants cannot be read from a string, so it fails here too).
struct Vocabulary<'r, V> {
    v: V,
    rules: &'r Rules<'r>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Vocabulary<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.rules.date_next.set(false);
        self.v.visit_enum(de::value::StrDeserializer::<E>::new(s))
    }
}

/// A seed whose deserializer is wrapped.
struct Seed<'r, S> {
    seed: S,
    rules: &'r Rules<'r>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Strict::new(d, self.rules))
    }
}

/// A list, wrapped: each element is read through the wrapper, and an empty list is refused.
struct Seq<'r, A> {
    seq: A,
    rules: &'r Rules<'r>,
    read: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let seed = Seed {
            seed,
            rules: self.rules,
        };
        match self.seq.next_element_seed(seed)? {
            None if self.read == 0 => Err(de::Error::custom("an empty array")),
            None => Ok(None),
            Some(element) => {
                self.read += 1;
                Ok(Some(element))
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// An object, wrapped: keys and values are read through the wrapper.
struct Map<'r, A> {
    map: A,
    rules: &'r Rules<'r>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(Seed {
            seed,
            rules: self.rules,
        })
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(Seed {
            seed,
            rules: self.rules,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
