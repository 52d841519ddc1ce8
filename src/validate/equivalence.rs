//! Typed-first reading against the tree: random edits of a dataset, validated both ways, must
//! give the same report, diagnostic for diagnostic.
//!
//! Typed-first reading ([`super::records`]) skips the JSON Schema engine for records the model
//! accepts; that is only right if, for every such record, the tree path would have found
//! nothing either. The edits are chosen where serde and the schema could disagree (`null`,
//! `""`, `[]`, arrays where a struct belongs, urls, dates, escapes, unknown fields, duplicate
//! ids and keys), plus anything at random places.

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use super::{Input, Options, Reading, validate_reading};
use crate::model::DataFile;

/// The bases: the test fixture (with its stored texts) and the bundled dataset.
fn base(which: usize) -> (Vec<String>, Option<std::path::PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dir, texts) = if which == 0 {
        (
            root.join("tests/fixtures/valid"),
            Some(root.join("tests/fixtures/texts")),
        )
    } else {
        (root.join("dataset"), None)
    };
    let files = DataFile::ALL
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f.file_name())).unwrap())
        .collect();
    (files, texts)
}

/// Every pointer in a value.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                pointers(c, format!("{at}/{}", super::locate::escape(k)), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Values where serde and the schema could disagree, and ordinary ones.
const REPLACEMENTS: &str = r#"[null, "", [], {}, " ", 0, 1.5, true, "x", [null], [""], [[]],
    "2999", "2022-02-30", "2024/2021", "2022~-01", "2022-06-08", "1990/..",
    "https://exa mple.org/", "javascript:alert(1)", "http://example.org/a b", "https://example.org/",
    "iran", "russia", "the-west", "article", "nope", "Iran", "-x-", "future-date",
    [{"source": "nope"}], [{"source": "article"}], {"actor": "iran", "role": "target"},
    [{"code": "future-date", "reason": "r"}], [{"code": "imposer-is-group", "reason": ""}],
    [{"code": "nope", "reason": "r"}], [{"code": "schema", "reason": "r"}],
    "a-reference-whose-id-is-sixty-five-bytes-long-which-is-one-too-many",
    ["article"], [["article"]], ["iran", "supplier"], [["iran", "supplier"]],
    ["asset_freeze"], [["imposer-is-group", "r"]], ["src-x", "article", "A title"],
    ["x", "y", "z", "w"]]"#;

