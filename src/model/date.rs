//! Dates at exactly the precision a source supports.
//!
//! Sources rarely give a full day: the article says "in August", "last March", "1990-1994",
//! "in 2021". [`Date`] keeps what was said and no more. Its text form is a small subset of
//! ISO 8601-2 / EDTF level 0 and 1:
//!
//! | form            | example           | meaning                              |
//! |-----------------|-------------------|--------------------------------------|
//! | `YYYY`          | `2021`            | some day in that year                |
//! | `YYYY-MM`       | `2022-08`         | some day in that month               |
//! | `YYYY-MM-DD`    | `2022-11-05`      | that day                             |
//! | `A/B`           | `1990/1994`       | an interval from A to B              |
//! | `../B`, `A/..`  | `../2023`         | an interval with an open (unknown) end |
//! | `…?`, `…~`, `…%` | `2022?-06-08`    | EDTF qualifiers: uncertain, approximate, both |
//!
//! A qualifier follows a component and, as in EDTF, applies to that component and every
//! component to its left: `2022?-06-08` says the year is uncertain (inferred), `2022-06-08?`
//! that the whole date is. Each end of an interval carries its own qualifiers
//! (`2004-06~/2004-08`). This is the postfix form of EDTF's qualification (level 1 for a
//! qualifier at the end of a date, level 2's per-component form for one after the year or
//! month); the prefix form (`?2004`) and unspecified digits (`20XX`) are not accepted.
//!
//! Impossible calendar dates (`2022-02-30`, month 13) and intervals that end before they start
//! are rejected when parsed, so a [`Date`] value is always meaningful.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::Day;

