//! Quotes: what people and bodies said or wrote, as the sources render it.

use serde::{Deserialize, Serialize};

use super::{AcknowledgedWarning, Citation, Date, Id, LanguageTag};

/// Something actors said or wrote: a direct quote, a position the source paraphrases, or the
/// source author's own analysis.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use drone_dossier::{Dataset, QuoteKind};
/// let data = Dataset::embedded();
/// let reply = data.quote("quote-mohajeri-good-omen").unwrap();
/// assert_eq!(reply.kind, QuoteKind::Direct);
/// assert_eq!(reply.kind.to_string(), "direct");
/// // It answers the foreign minister's confirmation of the deliveries.
/// assert!(reply.responds_to.iter().any(|q| q == "quote-amir-abdollahian-confirmation"));
/// // Every quote cites a source that exists.
/// assert!(!data.sources_of(&reply.id).is_empty());
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Quote {
    /// The quote's id, unique across the dataset.
    pub id: Id,
    /// Who said or wrote it (actor ids), each once. One sentence the source attributes to
    /// several actors ("reformists and even some conservatives have criticized…") is one quote
    /// with several speakers, not several identical quotes.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    #[serde(deserialize_with = "super::exact::vec")]
    pub speakers: Vec<Id>,
    /// Whether `text` is the speakers' words, the source's paraphrase of them, or the source
    /// author's own analysis.
    pub kind: QuoteKind,
    /// The words as the source renders them: for a direct quote, exactly the quoted text; for
    /// a paraphrase, the source's sentence stating the position.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub text: String,
    /// The language of `text` as the source gives it.
    pub language: LanguageTag,
    /// The language the words were first said or written in, where the sources state it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<LanguageTag>,
    /// The words in their original language, where the sources give them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub original_text: Option<String>,
    /// How the words were delivered, where the sources say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
    /// When they were said or written, at the precision the sources support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The records (events, actors, sanctions, claims) the words are about.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub about: Vec<Id>,
    /// Other quotes these words answer.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub responds_to: Vec<Id>,
    /// Who relays the words when the source has them second-hand (actor ids): the people or
    /// bodies through whose account they are known, as opposed to the speakers.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub reported_by: Vec<Id>,
    /// The sources that report the quote.
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

/// Whether a [`Quote`] gives the speakers' words, the source's paraphrase, or the source
/// author's own analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteKind {
    /// The speakers' own words, in quotation marks in the source.
    Direct,
    /// The source's report of what the speakers said or think ("wrote that…", "argues that…").
    Paraphrase,
    /// The source author's own prose and argument (the authorial voice): not words in
    /// quotation marks and not a report of someone else's position. Its speaker is the author.
    Analysis,
}

/// How the words of a [`Quote`] were delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Medium {
    /// A newspaper article, column or reply.
    Newspaper,
    /// A recording that was leaked.
    LeakedAudio,
    /// A speech or address.
    Speech,
    /// An interview.
    Interview,
    /// An official statement or announcement.
    Statement,
    /// An article, analysis or other written piece.
    Article,
    /// A post on social media.
    SocialMedia,
    /// Any other medium.
    Other,
}
