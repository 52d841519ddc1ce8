//! Sources: the documents that records cite.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Date, Id, LanguageTag};

/// A document the dataset is curated from, or one that such a document points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// The source's id, unique across the dataset.
    pub id: Id,
    /// What kind of document this is.
    pub kind: SourceKind,
    /// The document's title as published.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// Where the document is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url))]
    pub url: Option<String>,
    /// The actor (in `actors.json`) that published the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Id>,
    /// The series, blog or section it appeared in, such as `IranSource`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub series: Option<String>,
    /// The authors, as actors in `actors.json`, in byline order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Id>,
    /// When it was published, at the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The language the document is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageTag>,
    /// Other sources this document names or links to, such as a "Further reading" list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Id>,
    /// Curator's notes: how the date was inferred, what the stored copy contains, and so on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub notes: Option<String>,
    /// When the source was withdrawn from the dataset (no longer relied on), if it was; the
    /// reason goes in `notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Date>,
    /// Validator warnings the curators examined and accept for this source, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged_warnings: Vec<AcknowledgedWarning>,
}

/// The kind of a [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// An analysis or opinion piece, including blog posts of a think tank.
    Article,
    /// A news report.
    NewsReport,
    /// An official statement or press release.
    Statement,
    /// A law, treaty, resolution or other legal act.
    LegalAct,
    /// A report or study.
    Report,
    /// Anything else.
    Other,
}
