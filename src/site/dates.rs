//! Dates in words, at exactly their precision: `August 2022`, `8 June 2022`, `until 23
//! February 2022`. The machine form (EDTF) stays beside it in a `data-edtf` attribute.

use crate::model::{Date, PartialDate};

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

/// A date as the source supports it, in words; a qualified one (`2022?-06-08`: the year
/// inferred) says so.
fn qualified(q: crate::model::QualifiedDate) -> String {
    if q.is_qualified() {
        format!("{} (uncertain or approximate)", partial(q.date))
    } else {
        partial(q.date)
    }
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
}