/// The regular expression the JSON Schema uses for [`Date`] strings. It checks the shape only;
/// the calendar (leap years, days per month) and interval order are checked by the parser.
pub const DATE_PATTERN: &str = r"^(?:(?:[0-9]{4}[?~%]?(?:-(?:0[1-9]|1[0-2])[?~%]?(?:-(?:0[1-9]|[12][0-9]|3[01])[?~%]?)?)?)(?:/(?:[0-9]{4}[?~%]?(?:-(?:0[1-9]|1[0-2])[?~%]?(?:-(?:0[1-9]|[12][0-9]|3[01])[?~%]?)?)?|\.\.))?|\.\./[0-9]{4}[?~%]?(?:-(?:0[1-9]|1[0-2])[?~%]?(?:-(?:0[1-9]|[12][0-9]|3[01])[?~%]?)?)?)$";

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The string does not have the shape `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an interval of them.
    #[error(
        "`{0}` is not a date: expected YYYY, YYYY-MM, YYYY-MM-DD or an interval such as 1990/1994"
    )]
    Malformed(String),
    /// The month is not 01 to 12.
    #[error("`{0}` has no such month: months run from 01 to 12")]
    InvalidMonth(String),
    /// The day does not exist in that month (for example 2022-02-30, or 2023-02-29).
    #[error("`{0}` is not a real calendar date")]
    InvalidDay(String),
    /// The interval's end comes before its start.
    #[error("`{0}` ends before it starts")]
    EndBeforeStart(String),
    /// Both ends of the interval are open (`../..`), which says nothing.
    #[error("`{0}` has neither a start nor an end")]
    Unbounded(String),
    /// A qualifier (`?`, `~`, `%`) is misplaced or repeated: it follows a whole component
    /// (`2022?-06`), at most one per component, never an open end (`..?`).
    #[error(
        "`{0}` has a misplaced qualifier: `?`, `~` or `%` may follow the year, month or day, once each"
    )]
    InvalidQualifier(String),
}

/// An EDTF qualifier on a date component: how sure the source (or the curator) is of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    /// `?`: uncertain, such as a year inferred from context.
    Uncertain,
    /// `~`: approximate ("around June").
    Approximate,
    /// `%`: both uncertain and approximate.
    UncertainApproximate,
}

impl Qualifier {
    /// The qualifier's character: `?`, `~` or `%`.
    pub fn as_char(self) -> char {
        match self {
            Qualifier::Uncertain => '?',
            Qualifier::Approximate => '~',
            Qualifier::UncertainApproximate => '%',
        }
    }

    fn from_char(c: char) -> Option<Self> {
        match c {
            '?' => Some(Qualifier::Uncertain),
            '~' => Some(Qualifier::Approximate),
            '%' => Some(Qualifier::UncertainApproximate),
            _ => None,
        }
    }

    /// Whether it says "uncertain" (`?` or `%`).
    pub fn is_uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::UncertainApproximate)
    }

    /// Whether it says "approximate" (`~` or `%`).
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::UncertainApproximate
        )
    }
}

/// A [`PartialDate`] with the qualifiers written after its components.
///
/// Qualifiers are kept where they were written (after the year, the month or the day), so a
/// date prints back exactly as it was read. A qualifier applies to its component and every
/// component to its left, so [`QualifiedDate::year_qualifier`] and friends give the effective
/// qualification of each component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QualifiedDate {
    /// The date itself.
    pub date: PartialDate,
    /// The qualifier written after the year.
    pub after_year: Option<Qualifier>,
    /// The qualifier written after the month (only for month and day precision).
    pub after_month: Option<Qualifier>,
    /// The qualifier written after the day (only for day precision).
    pub after_day: Option<Qualifier>,
}

impl From<PartialDate> for QualifiedDate {
    fn from(date: PartialDate) -> Self {
        QualifiedDate {
            date,
            after_year: None,
            after_month: None,
            after_day: None,
        }
    }
}

fn combine(a: Option<Qualifier>, b: Option<Qualifier>) -> Option<Qualifier> {
    match (a, b) {
        (None, q) | (q, None) => q,
        (Some(x), Some(y)) if x == y => Some(x),
        _ => Some(Qualifier::UncertainApproximate),
    }
}

impl QualifiedDate {
    /// Whether any component carries a qualifier.
    pub fn is_qualified(&self) -> bool {
        self.after_year.is_some() || self.after_month.is_some() || self.after_day.is_some()
    }

    /// The effective qualifier of the year (a qualifier anywhere applies to the year).
    pub fn year_qualifier(&self) -> Option<Qualifier> {
        combine(combine(self.after_year, self.after_month), self.after_day)
    }

    /// The effective qualifier of the month (written after the month or the day).
    pub fn month_qualifier(&self) -> Option<Qualifier> {
        combine(self.after_month, self.after_day)
    }

    /// The effective qualifier of the day.
    pub fn day_qualifier(&self) -> Option<Qualifier> {
        self.after_day
    }

    fn parse(s: &str, whole: &str) -> Result<Self, DateError> {
        let bad_qualifier = || DateError::InvalidQualifier(whole.to_owned());
        let mut plain = String::with_capacity(s.len());
        let mut quals = [None; 3];
        for (i, part) in s.split('-').enumerate() {
            if i > 0 {
                plain.push('-');
            }
            let (body, q) = match part.char_indices().last() {
                Some((at, c)) => match Qualifier::from_char(c) {
                    Some(q) => (&part[..at], Some(q)),
                    None => (part, None),
                },
                None => (part, None),
            };
            if body.is_empty() && q.is_some() {
                return Err(bad_qualifier());
            }
            if body.chars().any(|c| Qualifier::from_char(c).is_some()) {
                return Err(bad_qualifier());
            }
            if let Some(slot) = quals.get_mut(i) {
                *slot = q;
            }
            plain.push_str(body);
        }
        let date = PartialDate::parse(&plain, whole)?;
        Ok(QualifiedDate {
            date,
            after_year: quals[0],
            after_month: quals[1],
            after_day: quals[2],
        })
    }
}

impl Ord for QualifiedDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.date, self.after_year, self.after_month, self.after_day).cmp(&(
            other.date,
            other.after_year,
            other.after_month,
            other.after_day,
        ))
    }
}

impl PartialOrd for QualifiedDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for QualifiedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |q: Option<Qualifier>| q.map(|q| q.as_char().to_string()).unwrap_or_default();
        match self.date {
            PartialDate::Year(y) => write!(f, "{y:04}{}", q(self.after_year)),
            PartialDate::Month(y, m) => {
                write!(
                    f,
                    "{y:04}{}-{m:02}{}",
                    q(self.after_year),
                    q(self.after_month)
                )
            }
            PartialDate::Day(d) => write!(
                f,
                "{:04}{}-{:02}{}-{:02}{}",
                d.year(),
                q(self.after_year),
                d.month(),
                q(self.after_month),
                d.day(),
                q(self.after_day)
            ),
        }
    }
}

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The exact day.
    Day,
}

/// A single date known to a year, a month or a day.
///
/// Partial dates are ordered by the earliest day they could be, then by precision, coarser
/// first: `2022` < `2022-01` < `2022-01-01` < `2022-01-02` < `2022-02`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// A year, such as `2021`.
    Year(i32),
    /// A month of a year, such as `2022-08`. The month is 1 to 12.
    Month(i32, u32),
    /// A full calendar date, such as `2022-11-05`.
    Day(Day),
}

impl PartialDate {
    /// How precisely this date is known.
    pub fn precision(self) -> Precision {
        match self {
            PartialDate::Year(_) => Precision::Year,
            PartialDate::Month(..) => Precision::Month,
            PartialDate::Day(_) => Precision::Day,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// The month (1 to 12), for a date known to the month or the day.
    pub fn month(self) -> Option<u32> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::Month(_, m) => Some(m),
            PartialDate::Day(d) => Some(d.month()),
        }
    }

    /// The day of the month (1 to 31), for a date known to the day.
    pub fn day(self) -> Option<u32> {
        match self {
            PartialDate::Day(d) => Some(d.day()),
            _ => None,
        }
    }

    /// The first day this date could be.
    pub fn earliest(self) -> Day {
        match self {
            PartialDate::Year(y) => ymd(y, 1, 1),
            PartialDate::Month(y, m) => ymd(y, m, 1),
            PartialDate::Day(d) => d,
        }
    }

    /// The last day this date could be.
    pub fn latest(self) -> Day {
        match self {
            PartialDate::Year(y) => ymd(y, 12, 31),
            PartialDate::Month(y, m) => Day::last_of_month(y, m),
            PartialDate::Day(d) => d,
        }
    }

    fn parse(s: &str, whole: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(whole.to_owned());
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| malformed())
            } else {
                Err(malformed())
            }
        };
        let year = number(parts[0], 4)? as i32;
        if parts.len() == 1 {
            return Ok(PartialDate::Year(year));
        }
        let month = number(parts[1], 2)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::InvalidMonth(whole.to_owned()));
        }
        match parts.len() {
            2 => Ok(PartialDate::Month(year, month)),
            3 => {
                let day = number(parts[2], 2)?;
                Day::new(year, month, day)
                    .map(PartialDate::Day)
                    .ok_or_else(|| DateError::InvalidDay(whole.to_owned()))
            }
            _ => Err(malformed()),
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Day {
    Day::new(y, m, d).expect("four-digit years and checked months are in range")
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.earliest(), self.precision()).cmp(&(other.earliest(), other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => d.fmt(f),
        }
    }
}

/// A point in time or an interval, each end known to its own precision and carrying its own
/// qualifiers.
///
/// Dates sort chronologically by where they begin: a point by itself, an interval by its start,
/// and an interval with an open start by its end. At equal positions a point comes before an
/// interval, and a shorter interval before a longer one; qualifiers only break ties.
///
/// # Example
///
/// ```
/// use drone_dossier::{Date, Day, Precision};
/// let august: Date = "2022-08".parse().unwrap();
/// assert_eq!(august.earliest(), Day::new(2022, 8, 1));
/// assert_eq!(august.latest(), Day::new(2022, 8, 31));
/// assert!(august < "2022-08-15".parse().unwrap(), "coarser first at the same day");
/// assert!("2022-02-30".parse::<Date>().is_err());
/// # #[cfg(feature = "embedded")] {
/// // In the dataset: the invasion is dated to the day, a former role to an interval.
/// let data = drone_dossier::Dataset::embedded();
/// let invasion = data.event("russian-invasion-of-ukraine").unwrap().date.unwrap();
/// assert_eq!(invasion.start().unwrap().precision(), Precision::Day);
/// let period = data.actor("nematullah-izadi").unwrap().roles[0].period.unwrap();
/// assert!(period.is_interval() && period.overlaps(&"1992".parse().unwrap()));
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date {
    /// A single date: `2022-11-05`, `2022-08`, `1828`, `2022?-06-08`.
    Point(QualifiedDate),
    /// An interval; `None` is an open (unknown) end, written `..`. At least one end is known
    /// and the end is never before the start.
    Interval {
        /// The start, or `None` when unknown.
        start: Option<QualifiedDate>,
        /// The end, or `None` when unknown or ongoing.
        end: Option<QualifiedDate>,
    },
}

