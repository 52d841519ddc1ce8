//! Claims: competing accounts of one event, each with who asserts it.

use serde::{Deserialize, Serialize};

use super::{Citation, Date, Id};

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
/// use drone_dossier::{Dataset, Stance};
/// let data = Dataset::embedded();
/// let us = data.claim("claim-us-delivered-in-august").unwrap();
/// assert_eq!(us.about, "drone-transfer-to-russia");
/// assert_eq!(us.stance, Stance::Affirms);
/// assert_eq!(us.event_date.unwrap().to_string(), "2022-08");
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
    /// Whether the claim affirms or denies that the event happened as described.
    pub stance: Stance,
    /// The date this account gives the event, which may differ from other accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<Date>,
    /// The actors who assert the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asserted_by: Vec<Id>,
    /// Who asserts it, in the source's words, when the source does not name them ("some").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub attribution: Option<String>,
    /// When the claim was made, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asserted_on: Option<Date>,
    /// The actors who deny the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denied_by: Vec<Id>,
    /// Records offered in support: an event such as released images, or a quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Id>,
    /// Earlier claims by the same asserters that this one replaces (a denial later retracted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<Id>,
    /// Other claims that cannot be true together with this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<Id>,
    /// The sources that report the claim.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub citations: Vec<Citation>,
}

/// Whether a [`Claim`] affirms or denies its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stance {
    /// The event happened as the claim describes.
    Affirms,
    /// The event did not happen.
    Denies,
}
