//! The static site: the dataset as plain HTML pages, built by `dossier site --out DIR` and
//! shipped in every release bundle as `site/`.
//!
//! Everything is decided at build time so the site works from `file://` and from any static
//! host: the timeline is SVG drawn here, every record has a page at a stable URL made from its
//! id (`actors/amir-abdollahian.html`), and the search index is a prebuilt script file, loaded
//! only when someone types in the search box, so the pages work without JavaScript.
//!
//! [`render`] is pure (a dataset in, a map of file paths to bytes out), so the release builder
//! can put the same files in a bundle; [`Site::write`] writes them through the file layer.
//! Every value from the data is printed through [`escape`].

pub mod escape;

mod dates;
mod layout;
mod pages;
mod search;
mod timeline;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::dataset::Dataset;
use crate::model::{Actor, RecordKind, Source};
use crate::query::RecordRef;

/// The rendered site: file paths relative to the site's root (`index.html`,
/// `actors/iran.html`), each with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Every file of the site, by relative path (always `/`-separated, never `..`).
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SiteError {
    /// A directory or file could not be created or written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// Renders the whole site for a dataset. Accepts any dataset that loads (a reference to a
/// missing record is shown as its id, unlinked), and never fails.
pub fn render(data: &Dataset) -> Site {
    let ctx = Ctx::new(data);
    let mut files = BTreeMap::new();
    let mut put = |path: String, text: String| {
        files.insert(path, text.into_bytes());
    };
    put("index.html".into(), timeline::home(&ctx));
    put("style.css".into(), layout::STYLE.to_owned());
    put("search.js".into(), search::SCRIPT.to_owned());
    put("search-index.js".into(), search::index(&ctx));
    for kind in RecordKind::ALL {
        put(
            format!("{}/index.html", dir(kind)),
            pages::listing(&ctx, kind),
        );
    }
    for record in ctx.records() {
        put(
            path_of(record.kind(), record.id().as_str()),
            pages::page(&ctx, record),
        );
    }
    Site { files }
}

impl Site {
    /// Writes every file under `out` (created if missing), each atomically through the file
    /// layer. Files already in `out` that the site does not have are left alone. Every target
    /// must resolve inside `out` (a symlink planted there, to a file or a directory outside, is
    /// refused) and be a regular file; all are checked before the first is written, so a
    /// refused run changes nothing.
    pub fn write(&self, out: &Path) -> Result<(), SiteError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SiteError::Io { path, source }
        };
        // Every target checked before anything is created or written.
        let targets: Vec<PathBuf> = self.files.keys().map(|rel| out.join(rel)).collect();
        crate::files::check_targets(targets.iter().map(PathBuf::as_path), out)
            .map_err(|(path, source)| SiteError::Io { path, source })?;
        std::fs::create_dir_all(out).map_err(io(out))?;
        for rel in self.files.keys() {
            let path = out.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
        }
        // Each directory is read once for an earlier run's temporary files, not once per file.
        let mut names: BTreeMap<PathBuf, std::collections::HashSet<&str>> = BTreeMap::new();
        for rel in self.files.keys() {
            let path = out.join(rel);
            if let (Some(dir), Some(name)) = (path.parent(), Path::new(rel).file_name()) {
                let name = name.to_str().unwrap_or_default();
                names.entry(dir.to_path_buf()).or_default().insert(name);
            }
        }
        for (dir, names) in &names {
            crate::files::remove_orphans_among(dir, names);
        }
        let options = crate::files::WriteOptions {
            within: Some(out),
            orphans_removed: true,
            ..Default::default()
        };
        for (rel, bytes) in &self.files {
            let path = out.join(rel);
            crate::files::write_atomic_with(&path, bytes, &options).map_err(io(&path))?;
        }
        Ok(())
    }
}

/// What follows a link to a withdrawn record, wherever it is listed: it is no longer part of
/// the dataset's account, though its page stays.
pub(crate) fn withdrawn_badge(withdrawn: bool) -> &'static str {
    if withdrawn {
        r#" <span class="badge">withdrawn</span>"#
    } else {
        ""
    }
}

