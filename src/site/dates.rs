//! Dates in words, at exactly their precision: `August 2022`, `8 June 2022`, `until 23
//! February 2022`. The machine form (EDTF) stays beside it in a `data-edtf` attribute.

use crate::model::{Date, PartialDate, QualifiedDate, Qualifier};

use super::escape;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(m: u32) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

/// A partial date in words.
pub fn partial(p: PartialDate) -> String {
    match p {
        PartialDate::Year(y) => format!("{y}"),
        PartialDate::Month(y, m) => format!("{} {y}", month(m)),
        PartialDate::Day(d) => format!("{} {} {}", d.day(), month(d.month()), d.year()),
    }
}

/// A qualifier in words.
fn qualifier(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Uncertain => "uncertain",
        Qualifier::Approximate => "approximate",
        Qualifier::UncertainApproximate => "uncertain and approximate",
    }
}

/// A date as the source supports it, in words; a qualified one says which part is uncertain
/// (`?`) or approximate (`~`), as EDTF reads it (a qualifier applies to its component and
/// those before it): `2022?-06-08` is "8 June 2022 (year uncertain)", `2022-08~` "August
/// 2022 (approximate)".
fn qualified(q: QualifiedDate) -> String {
    if !q.is_qualified() {
        return partial(q.date);
    }
    let parts: &[(&str, Option<Qualifier>)] = &[
        ("year", q.year_qualifier()),
        ("month", q.month_qualifier()),
        ("day", q.day_qualifier()),
    ];
    let present = match q.date {
        PartialDate::Year(_) => &parts[..1],
        PartialDate::Month(..) => &parts[..2],
        PartialDate::Day(_) => parts,
    };
    let said = if present.iter().all(|(_, x)| *x == present[0].1) {
        present[0].1.map(qualifier).unwrap_or_default().to_owned()
    } else {
        present
            .iter()
            .filter_map(|(name, x)| x.map(|x| format!("{name} {}", qualifier(x))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{} ({said})", partial(q.date))
}

/// A date in words: a point, an interval `1990 – 1994`, or an open one (`until 2023`,
/// `from 2022`).
pub fn words(date: &Date) -> String {
    match *date {
        Date::Point(p) => qualified(p),
        Date::Interval {
            start: Some(a),
            end: Some(b),
        } => format!("{} – {}", qualified(a), qualified(b)),
        Date::Interval {
            start: None,
            end: Some(b),
        } => format!("until {}", qualified(b)),
        Date::Interval {
            start: Some(a),
            end: None,
        } => format!("from {}", qualified(a)),
        Date::Interval {
            start: None,
            end: None,
        } => "unknown".to_owned(),
    }
}

/// A date as an HTML element: the words, with the EDTF form in `data-edtf`.
pub fn html(date: &Date) -> String {
    format!(
        r#"<span class="date" data-edtf="{}">{}</span>"#,
        escape::attr(&date.to_string()),
        escape::html(&words(date))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision_in_words() {
        let w = |s: &str| words(&s.parse().unwrap());
        assert_eq!(w("2022"), "2022");
        assert_eq!(w("2022-08"), "August 2022");
        assert_eq!(w("2022-06-08"), "8 June 2022");
        assert_eq!(w("1990/1994"), "1990 – 1994");
        assert_eq!(w("../2022-02-23"), "until 23 February 2022");
        assert_eq!(w("2021/.."), "from 2021");
    }

    #[test]
    fn qualified_dates_say_which_part_is_uncertain_or_approximate() {
        let w = |s: &str| words(&s.parse().unwrap());
        assert_eq!(w("2022?-06-08"), "8 June 2022 (year uncertain)");
        assert_eq!(w("2022-06-08?"), "8 June 2022 (uncertain)");
        assert_eq!(w("2022-08~"), "August 2022 (approximate)");
        assert_eq!(w("2022%"), "2022 (uncertain and approximate)");
        assert_eq!(
            w("2022?-06~-08"),
            "8 June 2022 (year uncertain and approximate, month approximate)"
        );
        assert_eq!(
            w("../2022?-02-23"),
            "until 23 February 2022 (year uncertain)"
        );
    }
}
