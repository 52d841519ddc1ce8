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

/// Collects references with their pointers.
#[derive(Default)]
struct Refs<'a>(Vec<Reference<'a>>);

impl<'a> Refs<'a> {
    fn one(&mut self, pointer: String, id: &'a Id, expected: &'static [RecordKind]) {
        self.0.push(Reference {
            pointer,
            id,
            expected,
        });
    }

    fn opt(&mut self, pointer: &str, id: &'a Option<Id>, expected: &'static [RecordKind]) {
        if let Some(id) = id {
            self.one(pointer.to_owned(), id, expected);
        }
    }

    fn many(&mut self, pointer: &str, ids: &'a [Id], expected: &'static [RecordKind]) {
        for (i, id) in ids.iter().enumerate() {
            self.one(format!("{pointer}/{i}"), id, expected);
        }
    }

    fn citations(&mut self, pointer: &str, citations: &'a [Citation]) {
        for (i, c) in citations.iter().enumerate() {
            self.one(format!("{pointer}/{i}/source"), &c.source, SOURCE);
        }
    }
}

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
        let mut r = Refs::default();
        r.opt("/publisher", &self.publisher, ACTOR);
        r.many("/authors", &self.authors, ACTOR);
        r.many("/related", &self.related, SOURCE);
        r.0
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
        let mut r = Refs::default();
        for (i, role) in self.roles.iter().enumerate() {
            r.opt(
                &format!("/roles/{i}/organisation"),
                &role.organisation,
                ACTOR,
            );
            r.citations(&format!("/roles/{i}/citations"), &role.citations);
        }
        for (i, relation) in self.relations.iter().enumerate() {
            r.one(format!("/relations/{i}/target"), &relation.target, ACTOR);
            r.citations(&format!("/relations/{i}/citations"), &relation.citations);
        }
        r.citations("/citations", &self.citations);
        r.0
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
        let mut r = Refs::default();
        for (i, p) in self.participants.iter().enumerate() {
            r.one(format!("/participants/{i}/actor"), &p.actor, ACTOR);
        }
        for (i, link) in self.related.iter().enumerate() {
            r.one(format!("/related/{i}/event"), &link.event, EVENT);
        }
        r.many("/reported_by", &self.reported_by, ACTOR);
        r.citations("/citations", &self.citations);
        r.0
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
        let mut r = Refs::default();
        r.many("/imposed_by", &self.imposed_by, ACTOR);
        r.many("/targets", &self.targets, ACTOR);
        r.many("/reasons", &self.reasons, EVENT);
        r.opt("/legal_basis", &self.legal_basis, EVENT);
        r.citations("/citations", &self.citations);
        r.0
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
        let mut r = Refs::default();
        r.many("/speakers", &self.speakers, ACTOR);
        r.many("/about", &self.about, ANY);
        r.many("/responds_to", &self.responds_to, QUOTE);
        r.many("/reported_by", &self.reported_by, ACTOR);
        r.citations("/citations", &self.citations);
        r.0
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
        let mut r = Refs::default();
        r.one("/about".to_owned(), &self.about, ANY);
        r.many("/asserted_by", &self.asserted_by, ACTOR);
        r.many("/denied_by", &self.denied_by, ACTOR);
        r.many("/reported_by", &self.reported_by, ACTOR);
        r.many("/evidence", &self.evidence, EVIDENCE);
        r.many("/supersedes", &self.supersedes, CLAIM);
        r.many("/contradicts", &self.contradicts, CLAIM);
        r.citations("/citations", &self.citations);
        r.0
    }
}
