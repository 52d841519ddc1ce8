//! The client-side search: a prebuilt index of names, aliases, titles and quote text, and a
//! small script that searches it. The index is a `.js` file setting one global rather than a
//! JSON file, because browsers refuse `fetch` from `file://` but run a `<script src>`.

use serde_json::{Value, json};

use super::{Ctx, escape, noun, path_of};
use crate::query::RecordRef;

/// The search script (`search.js`), a few kilobytes, no dependencies.
pub const SCRIPT: &str = include_str!("assets/search.js");

/// `search-index.js`: `window.DOSSIER_SEARCH = [[path, kind, label, [other names…]], …];`.
pub fn index(ctx: &Ctx<'_>) -> String {
    let entries: Vec<Value> = ctx
        .records()
        .into_iter()
        .map(|record| {
            let other: Vec<String> = match record {
                RecordRef::Actor(a) => a.aliases.clone(),
                RecordRef::Quote(q) => vec![q.text.clone()],
                RecordRef::Claim(c) => vec![c.statement.clone()],
                RecordRef::Source(s) => s.series.iter().cloned().collect(),
                RecordRef::Event(_) | RecordRef::Sanction(_) => Vec::new(),
            };
            let kind = match record.withdrawn() {
                Some(_) => format!("{} (withdrawn)", noun(record.kind())),
                None => noun(record.kind()).to_owned(),
            };
            json!([
                path_of(record.kind(), record.id().as_str()),
                kind,
                ctx.label(record),
                other
            ])
        })
        .collect();
    format!(
        "window.DOSSIER_SEARCH = {};\n",
        escape::json_in_script(&Value::Array(entries))
    )
}
