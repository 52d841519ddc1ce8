//! Comparing two versions of the dataset, and the semantic-version bump the changes imply.
//!
//! The rules follow the promise the ids and fields make to users (see
//! [`Metadata::version`](crate::Metadata::version)):
//!
//! | change | bump |
//! |--------|------|
//! | a record removed (an id removed, or renamed: removed plus added) | major |
//! | an id given to another record (two ids swapped, a renamed record's old id reused) | major |
//! | a field removed from a record, at any depth | major |
//! | the licence changed, or the schema's major version | major |
//! | a record added, a field added, items added to a list, the schema's minor version | minor |
//! | a record withdrawn (`withdrawn` set) or reinstated (`withdrawn` removed) | minor |
//! | a curation note or an acknowledged warning added, changed or removed | patch |
//! | any other change of a value (a corrected date, a reworded summary, items removed from a list, a list reordered) | patch |
//!
//! **Lists** follow one rule, whatever their length: they are compared as multisets (an item
//! that appears twice counts twice), and a list field that is absent counts as an empty list
//! (empty lists are omitted from the files). Items only in the new list are *gained* (minor),
//! items only in the old one *lost* (patch: a correction, such as a wrong alias removed). When
//! as many items are lost as gained and all are objects, they are compared pairwise, field by
//! field, so a corrected citation excerpt is a patch and a field dropped from a participant is
//! major. The same items in another order are a patch.
//!
//! **Ids** name records: a record's *identity* is its `name`, `title`, `text` or `statement`
//! (the first it has). When an id of the new version carries the identity another id had in the
//! old one, and that other id no longer does, the id was swapped or reused: major, even if no
//! id disappeared.
//!
//! For versions `0.y.z`, as in Cargo, the minor number is the breaking one: a major change
//! needs `0.y` to grow, and anything else may go in a patch release.
//!
//! ```
//! use drone_dossier::diff::{Bump, diff};
//! let old = drone_dossier::Dataset::from_texts(|f| Ok((f.file_name().into(), match f {
//!     drone_dossier::DataFile::Metadata => r#"{"$schema": "m", "name": "d", "version": "1.0.0",
//!         "schema_version": "1.0.0", "license": "CC0-1.0", "description": "x"}"#.into(),
//!     other => format!(r#"{{"$schema": "s", "{}": []}}"#, other.name()),
//! }))).unwrap();
//! let mut new = old.clone();
//! new.metadata.description = "y".into();
//! let d = diff(&old, &new);
//! assert_eq!(d.bump(), Some(Bump::Patch));
//! assert_eq!(diff(&old, &old).bump(), None);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::dataset::Dataset;
use crate::model::{RecordKind, Version};

/// How far a version number must move for a set of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Corrections only.
    Patch,
    /// Additions, nothing removed.
    Minor,
    /// Something a user may rely on was removed or renamed.
    Major,
}

