//! The cap on diagnostics per file and per rule.
//!
//! A hostile or badly broken file can hold millions of problems (a 3 MB file of one-character
//! mistakes); holding, locating and printing all of them would take gigabytes and minutes,
//! and no one reads past the first screens. Each file reports at most `max` diagnostics, and
//! at most `max` of each code; the rest are counted, and every renderer says how many were
//! left out and how to see them (`--max-diagnostics`).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Code, Diagnostic};

/// The default cap: enough for any real review, small enough to print in a blink.
pub(crate) const DEFAULT: usize = 1000;

/// Diagnostics of one code in one file that were found but not reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The file.
    pub file: PathBuf,
    /// The rule.
    pub code: Code,
    /// How many were left out.
    pub count: usize,
    /// Whether they are acknowledged warnings, which are capped on their own and, like those
    /// in [`Report::acknowledged`](super::Report::acknowledged), not counted as warnings.
    pub acknowledged: bool,
}

/// Keeps at most `max` diagnostics per file and per code in each file (`0`: no cap), in the
/// order given, counting acknowledged warnings apart from the rest (a dataset of a million
/// records may acknowledge thousands of warnings, and must still pass `--deny warnings`);
/// returns the kept ones and a count of the rest by file and code.
pub(crate) fn apply(diagnostics: Vec<Diagnostic>, max: usize) -> (Vec<Diagnostic>, Vec<Omitted>) {
    if max == 0 || diagnostics.len() <= max {
        return (diagnostics, Vec::new());
    }
    let mut per_file: HashMap<(PathBuf, bool), usize> = HashMap::new();
    let mut per_code: HashMap<(PathBuf, Code, bool), usize> = HashMap::new();
    let mut omitted: Vec<Omitted> = Vec::new();
    let mut kept = Vec::new();
    for d in diagnostics {
        let acknowledged = d.acknowledged.is_some();
        let file = per_file.entry((d.file.clone(), acknowledged)).or_default();
        let code = per_code
            .entry((d.file.clone(), d.code, acknowledged))
            .or_default();
        if *file < max && *code < max {
            *file += 1;
            *code += 1;
            kept.push(d);
            continue;
        }
        match omitted
            .iter_mut()
            .find(|o| o.code == d.code && o.file == d.file && o.acknowledged == acknowledged)
        {
            Some(o) => o.count += 1,
            None => omitted.push(Omitted {
                file: d.file,
                code: d.code,
                count: 1,
                acknowledged,
            }),
        }
    }
    (kept, omitted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(file: &str, code: Code) -> Diagnostic {
        Diagnostic::new(code, file, "x")
    }

    #[test]
    fn each_file_and_each_code_is_capped_and_the_rest_counted() {
        let mut all = Vec::new();
        all.extend((0..5).map(|_| d("a.json", Code::Schema)));
        all.extend((0..2).map(|_| d("a.json", Code::InvalidDate)));
        all.extend((0..3).map(|_| d("b.json", Code::Schema)));
        let (kept, omitted) = apply(all, 3);
        // a.json: 3 schema, then the file is full; b.json: 3 schema.
        assert_eq!(kept.len(), 6);
        assert_eq!(
            omitted,
            [
                Omitted {
                    file: "a.json".into(),
                    code: Code::Schema,
                    count: 2,
                    acknowledged: false,
                },
                Omitted {
                    file: "a.json".into(),
                    code: Code::InvalidDate,
                    count: 2,
                    acknowledged: false,
                },
            ]
        );
    }

    #[test]
    fn acknowledged_warnings_are_capped_apart_and_say_so() {
        let ack = |_| {
            let mut d = d("a.json", Code::ImposerIsGroup);
            d.acknowledged = Some("the source says so".into());
            d
        };
        let mut all: Vec<_> = (0..5).map(ack).collect();
        all.extend((0..2).map(|_| d("a.json", Code::ImposerIsGroup)));
        let (kept, omitted) = apply(all, 3);
        // Three of each kind are kept: the acknowledged ones do not use up the warnings' share.
        assert_eq!(kept.iter().filter(|d| d.acknowledged.is_some()).count(), 3);
        assert_eq!(kept.iter().filter(|d| d.acknowledged.is_none()).count(), 2);
        assert_eq!(
            omitted,
            [Omitted {
                file: "a.json".into(),
                code: Code::ImposerIsGroup,
                count: 2,
                acknowledged: true,
            }]
        );
    }

    #[test]
    fn zero_means_no_cap() {
        let all: Vec<_> = (0..50).map(|_| d("a.json", Code::Schema)).collect();
        let (kept, omitted) = apply(all, 0);
        assert_eq!(kept.len(), 50);
        assert!(omitted.is_empty());
    }
}