#[derive(Debug, Clone)]
enum Edit {
    /// Replace the value at a pointer.
    Change(usize, usize),
    /// Remove the member or element at a pointer.
    Drop(usize),
    /// Add a member to the object at a pointer (an unknown field, or a known one).
    Add(usize, &'static str, usize),
    /// A change to the text itself, at the n-th occurrence of a pattern.
    Text(usize, &'static str, &'static str),
    /// The string at a pointer made the key of an object (`"article"` becomes
    /// `{"article": null}`): serde reads a vocabulary's unit variant from that too.
    Tag(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = prop::sample::select(vec![
        "notes",
        "withdrawn",
        "date",
        "unknown",
        "url",
        "acknowledged_warnings",
        "text_file",
    ]);
    let text = prop::sample::select(vec![
        // Escapes, which only the tree decodes.
        ("\"date\"", "\"d\\u0061te\""),
        ("\"id\"", "\"\\u0069d\""),
        ("\"2022", "\"\\u0032022"),
        ("-", "\\u002d"),
        // A duplicate key, a trailing comma, a value that is not JSON.
        ("\"id\": ", "\"id\": \"dup\", \"id\": "),
        ("}", ",}"),
        (": \"", ": \"\\x"),
        (": [", ": [ ]+["),
        ("\"kind\"", "\"kind\": null, \"x\""),
    ]);
    prop_oneof![
        4 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Change(a, b)),
        1 => any::<usize>().prop_map(Edit::Drop),
        2 => (any::<usize>(), key, any::<usize>()).prop_map(|(a, k, b)| Edit::Add(a, k, b)),
        2 => (any::<usize>(), text).prop_map(|(n, (from, to))| Edit::Text(n, from, to)),
        1 => any::<usize>().prop_map(Edit::Tag),
    ]
}

fn apply(text: &mut String, edit: &Edit) {
    let Ok(mut value) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    let pool: Vec<Value> = serde_json::from_str(REPLACEMENTS).unwrap();
    match *edit {
        Edit::Change(i, r) => {
            if let Some(v) = value.pointer_mut(&all[i % all.len()]) {
                *v = pool[r % pool.len()].clone();
            }
        }
        Edit::Drop(i) => {
            let p = &all[i % all.len()];
            if let Some((parent, last)) = p.rsplit_once('/') {
                match value.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            a.remove(i);
                        }
                    }
                    _ => {}
                }
            }
        }
        Edit::Add(i, key, r) => {
            if let Some(Value::Object(m)) = value.pointer_mut(&all[i % all.len()]) {
                m.insert(key.to_owned(), pool[r % pool.len()].clone());
            }
        }
        Edit::Tag(i) => {
            // The i-th vocabulary value of the file (the members the model reads as enums).
            const VOCABULARIES: [&str; 6] =
                ["kind", "role", "relation", "stance", "medium", "status"];
            let strings: Vec<&String> = all
                .iter()
                .filter(|p| VOCABULARIES.iter().any(|k| p.ends_with(&format!("/{k}"))))
                .filter(|p| value.pointer(p).is_some_and(Value::is_string))
                .collect();
            if let Some(p) = strings.get(i % strings.len().max(1)).map(|p| (*p).clone())
                && let Some(v) = value.pointer_mut(&p)
                && let Value::String(s) = v.clone()
            {
                *v = serde_json::json!({ s: null });
            }
        }
        Edit::Text(n, from, to) => {
            let found: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
            if !found.is_empty() {
                let at = found[n % found.len()];
                text.replace_range(at..at + from.len(), to);
            }
            return;
        }
    }
    *text = serde_json::to_string_pretty(&value).unwrap();
}

