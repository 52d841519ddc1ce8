//! A calendar day, the finest precision a [`Date`](super::Date) has.
//!
//! The crate checks days against the calendar with chrono, but keeps chrono out of its public
//! API: a chrono upgrade (or a switch to another date library) is then not a breaking change
//! for users of the crate, and a user who does not use chrono need not depend on it to read a
//! day. [`Day`] gives plain numbers; converting to the date type of your choice is one line:
//!
//! ```
//! # use drone_dossier::Day;
//! let day = Day::new(2022, 11, 5).unwrap();
//! let (y, m, d) = (day.year(), day.month(), day.day());
//! assert_eq!((y, m, d), (2022, 11, 5));
//! // e.g. chrono::NaiveDate::from_ymd_opt(y, m, d), or jiff::civil::date(y as i16, m as i8, d as i8)
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A real calendar day (proleptic Gregorian), such as 2022-11-05.
///
/// A `Day` always exists in the calendar: 2022-02-30 cannot be built. Days order
/// chronologically and print as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(NaiveDate);

impl Day {
    /// The day `year`-`month`-`day`, or `None` when there is no such day (month 13,
    /// 2023-02-29, or a year outside what the calendar library supports).
    ///
    /// ```
    /// # use drone_dossier::Day;
    /// assert!(Day::new(2024, 2, 29).is_some());
    /// assert!(Day::new(2023, 2, 29).is_none());
    /// assert_eq!(Day::new(2022, 11, 5).unwrap().to_string(), "2022-11-05");
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        NaiveDate::from_ymd_opt(year, month, day).map(Day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The last day of `month` in `year` (`month` is 1 to 12).
    pub(crate) fn last_of_month(year: i32, month: u32) -> Day {
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        Day(NaiveDate::from_ymd_opt(ny, nm, 1)
            .and_then(|d| d.pred_opt())
            .expect("four-digit years and checked months are in range"))
    }

    /// The chrono date, for the validator's comparison with today (never public).
    #[cfg(feature = "validate")]
    pub(crate) fn naive(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day());
        f.pad(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_the_calendar() {
        assert!(Day::new(2000, 2, 29).is_some());
        assert!(Day::new(1900, 2, 29).is_none());
        assert!(Day::new(2022, 4, 31).is_none());
        assert!(Day::new(2022, 13, 1).is_none());
        assert!(Day::new(2022, 0, 1).is_none());
        assert_eq!(Day::last_of_month(2024, 2), Day::new(2024, 2, 29).unwrap());
        assert_eq!(
            Day::last_of_month(2022, 12),
            Day::new(2022, 12, 31).unwrap()
        );
    }

    #[test]
    fn days_order_and_print() {
        let a = Day::new(2021, 12, 31).unwrap();
        let b = Day::new(2022, 1, 1).unwrap();
        assert!(a < b);
        assert_eq!(Day::new(987, 3, 4).unwrap().to_string(), "0987-03-04");
        assert_eq!(format!("[{b:>12}]"), "[  2022-01-01]");
    }
}