impl From<PartialDate> for Date {
    fn from(date: PartialDate) -> Self {
        Date::Point(date.into())
    }
}

impl Date {
    /// The earliest day this date could begin, if known.
    pub fn earliest(&self) -> Option<Day> {
        self.start().map(PartialDate::earliest)
    }

    /// The latest day this date could end, if known.
    pub fn latest(&self) -> Option<Day> {
        self.end().map(PartialDate::latest)
    }

    /// The start of the date: the point itself, or an interval's start (without qualifiers).
    pub fn start(&self) -> Option<PartialDate> {
        self.qualified_start().map(|q| q.date)
    }

    /// The end of the date: the point itself, or an interval's end (without qualifiers).
    pub fn end(&self) -> Option<PartialDate> {
        self.qualified_end().map(|q| q.date)
    }

    /// The start with its qualifiers.
    pub fn qualified_start(&self) -> Option<QualifiedDate> {
        match self {
            Date::Point(p) => Some(*p),
            Date::Interval { start, .. } => *start,
        }
    }

    /// The end with its qualifiers.
    pub fn qualified_end(&self) -> Option<QualifiedDate> {
        match self {
            Date::Point(p) => Some(*p),
            Date::Interval { end, .. } => *end,
        }
    }

    /// Whether any end carries a qualifier (uncertain or approximate).
    pub fn is_qualified(&self) -> bool {
        self.qualified_start().is_some_and(|q| q.is_qualified())
            || self.qualified_end().is_some_and(|q| q.is_qualified())
    }