/// Picks for [`Ctx::referring`]: `actor(record)` is the record if it is an actor, and so on.
macro_rules! picks {
    ($($name:ident: $variant:ident),* $(,)?) => {$(
        pub(crate) fn $name(r: RecordRef<'_>) -> Option<&crate::model::$variant> {
            match r {
                RecordRef::$variant(x) => Some(x),
                _ => None,
            }
        }
    )*};
}

picks!(actor: Actor, event: Event, sanction: Sanction, quote: Quote, claim: Claim);

/// The directory of a kind's pages.
pub(crate) fn dir(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Source => "sources",
        RecordKind::Actor => "actors",
        RecordKind::Event => "events",
        RecordKind::Sanction => "sanctions",
        RecordKind::Quote => "quotes",
        RecordKind::Claim => "claims",
    }
}

/// A record's page, relative to the site root. Ids are slugs (`[a-z0-9-]`), so the path needs
/// no escaping and stays the same for as long as the id does. The one id whose page would be
/// its kind's listing (`actors/index.html`), `index`, has `index_.html`: no id holds `_`, so
/// that name is no other record's.
pub(crate) fn path_of(kind: RecordKind, id: &str) -> String {
    if id == "index" {
        format!("{}/index_.html", dir(kind))
    } else {
        format!("{}/{id}.html", dir(kind))
    }
}

/// What every page builder needs: the dataset and the reverse references ("who points here").
pub(crate) struct Ctx<'a> {
    pub data: &'a Dataset,
    /// For each id, the records that refer to it and the field they do it in.
    backlinks: BTreeMap<&'a str, Vec<(RecordRef<'a>, String)>>,
    /// Every record by id, as [`Dataset::get`] finds it (the first of the first kind), and
    /// actors and sources by id as [`Dataset::actor`] and [`Dataset::source`] do: a page
    /// links dozens of records, and the dataset's own lookups scan a list each time (a site of
    /// 10,000 records took 15 s, most of it there and in writing).
    by_id: HashMap<&'a str, RecordRef<'a>>,
    actors: HashMap<&'a str, &'a Actor>,
    sources: HashMap<&'a str, &'a Source>,
}

impl<'a> Ctx<'a> {
    fn new(data: &'a Dataset) -> Self {
        let mut ctx = Ctx {
            data,
            backlinks: BTreeMap::new(),
            by_id: HashMap::new(),
            actors: HashMap::new(),
            sources: HashMap::new(),
        };
        let records = ctx.records();
        for &record in &records {
            ctx.by_id.entry(record.id().as_str()).or_insert(record);
        }
        for a in &data.actors {
            ctx.actors.entry(a.id.as_str()).or_insert(a);
        }
        for s in &data.sources {
            ctx.sources.entry(s.id.as_str()).or_insert(s);
        }
        for record in records {
            for r in record.references() {
                let field = r
                    .pointer
                    .trim_start_matches('/')
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .replace('_', " ");
                let list = ctx.backlinks.entry(r.id.as_str()).or_default();
                // A record's references are walked together, so its entries are the last
                // ones of the list: only those are compared (a source cited by every record
                // would otherwise compare each new citation with all before it).
                let listed = list
                    .iter()
                    .rev()
                    .take_while(|(rec, _)| rec.id() == record.id())
                    .any(|(_, f)| *f == field);
                if !listed {
                    list.push((record, field));
                }
            }
        }
        ctx
    }

    /// The records that [`pick`] takes (those of one kind) among the records that refer to
    /// `id`, each once, in the dataset's order: what a scan of that kind's list for a
    /// reference to `id` finds, from the index built once. A page per record that scanned
    /// whole lists made the site's time grow with the square of the records.
    pub fn referring<T>(
        &self,
        id: &str,
        pick: impl Fn(RecordRef<'a>) -> Option<&'a T>,
    ) -> Vec<&'a T> {
        let mut out: Vec<&'a T> = Vec::new();
        for (record, _) in self.referrers(id) {
            // A record referring in several fields is listed once per field, together.
            if let Some(t) = pick(*record)
                && !out.last().is_some_and(|last| std::ptr::eq(*last, t))
            {
                out.push(t);
            }
        }
        out
    }

