//! A validation problem as data: what rule, how bad, where, and what to do about it.
//!
//! Diagnostics are plain values so that every output format (human, JSON, GitHub annotations)
//! renders the same information, and so that tests can assert on them directly.

use std::path::PathBuf;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Suspicious but allowed; fails the run only under `--deny warnings`.
    Warning,
    /// The dataset is invalid.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[$meta:meta])* $variant:ident = $slug:literal, $severity:ident, $layer:ident; )*) => {
        /// The stable code of a rule, printed as a kebab-case slug (`duplicate-id`).
        ///
        /// Codes never change meaning and retired codes are never reused, so tools and
        /// contributors can rely on them. Each is documented in `docs/rules.md` with a bad and
        /// a fixed example, and has at least one fixture under `tests/fixtures/invalid/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$meta])* $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed: `duplicate-id`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $slug,)* }
            }

            /// How serious a problem with this code is. Each code has exactly one severity.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The layer that reports it.
            pub fn layer(self) -> Layer {
                match self { $(Code::$variant => Layer::$layer,)* }
            }

            /// The code with the given slug.
            pub fn from_slug(slug: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == slug)
            }
        }
    };
}

/// The validator's layers, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// Reading the file and parsing it as JSON.
    Syntax,
    /// The committed JSON Schema, and the calendar checks of date strings.
    Schema,
    /// Rules across records and files that no schema can express.
    Rules,
    /// Excerpts and quotes checked against the stored source texts (`--sources`).
    Sources,
}

codes! {
    /// A dataset file is missing from the directory.
    MissingFile = "missing-file", Error, Syntax;
    /// The file is larger than the size limit.
    FileTooLarge = "file-too-large", Error, Syntax;
    /// The file is empty or only whitespace.
    EmptyFile = "empty-file", Error, Syntax;
    /// The file is not valid UTF-8.
    InvalidUtf8 = "invalid-utf8", Error, Syntax;
    /// The file starts with a byte-order mark.
    ByteOrderMark = "byte-order-mark", Error, Syntax;
    /// The file is not valid JSON.
    JsonSyntax = "json-syntax", Error, Syntax;
    /// A comma before a closing `]` or `}`.
    TrailingComma = "trailing-comma", Error, Syntax;
    /// A key appears twice in one object.
    DuplicateKey = "duplicate-key", Error, Syntax;
    /// Arrays and objects nested deeper than the limit.
    TooDeep = "too-deep", Error, Syntax;
    /// The file does not match its JSON Schema.
    Schema = "schema", Error, Schema;
    /// An id (or a reference to one) is not a lowercase slug of at most 64 bytes.
    IdFormat = "id-format", Error, Schema;
    /// A record cites no source.
    MissingCitation = "missing-citation", Error, Schema;
    /// A date string is not a real calendar date.
    InvalidDate = "invalid-date", Error, Schema;
    /// An interval ends before it starts.
    IntervalEndsBeforeStart = "interval-ends-before-start", Error, Schema;
    /// A date lies after today.
    FutureDate = "future-date", Error, Schema;
    /// A date's qualifier (`?`, `~`, `%`) is misplaced or repeated.
    InvalidDateQualifier = "invalid-date-qualifier", Error, Schema;
    /// Two records share an id.
    DuplicateId = "duplicate-id", Error, Rules;
    /// A reference names no record.
    UnresolvedReference = "unresolved-reference", Error, Rules;
    /// A record refers to itself (a claim contradicting itself, an actor part of itself).
    SelfReference = "self-reference", Error, Rules;
    /// A reference names a record of the wrong kind (an event where an actor is expected).
    WrongReferenceKind = "wrong-reference-kind", Error, Rules;
    /// A citation names no source.
    UnknownSource = "unknown-source", Error, Rules;
    /// A source that no record cites and no source lists as related.
    UnusedSource = "unused-source", Warning, Rules;
    /// A quote or role dated outside its speaker's or holder's lifespan.
    OutsideLifespan = "outside-lifespan", Error, Rules;
    /// An actor is listed twice among an event's participants.
    DuplicateParticipant = "duplicate-participant", Error, Rules;
    /// A sanction imposed by an actor that is neither a state nor an intergovernmental body.
    InvalidImposer = "invalid-imposer", Error, Rules;
    /// A sanction imposed by an informal group ("the West").
    ImposerIsGroup = "imposer-is-group", Warning, Rules;
    /// Two actors whose normalised names or aliases are the same: a likely duplicate.
    NameCollision = "name-collision", Warning, Rules;
    /// A file's `$schema` does not point at its own schema, so editors check it against the
    /// wrong one (or none).
    SchemaReference = "schema-reference", Error, Rules;
    /// A source gives only one of `text_file` and `text_sha256`.
    IncompleteTextPin = "incomplete-text-pin", Error, Rules;
    /// With `--sources`: a source cited with excerpts or by quotes whose stored text is not
    /// pinned or not in the directory, so its excerpts were not checked.
    SourceTextNotChecked = "source-text-not-checked", Warning, Sources;
    /// A stored source text whose SHA-256 differs from the source's `text_sha256`.
    SourceTextHash = "source-text-hash", Error, Sources;
    /// A stored source text that cannot be read (not UTF-8, not a regular file, too large).
    SourceTextUnreadable = "source-text-unreadable", Error, Sources;
    /// A citation of a source with a stored text whose locator names no line of it.
    InvalidLocator = "invalid-locator", Error, Sources;
    /// A citation's excerpt is not on the line of the stored text its locator names.
    ExcerptNotFound = "excerpt-not-found", Error, Sources;
    /// A quote's text is not on a line of the stored text its citations name.
    QuoteNotFound = "quote-not-found", Error, Sources;
    /// An excerpt or quote differs from the stored text only in typography (`'` for `’`).
    TypographicMismatch = "typographic-mismatch", Error, Sources;
    /// An actor is listed twice among a quote's speakers (or who reports it).
    DuplicateSpeaker = "duplicate-speaker", Error, Rules;
    /// A quote of kind `analysis` whose speakers are not among the authors of the sources it
    /// cites: the authorial voice belongs to the author.
    AnalysisNotByAuthor = "analysis-not-by-author", Warning, Rules;
    /// A claim carries a `hedge` but its stance is not `suggests`.
    HedgeWithoutSuggests = "hedge-without-suggests", Error, Rules;
    /// A claim's `hedge` is in none of its citations' excerpts: the hedge is the source's own
    /// words, and the passage that holds them is cited.
    HedgeNotInExcerpt = "hedge-not-in-excerpt", Error, Rules;
    /// A withdrawn record gives no reason in its `notes`.
    WithdrawnWithoutReason = "withdrawn-without-reason", Error, Rules;
    /// A record is withdrawn before its own date (published, said, asserted, happened).
    WithdrawnBeforeRecord = "withdrawn-before-record", Error, Rules;
    /// An acknowledged warning names a code that does not exist or is not a warning.
    UnknownWarningCode = "unknown-warning-code", Error, Rules;
    /// An acknowledged warning that the record does not raise: the acknowledgement is stale.
    UnusedAcknowledgement = "unused-acknowledgement", Warning, Rules;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: 1-based lines, 1-based columns counted in characters, and the end of
/// the offending value (exclusive column) on its last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line the value starts on.
    pub line: usize,
    /// The column the value starts at.
    pub column: usize,
    /// The line the value ends on.
    pub end_line: usize,
    /// The column just after the value's last character.
    pub end_column: usize,
}

