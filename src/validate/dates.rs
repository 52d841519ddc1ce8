//! Date strings, checked from the JSON value before the records are read into the model.
//!
//! The model's [`Date`] rejects impossible dates when parsed, which would make a whole record
//! fail to deserialise and hide every other rule for it. Checking the strings here instead
//! gives each bad date its own located diagnostic and code; the bad value is then removed from
//! the tree, so the record is still read and checked by the later layers.
//!
//! Which members hold dates is read from the committed schema (properties that refer to
//! `#/$defs/Date`), not listed by hand, so a new date field is checked without a change here.

use chrono::NaiveDate;
use serde_json::Value;

use super::locate::escape;
use super::{Code, Diagnostic};
use crate::model::{DataFile, Date, DateError};
use std::path::Path;

#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer(path: &[Seg<'_>]) -> String {
    let mut p = String::new();
    for seg in path {
        p.push('/');
        match seg {
            Seg::Key(k) => p.push_str(&escape(k)),
            Seg::Index(i) => p.push_str(&i.to_string()),
        }
    }
    p
}

/// Checks every date in `value` and removes the invalid ones.
pub(crate) fn check(
    path_of_file: &Path,
    file: DataFile,
    value: &mut Value,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let keys = super::schema::date_keys(file);
    if keys.is_empty() {
        return;
    }
    let mut invalid = Vec::new();
    // An explicit stack rather than recursion: the depth of input is bounded by the syntax
    // layer, but nothing here needs to rely on that. The path is kept as segments and a
    // pointer string is only built for a date, so the walk allocates little.
    let mut path: Vec<Seg<'_>> = Vec::new();
    let mut stack: Vec<(usize, Option<Seg<'_>>, &Value)> = vec![(0, None, &*value)];
    while let Some((depth, seg, v)) = stack.pop() {
        path.truncate(depth);
        if let Some(seg) = seg {
            path.push(seg);
        }
        let depth = path.len();
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    if let (true, Value::String(s)) = (keys.iter().any(|d| d == k), child) {
                        if let Some(d) = check_one(path_of_file, s, today) {
                            let parent = pointer(&path);
                            let d = d.at(format!("{parent}/{}", escape(k)));
                            if d.code != Code::FutureDate {
                                invalid.push((parent, k.clone()));
                            }
                            out.push(d);
                        }
                    } else if child.is_object() || child.is_array() {
                        stack.push((depth, Some(Seg::Key(k)), child));
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    if child.is_object() || child.is_array() {
                        stack.push((depth, Some(Seg::Index(i)), child));
                    }
                }
            }
            _ => {}
        }
    }
    for (parent, key) in invalid {
        if let Some(Value::Object(map)) = value.pointer_mut(&parent) {
            map.remove(&key);
        }
    }
}

/// The diagnostic for one date string, if it has a problem (without its pointer, which is
/// only built when there is one).
pub(crate) fn check_one(path: &Path, s: &str, today: NaiveDate) -> Option<Diagnostic> {
    match s.parse::<Date>() {
        Ok(date) => {
            let start = date.earliest()?.naive();
            (start > today).then(|| {
                Diagnostic::new(
                    Code::FutureDate,
                    path,
                    format!("`{s}` is in the future (today is {today})"),
                )
                .with_help("the dataset records what has happened; check the year")
            })
        }
        Err(e @ DateError::EndBeforeStart(_)) => Some(
            Diagnostic::new(Code::IntervalEndsBeforeStart, path, e.to_string())
                .with_help(match s.split_once('/') {
                    Some((a, b)) => format!("an interval is written start/end: `{b}/{a}`"),
                    None => "an interval is written start/end".to_owned(),
                }),
        ),
        Err(e @ DateError::InvalidQualifier(_)) => Some(
            Diagnostic::new(Code::InvalidDateQualifier, path, e.to_string()).with_help(
                "a qualifier follows the year, month or day it qualifies: `2022?-06-08` (year inferred), `2022-06-08~` (approximate)",
            ),
        ),
        Err(e) => Some(
            Diagnostic::new(Code::InvalidDate, path, e.to_string()).with_help(
                specific_help(s, &e).or_else(|| open_interval(s)).unwrap_or_else(|| {
                    "dates are YYYY, YYYY-MM or YYYY-MM-DD, each part optionally followed by `?`, `~` or `%`, or an interval A/B where either end may be `..`"
                        .to_owned()
                }),
            ),
        ),
    }
}

