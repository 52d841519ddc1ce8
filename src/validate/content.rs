//! One file's content as the rules see it: its top level, and its records, each typed when the
//! model accepts it.
//!
//! Both ways of reading a file end here. The typed-first reader ([`super::records`]) parses
//! each record straight into its model type; the tree reader ([`super::syntax::parse`]) builds
//! one `serde_json::Value` for the file, and [`Content::from_value`] then reads each record of
//! it into the model. Either way a record the model refuses stays a [`Item::Raw`] value: it
//! still defines its id, its citations are still checked against the stored texts, and its
//! acknowledgements still apply to the warnings the earlier layers found in it.

use crate::validate::maps::Set;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Code, Diagnostic, Severity};
use crate::RecordRef;
use crate::model::{Actor, Claim, DataFile, Event, Quote, Sanction, Source};

/// Runs `$body` with `$list` bound to the list of `$records`, whatever its kind.
macro_rules! each_list {
    ($records:expr, $list:ident => $body:expr) => {
        match $records {
            Records::Sources($list) => $body,
            Records::Actors($list) => $body,
            Records::Events($list) => $body,
            Records::Sanctions($list) => $body,
            Records::Quotes($list) => $body,
            Records::Claims($list) => $body,
        }
    };
}

/// One record of a collection file, as read.
pub(crate) enum Item {
    Source(Source),
    Actor(Actor),
    Event(Event),
    Sanction(Sanction),
    Quote(Quote),
    Claim(Claim),
    /// A record the model refuses (its errors are reported), kept as JSON.
    Raw(Value),
}

