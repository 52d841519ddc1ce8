//! A claim's hedge ("There is a view that", "Perhaps") belongs to a claim that only suggests.

use super::Index;
use crate::model::Stance;
use crate::validate::{Code, Diagnostic};

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for c in &index.claims {
        if c.record.hedge.is_some() && c.record.stance != Stance::Suggests {
            out.push(
                Diagnostic::new(
                    Code::HedgeWithoutSuggests,
                    index.path(c.at.file),
                    format!(
                        "the claim is hedged, but its stance is `{}`",
                        match c.record.stance {
                            Stance::Affirms => "affirms",
                            Stance::Denies => "denies",
                            Stance::Suggests => "suggests",
                        }
                    ),
                )
                .at(format!("{}/hedge", c.at.pointer()))
                .with_help("a hedged assertion has stance `suggests`; or remove the hedge"),
            );
        }
    }
}
