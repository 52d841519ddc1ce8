//! Typed queries over a [`Dataset`]: records by id, the chronology, who did and said what,
//! sanctions by imposer and target, the competing accounts of an event, and the sources behind
//! any record.
//!
//! Queries scan the collections: the dataset holds hundreds of records, so an index would cost
//! more to build than it saves. Every query returns records in a documented, stable order.
//!
//! Every query takes its id as `impl AsRef<str>`: a `&str`, a `String`, or an [`Id`] (or
//! `&Id`) taken from another record. A list query given an id that names no record returns an
//! empty list, like one given a record with nothing to list; the checked lookups
//! ([`Dataset::try_get`], [`Dataset::try_actor`], ...) tell the two apart (see
//! [`LookupError`]).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::dataset::Dataset;
use crate::lookup::{LookupError, normalise_name, suggest};
use crate::model::{
    AcknowledgedWarning, Actor, Citation, Claim, ClaimKind, Date, Event, Id, ParticipantRole,
    Quote, Record, RecordKind, Reference, Sanction, Source, Stance,
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

    /// The record's curation note, if any.
    pub fn notes(&self) -> Option<&'a str> {
        each!(*self, r => r.notes())
    }

    /// The validator warnings accepted for this record.
    pub fn acknowledged_warnings(&self) -> &'a [AcknowledgedWarning] {
        each!(*self, r => r.acknowledged_warnings())
    }
}

/// Orders optional dates chronologically (see [`Date`]'s order), undated last.
fn by_date(a: Option<&Date>, b: Option<&Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Orders optional dates chronologically (see [`Date`]'s order), undated last, then by id.
pub(crate) fn chronological(a: (Option<&Date>, &Id), b: (Option<&Date>, &Id)) -> Ordering {
    by_date(a.0, b.0).then_with(|| a.1.cmp(b.1))
}

/// Orders the accounts of one event: by the date each gives the event, then by when it was
/// made, then by id.
pub(crate) fn sort_claims(claims: &mut [&Claim]) {
    claims.sort_by(|a, b| {
        by_date(a.event_date.as_ref(), b.event_date.as_ref())
            .then_with(|| by_date(a.asserted_on.as_ref(), b.asserted_on.as_ref()))
            .then_with(|| a.id.cmp(&b.id))
    });
}

pub(crate) fn sort_quotes(quotes: &mut [&Quote]) {
    quotes.sort_by(|a, b| chronological((a.date.as_ref(), &a.id), (b.date.as_ref(), &b.id)));
}

fn find<'a, R: Record>(records: &'a [R], id: &str) -> Option<&'a R> {
    records.iter().find(|r| r.id().as_str() == id)
}

/// Whether `ids` holds `id`.
fn holds(ids: &[Id], id: &str) -> bool {
    ids.iter().any(|i| i.as_str() == id)
}