/// Help for the mistakes a well-formed-looking date makes: a day past its month's end, a
/// month or day written with one digit, a year and month joined by `/`, an interval open at
/// both ends.
fn specific_help(s: &str, e: &DateError) -> Option<String> {
    /// The numbers of a `Y-M-D` form (qualifiers dropped), if it is one.
    fn numbers(part: &str) -> Option<Vec<(u32, usize)>> {
        part.split('-')
            .map(|n| {
                let n = n.trim_end_matches(['?', '~', '%']);
                let ok = !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit());
                ok.then(|| Some((n.parse().ok()?, n.len())))?
            })
            .collect()
    }
    match e {
        DateError::InvalidDay(_) => s.split('/').find_map(|part| {
            let [(y, 4), (m, _), (d, _)] = numbers(part)?[..] else {
                return None;
            };
            let month = chrono::Month::try_from(u8::try_from(m).ok()?).ok()?;
            let days = month.num_days(i32::try_from(y).ok()?)?;
            (d > u32::from(days)).then(|| {
                let leap = if m == 2 && days == 28 {
                    format!(" ({y} is not a leap year)")
                } else {
                    String::new()
                };
                format!("{} {y} has {days} days{leap}", month.name())
            })
        }),
        DateError::Unbounded(_) => Some(
            "an interval needs at least one known end: `../2022` (until 2022) or `2021/..` (from 2021)"
                .to_owned(),
        ),
        DateError::Malformed(_) => {
            // Each end padded, its qualifiers kept: `2022?-06-8` is `2022?-06-08`.
            let padded = |part: &str| -> Option<String> {
                if part == ".." || part.is_empty() {
                    return Some(part.to_owned());
                }
                let pieces: Vec<&str> = part.split('-').collect();
                let numbers = numbers(part)?;
                let ((_, 4), rest) = numbers.split_first()? else {
                    return None;
                };
                if rest.len() > 2 || rest.iter().any(|&(v, len)| len > 2 || v == 0) {
                    return None;
                }
                let mut out = pieces[0].to_owned();
                for (piece, (v, _)) in pieces[1..].iter().zip(rest) {
                    let qualifier = piece.trim_start_matches(|c: char| c.is_ascii_digit());
                    out.push_str(&format!("-{v:02}{qualifier}"));
                }
                Some(out)
            };
            let fixed = s.split('/').map(padded).collect::<Option<Vec<_>>>();
            if let Some(fixed) = fixed.map(|ends| ends.join("/")).filter(|f| f != s)
                && fixed.parse::<Date>().is_ok()
            {
                return Some(format!(
                    "months and days are written with two digits: `{fixed}`"
                ));
            }
            // `2022/11`: a year and a month joined by `/`, which writes intervals.
            let (a, b) = s.split_once('/')?;
            let year = a.len() == 4 && a.bytes().all(|c| c.is_ascii_digit());
            let month = (1..=2).contains(&b.len())
                && b.bytes().all(|c| c.is_ascii_digit())
                && b.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
            (year && month).then(|| {
                let m: u32 = b.parse().unwrap_or(1);
                format!(
                    "a month is written with `-`: `{a}-{m:02}`; `/` joins the two ends of an interval (`{a}/{}`)",
                    a.parse::<u32>().map_or(0, |y| y + 1)
                )
            })
        }
        _ => None,
    }
}

/// The interval form of a date written in words: `before 2022` is `../2022`, `since 2021` is
/// `2021/..`, `1990-1994` is `1990/1994`.
fn open_interval(s: &str) -> Option<String> {
    let lower = s.trim().to_lowercase();
    let date = |d: &str| d.trim().parse::<Date>().ok().map(|_| d.trim().to_owned());
    for word in ["before ", "until ", "till ", "by ", "up to ", "pre-", "<"] {
        if let Some(end) = lower.strip_prefix(word).and_then(date) {
            return Some(format!(
                "an open start is written `..`: `../{end}` (until {end}; if {end} itself is excluded, end the interval earlier)"
            ));
        }
    }
    for word in ["after ", "since ", "from ", "post-", ">"] {
        if let Some(start) = lower.strip_prefix(word).and_then(date) {
            return Some(format!(
                "an open end is written `..`: `{start}/..` (from {start} on; if {start} itself is excluded, start the interval later)"
            ));
        }
    }
    // Two years joined by a dash or "to": `1990-1994`, `1990 to 1994`.
    let (a, b) = lower.split_once(" to ").or_else(|| {
        lower
            .split_once('-')
            .filter(|(a, b)| a.len() == 4 && b.len() == 4)
    })?;
    let (a, b) = (date(a)?, date(b)?);
    Some(format!("an interval is written start/end: `{a}/{b}`"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn well_formed_looking_dates_get_help_for_their_own_mistake() {
        let help = |s: &str| {
            let e = s.parse::<crate::model::Date>().unwrap_err();
            super::specific_help(s, &e)
        };
        assert_eq!(
            help("2022-02-30").as_deref(),
            Some("February 2022 has 28 days (2022 is not a leap year)")
        );
        assert_eq!(
            help("2024-02-30").as_deref(),
            Some("February 2024 has 29 days")
        );
        assert_eq!(
            help("2021/2022-04-31?").as_deref(),
            Some("April 2022 has 30 days")
        );
        assert_eq!(
            help("2022-11-5").as_deref(),
            Some("months and days are written with two digits: `2022-11-05`")
        );
        assert_eq!(
            help("2022-8").as_deref(),
            Some("months and days are written with two digits: `2022-08`")
        );
        assert!(help("2022/11").unwrap().contains("`2022-11`"));
        assert_eq!(
            help("2022?-06-8").as_deref(),
            Some("months and days are written with two digits: `2022?-06-08`")
        );
        assert_eq!(
            help("2022-11-05/2022-11-5").as_deref(),
            Some("months and days are written with two digits: `2022-11-05/2022-11-05`")
        );
        assert_eq!(
            help("../2022-1").as_deref(),
            Some("months and days are written with two digits: `../2022-01`")
        );
        assert!(help("../..").unwrap().contains("at least one known end"));
        assert_eq!(help("Aug 2022"), None);
        assert_eq!(help("2022-13"), None);
    }

    use super::open_interval;

    #[test]
    fn dates_in_words_get_the_interval_form() {
        let help = |s| open_interval(s).unwrap_or_default();
        assert!(help("before 2022").contains("`../2022`"));
        assert!(help("Until 2022-08").contains("`../2022-08`"));
        assert!(help("since 2021").contains("`2021/..`"));
        assert!(help("1990-1994").contains("`1990/1994`"));
        assert!(help("1990 to 1994").contains("`1990/1994`"));
        assert_eq!(open_interval("2022-02-30"), None);
        assert_eq!(open_interval("before the war"), None);
        assert_eq!(open_interval("Aug 2022"), None);
    }
}
