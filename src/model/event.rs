//! Events: what happened, when, where and who took part in which role.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Citation, CountryCode, Date, Id};

/// Something that happened, including the history the sources invoke (a treaty of 1828, the
/// 1979 revolution). When the sources disagree about an event, the event carries only what is
/// undisputed and each competing account is a [`Claim`](super::Claim) about it.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use drone_dossier::{Dataset, Day, EventKind, ParticipantRole};
/// let data = Dataset::embedded();
/// let invasion = data.event("russian-invasion-of-ukraine").unwrap();
/// assert_eq!(invasion.kind, EventKind::Invasion);
/// assert_eq!(invasion.date.unwrap().earliest(), Day::new(2022, 2, 24));
/// let russia = invasion.participants.iter().find(|p| p.actor == "russia").unwrap();
/// assert_eq!(russia.role, ParticipantRole::Initiator);
/// // The drone transfer's date is contested: the event has none, each account has its own.
/// let transfer = data.event("drone-transfer-to-russia").unwrap();
/// assert!(transfer.date.is_none());
/// assert!(data.claims_about(&transfer.id).iter().any(|c| c.event_date.is_some()));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// The event's id, unique across the dataset.
    pub id: Id,
    /// What sort of event this is.
    pub kind: EventKind,
    /// A short headline.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// What happened, in a sentence or two drawn from the sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub summary: Option<String>,
    /// When it happened, at the precision the sources support; absent when they give no date
    /// or disagree about it (see the claims about this event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Who took part, each once, with their role.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub participants: Vec<Participant>,
    /// Links to other events.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub related: Vec<EventLink>,
    /// The items involved, as the sources name them: the drones of an arms transfer.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub materiel: Vec<Materiel>,
    /// Who relays the event when the source knows it only second-hand (actor ids): the
    /// account through which it is known, such as a reply that mentions an earlier denial.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub reported_by: Vec<Id>,
    /// The sources that report the event.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    #[serde(deserialize_with = "super::exact::vec")]
    pub citations: Vec<Citation>,
    /// A short curation note: how a value was inferred ("year inferred from context"), a
    /// judgement call, or why the record was withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub notes: Option<String>,
    /// When the record was withdrawn (retracted), if it was. A withdrawn record keeps its id
    /// and stays in the dataset so releases remain traceable; the reason goes in `notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Date>,
    /// Validator warnings the curators examined and accept for this record, each with a reason.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub acknowledged_warnings: Vec<AcknowledgedWarning>,
}

/// The sort of an [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// Weapons sold, given or delivered from one party to another.
    ArmsTransfer,
    /// A visit to see or evaluate something, such as weapons before a purchase.
    Inspection,
    /// One state's armed invasion of another.
    Invasion,
    /// An armed attack or campaign of strikes.
    MilitaryAttack,
    /// Something made public: released images, a leaked recording, a publicised deal.
    Disclosure,
    /// A public statement, admission or denial by an official or body.
    Statement,
    /// Negotiations, or a move within them.
    Negotiation,
    /// A treaty or international agreement being concluded.
    Agreement,
    /// A resolution of an international body being adopted.
    Resolution,
    /// A matter referred to an international body.
    Referral,
    /// A vote in an international body.
    Vote,
    /// A policy adopted, announced or abandoned.
    Policy,
    /// Sanctions or restrictions imposed (the measures themselves are in `sanctions.json`).
    SanctionsImposed,
    /// A revolution or change of regime.
    Revolution,
    /// Hostages taken and held.
    HostageCrisis,
    /// Anything else.
    Other,
}

/// Where an [`Event`] happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Location {
    /// The place as the sources name it, such as `Kashan airport`.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// The country the place is in, where the sources make it clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

/// An actor taking part in an [`Event`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Participant {
    /// The actor's id.
    pub actor: Id,
    /// The part the actor played.
    pub role: ParticipantRole,
}

/// The part an actor plays in an [`Event`]. Unlike a two-slot "actor 1 acts on actor 2"
/// model, every participant has its own role, so three or more parties are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParticipantRole {
    /// Started or carried out the event: the attacker, the speaker, the leaker.
    Initiator,
    /// Supplied goods or weapons.
    Supplier,
    /// Received goods or weapons.
    Recipient,
    /// Inspected or evaluated something.
    Inspector,
    /// Was attacked, accused, referred, opposed or otherwise acted upon.
    Target,
    /// Was supported or favoured by the event without taking part in it: the side a vote
    /// supports.
    Beneficiary,
    /// Hosted the event or provided its place.
    Host,
    /// Signed or is a party to an agreement or negotiation.
    Party,
    /// Supported a decision or the other side.
    Supporter,
    /// Opposed a decision or the other side.
    Opponent,
    /// The body where the event took place or that decided it, such as a council that votes.
    Forum,
}

/// An item involved in an [`Event`], such as a drone model in an arms transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Materiel {
    /// The item as the sources name it, such as `Mohajer-6`.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// What sort of item it is, where the sources say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MaterielKind>,
}

/// The sort of a [`Materiel`] item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MaterielKind {
    /// An unmanned aerial vehicle.
    Drone,
    /// A missile.
    Missile,
    /// Any other item.
    Other,
}

/// A link from one event to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EventLink {
    /// How this event relates to the other.
    pub relation: EventRelation,
    /// The other event's id.
    pub event: Id,
}

/// How an event relates to the other event of an [`EventLink`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventRelation {
    /// This event is one episode of the other.
    PartOf,
    /// The sources say the other event led to this one.
    CausedBy,
    /// This event answers or reacts to the other.
    ResponseTo,
    /// This event is offered as evidence about the other.
    EvidenceFor,
    /// The sources connect the two in another way.
    RelatedTo,
}
