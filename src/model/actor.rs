//! Actors: the states, people and organisations the sources name.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Citation, CountryCode, Date, Id};

/// A state, person, body, faction, publication or group named by a source.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use drone_dossier::{ActorKind, Dataset, RoleStatus};
/// let data = Dataset::embedded();
/// let izadi = data.actor("nematullah-izadi").unwrap();
/// assert_eq!(izadi.kind, ActorKind::Person);
/// assert_eq!(izadi.country.as_ref().unwrap().as_str(), "IR");
/// // A former ambassador to Russia, 1990 to 1994.
/// let role = &izadi.roles[0];
/// assert_eq!(role.title, "ambassador to Russia");
/// assert_eq!(role.period.unwrap().to_string(), "1990/1994");
/// assert_eq!(role.status, Some(RoleStatus::Former));
/// // Actors are found by alias too.
/// assert_eq!(data.actors_named("Zarif")[0].id, "mohammad-javad-zarif");
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Actor {
    /// The actor's id, unique across the dataset.
    pub id: Id,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// The name the sources use most, in English.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// Other names and spellings the sources use for the same actor.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub aliases: Vec<String>,
    /// The country the actor belongs to (a state's own code, a person's or body's country),
    /// where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// When the actor existed or lived, where the sources say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifespan: Option<Date>,
    /// A one-sentence description drawn from the sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub description: Option<String>,
    /// Offices and positions held, with their periods where known.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub roles: Vec<Role>,
    /// Links to other actors: the IRGC Navy is part of the IRGC.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub relations: Vec<Relation>,
    /// The sources that name this actor.
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

/// The sort of an [`Actor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A sovereign state, such as Iran or Ukraine.
    State,
    /// A named person.
    Person,
    /// A government, ministry, administration, agency or office of state.
    GovernmentBody,
    /// Armed forces or a branch of them, such as the IRGC or its navy.
    ArmedForce,
    /// A parliament or one of its commissions.
    LegislativeBody,
    /// A political current or faction, such as the reformists.
    PoliticalFaction,
    /// A newspaper, broadcaster or other publication.
    Media,
    /// A think tank or research centre, or a unit of one.
    ThinkTank,
    /// An intergovernmental body, such as the United Nations Security Council or the European Union.
    IntergovernmentalOrganisation,
    /// Any other formal organisation, such as a chamber of commerce.
    Organisation,
    /// An informal or unnamed group the sources speak of, such as "US intelligence officials".
    Group,
}

/// An office or position an actor holds or held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Role {
    /// The office as the sources name it, such as `Foreign Minister` or `editor-in-chief`.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// The organisation (an actor id) in which the office is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Id>,
    /// When the office was held, where known: `1990/1994`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Date>,
    /// Whether the sources describe the office as current or former at the time they were
    /// written, where they say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RoleStatus>,
    /// Sources for this role; when empty, the actor's own citations support it.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub citations: Vec<Citation>,
}

/// Whether a [`Role`] was held at the time of the citing source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoleStatus {
    /// Held when the source was written ("the current government").
    Current,
    /// No longer held when the source was written ("the former foreign minister").
    Former,
}

/// A directed link from one actor to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Relation {
    /// How this actor relates to the target.
    pub kind: RelationKind,
    /// The other actor's id.
    pub target: Id,
    /// Sources for this link; when empty, the actor's own citations support it.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub citations: Vec<Citation>,
}

/// How an actor relates to the target of a [`Relation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationKind {
    /// This actor is a component of the target: a navy of its armed force, a commission of its
    /// parliament, a ministry of its state.
    PartOf,
    /// This actor is a member of the target: a state of an organisation, a person of a body.
    MemberOf,
    /// This actor is aligned with the target without formal membership: a politician with a
    /// faction.
    AffiliatedWith,
    /// This actor (a person) leads the target (a government, administration or other body):
    /// "the Raisi government", "the Biden administration".
    Leads,
}
