//! Provenance: every citation excerpt and every quote's text, checked against the line of the
//! stored source text that its locator names (`dossier validate --sources DIR`).
//!
//! A source pins its stored text by file name (`text_file`) and SHA-256 (`text_sha256`). The
//! texts are not ours to redistribute, so they stay outside the repository and the caller says
//! where they are. A text whose hash differs from the pin is refused rather than checked: its
//! line numbers would not be the ones the locators were written against.
//!
//! The check reads the typed records, and the JSON of a record the model refuses, so that
//! record still has its excerpts checked: in JSON, a citation anywhere (a record's, a role's,
//! a relation's) is found with its exact JSON pointer.
//!
//! What is checked:
//! - a citation's `excerpt` must occur verbatim on the line its `locator` names (`line N`, the
//!   lines of the stored text, which are its paragraphs);
//! - a quote's `text` must occur verbatim on a line named by one of its citations of a stored
//!   text. This holds for paraphrases too: their `text` is the source's own sentence stating
//!   the position, not the curator's summary of it. A quote none of whose citations names a
//!   line may occur anywhere in the cited texts.
//!
//! When the only difference is typographic (`’` against `'`, `“` against `"`, a dash, a
//! no-break space), the problem gets its own code and says which characters differ.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::Digest;

use super::content::{ItemRef, Records};
use super::rules::FileContent;
use super::{Code, Diagnostic};
use crate::RecordRef;
use crate::model::{Citation, DataFile, Sha256, TextFileName};

/// Why the excerpts and quotes citing a source were not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotChecked {
    /// No directory of stored texts was given (`--sources`).
    NoSourcesDir,
    /// The source record pins no stored text (`text_file` and `text_sha256`).
    NotPinned,
    /// The pinned text is not in the directory of stored texts.
    TextAbsent(PathBuf),
    /// The pin is incomplete, or the text is there but could not be used (unreadable, or not
    /// the pinned text). An error diagnostic says why.
    TextRefused,
}

impl std::fmt::Display for NotChecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotChecked::NoSourcesDir => f.write_str("no --sources directory given"),
            NotChecked::NotPinned => f.write_str("the source pins no stored text"),
            NotChecked::TextAbsent(path) => write!(f, "{} is not there", path.display()),
            NotChecked::TextRefused => {
                f.write_str("its pin or its stored text is in error, as reported above")
            }
        }
    }
}

/// What the provenance check covered: how many excerpts and quotes it compared with their
/// source's text, and which cited sources it could not check (and why). Every source cited
/// with an excerpt or by a quote is in exactly one of `checked_sources` and `not_checked`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Excerpts and quote texts compared with their line.
    pub compared: usize,
    /// The sources whose stored text was read and matched its pin.
    pub checked_sources: Vec<String>,
    /// The sources cited with an excerpt or by a quote whose text was not checked.
    pub not_checked: Vec<(String, NotChecked)>,
}

/// A source record's pin, read from `sources.json`.
struct Pin<'a> {
    pointer: String,
    text_file: Option<&'a str>,
    text_sha256: Option<&'a str>,
}

/// A stored text, split into lines (line `N` is `lines[N - 1]`).
struct Text {
    lines: Vec<String>,
}

/// A citation that carries an excerpt, or a quote's citation.
struct Cited<'a> {
    pointer: String,
    source: &'a str,
    locator: Option<&'a str>,
    excerpt: Option<&'a str>,
}