impl Dataset {
    /// The record with this id, of whatever kind (ids are unique across the dataset).
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use drone_dossier::{Dataset, RecordKind};
    /// let data = Dataset::embedded();
    /// assert_eq!(data.get("iran").unwrap().kind(), RecordKind::Actor);
    /// assert!(data.get("no-such-record").is_none());
    /// # }
    /// ```
    pub fn get(&self, id: impl AsRef<str>) -> Option<RecordRef<'_>> {
        let id = id.as_ref();
        None.or_else(|| self.source(id).map(RecordRef::Source))
            .or_else(|| self.actor(id).map(RecordRef::Actor))
            .or_else(|| self.event(id).map(RecordRef::Event))
            .or_else(|| self.sanction(id).map(RecordRef::Sanction))
            .or_else(|| self.quote(id).map(RecordRef::Quote))
            .or_else(|| self.claim(id).map(RecordRef::Claim))
    }

    /// The source with this id.
    pub fn source(&self, id: impl AsRef<str>) -> Option<&Source> {
        find(&self.sources, id.as_ref())
    }

    /// The actor with this id.
    pub fn actor(&self, id: impl AsRef<str>) -> Option<&Actor> {
        find(&self.actors, id.as_ref())
    }

    /// The event with this id.
    pub fn event(&self, id: impl AsRef<str>) -> Option<&Event> {
        find(&self.events, id.as_ref())
    }

    /// The sanction with this id.
    pub fn sanction(&self, id: impl AsRef<str>) -> Option<&Sanction> {
        find(&self.sanctions, id.as_ref())
    }

    /// The quote with this id.
    pub fn quote(&self, id: impl AsRef<str>) -> Option<&Quote> {
        find(&self.quotes, id.as_ref())
    }

    /// The claim with this id.
    pub fn claim(&self, id: impl AsRef<str>) -> Option<&Claim> {
        find(&self.claims, id.as_ref())
    }

    /// Every id in the dataset of records of the given kinds.
    fn ids_of(&self, kinds: &[RecordKind]) -> Vec<&Id> {
        fn push<'a, R: Record>(out: &mut Vec<&'a Id>, records: &'a [R], kinds: &[RecordKind]) {
            if kinds.contains(&R::KIND) {
                out.extend(records.iter().map(Record::id));
            }
        }
        let mut out = Vec::new();
        push(&mut out, &self.sources, kinds);
        push(&mut out, &self.actors, kinds);
        push(&mut out, &self.events, kinds);
        push(&mut out, &self.sanctions, kinds);
        push(&mut out, &self.quotes, kinds);
        push(&mut out, &self.claims, kinds);
        out
    }

    /// The record with this id, or why there is none: [`LookupError::Unknown`] names the id
    /// and suggests the closest existing one.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use drone_dossier::{Dataset, LookupError};
    /// let data = Dataset::embedded();
    /// assert!(data.try_get("drone-transfer-to-russia").is_ok());
    /// let err = data.try_get("drone-transfer").unwrap_err();
    /// assert!(matches!(err, LookupError::Unknown { .. }));
    /// assert_eq!(err.suggestion().unwrap(), "drone-transfer-to-russia");
    /// # }
    /// ```
    pub fn try_get(&self, id: impl AsRef<str>) -> Result<RecordRef<'_>, LookupError> {
        let id = id.as_ref();
        self.get(id).ok_or_else(|| LookupError::Unknown {
            id: id.to_owned(),
            suggestion: suggest(id, self.ids_of(&RecordKind::ALL).into_iter()),
        })
    }

    /// The record of kind `kind` with this id; an id of another kind is
    /// [`LookupError::WrongKind`], and the suggestion for an unknown id is of `kind`.
    fn try_kind<T>(&self, id: &str, kind: RecordKind, typed: Option<T>) -> Result<T, LookupError> {
        if let Some(found) = typed {
            return Ok(found);
        }
        match self.get(id) {
            Some(other) => Err(LookupError::WrongKind {
                id: other.id().clone(),
                expected: kind,
                found: other.kind(),
            }),
            None => Err(LookupError::Unknown {
                id: id.to_owned(),
                suggestion: suggest(id, self.ids_of(&[kind]).into_iter()),
            }),
        }
    }

    /// The source with this id, or why there is none (see [`Dataset::try_get`]).
    pub fn try_source(&self, id: impl AsRef<str>) -> Result<&Source, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Source, self.source(id))
    }

    /// The actor with this id, or why there is none: an unknown id (with the closest actor id
    /// as a suggestion) or the id of another kind of record.
    ///
    /// This is the checked entry point for the actor queries, which return an empty list for
    /// an id that names no actor:
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use drone_dossier::{Dataset, LookupError};
    /// let data = Dataset::embedded();
    /// // A typo gives no quotes, and no error...
    /// assert!(data.quotes_by("amir-abdolahian").is_empty());
    /// // ...the checked lookup says why, and what was probably meant.
    /// let err = data.try_actor("amir-abdolahian").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "no record has the id `amir-abdolahian`; did you mean `amir-abdollahian`?"
    /// );
    /// let minister = data.try_actor("amir-abdollahian").unwrap();
    /// assert!(!data.quotes_by(&minister.id).is_empty());
    /// // An id of another kind of record is not an actor.
    /// assert!(matches!(
    ///     data.try_actor("drone-transfer-to-russia"),
    ///     Err(LookupError::WrongKind { .. })
    /// ));
    /// # }
    /// ```
    pub fn try_actor(&self, id: impl AsRef<str>) -> Result<&Actor, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Actor, self.actor(id))
    }

    /// The event with this id, or why there is none (see [`Dataset::try_actor`]).
    pub fn try_event(&self, id: impl AsRef<str>) -> Result<&Event, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Event, self.event(id))
    }

    /// The sanction with this id, or why there is none (see [`Dataset::try_actor`]).
    pub fn try_sanction(&self, id: impl AsRef<str>) -> Result<&Sanction, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Sanction, self.sanction(id))
    }

    /// The quote with this id, or why there is none (see [`Dataset::try_actor`]).
    pub fn try_quote(&self, id: impl AsRef<str>) -> Result<&Quote, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Quote, self.quote(id))
    }

    /// The claim with this id, or why there is none (see [`Dataset::try_actor`]).
    pub fn try_claim(&self, id: impl AsRef<str>) -> Result<&Claim, LookupError> {
        let id = id.as_ref();
        self.try_kind(id, RecordKind::Claim, self.claim(id))
    }

    /// The actors with this name or alias, by id.
    ///
    /// Names are compared in a normalised form: case-insensitively (Unicode lowercase), with
    /// hyphens, dashes and underscores read as spaces, typographic apostrophes and quotation
    /// marks read as ASCII ones, full stops dropped (`U.S.` finds `US`) and runs of white space
    /// collapsed. Nothing else is guessed: no partial names, no transliteration. More than one
    /// actor can answer to a name, so the result is a list; an empty name finds nothing.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// let irgc = data.actors_named("irgc");
    /// assert_eq!(irgc[0].name, "Islamic Revolutionary Guard Corps");
    /// assert_eq!(data.actors_named("  javad heiran nia ")[0].id, "javad-heiran-nia");
    /// assert!(data.actors_named("Heiran").is_empty(), "no partial names");
    /// # }
    /// ```
    pub fn actors_named(&self, name: impl AsRef<str>) -> Vec<&Actor> {
        let wanted = normalise_name(name.as_ref());
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut actors: Vec<&Actor> = self
            .actors
            .iter()
            .filter(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .any(|n| normalise_name(n) == wanted)
            })
            .collect();
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        actors
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

    /// The events whose date overlaps `range`, in chronological order (as
    /// [`events_chronological`](Dataset::events_chronological)).
    ///
    /// A date stands for every day it could be (see [`Date::overlaps`]): `2022` is 1 January
    /// to 31 December 2022, `2022-08` the days of August, `1990/1994` from the start of 1990
    /// to the end of 1994, and an open end (`../2023`, `2022-08/..`) reaches as far as it may.
    /// An event is included when at least one of its days is in `range`: this answers "what
    /// may have happened then", so an event dated only `2022` is among the events of August
    /// 2022. Events with no date are never included. For "certainly within", compare
    /// [`Date::earliest`] and [`Date::latest`] with the range's instead.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use drone_dossier::{Dataset, Date};
    /// let data = Dataset::embedded();
    /// let summer: Date = "2022-06/2022-08".parse().unwrap();
    /// let ids: Vec<&str> = data.events_during(&summer).iter().map(|e| e.id.as_str()).collect();
    /// // The two inspections at Kashan airport, in June and July 2022.
    /// assert!(ids.contains(&"kashan-inspection-2022-06-08"));
    /// assert!(ids.contains(&"kashan-inspection-2022-07-05"));
    /// // Not the invasion of 24 February 2022.
    /// assert!(!ids.contains(&"russian-invasion-of-ukraine"));
    /// # }
    /// ```
    pub fn events_during(&self, range: &Date) -> Vec<&Event> {
        self.events_chronological()
            .into_iter()
            .filter(|e| e.date.is_some_and(|d| d.overlaps(range)))
            .collect()
    }

    /// The events an actor took part in, with the actor's role, in chronological order.
    pub fn events_of(&self, actor: impl AsRef<str>) -> Vec<(&Event, ParticipantRole)> {
        let actor = actor.as_ref();
        // The actor's events first, then sorted: sorting every event for each actor made a
        // page per actor cost the whole dataset's sort.
        let mut events: Vec<(&Event, ParticipantRole)> = self
            .events
            .iter()
            .filter_map(|e| {
                e.participants
                    .iter()
                    .find(|p| p.actor.as_str() == actor)
                    .map(|p| (e, p.role))
            })
            .collect();
        events.sort_by(|a, b| {
            chronological((a.0.date.as_ref(), &a.0.id), (b.0.date.as_ref(), &b.0.id))
        });
        events
    }

    /// What one actor said or wrote, alone or with others (a quote with several speakers
    /// counts for each), in chronological order (undated last, then by id).
    ///
    /// An id that names no actor gives an empty list, as does an actor who said nothing; use
    /// [`Dataset::try_actor`] to tell them apart.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use drone_dossier::{Dataset, Day};
    /// let data = Dataset::embedded();
    /// let quotes = data.quotes_by("amir-abdollahian");
    /// // Iran's foreign minister confirmed the deliveries on 5 November 2022.
    /// let nov_5 = Day::new(2022, 11, 5);
    /// assert!(quotes.iter().any(|q| q.date.is_some_and(|d| d.earliest() == nov_5)));
    /// for q in &quotes {
    ///     println!("{} ({}): {}", q.date.map(|d| d.to_string()).unwrap_or_default(), q.kind, q.text);
    /// }
    /// // Dated quotes come first, oldest first.
    /// assert!(quotes.windows(2).all(|w| match (w[0].date, w[1].date) {
    ///     (Some(a), Some(b)) => a <= b,
    ///     (a, b) => a.is_some() || b.is_none(),
    /// }));
    /// # }
    /// ```
    pub fn quotes_by(&self, speaker: impl AsRef<str>) -> Vec<&Quote> {
        let speaker = speaker.as_ref();
        let mut quotes: Vec<&Quote> = self
            .quotes
            .iter()
            .filter(|q| q.speakers.iter().any(|s| s.as_str() == speaker))
            .collect();
        sort_quotes(&mut quotes);
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
            sort_quotes(quotes);
        }
        map
    }

    /// The quotes about a record (any kind: an event, an actor, a claim...), that is, whose
    /// `about` lists it, in chronological order (undated last, then by id).
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// let about = data.quotes_about("drone-transfer-to-russia");
    /// assert!(about.iter().all(|q| q.about.iter().any(|a| a == "drone-transfer-to-russia")));
    /// assert!(about.iter().any(|q| q.id == "quote-amir-abdollahian-confirmation"));
    /// # }
    /// ```
    pub fn quotes_about(&self, id: impl AsRef<str>) -> Vec<&Quote> {
        let id = id.as_ref();
        let mut quotes: Vec<&Quote> = self.quotes.iter().filter(|q| holds(&q.about, id)).collect();
        sort_quotes(&mut quotes);
        quotes
    }

    /// The quotes that answer a quote (whose `responds_to` lists it), in chronological order
    /// (undated last, then by id).
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// // Masih Mohajeri answered the foreign minister's confirmation in Jomhouri-e-Islami.
    /// let replies = data.responses_to("quote-amir-abdollahian-confirmation");
    /// assert!(replies.iter().any(|q| q.id == "quote-mohajeri-good-omen"));
    /// # }
    /// ```
    pub fn responses_to(&self, quote: impl AsRef<str>) -> Vec<&Quote> {
        let quote = quote.as_ref();
        let mut quotes: Vec<&Quote> = self
            .quotes
            .iter()
            .filter(|q| holds(&q.responds_to, quote))
            .collect();
        sort_quotes(&mut quotes);
        quotes
    }

    /// The sanctions an actor imposed (alone or with others), in file order (by id).
    pub fn sanctions_imposed_by(&self, actor: impl AsRef<str>) -> Vec<&Sanction> {
        let actor = actor.as_ref();
        self.sanctions
            .iter()
            .filter(|s| holds(&s.imposed_by, actor))
            .collect()
    }

    /// The sanctions that list an actor among their targets, in file order (by id).
    ///
    /// A sanction with only a `scope` (no listed targets) is on no actor, so it is not here.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// let on_iran = data.sanctions_on("iran");
    /// // The European Union sanctioned Iran over the drone sales.
    /// assert!(on_iran.iter().any(|s| s.imposed_by.iter().any(|a| a == "european-union")));
    /// assert!(on_iran.iter().all(|s| s.targets.iter().any(|t| t == "iran")));
    /// assert!(on_iran.windows(2).all(|w| w[0].id < w[1].id), "by id");
    /// # }
    /// ```
    pub fn sanctions_on(&self, target: impl AsRef<str>) -> Vec<&Sanction> {
        let target = target.as_ref();
        self.sanctions
            .iter()
            .filter(|s| holds(&s.targets, target))
            .collect()
    }

    /// The competing accounts of a record (usually an event): every claim about it, ordered
    /// by the date each claim gives the event (`event_date`, in [`Date`]'s order: an open
    /// start such as `../2022-02-23` by its end), then by when the claim was made
    /// (`asserted_on`), then by id; at each step a claim without the date comes after those
    /// with one. So the accounts read as a timeline of what is said to have happened, not of
    /// who spoke first. The dataset picks no winner; each claim says who asserts and who
    /// denies it.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// let accounts = data.claims_about("drone-transfer-to-russia");
    /// let position = |id: &str| accounts.iter().position(|c| c.id == id).unwrap();
    /// // Iran's account (delivered before the invasion of February 2022) is earlier in the
    /// // story than the US officials' (delivered in August 2022).
    /// assert!(position("claim-iran-delivered-before-invasion") < position("claim-us-delivered-in-august"));
    /// // Accounts that give the event a date come first, in order of that date.
    /// let dated: Vec<_> = accounts.iter().map_while(|c| c.event_date).collect();
    /// assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    /// assert!(accounts[dated.len()..].iter().all(|c| c.event_date.is_none()));
    /// # }
    /// ```
    pub fn claims_about(&self, id: impl AsRef<str>) -> Vec<&Claim> {
        let id = id.as_ref();
        let mut claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|c| c.about.as_str() == id)
            .collect();
        sort_claims(&mut claims);
        claims
    }

    /// The claims an actor asserts (alone or with others), ordered by when they were made
    /// (`asserted_on`), then by the date they give the event, then by id; undated after dated
    /// at each step.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// let data = drone_dossier::Dataset::embedded();
    /// let claims = data.claims_by("amir-abdollahian");
    /// assert!(claims.iter().all(|c| c.asserted_by.iter().any(|a| a == "amir-abdollahian")));
    /// assert!(claims.iter().any(|c| c.about == "drone-transfer-to-russia"));
    /// # }
    /// ```
    pub fn claims_by(&self, actor: impl AsRef<str>) -> Vec<&Claim> {
        let actor = actor.as_ref();
        let mut claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|c| holds(&c.asserted_by, actor))
            .collect();
        claims.sort_by(|a, b| {
            by_date(a.asserted_on.as_ref(), b.asserted_on.as_ref())
                .then_with(|| by_date(a.event_date.as_ref(), b.event_date.as_ref()))
                .then_with(|| a.id.cmp(&b.id))
        });
        claims
    }

    /// The claims about a record that take one stance (`affirms`, `denies`, `suggests`) and,
    /// when `kind` is given, are of that kind (an account, an interpretation, an accusation),
    /// ordered as [`Dataset::claims_about`] orders them.
    pub fn claims_about_with(
        &self,
        id: impl AsRef<str>,
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
    pub fn is_withdrawn(&self, id: impl AsRef<str>) -> bool {
        self.get(id).is_some_and(|r| r.withdrawn().is_some())
    }

    /// The sources behind a record: every source its citations point at, including those of
    /// its roles and relations, in the order first cited. For a source, the source itself.
    /// Empty when there is no such record; a cited id missing from `sources` is skipped (the
    /// validator reports it).
    pub fn sources_of(&self, id: impl AsRef<str>) -> Vec<&Source> {
        let Some(record) = self.get(id) else {
            return Vec::new();
        };
        if let RecordRef::Source(s) = record {
            return vec![s];
        }
        let mut out: Vec<&Source> = Vec::new();
        for r in record.references() {
            let is_citation = r.expected == [RecordKind::Source] && r.pointer.ends_with("/source");
            if let Some(s) = self.source(r.id).filter(|_| is_citation)
                && !out.iter().any(|o| o.id == s.id)
            {
                out.push(s);
            }
        }
        out
    }
}