impl Bump {
    /// The bump from `old` to `new` as the version numbers show it, with the `0.y.z` rule
    /// (a `0.y` change counts as major, a `0.y.z` change as minor). `None` when `new` is not
    /// greater than `old` by semantic-versioning precedence ([`Version::precedence`]).
    ///
    /// A pre-release makes no compatibility promise, so a move that keeps `MAJOR.MINOR.PATCH`
    /// and only advances the pre-release part (`1.0.0-rc.1` to `1.0.0-rc.2` or to `1.0.0`)
    /// allows any change and counts as major.
    ///
    /// ```
    /// use drone_dossier::{Version, diff::Bump};
    /// let v = |s: &str| Version::new(s).unwrap();
    /// assert_eq!(Bump::between(&v("1.2.3"), &v("2.0.0")), Some(Bump::Major));
    /// assert_eq!(Bump::between(&v("1.2.3"), &v("1.3.0")), Some(Bump::Minor));
    /// assert_eq!(Bump::between(&v("1.2.3"), &v("1.2.4")), Some(Bump::Patch));
    /// assert_eq!(Bump::between(&v("0.1.0"), &v("0.2.0")), Some(Bump::Major));
    /// assert_eq!(Bump::between(&v("0.1.0"), &v("0.1.1")), Some(Bump::Minor));
    /// assert_eq!(Bump::between(&v("1.2.3"), &v("1.2.3")), None);
    /// assert_eq!(Bump::between(&v("9.0.0"), &v("10.0.0")), Some(Bump::Major));
    /// assert_eq!(Bump::between(&v("1.0.0-rc.1"), &v("1.0.0")), Some(Bump::Major));
    /// assert_eq!(Bump::between(&v("1.0.0-rc.1"), &v("1.0.0-rc.2")), Some(Bump::Major));
    /// assert_eq!(Bump::between(&v("1.0.0"), &v("1.0.0-rc.1")), None);
    /// assert_eq!(Bump::between(&v("1.2.3"), &v("1.3.0-rc.1")), Some(Bump::Minor));
    /// ```
    pub fn between(old: &Version, new: &Version) -> Option<Bump> {
        if new.precedence(old) != std::cmp::Ordering::Greater {
            return None;
        }
        let (a, b) = (old.core(), new.core());
        Some(match (a, b) {
            (a, b) if a == b => Bump::Major,
            (a, b) if b.0 > a.0 => Bump::Major,
            ((0, _, _), b) if b.1 > a.1 => Bump::Major,
            ((0, _, _), _) => Bump::Minor,
            (a, b) if b.1 > a.1 => Bump::Minor,
            _ => Bump::Patch,
        })
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// What happened to one field (a JSON pointer within a record or the metadata).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum FieldChange {
    /// The field is new.
    Added {
        /// Where, as a JSON pointer within the record.
        pointer: String,
        /// Its value.
        new: Value,
    },
    /// The field is gone.
    Removed {
        /// Where.
        pointer: String,
        /// Its former value.
        old: Value,
    },
    /// Items are in the new list and not the old one (counting repeats).
    ItemsAdded {
        /// Where.
        pointer: String,
        /// The items that are new.
        items: Vec<Value>,
    },
    /// Items are in the old list and not the new one (counting repeats).
    ItemsRemoved {
        /// Where.
        pointer: String,
        /// The items that are gone.
        items: Vec<Value>,
    },
    /// The value changed.
    Changed {
        /// Where.
        pointer: String,
        /// The former value.
        old: Value,
        /// The new value.
        new: Value,
    },
}

impl FieldChange {
    /// Where the change is.
    pub fn pointer(&self) -> &str {
        match self {
            FieldChange::Added { pointer, .. }
            | FieldChange::Removed { pointer, .. }
            | FieldChange::ItemsAdded { pointer, .. }
            | FieldChange::ItemsRemoved { pointer, .. }
            | FieldChange::Changed { pointer, .. } => pointer,
        }
    }

    /// The bump this change alone implies.
    ///
    /// Withdrawal is how a record is retracted without breaking anyone who relies on its id,
    /// so setting or removing `withdrawn` is minor; `notes` and `acknowledged_warnings` are
    /// curation metadata, so any change to them is a patch.
    pub fn bump(&self) -> Bump {
        let field = self.pointer().split('/').nth(1).unwrap_or("");
        match (field, self) {
            ("withdrawn", FieldChange::Added { .. } | FieldChange::Removed { .. }) => {
                return Bump::Minor;
            }
            ("notes" | "acknowledged_warnings", _) => return Bump::Patch,
            _ => {}
        }
        match self {
            FieldChange::Removed { .. } => Bump::Major,
            FieldChange::Added { .. } | FieldChange::ItemsAdded { .. } => Bump::Minor,
            FieldChange::ItemsRemoved { .. } | FieldChange::Changed { .. } => Bump::Patch,
        }
    }
}

fn kind_name<S: serde::Serializer>(kind: &RecordKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

/// A record present on one side only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RecordKey {
    /// Its kind.
    #[serde(serialize_with = "kind_name")]
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
}

/// A record present in both versions whose fields differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    /// Its kind.
    #[serde(serialize_with = "kind_name")]
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// What changed, field by field.
    pub fields: Vec<FieldChange>,
}

