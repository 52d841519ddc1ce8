//! What every record has in common: an id, citations, and references to other records.
//!
//! The list of reference fields lives here, next to the types, so that adding a field that
//! points at another record is one change: the validator and the queries read it from
//! [`Record::references`].

use super::{
    AcknowledgedWarning, Actor, Citation, Claim, Date, Event, Id, Quote, RecordKind, Sanction,
    Source,
};

/// A reference from one record to another, found by [`Record::references`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// Where the reference sits, as a JSON pointer relative to the record: `/participants/0/actor`.
    pub pointer: String,
    /// The referenced id.
    pub id: &'a Id,
    /// The kinds of record the reference may point at.
    pub expected: &'static [RecordKind],
}

/// A record of one of the dataset's collections.
pub trait Record {
    /// Which kind of record this is.
    const KIND: RecordKind;

    /// The record's id.
    fn id(&self) -> &Id;

    /// The record's own citations (not those of its roles or relations). Empty for sources,
    /// which are what citations point at.
    fn citations(&self) -> &[Citation];

    /// Every reference the record makes to another record, citations included.
    fn references(&self) -> Vec<Reference<'_>>;

    /// The record's curation note, if any.
    fn notes(&self) -> Option<&str>;

    /// When the record was withdrawn, if it was.
    fn withdrawn(&self) -> Option<&Date>;

    /// The validator warnings accepted for this record.
    fn acknowledged_warnings(&self) -> &[AcknowledgedWarning];
}

/// The lifecycle accessors, the same for every record kind.
macro_rules! lifecycle {
    () => {
        fn notes(&self) -> Option<&str> {
            self.notes.as_deref()
        }

        fn withdrawn(&self) -> Option<&Date> {
            self.withdrawn.as_ref()
        }

        fn acknowledged_warnings(&self) -> &[AcknowledgedWarning] {
            &self.acknowledged_warnings
        }
    };
}

const SOURCE: &[RecordKind] = &[RecordKind::Source];
const ACTOR: &[RecordKind] = &[RecordKind::Actor];
const EVENT: &[RecordKind] = &[RecordKind::Event];
const QUOTE: &[RecordKind] = &[RecordKind::Quote];
const CLAIM: &[RecordKind] = &[RecordKind::Claim];
const ANY: &[RecordKind] = &RecordKind::ALL;
const EVIDENCE: &[RecordKind] = &[RecordKind::Event, RecordKind::Quote];

/// Where a reference sits in its record, as the segments of a JSON pointer: written out
/// (`/roles/0/citations/1/source`) only when someone needs the text, so that walking the
/// references of a large dataset allocates nothing per reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Where {
    segs: [Seg; 5],
    len: u8,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Seg {
    #[default]
    Empty,
    Key(&'static str),
    Index(usize),
}

impl Where {
    fn push(mut self, seg: Seg) -> Self {
        self.segs[usize::from(self.len)] = seg;
        self.len += 1;
        self
    }

    fn key(self, key: &'static str) -> Self {
        self.push(Seg::Key(key))
    }

    fn index(self, i: usize) -> Self {
        self.push(Seg::Index(i))
    }

    /// Whether the pointer ends with this member name (`source` for a citation's source).
    #[cfg(feature = "validate")]
    pub(crate) fn ends_with(&self, key: &str) -> bool {
        matches!(self.segs[usize::from(self.len).saturating_sub(1)], Seg::Key(k) if k == key)
    }
}

impl std::fmt::Display for Where {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for seg in &self.segs[..usize::from(self.len)] {
            match seg {
                Seg::Key(k) => write!(f, "/{k}")?,
                Seg::Index(i) => write!(f, "/{i}")?,
                Seg::Empty => {}
            }
        }
        Ok(())
    }
}

/// Every reference a record makes, passed to a visitor without building a list: the one
/// place each record kind's reference fields are listed ([`Record::references`] is built
/// on it).
pub(crate) trait WalkRefs {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind]));
}

/// Passes references to a visitor.
struct Refs<'v, 'a>(&'v mut dyn FnMut(Where, &'a Id, &'static [RecordKind]));

impl<'a> Refs<'_, 'a> {
    fn one(&mut self, at: Where, id: &'a Id, expected: &'static [RecordKind]) {
        (self.0)(at, id, expected);
    }

    fn opt(&mut self, at: Where, id: &'a Option<Id>, expected: &'static [RecordKind]) {
        if let Some(id) = id {
            self.one(at, id, expected);
        }
    }

    fn many(&mut self, at: Where, ids: &'a [Id], expected: &'static [RecordKind]) {
        for (i, id) in ids.iter().enumerate() {
            self.one(at.index(i), id, expected);
        }
    }

    fn citations(&mut self, at: Where, citations: &'a [Citation]) {
        for (i, c) in citations.iter().enumerate() {
            self.one(at.index(i).key("source"), &c.source, SOURCE);
        }
    }
}

