//! An event's participants are listed once each: one actor, one entry, one role.

use crate::validate::maps::Map;

use super::Index;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for e in &index.events {
        let mut seen = Map::default();
        for (i, p) in e.record.participants.iter().enumerate() {
            if let Some(first) = seen.insert(&p.actor, i) {
                seen.insert(&p.actor, first);
                out.push(
                    Diagnostic::new(
                        Code::DuplicateParticipant,
                        index.path(e.at.file),
                        format!("`{}` is already a participant of this event", p.actor),
                    )
                    .at(format!("{}/participants/{i}/actor", e.at.pointer()))
                    .with_help(format!(
                        "first listed at participants/{first}; keep one entry with the role that fits best"
                    )),
                );
            }
        }
    }
}