/// An id that names a different record than it did: its new record is the one another id
/// (`was`) named before.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reassigned {
    /// Its kind.
    #[serde(serialize_with = "kind_name")]
    pub kind: RecordKind,
    /// The id as in the new version.
    pub id: String,
    /// The id under which the old version had this record; the same as `id` when the id was
    /// repurposed in place (an actor whose name and kind or country both changed).
    pub was: String,
}

/// The differences between two versions of the dataset.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Diff {
    /// Records only in the new version, by kind then id.
    pub added: Vec<RecordKey>,
    /// Records only in the old version.
    pub removed: Vec<RecordKey>,
    /// Records in both that differ.
    pub changed: Vec<RecordChange>,
    /// Changes to the metadata other than its `version`.
    pub metadata: Vec<FieldChange>,
    /// Ids that now name a record another id named (swapped or reused ids).
    pub reassigned: Vec<Reassigned>,
}

impl Diff {
    /// Whether the two versions hold the same data (the version number aside).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.metadata.is_empty()
            && self.reassigned.is_empty()
    }

    /// The bump the changes imply; `None` when there are none.
    pub fn bump(&self) -> Option<Bump> {
        let removed =
            (!self.removed.is_empty() || !self.reassigned.is_empty()).then_some(Bump::Major);
        let added = (!self.added.is_empty()).then_some(Bump::Minor);
        let fields = self
            .changed
            .iter()
            .flat_map(|c| &c.fields)
            .map(FieldChange::bump);
        let metadata = self.metadata.iter().map(metadata_bump);
        [removed, added]
            .into_iter()
            .flatten()
            .chain(fields)
            .chain(metadata)
            .max()
    }

    /// Why the bump is what it is: the first change that needs it, in words.
    pub fn reason(&self) -> Option<String> {
        let bump = self.bump()?;
        if let Some(r) = self.reassigned.first().filter(|_| bump == Bump::Major) {
            if r.id == r.was {
                return Some(format!(
                    "{} `{}` now names another record (its name and its kind or country changed)",
                    r.kind,
                    crate::escape::terminal(&r.id)
                ));
            }
            return Some(format!(
                "{} `{}` now names the record `{}` named before",
                r.kind,
                crate::escape::terminal(&r.id),
                crate::escape::terminal(&r.was)
            ));
        }
        if let Some(r) = self.removed.first().filter(|_| bump == Bump::Major) {
            return Some(format!("{} `{}` was removed", r.kind, r.id));
        }
        for c in &self.changed {
            if let Some(f) = c.fields.iter().find(|f| f.bump() == bump) {
                return Some(format!("{} `{}`: {}", c.kind, c.id, describe(f)));
            }
        }
        if let Some(f) = self.metadata.iter().find(|f| metadata_bump(f) == bump) {
            return Some(format!("metadata: {}", describe(f)));
        }
        self.added
            .first()
            .map(|a| format!("{} `{}` was added", a.kind, a.id))
    }
}

fn metadata_bump(f: &FieldChange) -> Bump {
    match (f.pointer(), f) {
        ("/license", _) => Bump::Major,
        ("/schema_version", FieldChange::Changed { old, new, .. }) => {
            let v = |x: &Value| {
                x.as_str()
                    .and_then(|s| Version::new(s).ok())
                    .map(|v| v.core())
            };
            match (v(old), v(new)) {
                (Some(a), Some(b)) if b.0 != a.0 => Bump::Major,
                (Some(a), Some(b)) if b.1 != a.1 => Bump::Minor,
                _ => Bump::Patch,
            }
        }
        _ => f.bump(),
    }
}

