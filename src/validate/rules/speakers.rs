//! A quote's speakers: each listed once, and the author's own voice (`analysis`) attributed to
//! the author of the source it comes from.

use crate::validate::maps::Map;

use super::Index;
use crate::model::QuoteKind;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for q in &index.quotes {
        for (field, ids) in [
            ("speakers", &q.record.speakers),
            ("reported_by", &q.record.reported_by),
        ] {
            let mut seen = Map::default();
            for (i, id) in ids.iter().enumerate() {
                if let Some(&first) = seen.get(id) {
                    out.push(
                        Diagnostic::new(
                            Code::DuplicateSpeaker,
                            index.path(q.at.file),
                            format!("`{id}` is listed twice in this quote's {field}"),
                        )
                        .at(format!("{}/{field}/{i}", q.at.pointer()))
                        .with_help(format!(
                            "first listed at {field}/{first}; remove this entry"
                        )),
                    );
                } else {
                    seen.insert(id, i);
                }
            }
        }
        if q.record.kind != QuoteKind::Analysis {
            continue;
        }
        let sources: Vec<_> = q
            .record
            .citations
            .iter()
            .filter_map(|c| index.source(&c.source))
            .collect();
        // Without a cited source on record, there is no author to compare with.
        if sources.is_empty() {
            continue;
        }
        for (i, speaker) in q.record.speakers.iter().enumerate() {
            // A speaker that is not an actor already has its error (`unresolved-reference`,
            // `wrong-reference-kind`): whether it authored the source is beside the point.
            if index.actor(speaker).is_none() {
                continue;
            }
            if !sources.iter().any(|s| s.authors.contains(speaker)) {
                out.push(
                    Diagnostic::new(
                        Code::AnalysisNotByAuthor,
                        index.path(q.at.file),
                        format!(
                            "`{speaker}` speaks an `analysis` quote but is not an author of the sources it cites"
                        ),
                    )
                    .at(format!("{}/speakers/{i}", q.at.pointer()))
                    .with_help(
                        "`analysis` is the source author's own voice: make the author the speaker, or use `direct` or `paraphrase` for someone else's words",
                    ),
                );
            }
        }
    }
}
