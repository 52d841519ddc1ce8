//! Sources that nothing uses. (Every record citing a source is the schema's `minItems`, and
//! every cited source existing is checked with the other references.)

use crate::validate::maps::Set;

use super::Index;
use crate::model::RecordKind;
use crate::validate::{Code, Diagnostic};

/// A source is used when a record cites it or another source lists it as `related`. Only
/// checked when every record was read: a record the schema rejected would otherwise make the
/// sources it cites look unused.
pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    if !index.complete {
        return;
    }
    let mut used: Set<&str> = Set::default();
    index.each_reference(|r| {
        if r.expected == [RecordKind::Source] && r.holder != r.id {
            used.insert(r.id.as_str());
        }
    });
    for s in &index.sources {
        if !used.contains(s.record.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::UnusedSource,
                    index.path(s.at.file),
                    format!("source `{}` is not cited by any record", s.record.id),
                )
                .at(format!("{}/id", s.at.pointer()))
                .with_help("cite it from the records it supports, list it in another source's `related`, or remove it"),
            );
        }
    }
}