/// A change in words, safe to print: values from the data are escaped for the terminal
/// ([`crate::escape::terminal`]).
fn describe(f: &FieldChange) -> String {
    let text = match f {
        FieldChange::Added { pointer, new } => format!("{pointer} added: {new}"),
        FieldChange::Removed { pointer, old } => format!("{pointer} removed (was {old})"),
        FieldChange::ItemsAdded { pointer, items } => {
            let items: Vec<String> = items.iter().map(Value::to_string).collect();
            format!("{pointer} gained {}", items.join(", "))
        }
        FieldChange::ItemsRemoved { pointer, items } => {
            let items: Vec<String> = items.iter().map(Value::to_string).collect();
            format!("{pointer} lost {}", items.join(", "))
        }
        FieldChange::Changed { pointer, old, new } => format!("{pointer}: {old} -> {new}"),
    };
    crate::escape::terminal(&text)
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Ids of a dataset that was never validated can hold anything: escaped too.
        let id = |id: &str| crate::escape::terminal(id);
        for r in &self.removed {
            writeln!(f, "- {} {}", r.kind, id(&r.id))?;
        }
        for a in &self.added {
            writeln!(f, "+ {} {}", a.kind, id(&a.id))?;
        }
        for r in &self.reassigned {
            if r.id == r.was {
                writeln!(
                    f,
                    "! {} {} now names another record: its name and its kind or country changed (major)",
                    r.kind,
                    id(&r.id)
                )?;
            } else {
                writeln!(
                    f,
                    "! {} {} now names what {} named (major)",
                    r.kind,
                    id(&r.id),
                    id(&r.was)
                )?;
            }
        }
        for c in &self.changed {
            writeln!(f, "~ {} {}", c.kind, id(&c.id))?;
            for field in &c.fields {
                writeln!(f, "    {} ({})", describe(field), field.bump())?;
            }
        }
        for m in &self.metadata {
            writeln!(f, "~ metadata: {} ({})", describe(m), metadata_bump(m))?;
        }
        match self.bump() {
            Some(b) => write!(
                f,
                "{} added, {} removed, {} changed; implied bump: {b}",
                self.added.len(),
                self.removed.len(),
                self.changed.len()
            ),
            None => write!(f, "no changes"),
        }
    }
}

/// The ids that more than one record carries, sorted, each once. Ids are unique across all
/// collections of a valid dataset; [`diff`] matches records by id, so it cannot compare a
/// dataset with duplicates meaningfully: check with this first (as `dossier diff` and
/// `dossier release --previous` do).
///
/// ```
/// # let text = |f: drone_dossier::DataFile| -> Result<(std::path::PathBuf, String), drone_dossier::LoadError> {
/// #     Ok((f.file_name().into(), match f {
/// #         drone_dossier::DataFile::Metadata => r#"{"$schema": "m", "name": "d", "version": "1.0.0",
/// #             "schema_version": "1.0.0", "license": "CC0-1.0", "description": "x"}"#.into(),
/// #         other => format!(r#"{{"$schema": "s", "{}": []}}"#, other.name()),
/// #     }))
/// # };
/// let data = drone_dossier::Dataset::from_texts(text).unwrap();
/// assert!(drone_dossier::diff::duplicate_ids(&data).is_empty());
/// ```
pub fn duplicate_ids(data: &Dataset) -> Vec<String> {
    let ids = data
        .sources
        .iter()
        .map(|r| r.id.as_str())
        .chain(data.actors.iter().map(|r| r.id.as_str()))
        .chain(data.events.iter().map(|r| r.id.as_str()))
        .chain(data.sanctions.iter().map(|r| r.id.as_str()))
        .chain(data.quotes.iter().map(|r| r.id.as_str()))
        .chain(data.claims.iter().map(|r| r.id.as_str()));
    let mut seen = std::collections::BTreeSet::new();
    let mut dups = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            dups.insert(id.to_owned());
        }
    }
    dups.into_iter().collect()
}