fn run(texts: &[String], options: &Options, reading: Reading) -> super::Report {
    let inputs = DataFile::ALL
        .iter()
        .zip(texts)
        .map(|(f, t)| Input {
            file: *f,
            path: f.file_name().into(),
            bytes: Some(t.clone().into_bytes()),
            report: true,
        })
        .collect();
    validate_reading(inputs, options, reading)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn typed_first_reading_reports_what_the_tree_reports(
        which in 0..2usize,
        edits in prop::collection::vec((0..DataFile::ALL.len(), edit()), 1..4),
        with_texts: bool,
        cap in prop::sample::select(vec![1usize, 2, 5, 1000]),
    ) {
        let (mut texts, stored) = base(which);
        for (file, edit) in &edits {
            apply(&mut texts[*file], edit);
        }
        let options = Options {
            // Fixed, so that "2999" is in the future and the dataset's dates are not.
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            sources: stored.filter(|_| with_texts),
            // A small cap too: which diagnostics it keeps must not depend on the reading.
            max_diagnostics: cap,
            ..Options::default()
        };
        let typed = run(&texts, &options, Reading::TypedFirst);
        let tree = run(&texts, &options, Reading::Tree);
        prop_assert_eq!(typed, tree);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A dataset validated from a directory (each collection file read a chunk at a time
    /// under test, and read whole again when that reading does not accept it) gives the
    /// report its files' bytes give, for the edits above and for bytes put in, taken out or
    /// replaced anywhere.
    #[test]
    fn a_directory_reports_what_its_bytes_report(
        which in 0..2usize,
        edits in prop::collection::vec((0..DataFile::ALL.len(), edit()), 0..3),
        bytes in prop::collection::vec(
            (0..DataFile::ALL.len(), any::<prop::sample::Index>(), 0..3usize,
             prop::collection::vec(any::<u8>(), 1..3)),
            0..3),
    ) {
        let (mut texts, stored) = base(which);
        for (file, edit) in &edits {
            apply(&mut texts[*file], edit);
        }
        let mut files: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
        for (file, at, kind, noise) in &bytes {
            let b = &mut files[*file];
            let i = at.index(b.len().max(1)).min(b.len());
            let end = (i + noise.len()).min(b.len());
            match kind {
                0 => drop(b.splice(i..i, noise.iter().copied())),
                1 => drop(b.drain(i..end)),
                _ => drop(b.splice(i..end, noise.iter().copied())),
            }
        }
        let tmp = std::env::temp_dir().join(format!("dossier-dir-bytes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).unwrap();
        for (f, b) in DataFile::ALL.iter().zip(&files) {
            std::fs::write(tmp.join(f.file_name()), b).unwrap();
        }
        let options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            sources: stored,
            ..Options::default()
        };
        let (from_dir, from_bytes) = both_ways(&tmp, &options);
        let _ = std::fs::remove_dir_all(&tmp);
        prop_assert_eq!(from_dir, from_bytes);
    }
}

/// The edits above do reach the tree path: a record with `null` and one with an unknown
/// field are reported the same both ways, and are reported at all.
#[test]
fn records_the_model_refuses_are_reported_both_ways() {
    let (mut texts, _) = base(0);
    let events = DataFile::ALL
        .iter()
        .position(|f| *f == DataFile::Events)
        .unwrap();
    texts[events] = texts[events].replacen("\"kind\"", "\"unknown\": null, \"kind\"", 1);
    let options = Options::default();
    let typed = run(&texts, &options, Reading::TypedFirst);
    assert!(!typed.is_valid());
    assert_eq!(typed, run(&texts, &options, Reading::Tree));
}

/// The metadata file skips the schema engine when the model reads it and it holds no `null`,
/// `""` or list ([`super::schema::metadata_is_plain`]). Every replacement above at every place
/// in it, every member dropped, and unknown, misspelt and ill-typed members added, give the
/// report the schema gives; and the bundled file does skip it.
#[test]
fn metadata_the_model_reads_is_metadata_the_schema_accepts() {
    let (texts, _) = base(1);
    let at = DataFile::ALL
        .iter()
        .position(|f| *f == DataFile::Metadata)
        .unwrap();
    let bundled: Value = serde_json::from_str(&texts[at]).unwrap();
    assert!(super::schema::metadata_is_plain(&bundled));
    let mut pool: Vec<Value> = serde_json::from_str(REPLACEMENTS).unwrap();
    pool.extend(
        serde_json::from_str::<Vec<Value>>(
            r#"["1.0", "01.0.0", "1.0.0+build", "1.0.0-rc.1", "1.0.0-01", "1.2.3",
            "99999999999999999999.0.0", " 1.0.0", "\u0031.0.0", {"a": "b"}, {"a": null},
            "ééé", " ", 0.0, -1, "../schema/metadata.schema.json"]"#,
        )
        .unwrap(),
    );
    let mut variants = vec![bundled.clone()];
    let Value::Object(members) = &bundled else {
        panic!("the bundled metadata is an object")
    };
    for key in members.keys() {
        for v in &pool {
            let mut edited = bundled.clone();
            edited[key] = v.clone();
            variants.push(edited);
        }
        let mut dropped = bundled.clone();
        dropped.as_object_mut().unwrap().remove(key);
        variants.push(dropped);
    }
    for key in ["unknown", "Name", "schema", "notes", "version "] {
        for v in [
            &Value::from("x"),
            &Value::Null,
            &pool[0],
            &bundled["version"],
        ] {
            let mut added = bundled.clone();
            added[key] = v.clone();
            variants.push(added);
        }
    }
    // A list of the fields in the model's order, which serde reads as the struct.
    let fields = [
        "$schema",
        "name",
        "version",
        "schema_version",
        "license",
        "description",
    ];
    let list = Value::Array(fields.iter().map(|f| bundled[f].clone()).collect());
    assert!(serde_json::from_value::<crate::model::Metadata>(list.clone()).is_ok());
    variants.extend([
        list,
        Value::Null,
        Value::from("x"),
        serde_json::json!([]),
        serde_json::json!({}),
    ]);
    let options = Options::default();
    let mut invalid = 0;
    for v in &variants {
        let mut texts = texts.clone();
        texts[at] = serde_json::to_string_pretty(v).unwrap();
        let typed = run(&texts, &options, Reading::TypedFirst);
        invalid += usize::from(!typed.is_valid());
        assert_eq!(typed, run(&texts, &options, Reading::Tree), "{v}");
    }
    // Most edits break the file: the comparison is of reports with problems, not only of
    // valid ones.
    assert!(
        invalid > variants.len() / 2,
        "{invalid} of {}",
        variants.len()
    );
}

/// Under a small cap, the same diagnostics are kept both ways, although the two readings find
/// a file's problems in different orders (a top-level one, future dates in one record).
#[test]
fn the_cap_keeps_the_same_diagnostics_both_ways() {
    let (texts, _) = base(0);
    let events = DataFile::ALL
        .iter()
        .position(|f| *f == DataFile::Events)
        .unwrap();
    let mut value: Value = serde_json::from_str(&texts[events]).unwrap();
    value["extra"] = 1.into();
    value["events"][0]["date"] = "2998".into();
    value["events"][0]["withdrawn"] = "2999".into();
    let mut texts = texts;
    texts[events] = serde_json::to_string_pretty(&value).unwrap();
    for cap in [1, 2] {
        let options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            max_diagnostics: cap,
            ..Options::default()
        };
        let typed = run(&texts, &options, Reading::TypedFirst);
        assert!(!typed.omitted.is_empty(), "the cap leaves some out");
        assert_eq!(typed, run(&texts, &options, Reading::Tree), "cap {cap}");
    }
}

/// Many broken records, each with several errors of one code and some with an impossible
/// date: past the cap, the typed-first reading counts their errors without keeping them
/// ([`Budget`](super::cap::Budget)), and reports what the tree reports, every count
/// included; with no cap, every one is kept. Read in halves too (the file is over 16 KiB).
#[test]
fn errors_past_the_cap_are_counted_as_the_tree_counts_them() {
    let (texts, _) = base(1);
    let events = DataFile::ALL
        .iter()
        .position(|f| *f == DataFile::Events)
        .unwrap();
    let mut value: Value = serde_json::from_str(&texts[events]).unwrap();
    let list = value["events"].as_array_mut().unwrap();
    for i in 0..600 {
        let broken = match i % 3 {
            0 => serde_json::json!({}),
            1 => serde_json::json!({"id": format!("broken-{i}"), "date": "2022-02-30"}),
            _ => serde_json::json!({"id": format!("broken-{i}"), "title": 7, "kind": null}),
        };
        list.insert(i * list.len() / 600, broken);
    }
    let mut texts = texts;
    texts[events] = serde_json::to_string_pretty(&value).unwrap();
    assert!(texts[events].len() > 16 << 10);
    for cap in [1, 5, 300, 0] {
        let options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            max_diagnostics: cap,
            ..Options::default()
        };
        let typed = run(&texts, &options, Reading::TypedFirst);
        assert_eq!(typed.omitted.is_empty(), cap == 0, "cap {cap}");
        assert!(typed.errors() > 600, "{}", typed.errors());
        assert_eq!(typed, run(&texts, &options, Reading::Tree), "cap {cap}");
        // From a directory: read a chunk at a time, then explained from the text held (a file
        // of odd length, under test) or read back in halves after a scan (even length).
        for pad in ["", " "] {
            let dir = tempfile::tempdir().unwrap();
            for (f, t) in DataFile::ALL.iter().zip(&texts) {
                let t = if *f == DataFile::Events {
                    format!("{t}{pad}")
                } else {
                    t.clone()
                };
                std::fs::write(dir.path().join(f.file_name()), t).unwrap();
            }
            let (from_dir, from_bytes) = both_ways(dir.path(), &options);
            assert_eq!(from_dir, from_bytes, "cap {cap}, {pad:?}");
        }
    }
}

