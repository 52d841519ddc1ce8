//! Quotes: what people and bodies said or wrote, as the sources render it.

use serde::{Deserialize, Serialize};

use super::{Citation, Date, Id, LanguageTag};

/// Something an actor said or wrote: a direct quote, or a position the source paraphrases.
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
    /// Who said or wrote it (an actor id).
    pub speaker: Id,
    /// Whether `text` is the speaker's words or the source's paraphrase of them.
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Id>,
    /// Other quotes these words answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responds_to: Vec<Id>,
    /// The sources that report the quote.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub citations: Vec<Citation>,
}

/// Whether a [`Quote`] gives the speaker's words or the source's paraphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteKind {
    /// The speaker's own words: in quotation marks in the source, or the source author's own
    /// text.
    Direct,
    /// The source's report of what the speaker said or thinks ("wrote that…", "argues that…").
    Paraphrase,
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