    /// Whether this is an interval rather than a single date.
    pub fn is_interval(&self) -> bool {
        matches!(self, Date::Interval { .. })
    }

    fn sort_key(&self) -> (PartialDate, bool, Option<PartialDate>) {
        let anchor = self
            .start()
            .or_else(|| self.end())
            .expect("a parsed date has at least one end");
        (anchor, self.is_interval(), self.end())
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            // Open starts and open ends differ only here; keep Ord consistent with Eq.
            .then_with(|| self.start().is_none().cmp(&other.start().is_none()))
            .then_with(|| {
                (self.qualified_start(), self.qualified_end())
                    .cmp(&(other.qualified_start(), other.qualified_end()))
            })
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let Some((a, b)) = s.split_once('/') else {
            return QualifiedDate::parse(s, s).map(Date::Point);
        };
        let end_of = |part: &str| -> Result<Option<QualifiedDate>, DateError> {
            if part == ".." {
                Ok(None)
            } else if part.len() == 3 && part.starts_with("..") && part.ends_with(['?', '~', '%']) {
                Err(DateError::InvalidQualifier(s.to_owned()))
            } else {
                QualifiedDate::parse(part, s).map(Some)
            }
        };
        let (start, end) = (end_of(a)?, end_of(b)?);
        match (start, end) {
            (None, None) => Err(DateError::Unbounded(s.to_owned())),
            (Some(st), Some(en)) if en.date.latest() < st.date.earliest() => {
                Err(DateError::EndBeforeStart(s.to_owned()))
            }
            _ => Ok(Date::Interval { start, end }),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Date::Point(p) => p.fmt(f),
            Date::Interval { start, end } => {
                match start {
                    Some(p) => p.fmt(f)?,
                    None => f.write_str("..")?,
                }
                f.write_str("/")?;
                match end {
                    Some(p) => p.fmt(f),
                    None => f.write_str(".."),
                }
            }
        }
    }
}