/// Under a cap, the failed references the cap keeps get the help they get with no cap (the
/// "did you mean" search runs only for them); the rest are counted as before.
#[test]
fn failed_references_under_a_cap_get_the_help_they_get_without_one() {
    let (texts, _) = base(1);
    let texts: Vec<String> = texts
        .iter()
        .map(|t| t.replace("\"actor\": \"iran\"", "\"actor\": \"irann\""))
        .collect();
    let options = |cap| Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        max_diagnostics: cap,
        ..Options::default()
    };
    let all = run(&texts, &options(0), Reading::TypedFirst);
    let failed = |r: &super::Report| {
        r.diagnostics
            .iter()
            .filter(|d| d.code == super::Code::UnresolvedReference)
            .count()
    };
    assert!(failed(&all) > 4, "{}", failed(&all));
    for cap in [1, 2, 3] {
        let capped = run(&texts, &options(cap), Reading::TypedFirst);
        assert!(!capped.omitted.is_empty());
        assert!(failed(&capped) > 0);
        for d in &capped.diagnostics {
            let same = all
                .diagnostics
                .iter()
                .find(|e| e.file == d.file && e.pointer == d.pointer && e.code == d.code)
                .expect("kept with no cap");
            assert_eq!(d.help, same.help, "cap {cap}: {:?}", d.pointer);
            if d.code == super::Code::UnresolvedReference {
                assert!(
                    d.help.as_deref().is_some_and(|h| h.contains("`iran`")),
                    "{:?}",
                    d.help
                );
            }
        }
    }
}

