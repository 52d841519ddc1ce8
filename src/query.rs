//! Typed queries over a [`Dataset`]: records by id, the chronology, who did and said what,
//! sanctions by imposer and target, the competing accounts of an event, and the sources behind
//! any record.
//!
//! Queries scan the collections: the dataset holds hundreds of records, so an index would cost
//! more to build than it saves. Every query returns records in a documented, stable order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::dataset::Dataset;
use crate::model::{
    Actor, Citation, Claim, ClaimKind, Date, Event, Id, ParticipantRole, Quote, Record, RecordKind,
    Reference, Sanction, Source, Stance,
};

/// A reference to a record of any kind, as returned by [`Dataset::get`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordRef<'a> {
    /// A source.
    Source(&'a Source),
    /// An actor.
    Actor(&'a Actor),
    /// An event.
    Event(&'a Event),
    /// A sanction.
    Sanction(&'a Sanction),
    /// A quote.
    Quote(&'a Quote),
    /// A claim.
    Claim(&'a Claim),
}

macro_rules! each {
    ($self:expr, $r:ident => $e:expr) => {
        match $self {
            RecordRef::Source($r) => $e,
            RecordRef::Actor($r) => $e,
            RecordRef::Event($r) => $e,
            RecordRef::Sanction($r) => $e,
            RecordRef::Quote($r) => $e,
            RecordRef::Claim($r) => $e,
        }
    };
}

impl<'a> RecordRef<'a> {
    /// When the record was withdrawn, if it was.
    pub fn withdrawn(&self) -> Option<&'a Date> {
        each!(*self, r => r.withdrawn())
    }

    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordRef::Source(_) => RecordKind::Source,
            RecordRef::Actor(_) => RecordKind::Actor,
            RecordRef::Event(_) => RecordKind::Event,
            RecordRef::Sanction(_) => RecordKind::Sanction,
            RecordRef::Quote(_) => RecordKind::Quote,
            RecordRef::Claim(_) => RecordKind::Claim,
        }
    }

    /// The record's id.
    pub fn id(&self) -> &'a Id {
        each!(*self, r => r.id())
    }

    /// The record's own citations (empty for a source).
    pub fn citations(&self) -> &'a [Citation] {
        each!(*self, r => r.citations())
    }

    /// Every reference the record makes, citations included.
    pub fn references(&self) -> Vec<Reference<'a>> {
        each!(*self, r => r.references())
    }
}

/// Orders optional dates chronologically (see [`Date`]'s order), undated last, then by id.
fn chronological(a: (Option<&Date>, &Id), b: (Option<&Date>, &Id)) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.1.cmp(b.1))
}

fn find<'a, R: Record>(records: &'a [R], id: &str) -> Option<&'a R> {
    records.iter().find(|r| r.id().as_str() == id)
}

