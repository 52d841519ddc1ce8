//! Property tests: random single edits of the valid fixture dataset never make the validator
//! panic, and every diagnostic they produce is located inside the file it names.

use std::path::Path;

use drone_dossier::DataFile;
use drone_dossier::validate::{Input, Options, Report, validate};
use proptest::prelude::*;
use serde_json::Value;

fn valid_texts() -> Vec<String> {
    DataFile::ALL
        .iter()
        .map(|f| {
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/valid")
                    .join(f.file_name()),
            )
            .unwrap()
        })
        .collect()
}

/// The position of a file in [`DataFile::ALL`], which is the order of [`valid_texts`].
fn index_of(file: DataFile) -> usize {
    DataFile::ALL.iter().position(|x| *x == file).unwrap()
}

/// Every pointer in a value, parents before children (iteratively).
fn pointers(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), v)];
    while let Some((p, v)) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    stack.push((
                        format!("{p}/{}", k.replace('~', "~0").replace('/', "~1")),
                        c,
                    ));
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    stack.push((format!("{p}/{i}"), c));
                }
            }
            _ => {}
        }
        out.push(p);
    }
    out
}

#[derive(Debug, Clone)]
enum Edit {
    /// Remove the member or element at the chosen pointer.
    Drop(usize),
    /// Replace the value at the chosen pointer.
    Change(usize, usize),
    /// Swap the values of two `id` members (across all files' ids).
    SwapIds(usize, usize),
    /// Cut the text at a byte position.
    Truncate(usize),
    /// Insert a character at a byte position.
    Insert(usize, char),
}

fn replacements() -> Vec<Value> {
    serde_json::from_str(
        r#"["", "x", 0, -1, 1.5, true, null, [], {}, "2022-02-30", "2024/2021", "2999",
            "Iran", "iran", "russia", "drone-delivery", "article", "the-west", "think-tank",
            [{"source": "nope"}], {"actor": "iran", "role": "target"},
            "a-reference-whose-id-is-sixty-five-bytes-long-which-is-one-too-many",
            ["a-reference-whose-id-is-sixty-five-bytes-long-which-is-one-too-many"],
            -0, 18446744073709551616, "\u00a0", "x\u200by"]"#,
    )
    .unwrap()
}

fn edit_strategy() -> impl Strategy<Value = (usize, Edit)> {
    let edit = prop_oneof![
        any::<usize>().prop_map(Edit::Drop),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Change(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapIds(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
        (
            any::<usize>(),
            prop::sample::select(vec!['{', '}', '[', ']', ',', '"', ':', 'x', '\\', 'é'])
        )
            .prop_map(|(a, c)| Edit::Insert(a, c)),
    ];
    (0..DataFile::ALL.len(), edit)
}

fn apply(texts: &mut [String], file: usize, edit: &Edit) {
    let mut value: Value = serde_json::from_str(&texts[file]).unwrap();
    let all = pointers(&value);
    let text = &mut texts[file];
    match *edit {
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
            *text = serde_json::to_string_pretty(&value).unwrap();
        }
        Edit::Change(i, r) => {
            let p = &all[i % all.len()];
            let pool = replacements();
            if let Some(v) = value.pointer_mut(p) {
                *v = pool[r % pool.len()].clone();
            }
            *text = serde_json::to_string_pretty(&value).unwrap();
        }
        Edit::SwapIds(a, b) => {
            let ids: Vec<&String> = all.iter().filter(|p| p.ends_with("/id")).collect();
            if ids.len() >= 2 {
                let (pa, pb) = (ids[a % ids.len()].clone(), ids[b % ids.len()].clone());
                let va = value.pointer(&pa).cloned().unwrap();
                let vb = value.pointer(&pb).cloned().unwrap();
                *value.pointer_mut(&pa).unwrap() = vb;
                *value.pointer_mut(&pb).unwrap() = va;
            }
            *text = serde_json::to_string_pretty(&value).unwrap();
        }
        Edit::Truncate(at) => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        Edit::Insert(at, c) => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert(at, c);
        }
    }
}

fn run(texts: &[String]) -> Report {
    run_with(texts, &Options::default())
}

