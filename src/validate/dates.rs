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

/// Checks every date in `value`; removes the invalid ones; returns the pointers reported.
pub(crate) fn check(
    path: &Path,
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
    // layer, but nothing here needs to rely on that.
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), &*value)];
    while let Some((pointer, v)) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let child_pointer = format!("{pointer}/{}", escape(k));
                    if let (true, Value::String(s)) = (keys.iter().any(|d| d == k), child) {
                        if let Some(d) = check_one(path, &child_pointer, s, today) {
                            if d.code != Code::FutureDate {
                                invalid.push((pointer.clone(), k.clone()));
                            }
                            out.push(d);
                        }
                    } else if child.is_object() || child.is_array() {
                        stack.push((child_pointer, child));
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        stack.push((format!("{pointer}/{i}"), child));
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

fn check_one(path: &Path, pointer: &str, s: &str, today: NaiveDate) -> Option<Diagnostic> {
    match s.parse::<Date>() {
        Ok(date) => {
            let start = date.earliest()?;
            (start > today).then(|| {
                Diagnostic::new(
                    Code::FutureDate,
                    path,
                    format!("`{s}` is in the future (today is {today})"),
                )
                .at(pointer)
                .with_help("the dataset records what has happened; check the year")
            })
        }
        Err(e @ DateError::EndBeforeStart(_)) => Some(
            Diagnostic::new(Code::IntervalEndsBeforeStart, path, e.to_string())
                .at(pointer)
                .with_help(match s.split_once('/') {
                    Some((a, b)) => format!("an interval is written start/end: `{b}/{a}`"),
                    None => "an interval is written start/end".to_owned(),
                }),
        ),
        Err(e) => Some(
            Diagnostic::new(Code::InvalidDate, path, e.to_string())
                .at(pointer)
                .with_help(
                    "dates are YYYY, YYYY-MM or YYYY-MM-DD, or an interval A/B where either end may be `..`",
                ),
        ),
    }
}