/// A file large enough to be read in two halves on two threads gives the same report as the
/// tree, with problems of every kind in both halves (a refused record, a future date, an
/// impossible one, `null`), in the same order. (Under test, files from 16 KiB are split, so
/// the random edits above reach the halves too.)
#[test]
fn a_file_read_in_halves_reports_what_the_tree_reports() {
    let (texts, _) = base(1);
    let at = DataFile::ALL
        .iter()
        .position(|f| *f == DataFile::Events)
        .unwrap();
    let mut value: Value = serde_json::from_str(&texts[at]).unwrap();
    let events = value["events"].as_array_mut().unwrap();
    let n = events.len();
    for i in [1, n / 2 - 1, n / 2, n - 2] {
        events[i]["date"] = "2998".into();
        events[i + 1]["date"] = "2022-02-30".into();
        events[i - 1]["unknown"] = Value::Null;
        events[i]["summary"] = Value::Null;
    }
    let mut texts = texts;
    texts[at] = serde_json::to_string_pretty(&value).unwrap();
    assert!(texts[at].len() >= super::records::SPLIT_BYTES);
    let options = Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        max_diagnostics: 0,
        ..Options::default()
    };
    let typed = run(&texts, &options, Reading::TypedFirst);
    let pointers: Vec<&str> = typed
        .diagnostics
        .iter()
        .filter_map(|d| d.pointer.as_deref())
        .collect();
    for i in [0, 1, 2, n / 2, n / 2 + 1, n - 1] {
        let record = format!("/events/{i}/");
        assert!(pointers.iter().any(|p| p.starts_with(&record)), "{record}");
    }
    assert_eq!(typed, run(&texts, &options, Reading::Tree));
}

/// A directory validated from disk, and from its files' bytes.
fn both_ways(dir: &Path, options: &Options) -> (super::Report, super::Report) {
    let from_dir = super::validate_dir_with(dir, options).unwrap();
    let inputs = DataFile::ALL
        .iter()
        .map(|f| Input {
            file: *f,
            path: dir.join(f.file_name()),
            bytes: std::fs::read(dir.join(f.file_name())).ok(),
            report: true,
        })
        .collect();
    (from_dir, super::validate(inputs, options))
}