/// A record's references as a list, with their pointers written out.
fn listed<R: WalkRefs>(record: &R) -> Vec<Reference<'_>> {
    let mut list = Vec::new();
    record.walk_refs(&mut |at, id, expected| {
        list.push(Reference {
            pointer: at.to_string(),
            id,
            expected,
        });
    });
    list
}

/// The root of a record: `Where::default()`, named for reading.
const ROOT: Where = Where {
    segs: [Seg::Empty; 5],
    len: 0,
};

impl Record for Source {
    const KIND: RecordKind = RecordKind::Source;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &[]
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl Record for Actor {
    const KIND: RecordKind = RecordKind::Actor;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &self.citations
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl Record for Event {
    const KIND: RecordKind = RecordKind::Event;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &self.citations
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl Record for Sanction {
    const KIND: RecordKind = RecordKind::Sanction;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &self.citations
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl Record for Quote {
    const KIND: RecordKind = RecordKind::Quote;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &self.citations
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl Record for Claim {
    const KIND: RecordKind = RecordKind::Claim;

    lifecycle!();

    fn id(&self) -> &Id {
        &self.id
    }

    fn citations(&self) -> &[Citation] {
        &self.citations
    }

    fn references(&self) -> Vec<Reference<'_>> {
        listed(self)
    }
}

impl WalkRefs for Source {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        r.opt(ROOT.key("publisher"), &self.publisher, ACTOR);
        r.many(ROOT.key("authors"), &self.authors, ACTOR);
        r.many(ROOT.key("related"), &self.related, SOURCE);
    }
}

impl WalkRefs for Actor {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        for (i, role) in self.roles.iter().enumerate() {
            r.opt(
                ROOT.key("roles").index(i).key("organisation"),
                &role.organisation,
                ACTOR,
            );
            r.citations(ROOT.key("roles").index(i).key("citations"), &role.citations);
        }
        for (i, relation) in self.relations.iter().enumerate() {
            r.one(
                ROOT.key("relations").index(i).key("target"),
                &relation.target,
                ACTOR,
            );
            r.citations(
                ROOT.key("relations").index(i).key("citations"),
                &relation.citations,
            );
        }
        r.citations(ROOT.key("citations"), &self.citations);
    }
}

impl WalkRefs for Event {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        for (i, p) in self.participants.iter().enumerate() {
            r.one(
                ROOT.key("participants").index(i).key("actor"),
                &p.actor,
                ACTOR,
            );
        }
        for (i, link) in self.related.iter().enumerate() {
            r.one(
                ROOT.key("related").index(i).key("event"),
                &link.event,
                EVENT,
            );
        }
        r.many(ROOT.key("reported_by"), &self.reported_by, ACTOR);
        r.citations(ROOT.key("citations"), &self.citations);
    }
}

impl WalkRefs for Sanction {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        r.many(ROOT.key("imposed_by"), &self.imposed_by, ACTOR);
        r.many(ROOT.key("targets"), &self.targets, ACTOR);
        r.many(ROOT.key("reasons"), &self.reasons, EVENT);
        r.opt(ROOT.key("legal_basis"), &self.legal_basis, EVENT);
        r.citations(ROOT.key("citations"), &self.citations);
    }
}

impl WalkRefs for Quote {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        r.many(ROOT.key("speakers"), &self.speakers, ACTOR);
        r.many(ROOT.key("about"), &self.about, ANY);
        r.many(ROOT.key("responds_to"), &self.responds_to, QUOTE);
        r.many(ROOT.key("reported_by"), &self.reported_by, ACTOR);
        r.citations(ROOT.key("citations"), &self.citations);
    }
}

impl WalkRefs for Claim {
    fn walk_refs<'a>(&'a self, visit: &mut dyn FnMut(Where, &'a Id, &'static [RecordKind])) {
        let mut r = Refs(visit);
        r.one(ROOT.key("about"), &self.about, ANY);
        r.many(ROOT.key("asserted_by"), &self.asserted_by, ACTOR);
        r.many(ROOT.key("denied_by"), &self.denied_by, ACTOR);
        r.many(ROOT.key("reported_by"), &self.reported_by, ACTOR);
        r.many(ROOT.key("evidence"), &self.evidence, EVIDENCE);
        r.many(ROOT.key("supersedes"), &self.supersedes, CLAIM);
        r.many(ROOT.key("contradicts"), &self.contradicts, CLAIM);
        r.citations(ROOT.key("citations"), &self.citations);
    }
}
