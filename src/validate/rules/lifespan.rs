//! Quotes and roles dated outside their speaker's or holder's lifespan.

use super::Index;
use crate::model::Date;
use crate::validate::{Code, Diagnostic};

/// Whether `date` certainly lies (at least partly) outside `life`: it starts before the
/// lifespan can have started, or ends after it can have ended. Partial dates are compared at
/// their widest, so `2022` is not outside a lifespan that ends `2022-03`.
fn outside(date: &Date, life: &Date) -> bool {
    let before = match (date.start(), life.start()) {
        (Some(d), Some(l)) => d.latest() < l.earliest(),
        _ => false,
    };
    let after = match (date.end(), life.end()) {
        (Some(d), Some(l)) => d.earliest() > l.latest(),
        _ => false,
    };
    before || after
}

pub(super) fn check(index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for q in &index.quotes {
        let Some(date) = &q.record.date else {
            continue;
        };
        for speaker in q.record.speakers.iter().filter_map(|s| index.actor(s)) {
            if let Some(life) = &speaker.lifespan
                && outside(date, life)
            {
                out.push(
                    Diagnostic::new(
                        Code::OutsideLifespan,
                        index.path(q.at.file),
                        format!(
                            "the quote is dated {date}, outside the lifespan of `{}` ({life})",
                            speaker.id
                        ),
                    )
                    .at(format!("{}/date", q.at.pointer()))
                    .with_help("check the quote's date, its speaker, and the speaker's lifespan"),
                );
            }
        }
    }
    for a in &index.actors {
        let Some(life) = &a.record.lifespan else {
            continue;
        };
        for (i, role) in a.record.roles.iter().enumerate() {
            if let Some(period) = &role.period
                && outside(period, life)
            {
                out.push(
                    Diagnostic::new(
                        Code::OutsideLifespan,
                        index.path(a.at.file),
                        format!(
                            "the role `{}` is dated {period}, outside the lifespan of `{}` ({life})",
                            role.title, a.record.id
                        ),
                    )
                    .at(format!("{}/roles/{i}/period", a.at.pointer()))
                    .with_help("check the role's period and the actor's lifespan"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn outside_compares_at_the_widest() {
        assert!(!outside(&d("1990/1994"), &d("1960/..")));
        assert!(outside(&d("1950/1994"), &d("1960/..")));
        assert!(outside(&d("2023"), &d("1960/2022")));
        assert!(!outside(&d("2022"), &d("1960/2022-03")));
        assert!(!outside(&d("2022-05"), &d("../2022")));
    }
}