/// Where a date may lie on the calendar, for range queries.
impl Date {
    /// Whether the two dates could share a day.
    ///
    /// A date stands for every day it could be: a year for its 365 or 366 days, a month for
    /// its days, an interval from the first day its start could be to the last day its end
    /// could be; an open end (`..`) is unknown, so it reaches as far as it may. Two dates
    /// overlap when these spans share at least one day. Overlap is symmetric and every date
    /// overlaps itself.
    ///
    /// ```
    /// # use drone_dossier::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert!(d("2022").overlaps(&d("2022-08")), "a year overlaps its months");
    /// assert!(d("2022-08").overlaps(&d("2022-08-31")));
    /// assert!(!d("2022-08").overlaps(&d("2022-09-01")));
    /// assert!(d("1990/1994").overlaps(&d("1992")));
    /// assert!(d("../2023").overlaps(&d("1828")), "an open start reaches back");
    /// assert!(!d("2022-08/..").overlaps(&d("2022-07")));
    /// ```
    pub fn overlaps(&self, other: &Date) -> bool {
        let starts_before_end = |a: &Date, b: &Date| match (a.earliest(), b.latest()) {
            (Some(start), Some(end)) => start <= end,
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "A date at the precision the source supports (a subset of ISO 8601-2 / EDTF): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an interval `A/B` of two of them, where either end (not both) may be `..` for unknown. Each component may be followed by an EDTF qualifier, `?` (uncertain), `~` (approximate) or `%` (both), which applies to it and the components to its left: `2022?-06-08` has an inferred year. The calendar is checked too: 2022-02-30 and intervals that end before they start are invalid.",
            "examples": ["2022-11-05", "2022-08", "2021", "1990/1994", "../2023", "2022?-06-08", "2022-08~"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in [
            "1828",
            "2022-08",
            "2022-11-05",
            "1990/1994",
            "../2023",
            "2022-08/..",
            "2013/2021-06",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn leap_days_follow_the_calendar() {
        assert_eq!(
            d("2024-02-29"),
            Date::from(PartialDate::Day(ymd(2024, 2, 29)))
        );
        assert_eq!(d("2000-02-29").to_string(), "2000-02-29");
        assert_eq!(
            "2023-02-29".parse::<Date>(),
            Err(DateError::InvalidDay("2023-02-29".into()))
        );
        assert_eq!(
            "1900-02-29".parse::<Date>(),
            Err(DateError::InvalidDay("1900-02-29".into()))
        );
        assert_eq!(PartialDate::Month(2024, 2).latest(), ymd(2024, 2, 29));
        assert_eq!(PartialDate::Month(2023, 2).latest(), ymd(2023, 2, 28));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(
            "2022-02-30".parse::<Date>(),
            Err(DateError::InvalidDay("2022-02-30".into()))
        );
        assert_eq!(
            "2022-04-31".parse::<Date>(),
            Err(DateError::InvalidDay("2022-04-31".into()))
        );
        assert_eq!(
            "2022-13".parse::<Date>(),
            Err(DateError::InvalidMonth("2022-13".into()))
        );
        assert_eq!(
            "2022-00-10".parse::<Date>(),
            Err(DateError::InvalidMonth("2022-00-10".into()))
        );
        for bad in [
            "",
            "22",
            "2022-1",
            "2022-01-1",
            "2022/",
            "/2022",
            "2022-01-01T00",
            "+2022",
            "２０２２",
            "2022--01",
            "2022-01-01-01",
            "1990/1994/1998",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Malformed(_))),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn intervals_must_not_end_before_they_start() {
        assert_eq!(
            "1994/1990".parse::<Date>(),
            Err(DateError::EndBeforeStart("1994/1990".into()))
        );
        assert_eq!(
            "2022-08-02/2022-08-01".parse::<Date>(),
            Err(DateError::EndBeforeStart("2022-08-02/2022-08-01".into()))
        );
        assert_eq!(
            "../..".parse::<Date>(),
            Err(DateError::Unbounded("../..".into()))
        );
        // Overlapping precisions are possible, so they are accepted.
        assert!("2022-08/2022".parse::<Date>().is_ok());
        assert!("2022/2022".parse::<Date>().is_ok());
    }

    #[test]
    fn partial_dates_order_by_earliest_day_then_precision() {
        let mut dates: Vec<Date> = [
            "2022-02",
            "2022-01-01",
            "2022",
            "2021-12-31",
            "2022-01",
            "2022-01-02",
        ]
        .into_iter()
        .map(d)
        .collect();
        dates.sort();
        let printed: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "2021-12-31",
                "2022",
                "2022-01",
                "2022-01-01",
                "2022-01-02",
                "2022-02"
            ]
        );
    }

    #[test]
    fn intervals_sort_by_start_and_open_starts_by_end() {
        let mut dates: Vec<Date> = ["2023", "../2022-02-23", "1990/1994", "1990", "2022-08"]
            .into_iter()
            .map(d)
            .collect();
        dates.sort();
        let printed: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            ["1990", "1990/1994", "../2022-02-23", "2022-08", "2023"]
        );
    }

    #[test]
    fn bounds_of_partial_dates() {
        assert_eq!(d("2022").earliest(), Some(ymd(2022, 1, 1)));
        assert_eq!(d("2022").latest(), Some(ymd(2022, 12, 31)));
        assert_eq!(d("2022-12").latest(), Some(ymd(2022, 12, 31)));
        assert_eq!(d("../2023").earliest(), None);
        assert_eq!(d("../2023").latest(), Some(ymd(2023, 12, 31)));
    }

    #[test]
    fn qualifiers_print_back_where_written_and_apply_leftwards() {
        for s in [
            "2022?-06-08",
            "2022-06-08?",
            "2022-06~",
            "2022%",
            "2004?-06~-11",
            "2004-06-11%/2004-06~",
            "../2022?",
            "2022-08?/..",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        let Date::Point(q) = d("2022?-06-08") else {
            panic!("a point")
        };
        assert_eq!(q.year_qualifier(), Some(Qualifier::Uncertain));
        assert_eq!(q.month_qualifier(), None);
        assert_eq!(q.day_qualifier(), None);
        let Date::Point(q) = d("2004?-06~-11") else {
            panic!("a point")
        };
        assert_eq!(q.year_qualifier(), Some(Qualifier::UncertainApproximate));
        assert_eq!(q.month_qualifier(), Some(Qualifier::Approximate));
        assert!(d("2022-06-08?").is_qualified());
        assert!(!d("2022-06-08").is_qualified());
        // A qualified date has the bounds of the plain one.
        assert_eq!(d("2022?-06-08").earliest(), d("2022-06-08").earliest());
        assert_ne!(d("2022?-06-08"), d("2022-06-08"));
    }

    #[test]
    fn misplaced_qualifiers_are_rejected() {
        for bad in [
            "2022??",
            "?2022",
            "20?22",
            "2022-?06",
            "..?/2022",
            "2022/..~",
            "2022-06-08?~",
            "?",
            "2022-?",
        ] {
            assert_eq!(
                bad.parse::<Date>(),
                Err(DateError::InvalidQualifier(bad.into())),
                "{bad:?}"
            );
        }
        // The calendar is still checked under a qualifier.
        assert_eq!(
            "2022-02-30?".parse::<Date>(),
            Err(DateError::InvalidDay("2022-02-30?".into()))
        );
    }

    #[test]
    fn serde_uses_the_string_form() {
        let date: Date = serde_json::from_str("\"1990/1994\"").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"1990/1994\"");
        let err = serde_json::from_str::<Date>("\"2022-02-30\"").unwrap_err();
        assert!(
            err.to_string().contains("not a real calendar date"),
            "{err}"
        );
    }
}