/// Validates the seven texts (in [`DataFile::ALL`] order) with the given options.
fn run_with(texts: &[String], options: &Options) -> Report {
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
    validate(inputs, options)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn single_edits_are_located_inside_the_file((file, edit) in edit_strategy()) {
        let mut texts = valid_texts();
        apply(&mut texts, file, &edit);
        let report = run(&texts);
        for d in &report.diagnostics {
            let l = d.location.unwrap_or_else(|| panic!("no location: {d:?}"));
            let i = DataFile::ALL.iter().position(|f| Path::new(&f.file_name()) == d.file).unwrap();
            let lines: Vec<&str> = texts[i].split('\n').collect();
            prop_assert!(l.line >= 1 && l.line <= lines.len(), "{d:?}");
            prop_assert!(l.column >= 1 && l.column <= lines[l.line - 1].chars().count() + 1, "{d:?}");
            prop_assert!(l.end_line >= l.line && l.end_line <= lines.len(), "{d:?}");
            // Rendering never panics either.
            let _ = drone_dossier::validate::render::human(&report, true, true);
        }
    }
}

/// Whether a record of `file` fits the model (what `Dataset::from_dir` reads).
fn fits(file: DataFile, record: &Value) -> bool {
    use drone_dossier::{Actor, Claim, Event, Quote, Sanction, Source};
    fn de<T: serde::de::DeserializeOwned>(v: &Value) -> bool {
        T::deserialize(v).is_ok()
    }
    match file {
        DataFile::Sources => de::<Source>(record),
        DataFile::Actors => de::<Actor>(record),
        DataFile::Events => de::<Event>(record),
        DataFile::Sanctions => de::<Sanction>(record),
        DataFile::Quotes => de::<Quote>(record),
        DataFile::Claims => de::<Claim>(record),
        _ => true,
    }
}

/// Structural edits only (those that keep the text JSON): what can slip past the schema.
fn value_edit_strategy() -> impl Strategy<Value = (usize, Edit)> {
    let edit = prop_oneof![
        1 => any::<usize>().prop_map(Edit::Drop),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Change(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapIds(a, b)),
    ];
    (0..DataFile::ALL.len(), edit)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever `validate` accepts, the loader, `fmt` and `diff` accept too (`release` runs
    /// exactly these: the validator, `Dataset::from_dir` and the canonical form).
    #[test]
    fn what_validate_accepts_every_command_accepts((file, edit) in value_edit_strategy()) {
        let mut texts = valid_texts();
        apply(&mut texts, file, &edit);
        let report = run(&texts);
        if report.is_valid() {
            let dir = tempfile::tempdir().unwrap();
            for (f, t) in DataFile::ALL.iter().zip(&texts) {
                std::fs::write(dir.path().join(f.file_name()), t).unwrap();
            }
            let loaded = drone_dossier::Dataset::from_dir(dir.path());
            prop_assert!(loaded.is_ok(), "validate passed but from_dir refused: {:?}", loaded.err());
            for (f, t) in DataFile::ALL.iter().zip(&texts) {
                let canonical = drone_dossier::format::canonical_text(*f, t);
                prop_assert!(canonical.is_ok(), "validate passed but fmt refused {f:?}");
            }
            let before = drone_dossier::Dataset::from_dir(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
            ).unwrap();
            let _ = drone_dossier::diff::diff(&before, &loaded.unwrap());
        }
    }

    /// A record the model refuses always yields at least one error inside that record.
    #[test]
    fn a_refused_record_has_an_error_of_its_own((file, edit) in value_edit_strategy()) {
        let mut texts = valid_texts();
        apply(&mut texts, file, &edit);
        let report = run(&texts);
        for (f, t) in DataFile::ALL.iter().zip(&texts) {
            let value: Value = serde_json::from_str(t).unwrap();
            let Some(records) = value.get(f.name()).and_then(Value::as_array) else { continue };
            for (i, record) in records.iter().enumerate() {
                if fits(*f, record) {
                    continue;
                }
                let inside = format!("/{}/{i}", f.name());
                let found = report.diagnostics.iter().any(|d| {
                    d.severity == drone_dossier::validate::Severity::Error
                        && d.file == Path::new(&f.file_name())
                        && d.pointer.as_deref().is_some_and(|p| p == inside || p.starts_with(&format!("{inside}/")))
                });
                prop_assert!(found, "{inside} in {f:?} is refused by the model but has no error");
            }
        }
    }
}

/// A syntax error in one file hides nothing in the others: their schema and rule problems are
/// reported in the same run (issue 7).
#[test]
fn a_syntax_error_in_one_file_hides_no_other_files_problems() {
    use drone_dossier::validate::Code;
    let mut texts = valid_texts();
    let at = |f: DataFile| DataFile::ALL.iter().position(|x| *x == f).unwrap();
    // events.json: not JSON at all.
    texts[at(DataFile::Events)].insert(1, '}');
    // actors.json: a schema problem (an unknown field) in the first actor.
    let mut actors: Value = serde_json::from_str(&texts[at(DataFile::Actors)]).unwrap();
    actors["actors"][0]["colour"] = "red".into();
    texts[at(DataFile::Actors)] = serde_json::to_string_pretty(&actors).unwrap();
    // quotes.json: a rule problem (a speaker that is no actor).
    let mut quotes: Value = serde_json::from_str(&texts[at(DataFile::Quotes)]).unwrap();
    quotes["quotes"][0]["speakers"] = serde_json::json!(["nobody-at-all"]);
    texts[at(DataFile::Quotes)] = serde_json::to_string_pretty(&quotes).unwrap();
    let report = run(&texts);
    let codes: Vec<(String, Code)> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.display().to_string(), d.code))
        .collect();
    assert!(
        codes.contains(&("events.json".into(), Code::JsonSyntax)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("actors.json".into(), Code::Schema)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("quotes.json".into(), Code::UnresolvedReference)),
        "{codes:?}"
    );
}