/// A record of a collection file, as the rules see it.
#[derive(Clone, Copy)]
pub(crate) enum ItemRef<'a> {
    /// A record the model accepts.
    Typed(RecordRef<'a>),
    /// A record the model refuses (its errors are reported), kept as JSON.
    Raw(&'a Value),
}

/// One place in a list of [`Records`]: the record in its model type, or as JSON when the model
/// refuses it.
pub(crate) enum Slot<T> {
    Typed(T),
    Raw(Value),
}

/// A collection file's records, in a list of their own type: a list of [`Item`]s would give
/// every record the room of the largest type (a claim, 440 bytes; an actor takes 312), about a
/// tenth more memory for a large dataset.
pub(crate) enum Records {
    Sources(Vec<Slot<Source>>),
    Actors(Vec<Slot<Actor>>),
    Events(Vec<Slot<Event>>),
    Sanctions(Vec<Slot<Sanction>>),
    Quotes(Vec<Slot<Quote>>),
    Claims(Vec<Slot<Claim>>),
}

impl Records {
    /// An empty list for the records of `file`, room made for `capacity`; `None` for a file
    /// that holds no records (the metadata).
    pub(crate) fn new(file: DataFile, capacity: usize) -> Option<Records> {
        Some(match file {
            DataFile::Sources => Records::Sources(Vec::with_capacity(capacity)),
            DataFile::Actors => Records::Actors(Vec::with_capacity(capacity)),
            DataFile::Events => Records::Events(Vec::with_capacity(capacity)),
            DataFile::Sanctions => Records::Sanctions(Vec::with_capacity(capacity)),
            DataFile::Quotes => Records::Quotes(Vec::with_capacity(capacity)),
            DataFile::Claims => Records::Claims(Vec::with_capacity(capacity)),
            DataFile::Metadata => return None,
        })
    }

    /// Adds a record. One of another kind than the list's (which the readers never make) is
    /// kept as its JSON, like a record the model refuses.
    pub(crate) fn push(&mut self, item: Item) {
        match (self, item) {
            (Records::Sources(v), Item::Source(r)) => v.push(Slot::Typed(r)),
            (Records::Actors(v), Item::Actor(r)) => v.push(Slot::Typed(r)),
            (Records::Events(v), Item::Event(r)) => v.push(Slot::Typed(r)),
            (Records::Sanctions(v), Item::Sanction(r)) => v.push(Slot::Typed(r)),
            (Records::Quotes(v), Item::Quote(r)) => v.push(Slot::Typed(r)),
            (Records::Claims(v), Item::Claim(r)) => v.push(Slot::Typed(r)),
            (records, item) => records.push_raw(item.into_value()),
        }
    }

    /// Puts `item` in place of record `i` (which there is).
    pub(crate) fn replace(&mut self, i: usize, item: Item) {
        fn put<T>(v: &mut [Slot<T>], i: usize, slot: Slot<T>) {
            if let Some(place) = v.get_mut(i) {
                *place = slot;
            }
        }
        match (self, item) {
            (Records::Sources(v), Item::Source(r)) => put(v, i, Slot::Typed(r)),
            (Records::Actors(v), Item::Actor(r)) => put(v, i, Slot::Typed(r)),
            (Records::Events(v), Item::Event(r)) => put(v, i, Slot::Typed(r)),
            (Records::Sanctions(v), Item::Sanction(r)) => put(v, i, Slot::Typed(r)),
            (Records::Quotes(v), Item::Quote(r)) => put(v, i, Slot::Typed(r)),
            (Records::Claims(v), Item::Claim(r)) => put(v, i, Slot::Typed(r)),
            (records, item) => {
                let value = item.into_value();
                each_list!(records, v => put(v, i, Slot::Raw(value)))
            }
        }
    }

    /// Gives back the room a list read without knowing its length has to spare.
    pub(crate) fn shrink_to_fit(&mut self) {
        each_list!(self, v => v.shrink_to_fit());
    }

    /// Adds a record as its JSON.
    fn push_raw(&mut self, value: Value) {
        each_list!(self, v => v.push(Slot::Raw(value)));
    }

    /// Moves the records of `other` to the end of this list. Both lists are of one kind
    /// where the readers call it; a record of another kind is kept as its JSON, as in
    /// [`Records::push`].
    pub(crate) fn append(&mut self, other: Records) {
        match (self, other) {
            (Records::Sources(v), Records::Sources(mut w)) => v.append(&mut w),
            (Records::Actors(v), Records::Actors(mut w)) => v.append(&mut w),
            (Records::Events(v), Records::Events(mut w)) => v.append(&mut w),
            (Records::Sanctions(v), Records::Sanctions(mut w)) => v.append(&mut w),
            (Records::Quotes(v), Records::Quotes(mut w)) => v.append(&mut w),
            (Records::Claims(v), Records::Claims(mut w)) => v.append(&mut w),
            (records, other) => {
                for item in other.into_items() {
                    records.push(item);
                }
            }
        }
    }

    /// The records as JSON, to compare two readings of them.
    #[cfg(any(test, fuzzing))]
    pub(crate) fn into_values(self) -> Vec<Value> {
        self.into_items()
            .into_iter()
            .map(Item::into_value)
            .collect()
    }

    /// The records, each as an [`Item`].
    fn into_items(self) -> Vec<Item> {
        fn items<T>(v: Vec<Slot<T>>, typed: fn(T) -> Item) -> Vec<Item> {
            v.into_iter()
                .map(|slot| match slot {
                    Slot::Typed(r) => typed(r),
                    Slot::Raw(value) => Item::Raw(value),
                })
                .collect()
        }
        match self {
            Records::Sources(v) => items(v, Item::Source),
            Records::Actors(v) => items(v, Item::Actor),
            Records::Events(v) => items(v, Item::Event),
            Records::Sanctions(v) => items(v, Item::Sanction),
            Records::Quotes(v) => items(v, Item::Quote),
            Records::Claims(v) => items(v, Item::Claim),
        }
    }

    /// How many records there are.
    pub(crate) fn len(&self) -> usize {
        each_list!(self, v => v.len())
    }

    /// Makes room for `n` more records if it can (a hint: the list still grows as needed).
    pub(crate) fn try_reserve(&mut self, n: usize) {
        // Refused room is only a lost hint: the list doubles as it would have.
        let _ = each_list!(self, v => v.try_reserve_exact(n));
    }

    /// Record `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<ItemRef<'_>> {
        fn one<'a, T>(
            v: &'a [Slot<T>],
            i: usize,
            typed: fn(&'a T) -> RecordRef<'a>,
        ) -> Option<ItemRef<'a>> {
            Some(match v.get(i)? {
                Slot::Typed(r) => ItemRef::Typed(typed(r)),
                Slot::Raw(value) => ItemRef::Raw(value),
            })
        }
        match self {
            Records::Sources(v) => one(v, i, RecordRef::Source),
            Records::Actors(v) => one(v, i, RecordRef::Actor),
            Records::Events(v) => one(v, i, RecordRef::Event),
            Records::Sanctions(v) => one(v, i, RecordRef::Sanction),
            Records::Quotes(v) => one(v, i, RecordRef::Quote),
            Records::Claims(v) => one(v, i, RecordRef::Claim),
        }
    }

    /// The records in file order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ItemRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl Item {
    /// The record as JSON.
    fn into_value(self) -> Value {
        let value = match self {
            Item::Raw(value) => return value,
            Item::Source(r) => serde_json::to_value(r),
            Item::Actor(r) => serde_json::to_value(r),
            Item::Event(r) => serde_json::to_value(r),
            Item::Sanction(r) => serde_json::to_value(r),
            Item::Quote(r) => serde_json::to_value(r),
            Item::Claim(r) => serde_json::to_value(r),
        };
        value.unwrap_or(Value::Null)
    }
}