/// Runs the check over the parsed files; `dir` is the directory of stored texts, if given.
pub(crate) fn check<'a>(
    files: &'a [FileContent<'a>],
    dir: Option<&Path>,
    out: &mut Vec<Diagnostic>,
) -> Provenance {
    let mut provenance = Provenance::default();
    let sources_file = files.iter().find(|f| f.file == DataFile::Sources);
    let pins = sources_file.map(pins).unwrap_or_default();

    // Every citation, with its file; and every quote. Citations and their pointers are only
    // needed to report a mismatch, which needs the stored texts: without them, neither is kept
    // (a large dataset has hundreds of thousands of citations), only which sources have
    // excerpts.
    let pointers = dir.is_some();
    let mut citations: Vec<(&Path, Cited<'a>)> = Vec::new();
    let mut with_excerpts: crate::validate::maps::Set<&str> = Default::default();
    for f in files {
        let mut found = |pointer: &str, mut c: Cited<'a>| {
            if c.excerpt.is_some() {
                with_excerpts.insert(c.source);
            }
            if pointers {
                c.pointer = pointer.to_owned();
                citations.push((f.path, c));
            }
        };
        let mut pointer = String::new();
        collect(f.top, &mut pointer, &mut found);
        for (i, item) in f.records.into_iter().flat_map(Records::iter).enumerate() {
            use std::fmt::Write;
            if pointers {
                pointer.clear();
                let _ = write!(pointer, "/{}/{i}", f.file.name());
            }
            item_citations(item, pointers.then_some(&mut pointer), &mut found);
        }
    }
    let quotes_file = files.iter().find(|f| f.file == DataFile::Quotes);
    // Each quote with its citations, kept only when there are stored texts to find it in;
    // without them, only which sources quotes cite (a million records hold a third of a
    // million quotes: 50 MB, to be thrown away unread).
    let mut quoted: crate::validate::maps::Set<&str> = Default::default();
    let mut quotes: Vec<(String, &str, Vec<Cited<'_>>)> = Vec::new();
    for (i, q) in quotes_file
        .and_then(|f| f.records)
        .into_iter()
        .flat_map(Records::iter)
        .enumerate()
    {
        let Some((text, list)) = quote(q) else {
            continue;
        };
        if !pointers {
            quoted.extend(list.iter().map(|(_, c)| c.source));
            continue;
        }
        let mut cited = Vec::new();
        for (j, mut c) in list {
            c.pointer = format!("/quotes/{i}/citations/{j}");
            cited.push(c);
        }
        quotes.push((format!("/quotes/{i}/text"), text, cited));
    }

    // The sources whose text is needed: cited with an excerpt, or by a quote.
    let needed: crate::validate::maps::Set<&str> = with_excerpts
        .into_iter()
        .chain(quoted)
        .chain(
            quotes
                .iter()
                .flat_map(|(_, _, cs)| cs.iter().map(|c| c.source)),
        )
        // A source that does not exist is `unknown-source`, reported with the references.
        .filter(|s| pins.contains_key(s))
        .collect();

    let mut texts: BTreeMap<&str, Text> = BTreeMap::new();
    for (id, pin) in &pins {
        let path = sources_file.map_or(Path::new(""), |f| f.path);
        match (pin.text_file, pin.text_sha256) {
            (Some(_), None) | (None, Some(_)) => out.push(
                Diagnostic::new(
                    Code::IncompleteTextPin,
                    path,
                    format!("source `{id}` gives only one of `text_file` and `text_sha256`"),
                )
                .at(pin.pointer.clone())
                .with_help(
                    "a stored text is pinned by both its file name and its hash: add the other, e.g. \
                     `\"text_sha256\": \"…\"` with the output of `sha256sum FILE`",
                ),
            ),
            _ => {}
        }
        if !needed.contains(id) {
            continue;
        }
        let reason = match (pin.text_file, pin.text_sha256, dir) {
            (Some(file), Some(sha), Some(dir)) => {
                match load(dir, file, sha, path, &pin.pointer, out) {
                    Ok(text) => {
                        texts.insert(*id, text);
                        provenance.checked_sources.push((*id).to_owned());
                        continue;
                    }
                    Err(reason) => reason,
                }
            }
            (_, _, None) => NotChecked::NoSourcesDir,
            (None, None, _) => NotChecked::NotPinned,
            // Reported above as `incomplete-text-pin`.
            _ => NotChecked::TextRefused,
        };
        if dir.is_some() && reason != NotChecked::TextRefused {
            out.push(
                Diagnostic::new(
                    Code::SourceTextNotChecked,
                    path,
                    format!("the excerpts and quotes citing `{id}` were not checked: {reason}"),
                )
                .at(pin.pointer.clone())
                .with_help(match (&reason, pin.text_file.zip(dir).and_then(|(file, dir)| Some((similar_file(dir, file)?, dir)))) {
                    (NotChecked::NotPinned, _) => "pin the source's stored text with `text_file` and `text_sha256` (see CONTRIBUTING.md, \"Adding a source\")".to_owned(),
                    (_, Some((near, dir))) => format!("no file of that name in {}: did you mean `{near}`?", dir.display()),
                    _ => "put the stored text in the --sources directory under the name `text_file` gives".to_owned(),
                }),
            );
        }
        provenance.not_checked.push(((*id).to_owned(), reason));
    }

    for (path, c) in &citations {
        let (Some(excerpt), Some(text)) = (c.excerpt, texts.get(c.source)) else {
            continue;
        };
        provenance.compared += 1;
        let Some(line) = line_of(c, text, path, out) else {
            continue;
        };
        if text.lines[line - 1].contains(excerpt) {
            continue;
        }
        out.push(mismatch(
            Code::ExcerptNotFound,
            "the excerpt",
            excerpt,
            &[line],
            c.source,
            text,
            path,
            format!("{}/excerpt", c.pointer),
        ));
    }

    let quotes_path = quotes_file.map_or(Path::new(""), |f| f.path);
    for (pointer, quote, cited) in &quotes {
        let checked: Vec<&Cited<'_>> = cited
            .iter()
            .filter(|c| texts.contains_key(c.source))
            .collect();
        if checked.is_empty() {
            continue;
        }
        provenance.compared += 1;
        // The lines its citations name; the locators themselves are reported with the
        // excerpts, so a bad one is skipped here rather than reported twice.
        let named: Vec<(&str, usize)> = checked
            .iter()
            .filter_map(|c| {
                let n = parse_line(c.locator?)?;
                let text = &texts[c.source];
                (1..=text.lines.len()).contains(&n).then_some((c.source, n))
            })
            .collect();
        let found = if named.is_empty() {
            checked
                .iter()
                .any(|c| texts[c.source].lines.iter().any(|l| l.contains(quote)))
        } else {
            named
                .iter()
                .any(|(s, n)| texts[s].lines[n - 1].contains(quote))
        };
        // A quote also citing an unchecked source may be on that source's line.
        if found || checked.len() < cited.len() {
            continue;
        }
        let source = checked[0].source;
        let lines: Vec<usize> = named
            .iter()
            .filter(|(s, _)| *s == source)
            .map(|(_, n)| *n)
            .collect();
        out.push(mismatch(
            Code::QuoteNotFound,
            "the quote's text",
            quote,
            &lines,
            source,
            &texts[source],
            quotes_path,
            pointer.clone(),
        ));
    }
    provenance
}

/// Every source's pin, by id (the first definition of a duplicated id).
fn pins<'a>(f: &FileContent<'a>) -> BTreeMap<&'a str, Pin<'a>> {
    let mut pins = BTreeMap::new();
    for (i, s) in f.records.into_iter().flat_map(Records::iter).enumerate() {
        let (id, text_file, text_sha256) = match s {
            ItemRef::Typed(RecordRef::Source(s)) => (
                s.id.as_str(),
                s.text_file.as_ref().map(TextFileName::as_str),
                s.text_sha256.as_ref().map(Sha256::as_str),
            ),
            ItemRef::Raw(s) => {
                let Some(id) = s.get("id").and_then(Value::as_str) else {
                    continue;
                };
                (
                    id,
                    s.get("text_file").and_then(Value::as_str),
                    s.get("text_sha256").and_then(Value::as_str),
                )
            }
            _ => continue,
        };
        let field = match (text_file, text_sha256) {
            (Some(_), _) => "/text_file",
            (None, Some(_)) => "/text_sha256",
            (None, None) => "/id",
        };
        pins.entry(id).or_insert(Pin {
            pointer: format!("/sources/{i}{field}"),
            text_file,
            text_sha256,
        });
    }
    pins
}