impl Dataset {
    /// The record with this id, of whatever kind (ids are unique across the dataset).
    pub fn get(&self, id: &str) -> Option<RecordRef<'_>> {
        None.or_else(|| self.source(id).map(RecordRef::Source))
            .or_else(|| self.actor(id).map(RecordRef::Actor))
            .or_else(|| self.event(id).map(RecordRef::Event))
            .or_else(|| self.sanction(id).map(RecordRef::Sanction))
            .or_else(|| self.quote(id).map(RecordRef::Quote))
            .or_else(|| self.claim(id).map(RecordRef::Claim))
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        find(&self.sources, id)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        find(&self.actors, id)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        find(&self.events, id)
    }

    /// The sanction with this id.
    pub fn sanction(&self, id: &str) -> Option<&Sanction> {
        find(&self.sanctions, id)
    }

    /// The quote with this id.
    pub fn quote(&self, id: &str) -> Option<&Quote> {
        find(&self.quotes, id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        find(&self.claims, id)
    }

    /// Every event in chronological order.
    ///
    /// The order for dates known only in part is [`Date`]'s: by the earliest day a date could
    /// be, coarser first at the same day (`2022` < `2022-01` < `2022-01-01`); an interval by
    /// its start, after a point on the same day; an interval with an open start (`../2023`)
    /// by its end. Events with no date (the sources give none, or disagree: see
    /// [`claims_about`](Dataset::claims_about)) come last. Ties are broken by id, so the order
    /// is total and stable across releases.
    ///
    /// ```
    /// # use drone_dossier::{DataFile, Dataset};
    /// let events = r#"{"$schema": "../schema/events.schema.json", "events": [
    ///   {"id": "a", "kind": "other", "title": "A", "date": "2022-08-15", "citations": [{"source": "s"}]},
    ///   {"id": "b", "kind": "other", "title": "B", "citations": [{"source": "s"}]},
    ///   {"id": "c", "kind": "other", "title": "C", "date": "2022-08", "citations": [{"source": "s"}]},
    ///   {"id": "d", "kind": "other", "title": "D", "date": "2022", "citations": [{"source": "s"}]},
    ///   {"id": "e", "kind": "other", "title": "E", "date": "1990/1994", "citations": [{"source": "s"}]}
    /// ]}"#;
    /// # let data = Dataset::from_texts(|f| Ok((f.file_name().into(), match f {
    /// #     DataFile::Events => events.to_owned(),
    /// #     DataFile::Metadata => r#"{"$schema": "m", "name": "d", "version": "1.0.0",
    /// #         "schema_version": "1.0.0", "license": "CC0-1.0", "description": "x"}"#.to_owned(),
    /// #     other => format!(r#"{{"$schema": "s", "{}": []}}"#, other.name()),
    /// # }))).unwrap();
    /// let order: Vec<&str> = data.events_chronological().iter().map(|e| e.id.as_str()).collect();
    /// assert_eq!(order, ["e", "d", "c", "a", "b"]);
    /// ```
    pub fn events_chronological(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self.events.iter().collect();
        events.sort_by(|a, b| chronological((a.date.as_ref(), &a.id), (b.date.as_ref(), &b.id)));
        events
    }

    /// The events an actor took part in, with the actor's role, in chronological order.
    pub fn events_of(&self, actor: &str) -> Vec<(&Event, ParticipantRole)> {
        self.events_chronological()
            .into_iter()
            .filter_map(|e| {
                e.participants
                    .iter()
                    .find(|p| p.actor.as_str() == actor)
                    .map(|p| (e, p.role))
            })
            .collect()
    }

    /// What one actor said or wrote, alone or with others (a quote with several speakers
    /// counts for each), in chronological order (undated last).
    pub fn quotes_by(&self, speaker: &str) -> Vec<&Quote> {
        let mut quotes: Vec<&Quote> = self
            .quotes
            .iter()
            .filter(|q| q.speakers.iter().any(|s| s.as_str() == speaker))
            .collect();
        quotes.sort_by(|a, b| chronological((a.date.as_ref(), &a.id), (b.date.as_ref(), &b.id)));
        quotes
    }

    /// Every quote grouped by speaker (speakers by id), each group in chronological order. A
    /// quote with several speakers is in each speaker's group.
    pub fn quotes_by_speaker(&self) -> BTreeMap<&Id, Vec<&Quote>> {
        let mut map: BTreeMap<&Id, Vec<&Quote>> = BTreeMap::new();
        for q in &self.quotes {
            let mut speakers: Vec<&Id> = q.speakers.iter().collect();
            speakers.sort();
            speakers.dedup();
            for s in speakers {
                map.entry(s).or_default().push(q);
            }
        }
        for quotes in map.values_mut() {
            quotes
                .sort_by(|a, b| chronological((a.date.as_ref(), &a.id), (b.date.as_ref(), &b.id)));
        }
        map
    }

    /// The sanctions an actor imposed (alone or with others), in file order (by id).
    pub fn sanctions_imposed_by(&self, actor: &str) -> Vec<&Sanction> {
        self.sanctions
            .iter()
            .filter(|s| s.imposed_by.iter().any(|a| a.as_str() == actor))
            .collect()
    }

    /// The sanctions that list an actor among their targets, in file order (by id).
    pub fn sanctions_on(&self, target: &str) -> Vec<&Sanction> {
        self.sanctions
            .iter()
            .filter(|s| s.targets.iter().any(|a| a.as_str() == target))
            .collect()
    }

    /// The competing accounts of a record (usually an event): every claim about it, ordered by
    /// when the claim was made (unknown last), then by id. The dataset picks no winner; each
    /// claim says who asserts and who denies it.
    pub fn claims_about(&self, id: &str) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|c| c.about.as_str() == id)
            .collect();
        claims.sort_by(|a, b| {
            chronological(
                (a.asserted_on.as_ref(), &a.id),
                (b.asserted_on.as_ref(), &b.id),
            )
        });
        claims
    }

    /// The claims about a record that take one stance (`affirms`, `denies`, `suggests`) and,
    /// when `kind` is given, are of that kind (an account, an interpretation, an accusation),
    /// ordered as [`Dataset::claims_about`] orders them.
    pub fn claims_about_with(
        &self,
        id: &str,
        stance: Option<Stance>,
        kind: Option<ClaimKind>,
    ) -> Vec<&Claim> {
        self.claims_about(id)
            .into_iter()
            .filter(|c| stance.is_none_or(|s| c.stance == s))
            .filter(|c| kind.is_none_or(|k| c.kind == k))
            .collect()
    }

    /// Whether the record with this id exists and is withdrawn. Withdrawn records stay in the
    /// dataset (their ids are never reused); a consumer that follows retractions skips them.
    pub fn is_withdrawn(&self, id: &str) -> bool {
        self.get(id).is_some_and(|r| r.withdrawn().is_some())
    }

    /// The sources behind a record: every source its citations point at, including those of
    /// its roles and relations, in the order first cited. For a source, the source itself.
    /// Empty when there is no such record; a cited id missing from `sources` is skipped (the
    /// validator reports it).
    pub fn sources_of(&self, id: &str) -> Vec<&Source> {
        let Some(record) = self.get(id) else {
            return Vec::new();
        };
        if let RecordRef::Source(s) = record {
            return vec![s];
        }
        let mut out: Vec<&Source> = Vec::new();
        for r in record.references() {
            let is_citation = r.expected == [RecordKind::Source] && r.pointer.ends_with("/source");
            if let Some(s) = self.source(r.id.as_str()).filter(|_| is_citation)
                && !out.iter().any(|o| o.id == s.id)
            {
                out.push(s);
            }
        }
        out
    }
}