/// The cap on diagnostics per file and per rule: the rest are counted, not lost, and the
/// run is as invalid as without the cap.
#[test]
fn diagnostics_are_capped_per_file_and_rule_and_the_rest_counted() {
    use drone_dossier::validate::Code;
    let mut texts = valid_texts();
    let at = index_of(DataFile::Events);
    let mut events: Value = serde_json::from_str(&texts[at]).unwrap();
    let n = events["events"].as_array().unwrap().len();
    for e in events["events"].as_array_mut().unwrap() {
        e["colour"] = "red".into();
    }
    texts[at] = serde_json::to_string_pretty(&events).unwrap();
    let all = run(&texts);
    let capped = run_with(
        &texts,
        &Options {
            max_diagnostics: 1,
            ..Options::default()
        },
    );
    assert!(n >= 2, "the fixture has at least two events");
    assert_eq!(all.errors(), n);
    assert_eq!(capped.errors(), n, "omitted diagnostics still count");
    assert_eq!(capped.diagnostics.len(), 1);
    assert_eq!(capped.omitted.len(), 1);
    assert_eq!(capped.omitted[0].code, Code::Schema);
    assert_eq!(capped.omitted[0].count, n - 1);
    let text = drone_dossier::validate::render::human(&capped, false, false);
    assert!(
        text.contains(&format!(
            "note: {} more `schema` {} in events.json not shown",
            n - 1,
            if n == 2 { "diagnostic" } else { "diagnostics" }
        )),
        "{text}"
    );
    let json: Value =
        serde_json::from_str(&drone_dossier::validate::render::json(&capped, false)).unwrap();
    assert_eq!(json["omitted"][0]["count"], n - 1);
}

/// An over-long id in a reference (65 bytes, one past the limit) is refused by the committed
/// schema itself, at the reference, so outside tools (check-jsonschema, ajv) refuse it too,
/// not only the typed loader.
#[test]
fn an_over_long_reference_is_an_id_format_error_at_the_reference() {
    use drone_dossier::validate::Code;
    let mut texts = valid_texts();
    let at = index_of(DataFile::Events);
    let mut events: Value = serde_json::from_str(&texts[at]).unwrap();
    let long = "a".repeat(drone_dossier::MAX_ID_LEN + 1);
    events["events"][0]["participants"][0]["actor"] = long.clone().into();
    texts[at] = serde_json::to_string_pretty(&events).unwrap();
    let report = run(&texts);
    let schema: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::IdFormat)
        .map(|d| (d.pointer.as_deref().unwrap_or_default(), d.message.as_str()))
        .collect();
    assert!(
        schema
            .iter()
            .any(|(p, m)| *p == "/events/0/participants/0/actor" && m.contains("the limit is 64")),
        "{schema:?}"
    );
    assert!(!report.is_valid());
}