/// Reads a pinned text from `dir`. Problems with the pin or the text itself are reported here;
/// an absent text is only a reason for not checking.
fn load(
    dir: &Path,
    file: &str,
    sha: &str,
    sources_path: &Path,
    pointer: &str,
    out: &mut Vec<Diagnostic>,
) -> Result<Text, NotChecked> {
    // A malformed name or hash is the schema's error; never join a path such as `../x` to the
    // directory.
    let (Ok(file), Ok(sha)) = (TextFileName::new(file), Sha256::new(sha)) else {
        return Err(NotChecked::TextRefused);
    };
    let path = dir.join(file.as_str());
    let refuse = |message: String, help: String, out: &mut Vec<Diagnostic>| {
        out.push(
            Diagnostic::new(Code::SourceTextUnreadable, sources_path, message)
                .at(pointer.to_owned())
                .with_help(help),
        );
        Err(NotChecked::TextRefused)
    };
    let text = match crate::files::read_text(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(NotChecked::TextAbsent(path));
        }
        Err(e) => {
            return refuse(
                format!("cannot read the stored text {}: {e}", path.display()),
                "a stored text is a UTF-8 text file, one paragraph per line".to_owned(),
                out,
            );
        }
    };
    let actual = hex(&sha2::Sha256::digest(text.as_bytes()));
    if actual != sha.as_str() {
        out.push(
            Diagnostic::new(
                Code::SourceTextHash,
                sources_path,
                format!(
                    "the stored text {} is not the pinned one: its SHA-256 is {actual}",
                    path.display()
                ),
            )
            .at(pointer.replace("/text_file", "/text_sha256"))
            .with_help(
                "line numbers in the locators refer to the pinned text: use that copy, or, if the \
                 text was deliberately replaced, recheck every locator against it before updating \
                 `text_sha256`",
            ),
        );
        return Err(NotChecked::TextRefused);
    }
    // A final line break ends the last line; it does not start another.
    let lines = text
        .strip_suffix('\n')
        .unwrap_or(&text)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect();
    Ok(Text { lines })
}