/// One problem found in the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file it is in.
    pub file: PathBuf,
    /// The JSON pointer of the offending value, when there is one (`/events/3/date`).
    pub pointer: Option<String>,
    /// Where in the file, when known. Filled in from the pointer or byte offset only for files
    /// that have diagnostics, so valid files never pay for it.
    pub location: Option<Location>,
    /// How to fix it, when there is something to suggest.
    pub help: Option<String>,
    /// A byte span of the file (start, end; an empty span is one character), for syntax
    /// problems found before there is a JSON value.
    pub(crate) offset: Option<(usize, usize)>,
    /// For a warning the record acknowledges (`acknowledged_warnings`), the curators' reason.
    /// Acknowledged warnings are listed in [`Report::acknowledged`](super::Report::acknowledged),
    /// not among the counted diagnostics.
    pub acknowledged: Option<String>,
    /// A value as the message shows it after parsing (a number: `-0.0`,
    /// `1.8446744073709552e19`), to be replaced by the value as written in the file once the
    /// diagnostic is located, so the message quotes what the contributor typed.
    pub(crate) written: Option<String>,
    /// Located at the key of the member the pointer names, not at its value: an unknown
    /// field's problem is its name (`"sumary": …`), and the value may be a long text or a list.
    pub(crate) at_key: bool,
    /// Where the line the location starts on begins in the report's text of the file
    /// ([`Report::texts`](super::Report::texts)), with that line's number: set by the
    /// locator, which has counted the file's lines, so that showing the line does not count
    /// them again (a file of 30 MB: 5 ms). Used only while the location still starts on that
    /// line.
    pub(crate) line_start: LineStart,
}

/// [`Diagnostic::line_start`]: a hint for showing the diagnostic, not part of what it says,
/// so it never makes two diagnostics unequal (one located, one built with the same location
/// by hand).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LineStart(pub(crate) Option<(usize, usize)>);

impl PartialEq for LineStart {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineStart {}

impl Diagnostic {
    /// A diagnostic with the code's own severity and no location inside the file.
    pub fn new(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: file.into(),
            pointer: None,
            location: None,
            help: None,
            offset: None,
            acknowledged: None,
            written: None,
            at_key: false,
            line_start: LineStart(None),
        }
    }

    /// Sets the JSON pointer.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Locates the diagnostic at the key of the member its pointer names.
    pub(crate) fn at_key(mut self) -> Self {
        self.at_key = true;
        self
    }

    /// Sets the byte offset, to be turned into a location later.
    pub(crate) fn at_offset(mut self, offset: usize) -> Self {
        self.offset = Some((offset, offset));
        self
    }

    /// Sets a byte span, to be turned into a location later.
    pub(crate) fn at_span(mut self, start: usize, end: usize) -> Self {
        self.offset = Some((start, end));
        self
    }

    /// Marks `shown` in the message as a value to quote as written in the file.
    pub(crate) fn quote_as_written(mut self, shown: impl Into<String>) -> Self {
        self.written = Some(shown.into());
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    /// A one-line summary: `error[duplicate-id]: file:line:column: message`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity,
            self.code,
            self.file.display()
        )?;
        if let Some(l) = self.location {
            write!(f, ":{}:{}", l.line, l.column)?;
        }
        write!(f, ": {}", self.message)
    }
}