/// A file refused for its size is reported (`file-too-large`) and not counted as checked.
#[test]
fn a_file_over_the_size_limit_is_not_counted_as_checked() {
    use drone_dossier::validate::Code;
    let texts = valid_texts();
    let events = index_of(DataFile::Events);
    let limit = texts[events].len() as u64 - 1;
    let options = Options {
        max_file_size: limit,
        ..Options::default()
    };
    let report = run_with(&texts, &options);
    let too_large: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::FileTooLarge)
        .map(|d| d.file.display().to_string())
        .collect();
    // Every file at least as large as events.json is refused; the rest are checked.
    let refused = texts.iter().filter(|t| t.len() as u64 > limit).count();
    assert!(
        too_large.contains(&"events.json".to_owned()),
        "{too_large:?}"
    );
    assert_eq!(too_large.len(), refused);
    assert_eq!(report.files_checked, DataFile::ALL.len() - refused);
}

/// Acknowledged warnings beyond the cap are capped apart and not counted: a dataset that
/// acknowledges more warnings than the cap shows still passes `--deny warnings`.
#[test]
fn acknowledged_warnings_beyond_the_cap_are_not_counted_as_warnings() {
    use drone_dossier::validate::Code;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
    let mut texts: Vec<String> = DataFile::ALL
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f.file_name())).unwrap())
        .collect();
    // A second copy (new id) of the sanction that acknowledges `imposer-is-group`.
    let at = index_of(DataFile::Sanctions);
    let mut sanctions: Value = serde_json::from_str(&texts[at]).unwrap();
    let list = sanctions["sanctions"].as_array_mut().unwrap();
    let mut copy = list
        .iter()
        .find(|s| s.get("acknowledged_warnings").is_some())
        .expect("the bundled dataset acknowledges a warning")
        .clone();
    copy["id"] = "a-second-copy-of-the-acknowledging-sanction".into();
    list.push(copy);
    texts[at] = serde_json::to_string_pretty(&sanctions).unwrap();
    let capped = run_with(
        &texts,
        &Options {
            max_diagnostics: 1,
            ..Options::default()
        },
    );
    assert_eq!(capped.warnings(), 0, "{:?}", capped.omitted);
    assert!(capped.is_valid());
    assert_eq!(capped.acknowledged.len(), 1);
    assert_eq!(capped.acknowledged_count(), 2);
    assert_eq!(capped.omitted.len(), 1);
    assert_eq!(capped.omitted[0].code, Code::ImposerIsGroup);
    assert!(capped.omitted[0].acknowledged);
    let summary = drone_dossier::validate::render::summary(&capped, true);
    assert!(summary.starts_with("valid:"), "{summary}");
    assert!(summary.contains("(2 acknowledged)"), "{summary}");
    let json = drone_dossier::validate::render::json(&capped, true);
    assert!(json.contains("\"acknowledged\": true"), "{json}");
}

/// serde reads a struct from an array, the schema does not: a record holding one is reported
/// and not read into the model (as a record with an unknown field is not), so an
/// acknowledgement written as an array acknowledges nothing and a record written as an array
/// defines no id.
#[test]
fn an_array_where_the_schema_has_an_object_is_not_read_as_the_object() {
    use drone_dossier::validate::Code;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
    let texts: Vec<String> = DataFile::ALL
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f.file_name())).unwrap())
        .collect();

    let mut acked = texts.clone();
    let at = index_of(DataFile::Sanctions);
    let mut sanctions: Value = serde_json::from_str(&acked[at]).unwrap();
    let record = sanctions["sanctions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s.get("acknowledged_warnings").is_some())
        .unwrap();
    record["acknowledged_warnings"] = serde_json::json!([["imposer-is-group", "r"]]);
    acked[at] = serde_json::to_string_pretty(&sanctions).unwrap();
    let report = run_with(&acked, &Options::default());
    assert!(report.diagnostics.iter().any(|d| d.code == Code::Schema));
    // Not read into the model (like a record with an unknown field), so nothing of it is
    // acknowledged, and its rules wait for the schema error to be fixed.
    assert_eq!(report.acknowledged_count(), 0, "{:?}", report.acknowledged);

    let mut arrayed = texts;
    let at = index_of(DataFile::Sources);
    let mut sources: Value = serde_json::from_str(&arrayed[at]).unwrap();
    let first = &mut sources["sources"][0];
    let id = first["id"].as_str().unwrap().to_owned();
    *first = serde_json::json!([id, "article", "A title"]);
    arrayed[at] = serde_json::to_string_pretty(&sources).unwrap();
    let report = run_with(&arrayed, &Options::default());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownSource && d.message.contains(&id)),
        "the array defines no id: citations of `{id}` are unresolved"
    );
}
