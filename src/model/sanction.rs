//! Sanctions and restrictions: who imposes what on whom, why, and for how long.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Citation, Date, Id};

/// A sanction or restriction. It targets listed actors, or a scope with no listed subject
/// (such as "Iranian missile exports"), or both.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use drone_dossier::{Dataset, MeasureKind};
/// let data = Dataset::embedded();
/// let missiles = data.sanction("resolution-2231-missile-export-restrictions").unwrap();
/// // A scope with no listed subject, in force "until 2023".
/// assert!(missiles.targets.is_empty());
/// assert_eq!(missiles.scope.as_deref(), Some("export of Iranian missiles"));
/// assert_eq!(missiles.period.unwrap().to_string(), "../2023");
/// assert_eq!(missiles.measures[0].kind, MeasureKind::ExportRestriction);
/// assert!(missiles.imposed_by.iter().any(|a| a == "un-security-council"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Sanction {
    /// The sanction's id, unique across the dataset.
    pub id: Id,
    /// A short headline.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// Who imposes it: states or intergovernmental bodies (actor ids).
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    #[serde(deserialize_with = "super::exact::vec")]
    pub imposed_by: Vec<Id>,
    /// The actors it is imposed on, if it lists any.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub targets: Vec<Id>,
    /// What is restricted, in words, when that is not (only) a list of actors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub scope: Option<String>,
    /// The measures it consists of, where the sources name them.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub measures: Vec<Measure>,
    /// The events that prompted it (event ids).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub reasons: Vec<Id>,
    /// The named sanctions programme it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub programme: Option<String>,
    /// The event that gives it legal force, such as a resolution's adoption (an event id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<Id>,
    /// When it is in force, at the precision known: `../2023` for "until 2023".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Date>,
    /// The sources that report it.
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

/// One measure of a [`Sanction`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Measure {
    /// The sort of measure.
    pub kind: MeasureKind,
    /// What it restricts, in the sources' words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub description: Option<String>,
}

/// The sort of a [`Measure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeasureKind {
    /// Limits on what the target may export.
    ExportRestriction,
    /// Limits on what may be sold or supplied to the target.
    ImportRestriction,
    /// A ban on arms transfers.
    ArmsEmbargo,
    /// Frozen funds or assets.
    AssetFreeze,
    /// A ban on entry or travel.
    TravelBan,
    /// Limits on banking, payments or investment.
    FinancialRestriction,
    /// Limits on trade in general.
    TradeRestriction,
    /// Any other measure.
    Other,
}