/// Compares two datasets record by record (matched by id) and field by field.
///
/// Records are matched by id, so each dataset must have unique ids: with duplicates, only one
/// of the records sharing an id is compared. Check [`duplicate_ids`] first.
pub fn diff(old: &Dataset, new: &Dataset) -> Diff {
    let (a, b) = (records(old), records(new));
    let mut d = Diff::default();
    for ((id, kind), va) in &a {
        match b.get(&(id.clone(), *kind)) {
            None => d.removed.push(RecordKey {
                kind: *kind,
                id: id.clone(),
            }),
            Some(vb) if vb != va => {
                let mut fields = Vec::new();
                compare(String::new(), va, vb, &mut fields);
                d.changed.push(RecordChange {
                    kind: *kind,
                    id: id.clone(),
                    fields,
                });
            }
            Some(_) => {}
        }
    }
    for (id, kind) in b.keys() {
        if !a.contains_key(&(id.clone(), *kind)) {
            d.added.push(RecordKey {
                kind: *kind,
                id: id.clone(),
            });
        }
    }
    d.reassigned = reassigned(&a, &b);
    // An id already reported as holding another id's record is not reported twice.
    let swapped: Vec<String> = d.reassigned.iter().map(|r| r.id.clone()).collect();
    d.reassigned.extend(
        repurposed(&a, &b)
            .into_iter()
            .filter(|r| !swapped.contains(&r.id)),
    );
    let sort = |v: &mut Vec<RecordKey>| v.sort();
    sort(&mut d.added);
    sort(&mut d.removed);
    d.changed
        .sort_by(|x, y| (x.kind, &x.id).cmp(&(y.kind, &y.id)));
    let meta = |m: &crate::model::Metadata| {
        let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.remove("version");
        }
        v
    };
    compare(
        String::new(),
        &meta(&old.metadata),
        &meta(&new.metadata),
        &mut d.metadata,
    );
    d
}

fn records(d: &Dataset) -> BTreeMap<(String, RecordKind), Value> {
    fn add<R: Serialize + crate::model::Record>(
        out: &mut BTreeMap<(String, RecordKind), Value>,
        rs: &[R],
    ) {
        for r in rs {
            let v = serde_json::to_value(r).unwrap_or(Value::Null);
            out.insert((r.id().to_string(), R::KIND), v);
        }
    }
    let mut out = BTreeMap::new();
    add(&mut out, &d.sources);
    add(&mut out, &d.actors);
    add(&mut out, &d.events);
    add(&mut out, &d.sanctions);
    add(&mut out, &d.quotes);
    add(&mut out, &d.claims);
    out
}

/// The identity of a record for telling whether an id changed hands: its `name`, `title`,
/// `text` or `statement`, the first it has, compared without case, whitespace and invisible
/// characters, so that a trailing space or a zero-width space cannot hide a swap.
fn identity(record: &Value) -> Option<String> {
    ["name", "title", "text", "statement"]
        .iter()
        .find_map(|k| record.get(*k).and_then(Value::as_str))
        .map(|s| {
            s.chars()
                .filter(|c| !c.is_whitespace() && !crate::escape::default_ignorable(*c))
                .flat_map(char::to_lowercase)
                .collect()
        })
}

/// Actors whose id now names another actor: a different name *and* a different kind or
/// country (a renamed state is a correction; `russia` turned into Ukraine, UA, is not).
/// Reported as reassigned to themselves.
fn repurposed(
    old: &BTreeMap<(String, RecordKind), Value>,
    new: &BTreeMap<(String, RecordKind), Value>,
) -> Vec<Reassigned> {
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    new.iter()
        .filter(|((_, kind), _)| *kind == RecordKind::Actor)
        .filter_map(|((id, kind), b)| {
            let a = old.get(&(id.clone(), *kind))?;
            let renamed = identity(a) != identity(b);
            let rekinded = field(a, "kind") != field(b, "kind");
            let moved = matches!(
                (field(a, "country"), field(b, "country")),
                (Some(x), Some(y)) if x != y
            );
            (renamed && (rekinded || moved)).then(|| Reassigned {
                kind: *kind,
                id: id.clone(),
                was: id.clone(),
            })
        })
        .collect()
}

