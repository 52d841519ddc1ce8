//! Sources: the documents that records cite.

use serde::{Deserialize, Serialize};

use super::checked::checked_string;
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
    /// Where the document is published: an `http` or `https` address (a `javascript:` or
    /// `data:` URL is refused: it would be a link in the site and a cell in the tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url, pattern(r"^https?://")))]
    pub url: Option<String>,
    /// The actor (in `actors.json`) that published the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Id>,
    /// The series, blog or section it appeared in, such as `IranSource`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub series: Option<String>,
    /// The authors, as actors in `actors.json`, in byline order.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub authors: Vec<Id>,
    /// When it was published, at the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The language the document is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageTag>,
    /// Other sources this document names or links to, such as a "Further reading" list.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub related: Vec<Id>,
    /// The canonical file name of the document's stored text (one paragraph per line; citation
    /// locators such as `line 6` count its lines). The texts are not ours to redistribute, so
    /// they live outside the repository: `dossier validate --sources DIR` reads `DIR/<text_file>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<TextFileName>,
    /// The SHA-256 of the stored text's bytes, so that a different copy (whose line numbers
    /// would not match the locators) is refused rather than checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_sha256: Option<Sha256>,
    /// Curator's notes: how the date was inferred, what the stored copy contains, and so on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub notes: Option<String>,
    /// When the source was withdrawn from the dataset (no longer relied on), if it was; the
    /// reason goes in `notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Date>,
    /// Validator warnings the curators examined and accept for this source, each with a reason.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
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

checked_string! {
    /// The file name of a source's stored text, such as
    /// `atlantic-council-2022-drone-sales-to-russia-spark-a-debate-in-iran.txt`: a plain name
    /// (no directory, no leading dot), so it can only ever name a file inside the directory
    /// given to `dossier validate --sources`.
    TextFileName,
    pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    check = |s| {
        s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    },
    expected = "a plain file name (ASCII letters, digits, `.`, `_` and `-`, starting with a letter or digit)",
    description = "The file name of the source's stored text, without a directory: ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.",
    examples = ["atlantic-council-2022-drone-sales-to-russia-spark-a-debate-in-iran.txt"]
}

checked_string! {
    /// A SHA-256 digest written as 64 lowercase hexadecimal digits (as `sha256sum` prints it).
    Sha256,
    pattern = r"^[0-9a-f]{64}$",
    check = |s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
    expected = "a SHA-256 digest: 64 lowercase hexadecimal digits",
    description = "A SHA-256 digest of the stored text's bytes: 64 lowercase hexadecimal digits, as sha256sum prints it.",
    examples = ["a7e21f4a0ed4fc71abf4f1a1cae6a41b4b916c9afd5ccaf9b25e085a9021079d"]
}