/// A file, split into its top level and its records.
pub(crate) struct Content {
    /// The file's JSON value; for a collection file whose record list was found, with that
    /// list emptied (the records are in `records`).
    pub(crate) top: Value,
    /// The records, in file order, when the file has a record list.
    pub(crate) records: Option<Records>,
    /// Where each record's text is, as far as the reading knows.
    pub(crate) spans: Spans,
    /// The errors of its records found and dropped past the cap, by code
    /// ([`Budget`](super::cap::Budget)).
    pub(crate) dropped: Vec<(super::Code, usize)>,
}

/// Where the records of a file are in its text: a diagnostic in a record is located by
/// scanning that record, not the whole file, when its span is known.
pub(crate) enum Spans {
    /// Each record's byte span, found by the scan before typed-first reading.
    Known(Vec<(usize, usize)>),
    /// Not looked for: the file was read in one pass with no scan
    /// ([`read_whole`](super::records::read_whole)). They are found by one scan only if a
    /// diagnostic in the file needs locating.
    Later,
    /// Not known: the file was read as a whole tree, and is scanned whole to locate.
    Unknown,
}

impl Content {
    /// Splits a file's value: takes its record list out and reads each record into the model.
    /// `out` holds the file's diagnostics so far, and `erred` the records (`/events/3`) with
    /// errors past the cap, not in `out`: a refused record that has none gets one.
    pub(crate) fn from_value(
        path: &Path,
        file: DataFile,
        mut top: Value,
        erred: std::collections::HashSet<String>,
        out: &mut Vec<Diagnostic>,
    ) -> Content {
        let list = file
            .record_kind()
            .and_then(|_| top.get_mut(file.name()))
            .and_then(|v| match v {
                Value::Array(items) => Some(std::mem::take(items)),
                _ => None,
            });
        let records = list.and_then(|items| {
            let mut records = Records::new(file, items.len())?;
            let mut refused = Refused::new(path, file, erred, out);
            for (i, value) in items.into_iter().enumerate() {
                match typed(file, &value) {
                    Ok(item) => records.push(item),
                    Err(e) => {
                        refused.report(i, &e);
                        records.push(Item::Raw(value));
                    }
                }
            }
            Some(records)
        });
        Content {
            top,
            records,
            spans: Spans::Unknown,
            dropped: Vec::new(),
        }
    }
}

/// Reads one record's value into the model type its file holds.
///
/// serde fills a struct from an array too (one element per field), which the schema refuses;
/// such a record is not read into the model, so the later layers see it as the JSON it is
/// (no id, acknowledgement or citation is taken from an array).
pub(crate) fn typed(file: DataFile, value: &Value) -> Result<Item, serde_json::Error> {
    if has_array_for_struct(value, super::schema::object_keys(file)) {
        return Err(serde::de::Error::custom(
            "an array stands where the schema has an object",
        ));
    }
    item(file, value).unwrap_or_else(|| Ok(Item::Raw(value.clone())))
}