/// The file in `dir` whose name is closest to `name` (a misspelt `text_file`). At most a few
/// thousand entries are looked at: a directory of stored texts is small.
fn similar_file(dir: &Path, name: &str) -> Option<String> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .take(4096)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    super::suggest::closest(name, names.iter().map(String::as_str)).map(str::to_owned)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Calls `found` for every citation object under `value` (a `citations` array anywhere),
/// with its JSON pointer. `pointer` is one buffer extended and truncated on the way down, so
/// walking a large file allocates nothing per node; `found` copies the pointer only if it
/// needs it.
fn collect<'a>(value: &'a Value, pointer: &mut String, found: &mut dyn FnMut(&str, Cited<'a>)) {
    use std::fmt::Write;
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                push_token(pointer, key);
                match (key.as_str(), item) {
                    ("citations", Value::Array(list)) => {
                        let here = pointer.len();
                        for (i, c) in list.iter().enumerate() {
                            let _ = write!(pointer, "/{i}");
                            if let Some(c) = citation(c) {
                                found(pointer, c);
                            }
                            pointer.truncate(here);
                        }
                    }
                    _ => collect(item, pointer, found),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(list) => {
            for (i, item) in list.iter().enumerate() {
                let _ = write!(pointer, "/{i}");
                collect(item, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Calls `found` for every citation of one record, `pointer` being the record's. The same
/// citations, in the same order, as [`collect`] finds in the record's JSON (whose members are
/// in key order: an actor's `citations`, then its `relations`', then its `roles`'). Without a
/// `pointer` (no stored texts: no pointer is ever shown), `found` is given an empty one, and
/// none is written (a hundred thousand records: 400,000 numbers formatted for nothing).
fn item_citations<'a>(
    item: ItemRef<'a>,
    pointer: Option<&mut String>,
    found: &mut dyn FnMut(&str, Cited<'a>),
) {
    let mut none = String::new();
    let (pointer, write) = match pointer {
        Some(p) => (p, true),
        None => (&mut none, false),
    };
    let mut list = |pointer: &mut String, at: std::fmt::Arguments<'_>, list: &'a [Citation]| {
        use std::fmt::Write;
        if !write {
            for c in list {
                found("", typed_citation(c));
            }
            return;
        }
        let len = pointer.len();
        let _ = pointer.write_fmt(at);
        let here = pointer.len();
        for (i, c) in list.iter().enumerate() {
            let _ = write!(pointer, "/{i}");
            found(pointer, typed_citation(c));
            pointer.truncate(here);
        }
        pointer.truncate(len);
    };
    match item {
        ItemRef::Raw(value) => collect(value, pointer, found),
        ItemRef::Typed(RecordRef::Actor(a)) => {
            list(pointer, format_args!("/citations"), &a.citations);
            for (i, r) in a.relations.iter().enumerate() {
                list(
                    pointer,
                    format_args!("/relations/{i}/citations"),
                    &r.citations,
                );
            }
            for (i, r) in a.roles.iter().enumerate() {
                list(pointer, format_args!("/roles/{i}/citations"), &r.citations);
            }
        }
        // A source's list is empty: sources are what citations point at.
        ItemRef::Typed(r) => list(pointer, format_args!("/citations"), r.citations()),
    }
}

/// A quote's text and its citations (each with its position in the list), from the model or
/// from its JSON.
fn quote(item: ItemRef<'_>) -> Option<(&str, Vec<(usize, Cited<'_>)>)> {
    match item {
        ItemRef::Typed(RecordRef::Quote(q)) => Some((
            &q.text,
            q.citations.iter().map(typed_citation).enumerate().collect(),
        )),
        ItemRef::Raw(q) => {
            let text = q.get("text")?.as_str()?;
            let list = q.get("citations")?.as_array()?;
            let cited = list.iter().enumerate();
            Some((
                text,
                cited.filter_map(|(j, c)| Some((j, citation(c)?))).collect(),
            ))
        }
        _ => None,
    }
}

fn typed_citation(c: &Citation) -> Cited<'_> {
    Cited {
        pointer: String::new(),
        source: c.source.as_str(),
        locator: c.locator.as_deref(),
        excerpt: c.excerpt.as_deref(),
    }
}

/// Appends a JSON pointer token (RFC 6901): `~` and `/` escaped.
fn push_token(pointer: &mut String, key: &str) {
    if key.contains(['~', '/']) {
        pointer.push_str(&escape(key));
    } else {
        pointer.push_str(key);
    }
}

/// A JSON pointer token (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn citation(c: &Value) -> Option<Cited<'_>> {
    Some(Cited {
        pointer: String::new(),
        source: c.get("source")?.as_str()?,
        locator: c.get("locator").and_then(Value::as_str),
        excerpt: c.get("excerpt").and_then(Value::as_str),
    })
}

/// `line N` → N.
fn parse_line(locator: &str) -> Option<usize> {
    let n = locator.strip_prefix("line ")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    n.parse().ok()
}

/// The line a citation's locator names, or `None` after reporting why it names none.
fn line_of(c: &Cited<'_>, text: &Text, path: &Path, out: &mut Vec<Diagnostic>) -> Option<usize> {
    let (message, help, field) = match c.locator {
        None => (
            format!(
                "a citation of `{}` with an excerpt has no locator",
                c.source
            ),
            "say on which line of the stored text the excerpt is, e.g. `\"locator\": \"line 6\"`"
                .to_owned(),
            "",
        ),
        Some(locator) => match parse_line(locator) {
            Some(n) if n <= text.lines.len() => return Some(n),
            Some(n) => (
                format!(
                    "line {n} is past the end of `{}`'s stored text ({} lines)",
                    c.source,
                    text.lines.len()
                ),
                "count the lines of the stored text, starting at 1".to_owned(),
                "/locator",
            ),
            None => (
                format!(
                    "the locator of a citation of `{}` does not name a line of its stored text",
                    c.source
                ),
                "locators of a source with a stored text have the form `line N`".to_owned(),
                "/locator",
            ),
        },
    };
    // Where the excerpt is, when the text holds it: the locator to write.
    let found = c
        .excerpt
        .and_then(|e| text.lines.iter().position(|l| l.contains(e)))
        .map(|i| i + 1);
    let help = match found {
        Some(n) => format!("the excerpt is on line {n}: `\"locator\": \"line {n}\"`"),
        None => help,
    };
    out.push(
        Diagnostic::new(Code::InvalidLocator, path, message)
            .at(format!("{}{field}", c.pointer))
            .with_help(help),
    );
    None
}

/// Characters that print alike and differ only in typography, mapped to their plain ASCII
/// form one for one (so positions in the normalised text are positions in the original).
fn plain(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        c => c,
    }
}

/// Where `needle` occurs in `line` once both are made plain, and the first pair of characters
/// (the line's, the needle's) that differ there.
fn typographic(line: &str, needle: &str) -> Option<(char, char)> {
    let line: Vec<char> = line.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    // Beyond the cost help is worth, an excerpt is only found or not (see `near::too_costly`).
    if needle.is_empty()
        || needle.len() > line.len()
        || super::near::too_costly(line.len(), needle.len())
    {
        return None;
    }
    (0..=line.len() - needle.len()).find_map(|start| {
        let window = &line[start..start + needle.len()];
        window
            .iter()
            .zip(&needle)
            .all(|(a, b)| plain(*a) == plain(*b))
            .then(|| window.iter().zip(&needle).find(|(a, b)| a != b))
            .flatten()
            .map(|(a, b)| (*a, *b))
    })
}

fn describe(c: char) -> String {
    format!("`{c}` (U+{:04X})", u32::from(c))
}

/// The diagnostic for an excerpt or quote text that is not on its line: typographic when only
/// typography differs, otherwise saying where (if anywhere) the words are.
#[allow(clippy::too_many_arguments)]
fn mismatch(
    code: Code,
    what: &str,
    needle: &str,
    lines: &[usize],
    source: &str,
    text: &Text,
    path: &Path,
    pointer: String,
) -> Diagnostic {
    let on = match lines {
        [] => "anywhere in".to_owned(),
        [n] => format!("on line {n} of"),
        more => format!(
            "on lines {} of",
            more.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    // Typography on the named line first, then verbatim elsewhere, then typography elsewhere.
    let named = lines
        .iter()
        .find_map(|n| Some((*n, typographic(&text.lines[n - 1], needle)?)));
    let verbatim = || {
        text.lines
            .iter()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
    };
    let anywhere = || {
        text.lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| Some((i + 1, typographic(l, needle)?)))
    };
    let typo = |n: usize, (has, wrote): (char, char), elsewhere: bool| {
        let moved = if elsewhere {
            format!(" (and it is on line {n}: change the locator to `line {n}`)")
        } else {
            String::new()
        };
        Diagnostic::new(
            Code::TypographicMismatch,
            path,
            format!("{what} differs from `{source}`'s text on line {n} only in typography"),
        )
        .at(pointer.clone())
        .with_help(format!(
            "the text has {} where {what} has {}: copy the text's characters{moved}",
            describe(has),
            describe(wrote)
        ))
    };
    if let Some((n, pair)) = named {
        return typo(n, pair, false);
    }
    if let Some(n) = verbatim() {
        let d = Diagnostic::new(code, path, format!("{what} is not {on} `{source}`'s text"))
            .at(pointer.clone());
        return d.with_help(format!(
            "it is on line {n}: change the locator to `line {n}`"
        ));
    }
    if let Some((n, pair)) = anywhere() {
        return typo(n, pair, !lines.is_empty());
    }
    // The closest the words come: on the lines named, else on any line.
    let numbered = |n: &usize| (*n, text.lines[n - 1].as_str());
    let near = super::near::near_miss(lines.iter().map(numbered), needle).or_else(|| {
        super::near::near_miss(
            text.lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i + 1, l.as_str())),
            needle,
        )
    });
    Diagnostic::new(code, path, format!("{what} is not {on} `{source}`'s text"))
        .at(pointer)
        .with_help(match near {
            Some(near) => format!("{near}: copy {what} from the stored text exactly"),
            None => {
                format!("these words are nowhere in the stored text: copy {what} from it exactly")
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators() {
        assert_eq!(parse_line("line 6"), Some(6));
        assert_eq!(parse_line("line 06"), None);
        assert_eq!(parse_line("line 0"), None);
        assert_eq!(parse_line("line -1"), None);
        assert_eq!(parse_line("lines 6-7"), None);
        assert_eq!(parse_line("line 99999999999999999999999"), None);
    }

    #[test]
    fn typography() {
        assert_eq!(
            typographic("Iran’s “drones” arrived", "Iran's"),
            Some(('’', '\''))
        );
        assert_eq!(
            typographic("Iran’s “drones” arrived", "\"drones\""),
            Some(('“', '"'))
        );
        // Identical, or different in words: not typographic.
        assert_eq!(typographic("Iran’s drones", "Iran’s"), None);
        assert_eq!(typographic("Iran’s drones", "Iraq's"), None);
        assert_eq!(typographic("short", "much longer"), None);
    }

    #[test]
    fn hex_digest() {
        assert_eq!(
            hex(&sha2::Sha256::digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
