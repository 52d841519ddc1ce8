//! Claims: competing accounts of one event, each with who asserts it.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Citation, Date, Id};

/// One account of an event, held by its asserters and possibly denied by others.
///
/// The dataset never picks a winner between competing accounts: Iran's "delivered before
/// 24 February 2022" and US officials' "delivered in August 2022" are two claims about the same
/// event, each with its own asserters and its own date for the event.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use drone_dossier::{Dataset, Day, Stance};
/// let data = Dataset::embedded();
/// let us = data.claim("claim-us-delivered-in-august").unwrap();
/// assert_eq!(us.about, "drone-transfer-to-russia");
/// // US officials "believed" it: the claim does not deny the event, and dates it to August.
/// assert_ne!(us.stance, Stance::Denies);
/// assert_eq!(us.event_date.unwrap().earliest(), Day::new(2022, 8, 1));
/// assert!(us.asserted_by.iter().any(|a| a == "united-states"));
/// // The accounts it contradicts are claims of the dataset too.
/// assert!(us.contradicts.iter().all(|c| data.claim(c).is_some()));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Claim {
    /// The claim's id, unique across the dataset.
    pub id: Id,
    /// The record the claim is about, usually an event id.
    pub about: Id,
    /// What is asserted, in a sentence drawn from the source.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub statement: String,
    /// What sort of claim this is: an account of an event (the default), an interpretation,
    /// or an accusation. Omitted when it is an account.
    #[serde(default, skip_serializing_if = "ClaimKind::is_account")]
    pub kind: ClaimKind,
    /// Whether the claim affirms, denies or only suggests that things are as described.
    pub stance: Stance,
    /// The source's hedging words, verbatim ("There is a view that", "Perhaps"), for a claim
    /// that only `suggests`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub hedge: Option<String>,
    /// The date this account gives the event, which may differ from other accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<Date>,
    /// The actors who assert the claim.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub asserted_by: Vec<Id>,
    /// Who asserts it, in the source's words, when the source does not name them ("some").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub attribution: Option<String>,
    /// When the claim was made, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asserted_on: Option<Date>,
    /// The actors who deny the claim.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub denied_by: Vec<Id>,
    /// Who relays the claim when the source has it second-hand (actor ids): the people or
    /// bodies through whose account it is known, as opposed to its asserters.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub reported_by: Vec<Id>,
    /// Records offered in support: an event such as released images, or a quote.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub evidence: Vec<Id>,
    /// Earlier claims by the same asserters that this one replaces (a denial later retracted).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub supersedes: Vec<Id>,
    /// Other claims that cannot be true together with this one.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub contradicts: Vec<Id>,
    /// The sources that report the claim.
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

/// Whether a [`Claim`] affirms, denies or suggests what it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stance {
    /// The event happened as the claim describes.
    Affirms,
    /// The event did not happen.
    Denies,
    /// A hedged or attributed-belief assertion: "There is a view that… Perhaps…", "believed",
    /// "suggested". The hedging words go in the claim's `hedge`.
    Suggests,
}

/// What sort of statement a [`Claim`] is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    /// A factual account of an event: what happened, when, who did it.
    #[default]
    Account,
    /// A reading of events: why something happened, what it means or whom it serves.
    Interpretation,
    /// An accusation of wrongdoing, such as violating a resolution.
    Accusation,
}

impl ClaimKind {
    /// Whether this is the default kind, [`ClaimKind::Account`] (omitted from the JSON).
    pub fn is_account(&self) -> bool {
        *self == ClaimKind::Account
    }
}
