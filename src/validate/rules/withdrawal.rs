//! Withdrawn records: a reason in `notes`, and a withdrawal date that is not before the
//! sources the record was curated from were published. (A withdrawal date after today is
//! `future-date`, like every other date.)

use super::{Index, Rec};
use crate::model::{Record, Source};
use crate::validate::{Code, Diagnostic};

fn check_one<R: Record>(
    index: &Index<'_>,
    r: &Rec<'_, R>,
    own: Option<&Source>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(withdrawn) = r.record.withdrawn() else {
        return;
    };
    let at = format!("{}/withdrawn", r.at.pointer());
    if r.record.notes().is_none_or(|n| n.trim().is_empty()) {
        out.push(
            Diagnostic::new(
                Code::WithdrawnWithoutReason,
                index.path(r.at.file),
                format!("`{}` is withdrawn without a reason", r.record.id()),
            )
            .at(at.clone())
            .with_help("say in `notes` why the record was withdrawn"),
        );
    }
    let cited = r
        .record
        .citations()
        .iter()
        .filter_map(|c| index.source(&c.source));
    for source in own.into_iter().chain(cited) {
        let (Some(published), Some(end)) = (&source.published, withdrawn.latest()) else {
            continue;
        };
        if published.earliest().is_some_and(|p| end < p) {
            out.push(
                Diagnostic::new(
                    Code::WithdrawnBeforeRecord,
                    index.path(r.at.file),
                    format!(
                        "`{}` is withdrawn on {withdrawn}, before its source `{}` was published ({published})",
                        r.record.id(),
                        source.id
                    ),
                )
                .at(at)
                .with_help("a record is withdrawn after it was curated: check the withdrawal date"),
            );
            break;
        }
    }
}

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for r in &index.sources {
        check_one(index, r, Some(r.record), out);
    }
    for r in &index.actors {
        check_one(index, r, None, out);
    }
    for r in &index.events {
        check_one(index, r, None, out);
    }
    for r in &index.sanctions {
        check_one(index, r, None, out);
    }
    for r in &index.quotes {
        check_one(index, r, None, out);
    }
    for r in &index.claims {
        check_one(index, r, None, out);
    }
}
