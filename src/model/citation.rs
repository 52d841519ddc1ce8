//! Citations: how every record points back to the text it came from.

use serde::{Deserialize, Serialize};

use super::Id;

/// A pointer from a record to the source that supports it.
///
/// Every record cites at least one source. The locator and excerpt let a reader find the
/// supporting passage without rereading the whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Citation {
    /// The id of the cited record in `sources.json`.
    pub source: Id,
    /// Where in the source the support is, such as `line 6` (lines of the stored source text,
    /// which are the article's paragraphs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub locator: Option<String>,
    /// A short verbatim excerpt of the source that supports the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub excerpt: Option<String>,
}