/// Under test, every collection file read from disk is read a chunk at a time, and one that
/// reading does not accept is read whole, then let go of after its scan and its records read
/// back from the file a window at a time (from 2 MiB and 64 MiB otherwise). The valid
/// fixture, and each invalid fixture laid over it, validated from a directory give the report
/// their bytes give, texts and all.
#[test]
fn records_read_back_from_disk_report_what_the_bytes_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let invalid = root.join("tests/fixtures/invalid");
    let mut fixtures: Vec<Option<std::path::PathBuf>> = vec![None];
    fixtures.extend(
        std::fs::read_dir(&invalid)
            .unwrap()
            .map(|e| Some(e.unwrap().path())),
    );
    let tmp = std::env::temp_dir().join(format!("dossier-read-back-{}", std::process::id()));
    for fixture in fixtures {
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).unwrap();
        let mut dirs = vec![root.join("tests/fixtures/valid")];
        dirs.extend(fixture.clone());
        for dir in dirs {
            for e in std::fs::read_dir(dir).unwrap() {
                let e = e.unwrap();
                if e.path().extension().is_some_and(|x| x == "json") {
                    std::fs::copy(e.path(), tmp.join(e.file_name())).unwrap();
                }
            }
        }
        let mut options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            sources: Some(root.join("tests/fixtures/texts")),
            ..Options::default()
        };
        if let Some(f) = &fixture {
            for name in std::fs::read_to_string(f.join("absent"))
                .unwrap_or_default()
                .lines()
            {
                std::fs::remove_file(tmp.join(name.trim())).unwrap();
            }
            if let Ok(max) = std::fs::read_to_string(f.join("max-file-size")) {
                options.max_file_size = max.trim().parse().unwrap();
            }
        }
        let (from_dir, from_bytes) = both_ways(&tmp, &options);
        assert_eq!(from_dir, from_bytes, "{fixture:?}");
    }
    // A record that is not JSON although the scan understood it (`nulll` is a scalar to the
    // scan): read back, it sends the file to the whole tree, whose text is read back whole.
    for e in std::fs::read_dir(root.join("tests/fixtures/valid")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.join(e.file_name())).unwrap();
    }
    let events = tmp.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    let broken = text.replacen("\"date\": \"", "\"date\": nulll, \"was\": \"", 1);
    assert_ne!(text, broken);
    std::fs::write(&events, broken).unwrap();
    let (from_dir, from_bytes) = both_ways(&tmp, &Options::default());
    assert!(
        from_dir
            .diagnostics
            .iter()
            .any(|d| d.code == super::Code::JsonSyntax)
    );
    assert_eq!(from_dir, from_bytes);
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A collection file whose records are all read a chunk at a time, but whose top level has
/// problems (a member the schema does not know, another `$schema`): they are reported from
/// the directory as from the bytes, located in the file read again.
#[test]
fn the_top_level_of_a_file_read_a_chunk_at_a_time_is_reported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("dossier-top-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    for f in DataFile::ALL {
        std::fs::copy(
            root.join("dataset").join(f.file_name()),
            tmp.join(f.file_name()),
        )
        .unwrap();
    }
    let events = tmp.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    let last = text.rfind('}').unwrap();
    let edited = format!("{},\n  \"extra\": 1\n}}\n", &text[..last]).replacen(
        "../schema/events.schema.json",
        "../schema/other.schema.json",
        1,
    );
    std::fs::write(&events, &edited).unwrap();
    let (from_dir, from_bytes) = both_ways(&tmp, &Options::default());
    let _ = std::fs::remove_dir_all(&tmp);
    let top: Vec<_> = from_dir
        .diagnostics
        .iter()
        .filter(|d| d.file == events)
        .collect();
    assert!(top.len() >= 2, "{top:?}");
    assert!(top.iter().all(|d| d.location.is_some_and(|l| l.line > 0)));
    assert_eq!(from_dir, from_bytes);
}