/// Reads one record from `d` into the model type `file` holds; `None` for the file that holds
/// no records (the metadata). Every reading of a record goes through here: from a tree, from
/// its text, and through the [strict](super::strict) wrapper.
pub(crate) fn item<'de, D: Deserializer<'de>>(
    file: DataFile,
    d: D,
) -> Option<Result<Item, D::Error>> {
    Some(match file {
        DataFile::Sources => Source::deserialize(d).map(Item::Source),
        DataFile::Actors => Actor::deserialize(d).map(Item::Actor),
        DataFile::Events => Event::deserialize(d).map(Item::Event),
        DataFile::Sanctions => Sanction::deserialize(d).map(Item::Sanction),
        DataFile::Quotes => Quote::deserialize(d).map(Item::Quote),
        DataFile::Claims => Claim::deserialize(d).map(Item::Claim),
        DataFile::Metadata => return None,
    })
}

/// Whether a record holds an array where the model has a struct: the record itself, an
/// element of an array (no list in the model holds lists), or the value of a member the
/// schema types as an object (`object_keys`).
fn has_array_for_struct(record: &Value, object_keys: &[String]) -> bool {
    // An explicit stack: the depth is bounded by the syntax layer, but nothing here relies
    // on it. Each entry: a value, and whether an array there stands for a struct.
    let mut stack = vec![(record, true)];
    while let Some((value, struct_here)) = stack.pop() {
        match value {
            Value::Array(items) => {
                if struct_here {
                    return true;
                }
                stack.extend(items.iter().map(|v| (v, true)));
            }
            Value::Object(map) => stack.extend(
                map.iter()
                    .map(|(k, v)| (v, object_keys.iter().any(|o| o == k))),
            ),
            _ => {}
        }
    }
    false
}

/// Reads one record's text into the model type its file holds.
pub(crate) fn typed_from_str(file: DataFile, text: &str) -> Option<Item> {
    let mut de = serde_json::Deserializer::from_str(text);
    let item = item(file, &mut de)?.ok()?;
    de.end().ok()?;
    Some(item)
}

/// Reports records the model refuses that carry no error yet.
///
/// A record the model refuses hides itself from every rule, so it must carry at least one
/// error: usually the schema layer's, but where the schema is more lenient than the model, the
/// model's own reason is reported here, on the record. Without this, `validate` could pass a
/// dataset that `Dataset::from_dir` refuses.
pub(crate) struct Refused<'o> {
    path: &'o Path,
    name: &'static str,
    out: &'o mut Vec<Diagnostic>,
    /// The records (`/events/3`) with an error already, built on the first refusal.
    reported: Option<Set<String>>,
    /// Records with errors past the cap, which `out` does not hold.
    erred: std::collections::HashSet<String>,
}

impl<'o> Refused<'o> {
    /// `erred`: records (`/events/3`) with an error already that `out` does not hold (errors
    /// past the cap, only counted).
    pub(crate) fn new(
        path: &'o Path,
        file: DataFile,
        erred: std::collections::HashSet<String>,
        out: &'o mut Vec<Diagnostic>,
    ) -> Self {
        Refused {
            path,
            name: file.name(),
            out,
            reported: None,
            erred,
        }
    }

    pub(crate) fn report(&mut self, i: usize, e: &serde_json::Error) {
        let name = self.name;
        let record = format!("/{name}/{i}");
        let out = &*self.out;
        let erred = std::mem::take(&mut self.erred);
        let reported = self.reported.get_or_insert_with(|| {
            erred
                .into_iter()
                .chain(
                    out.iter()
                        .filter(|d| d.severity == Severity::Error)
                        .filter_map(|d| {
                            let p = d.pointer.as_deref()?;
                            let rest =
                                p.strip_prefix('/')?.strip_prefix(name)?.strip_prefix('/')?;
                            let n = rest.split('/').next()?;
                            Some(format!("/{name}/{n}"))
                        }),
                )
                .collect()
        });
        if reported.insert(record) {
            self.out.push(refusal(self.path, self.name, i, e));
        }
    }
}

/// The error for record `i` of the file named `name`, which the model refuses.
pub(crate) fn refusal(path: &Path, name: &str, i: usize, e: &serde_json::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Schema,
        path,
        format!("this record does not fit the model: {e}"),
    )
    .at(format!("/{name}/{i}"))
    .with_help("correct the value the message names; the record is skipped by every other rule until it fits")
}