    /// The record with this id, as [`Dataset::get`] finds it.
    pub fn get(&self, id: &str) -> Option<RecordRef<'a>> {
        self.by_id.get(id).copied()
    }

    /// The first source with this id, as [`Dataset::source`] finds it.
    pub fn source(&self, id: &str) -> Option<&'a Source> {
        self.sources.get(id).copied()
    }

    /// Every record, by kind in file order.
    pub fn records(&self) -> Vec<RecordRef<'a>> {
        let d = self.data;
        let mut out: Vec<RecordRef<'a>> = Vec::new();
        out.extend(d.sources.iter().map(RecordRef::Source));
        out.extend(d.actors.iter().map(RecordRef::Actor));
        out.extend(d.events.iter().map(RecordRef::Event));
        out.extend(d.sanctions.iter().map(RecordRef::Sanction));
        out.extend(d.quotes.iter().map(RecordRef::Quote));
        out.extend(d.claims.iter().map(RecordRef::Claim));
        out
    }

    /// The records that refer to `id`, with the field of each reference.
    pub fn referrers(&self, id: &str) -> &[(RecordRef<'a>, String)] {
        self.backlinks.get(id).map_or(&[], Vec::as_slice)
    }

    /// A record's display name: an actor's name, an event's title, the start of a quote.
    pub fn label(&self, record: RecordRef<'_>) -> String {
        match record {
            RecordRef::Source(s) => s.title.clone(),
            RecordRef::Actor(a) => a.name.clone(),
            RecordRef::Event(e) => e.title.clone(),
            RecordRef::Sanction(s) => s.title.clone(),
            RecordRef::Quote(q) => {
                format!(
                    "{}: “{}”",
                    q.speakers
                        .iter()
                        .map(|a| self.name_of(a.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    shorten(&q.text, 90)
                )
            }
            RecordRef::Claim(c) => shorten(&c.statement, 110),
        }
    }

    /// An actor's name, or the id itself when there is no such actor.
    pub fn name_of(&self, id: &str) -> String {
        self.actors
            .get(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// A link to the record with this id from a page at `root` (`""` or `"../"`), or the id as
    /// plain text when no record has it.
    pub fn link(&self, root: &str, id: &str) -> String {
        match self.get(id) {
            Some(record) => format!(
                r#"<a href="{root}{}">{}</a>{}"#,
                path_of(record.kind(), record.id().as_str()),
                escape::html(&self.label(record)),
                withdrawn_badge(record.withdrawn().is_some())
            ),
            None => format!(r#"<span class="missing">{}</span>"#, escape::html(id)),
        }
    }

    /// Links to several records, separated by commas.
    pub fn links<'i>(
        &self,
        root: &str,
        ids: impl IntoIterator<Item = &'i crate::model::Id>,
    ) -> String {
        ids.into_iter()
            .map(|id| self.link(root, id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The published site's address, derived from the crate's `repository`
/// (`https://github.com/OWNER/REPO` gives `https://OWNER.github.io/REPO/`), if it is on GitHub.
pub fn pages_url() -> Option<String> {
    let repo = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    let rest = repo.strip_prefix("https://github.com/")?;
    let (owner, name) = rest.split_once('/')?;
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    (ok(owner) && ok(name))
        .then(|| format!("https://{}.github.io/{name}/", owner.to_ascii_lowercase()))
}

/// The first `max` characters of `text`, cut at a word where possible, with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// Every record kind's singular noun, for headings.
pub(crate) fn noun(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Source => "source",
        RecordKind::Actor => "actor",
        RecordKind::Event => "event",
        RecordKind::Sanction => "sanction",
        RecordKind::Quote => "quote",
        RecordKind::Claim => "claim",
    }
}

/// A vocabulary value (`arms_transfer`) as words (`arms transfer`).
pub(crate) fn words<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}
