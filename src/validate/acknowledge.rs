//! Acknowledged warnings: a record lists the warning codes its curators examined and accept
//! (`acknowledged_warnings`), each with a reason.
//!
//! This runs after every other rule, on the diagnostics they produced. A warning whose record
//! acknowledges its code is marked with the reason and later moved out of the counted
//! diagnostics into [`Report::acknowledged`](super::Report::acknowledged), so the summary lists
//! it and `--deny warnings` passes. An acknowledgement must stay true: one that names no
//! warning code is an error (`unknown-warning-code`), and one the record no longer raises is a
//! warning (`unused-acknowledgement`), which cannot itself be acknowledged.

use serde_json::Value;

use crate::validate::maps::Map;
use std::path::Path;

use super::content::ItemRef;
use super::rules::FileContent;
use super::{Code, Diagnostic, Severity};
use crate::model::AcknowledgedWarning;

/// One acknowledgement as written in a file.
struct Ack<'a> {
    file: usize,
    /// The record's pointer, such as `/sanctions/3`.
    record: String,
    /// The acknowledgement's pointer.
    at: String,
    code: Option<Code>,
    reason: &'a str,
}

/// The record a pointer lies in: its first two segments (`/sanctions/3/imposed_by/0` is in
/// `/sanctions/3`).
pub(crate) fn record_of(pointer: &str) -> Option<&str> {
    let rest = pointer.strip_prefix('/')?;
    let first = rest.find('/')?;
    let second = rest[first + 1..]
        .find('/')
        .map_or(rest.len(), |i| first + 1 + i);
    Some(&pointer[..=second])
}

/// A record's acknowledgements as `(code, reason)`, from the model or from its JSON (where a
/// malformed entry, with no code or not a string, is the schema layer's to report, and is
/// `None` here).
fn acknowledgements(item: ItemRef<'_>) -> Vec<Option<(&str, &str)>> {
    fn typed(list: &[AcknowledgedWarning]) -> Vec<Option<(&str, &str)>> {
        list.iter()
            .map(|a| Some((a.code.as_str(), a.reason.as_str())))
            .collect()
    }
    match item {
        ItemRef::Typed(r) => typed(r.acknowledged_warnings()),
        ItemRef::Raw(value) => value
            .get("acknowledged_warnings")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|ack| {
                        (
                            ack.get("code").and_then(Value::as_str),
                            ack.get("reason").and_then(Value::as_str),
                        )
                    })
                    .map(|(code, reason)| code.zip(reason))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Whether a record has acknowledgements to check ([`apply`] looks at no other record).
pub(crate) fn acknowledges(item: ItemRef<'_>) -> bool {
    match item {
        ItemRef::Typed(r) => !r.acknowledged_warnings().is_empty(),
        ItemRef::Raw(value) => value
            .get("acknowledged_warnings")
            .and_then(Value::as_array)
            .is_some_and(|list| !list.is_empty()),
    }
}

/// Checks the acknowledgements of the records `acknowledging` names (as (position in
/// `files`, position in the file's records), in file order: every record that
/// [`acknowledges`]), and marks the warnings they accept.
pub(crate) fn apply(
    files: &[FileContent<'_>],
    acknowledging: &[(usize, usize)],
    out: &mut Vec<Diagnostic>,
) {
    let mut acks = Vec::new();
    for &(fi, ri) in acknowledging {
        let Some(f) = files.get(fi) else {
            continue;
        };
        let Some(record) = f.records.and_then(|r| r.get(ri)) else {
            continue;
        };
        let list = acknowledgements(record);
        if list.is_empty() {
            continue;
        }
        let record_at = format!("/{}/{ri}", f.file.name());
        for (ai, ack) in list.into_iter().enumerate() {
            let Some((code, reason)) = ack else {
                continue;
            };
            let at = format!("{record_at}/acknowledged_warnings/{ai}");
            let known = Code::from_slug(code);
            let problem = match known {
                None => Some(format!("`{code}` is not a validator code")),
                Some(c) if c.severity() == Severity::Error => Some(format!(
                    "`{code}` is an error, and only warnings can be acknowledged"
                )),
                Some(Code::UnusedAcknowledgement) => Some(format!(
                    "`{code}` cannot be acknowledged: remove the stale acknowledgement instead"
                )),
                Some(_) => None,
            };
            if let Some(message) = problem {
                out.push(
                    Diagnostic::new(Code::UnknownWarningCode, f.path, message)
                        .at(format!("{at}/code"))
                        .with_help(
                            "acknowledge a warning code listed in docs/rules.md, such as `imposer-is-group`",
                        ),
                );
            }
            acks.push(Ack {
                file: fi,
                record: record_at.clone(),
                at,
                code: known.filter(|_| problem_free(known)),
                reason,
            });
        }
    }
    if acks.is_empty() {
        return;
    }
    // The acknowledgements of each record and code, in file order: a warning uses the first.
    let mut by_record: Map<(&Path, &str, Code), Vec<usize>> = Map::default();
    for (i, a) in acks.iter().enumerate() {
        if let Some(code) = a.code {
            by_record
                .entry((files[a.file].path, a.record.as_str(), code))
                .or_default()
                .push(i);
        }
    }
    let mut used = vec![false; acks.len()];
    for d in out.iter_mut() {
        if d.severity != Severity::Warning {
            continue;
        }
        let Some(record) = d.pointer.as_deref().and_then(record_of) else {
            continue;
        };
        if let Some(&i) = by_record
            .get(&(d.file.as_path(), record, d.code))
            .and_then(|list| list.first())
        {
            used[i] = true;
            d.acknowledged = Some(acks[i].reason.to_owned());
        }
    }
    for (ack, _) in acks.iter().zip(used).filter(|(_, used)| !used) {
        let Some(code) = ack.code else { continue };
        out.push(
            Diagnostic::new(
                Code::UnusedAcknowledgement,
                files[ack.file].path,
                format!("this record acknowledges `{code}`, but raises no such warning"),
            )
            .at(ack.at.clone())
            .with_help("remove the acknowledgement: the warning it accepted is gone"),
        );
    }
}

/// Whether an acknowledged code can be matched against warnings (a warning other than
/// `unused-acknowledgement`).
fn problem_free(code: Option<Code>) -> bool {
    code.is_some_and(|c| c.severity() == Severity::Warning && c != Code::UnusedAcknowledgement)
}

#[cfg(test)]
mod tests {
    use super::record_of;

    #[test]
    fn the_record_of_a_pointer_is_its_first_two_segments() {
        assert_eq!(record_of("/sanctions/3/imposed_by/0"), Some("/sanctions/3"));
        assert_eq!(record_of("/sanctions/3"), Some("/sanctions/3"));
        assert_eq!(record_of("/sanctions"), None);
        assert_eq!(record_of(""), None);
    }
}