/// Ids whose new record has the identity another id had, where that other id no longer has it:
/// swapped ids, and a renamed record's old id given to a different record. A new record that
/// merely shares a name with one that kept it (two people of the same name) is not one.
fn reassigned(
    old: &BTreeMap<(String, RecordKind), Value>,
    new: &BTreeMap<(String, RecordKind), Value>,
) -> Vec<Reassigned> {
    let mut by_identity: BTreeMap<(RecordKind, String), Vec<&str>> = BTreeMap::new();
    for ((id, kind), v) in old {
        if let Some(i) = identity(v) {
            by_identity.entry((*kind, i)).or_default().push(id);
        }
    }
    let mut out = Vec::new();
    for ((id, kind), v) in new {
        let Some(i) = identity(v) else { continue };
        let Some(holders) = by_identity.get(&(*kind, i.clone())) else {
            continue;
        };
        if holders.contains(&id.as_str()) {
            continue;
        }
        // Another id had this identity before; it counts only if that id lost it.
        let lost = holders.iter().find(|was| {
            new.get(&((**was).to_owned(), *kind))
                .and_then(identity)
                .is_none_or(|now| now != i)
        });
        if let Some(was) = lost {
            out.push(Reassigned {
                kind: *kind,
                id: id.clone(),
                was: (*was).to_owned(),
            });
        }
    }
    out
}

fn compare(pointer: String, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = format!("{pointer}/{}", escape(k));
                match (b.get(k), va) {
                    (Some(vb), _) => compare(p, va, vb, out),
                    // An absent list is an empty one (empty lists are omitted from the files):
                    // the same rule as any other list change.
                    (None, Value::Array(items)) => compare_lists(p, items, &[], out),
                    (None, _) => out.push(FieldChange::Removed {
                        pointer: p,
                        old: va.clone(),
                    }),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    let p = format!("{pointer}/{}", escape(k));
                    match vb {
                        Value::Array(items) => compare_lists(p, &[], items, out),
                        _ => out.push(FieldChange::Added {
                            pointer: p,
                            new: vb.clone(),
                        }),
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => compare_lists(pointer, a, b, out),
        _ => out.push(FieldChange::Changed {
            pointer,
            old: old.clone(),
            new: new.clone(),
        }),
    }
}

/// One rule for every list (see the module documentation): a multiset comparison.
fn compare_lists(pointer: String, a: &[Value], b: &[Value], out: &mut Vec<FieldChange>) {
    // Multiset difference: each item of `b` cancels at most one equal item of `a`.
    let mut used = vec![false; b.len()];
    let mut lost = Vec::new();
    for x in a {
        match (0..b.len()).find(|&j| !used[j] && b[j] == *x) {
            Some(j) => used[j] = true,
            None => lost.push(x),
        }
    }
    let gained: Vec<&Value> = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(v, _)| v)
        .collect();
    if lost.is_empty() && gained.is_empty() {
        if a != b {
            out.push(FieldChange::Changed {
                pointer,
                old: Value::Array(a.to_vec()),
                new: Value::Array(b.to_vec()),
            });
        }
        return;
    }
    let objects = |v: &[&Value]| v.iter().all(|x| x.is_object());
    if lost.len() == gained.len() && objects(&lost) && objects(&gained) {
        // Edited items: field by field, under the index each has in the new list.
        for (x, y) in lost.iter().zip(&gained) {
            let i = b
                .iter()
                .position(|v| std::ptr::eq(v, *y))
                .unwrap_or_default();
            compare(format!("{pointer}/{i}"), x, y, out);
        }
        return;
    }
    if !gained.is_empty() {
        out.push(FieldChange::ItemsAdded {
            pointer: pointer.clone(),
            items: gained.into_iter().cloned().collect(),
        });
    }
    if !lost.is_empty() {
        out.push(FieldChange::ItemsRemoved {
            pointer,
            items: lost.into_iter().cloned().collect(),
        });
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
