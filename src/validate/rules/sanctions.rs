//! A sanction's imposer is a state or an intergovernmental body.
//!
//! An informal group ("the West") is a warning rather than an error: the sources do speak of
//! sanctions that way, but the record is more useful when it names the states.

use super::Index;
use crate::model::ActorKind;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for s in &index.sanctions {
        for (i, id) in s.record.imposed_by.iter().enumerate() {
            // Unresolved ids and non-actors are the references rule's to report.
            let Some(actor) = index.actor(id) else {
                continue;
            };
            let pointer = format!("{}/imposed_by/{i}", s.at.pointer());
            match actor.kind {
                ActorKind::State | ActorKind::IntergovernmentalOrganisation => {}
                ActorKind::Group => out.push(
                    Diagnostic::new(
                        Code::ImposerIsGroup,
                        index.path(s.at.file),
                        format!("`{id}` is an informal group, not a state or intergovernmental body"),
                    )
                    .at(pointer)
                    .with_help("name the states that impose the sanction, where the sources say"),
                ),
                kind => out.push(
                    Diagnostic::new(
                        Code::InvalidImposer,
                        index.path(s.at.file),
                        format!(
                            "`{id}` is {}, not a state or intergovernmental body",
                            describe(kind)
                        ),
                    )
                    .at(pointer)
                    .with_help("sanctions are imposed by states or intergovernmental bodies: name the state (put the agency or programme in `programme`)"),
                ),
            }
        }
    }
}

fn describe(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "a state",
        ActorKind::Person => "a person",
        ActorKind::GovernmentBody => "a government body",
        ActorKind::ArmedForce => "an armed force",
        ActorKind::LegislativeBody => "a legislative body",
        ActorKind::PoliticalFaction => "a political faction",
        ActorKind::Media => "a media outlet",
        ActorKind::ThinkTank => "a think tank",
        ActorKind::IntergovernmentalOrganisation => "an intergovernmental organisation",
        ActorKind::Organisation => "an organisation",
        ActorKind::Group => "a group",
    }
}
