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
            [{"source": "nope"}], {"actor": "iran", "role": "target"}]"#,
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
    validate(inputs, &Options::default())
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
