//! The invalid fixtures: one mistake each, built from the small valid dataset in
//! `tests/fixtures/valid/`. Each fixture directory holds `mistake.txt` (what is wrong) and the
//! dataset files that differ from the valid ones; its name starts with the code it must
//! produce. The human and JSON output of each is snapshotted.
//!
//! Optional files in a fixture: `absent` (file names to leave out), `max-file-size` (a limit
//! in bytes for this run).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use drone_dossier::DataFile;
use drone_dossier::validate::{Code, Input, Options, Report, render, validate};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixed "today" of every fixture run, so `future-date` snapshots do not age; and the
/// fixture texts (ours, synthetic) as the stored source texts, so every excerpt is checked.
/// Relative paths, as cargo runs tests from the crate root: snapshots name no machine's path.
fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        sources: Some(PathBuf::from("tests/fixtures/texts")),
        ..Options::default()
    }
}

/// Validates a fixture directory (relative to the crate root) over the valid dataset.
fn run(fixture: &Path) -> Report {
    let absent = std::fs::read_to_string(root().join(fixture).join("absent")).unwrap_or_default();
    let options = fixture_options(fixture);
    let inputs = DataFile::ALL
        .into_iter()
        .map(|file| {
            let own = fixture.join(file.file_name());
            let is_absent = absent.lines().any(|l| l.trim() == file.file_name());
            let path = if is_absent || root().join(&own).exists() {
                own
            } else {
                Path::new("tests/fixtures/valid").join(file.file_name())
            };
            let bytes = (!is_absent).then(|| std::fs::read(root().join(&path)).unwrap());
            Input {
                file,
                path,
                bytes,
                report: true,
            }
        })
        .collect();
    validate(inputs, &options)
}

/// [`options`], with a fixture's own size limit if it has one.
fn fixture_options(fixture: &Path) -> Options {
    let mut options = options();
    if let Ok(max) = std::fs::read_to_string(root().join(fixture).join("max-file-size")) {
        options.max_file_size = max.trim().parse().unwrap();
    }
    options
}

/// The code a fixture is named after: the longest code its name starts with.
fn expected_code(name: &str) -> Code {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| name == c.as_str() || name.starts_with(&format!("{}-", c.as_str())))
        .max_by_key(|c| c.as_str().len())
        .unwrap_or_else(|| panic!("fixture {name} is not named after a code"))
}

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/invalid");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    all.sort();
    all
}

#[test]
fn the_valid_fixture_is_valid() {
    let report = run(Path::new("tests/fixtures/valid"));
    assert_eq!(
        report.diagnostics,
        vec![],
        "{}",
        render::human(&report, false, false)
    );
    assert_eq!(report.files_checked, 7);
    // Both fixture sources are cited with excerpts or by the quote, and both were checked.
    assert_eq!(report.provenance.checked_sources, ["article", "statement"]);
    assert_eq!(report.provenance.not_checked, vec![]);
    assert_eq!(report.provenance.compared, 3);
}

#[test]
fn invalid_fixtures() {
    insta::glob!("fixtures/invalid/*/mistake.txt", |mistake| {
        let dir = mistake.parent().unwrap().strip_prefix(root()).unwrap();
        let name = dir.file_name().unwrap().to_str().unwrap();
        let report = run(dir);
        let code = expected_code(name);
        let codes: BTreeSet<Code> = report.diagnostics.iter().map(|d| d.code).collect();
        if std::env::var_os("SOFT").is_some() {
            eprintln!("FIXTURE {name}: {codes:?}");
        } else {
            assert!(
                codes.contains(&code),
                "{name} should produce {code}, got {codes:?}"
            );
            // One mistake per fixture: every diagnostic is of the fixture's own code.
            assert_eq!(codes.len(), 1, "{name} produced {codes:?}");
            assert_eq!(
                report.is_valid(),
                code.severity() == drone_dossier::validate::Severity::Warning
            );
        }
        insta::assert_snapshot!("human", render::human(&report, false, false));
        insta::assert_snapshot!("json", render::json(&report, false));
    });
}

/// Every code has a fixture that produces it, so every rule is exercised and documented.
#[test]
fn every_code_has_a_fixture() {
    let covered: BTreeSet<Code> = fixtures()
        .iter()
        .map(|d| expected_code(d.file_name().unwrap().to_str().unwrap()))
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
    assert!(fixtures().len() >= 30);
}

/// Every code is documented in docs/rules.md with its own section.
#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    for code in Code::ALL {
        assert!(
            doc.contains(&format!("\n## `{}`", code.as_str())),
            "docs/rules.md has no section for {code}"
        );
    }
}

#[test]
fn github_annotations() {
    let report = run(Path::new("tests/fixtures/invalid/unresolved-reference"));
    let out = render::github(&report, false);
    assert!(
        out.starts_with(
            "::error file=tests/fixtures/invalid/unresolved-reference/events.json,line="
        ),
        "{out}"
    );
    assert!(out.contains(",title=unresolved-reference::"), "{out}");
    assert!(out.contains("%0Ahelp: did you mean `russia`?"), "{out}");
}

#[test]
fn warnings_can_be_denied() {
    let report = run(Path::new("tests/fixtures/invalid/unused-source"));
    assert!(render::passes(&report, false));
    assert!(!render::passes(&report, true));
    assert!(render::summary(&report, true).ends_with("(warnings denied)"));
}

/// The bundled dataset passes the validator it ships with (warnings are allowed here; CI
/// decides whether to deny them).
#[test]
fn the_bundled_dataset_has_no_errors() {
    let report = drone_dossier::validate::validate_dir(&root().join("dataset"))
        .expect("dataset/ is readable");
    assert!(
        report.is_valid(),
        "{}",
        render::human(&report, false, false)
    );
}

/// Validates the valid fixture with some files' text replaced.
fn run_with(replaced: &[(DataFile, String)]) -> Report {
    let inputs = DataFile::ALL
        .into_iter()
        .map(|file| {
            let path = Path::new("tests/fixtures/valid").join(file.file_name());
            let bytes = match replaced.iter().find(|(f, _)| *f == file) {
                Some((_, text)) => text.clone().into_bytes(),
                None => std::fs::read(root().join(&path)).unwrap(),
            };
            Input {
                file,
                path,
                bytes: Some(bytes),
                report: true,
            }
        })
        .collect();
    validate(inputs, &options())
}

fn valid_text(file: DataFile) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/valid").join(file.file_name())).unwrap()
}

/// A malformed id is reported once; references written as its lowercase form, or exactly
/// as it is written, are not each reported as unresolved.
#[test]
fn a_malformed_id_does_not_cascade() {
    for bad in ["Drone-delivery", "DRONE-DELIVERY", "drone_delivery"] {
        let events = valid_text(DataFile::Events)
            .replace("\"id\": \"drone-delivery\"", &format!("\"id\": \"{bad}\""));
        let report = run_with(&[(DataFile::Events, events)]);
        let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![Code::IdFormat],
            "{}",
            render::human(&report, false, false)
        );
    }
}

/// "Did you mean …?" only ever proposes a valid id, never one that is itself malformed.
#[test]
fn suggestions_are_valid_ids() {
    let events = valid_text(DataFile::Events)
        .replace("\"id\": \"drone-delivery\"", "\"id\": \"Drone-delivery\"");
    let claims = valid_text(DataFile::Claims).replace("\"drone-delivery\"", "\"drone-delivry\"");
    let report = run_with(&[(DataFile::Events, events), (DataFile::Claims, claims)]);
    let unresolved: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnresolvedReference)
        .collect();
    assert_eq!(
        unresolved.len(),
        1,
        "{}",
        render::human(&report, false, false)
    );
    let help = unresolved[0].help.as_deref().unwrap_or_default();
    assert!(!help.contains("Drone-delivery"), "{help}");
}

/// A byte-order mark counts as no character: columns on line 1 are those an editor shows.
#[test]
fn columns_after_a_byte_order_mark() {
    // The whole file on one line, so the problem is on line 1, after the mark.
    let line = valid_text(DataFile::Events)
        .replace('\n', " ")
        .replace("\"id\": \"drone-delivery\"", "\"id\": \"Drone-delivery\"");
    let column = line[..line.find("\"Drone-delivery\"").unwrap()]
        .chars()
        .count()
        + 1;
    let report = run_with(&[(DataFile::Events, format!("\u{feff}{line}\n"))]);
    let found: Vec<(Code, usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.unwrap();
            (d.code, l.line, l.column)
        })
        .collect();
    assert_eq!(
        found,
        vec![(Code::ByteOrderMark, 1, 1), (Code::IdFormat, 1, column)],
        "{}",
        render::human(&report, false, false)
    );
    // The snippet shows the line as the file has it (cut, as it is long), with the value
    // underlined.
    let out = render::human(&report, false, false);
    let source = out
        .lines()
        .filter(|l| l.starts_with("1 | "))
        .nth(1)
        .unwrap();
    let first = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
    assert!(first.starts_with("1 | {   \"$schema\""), "{out}");
    let carets = out.lines().filter(|l| l.contains('^')).nth(1).unwrap();
    let value = source.find("\"Drone-delivery\"").unwrap();
    assert_eq!(
        source[..value].chars().count(),
        carets.find('^').unwrap(),
        "{out}"
    );
}

/// A dataset file that is not a regular file (a FIFO, a symlink to a device) is a run error,
/// found without opening it: the run neither blocks nor reads endless bytes.
#[cfg(unix)]
#[test]
fn a_dataset_file_that_is_not_a_regular_file_is_a_run_error() {
    use drone_dossier::validate::RunError;
    use std::time::Duration;

    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("tests/fixtures/valid")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let events = tmp.path().join("events.json");
    for make in ["fifo", "device", "directory"] {
        let _ = std::fs::remove_file(&events);
        let _ = std::fs::remove_dir(&events);
        match make {
            "fifo" => assert!(
                std::process::Command::new("mkfifo")
                    .arg(&events)
                    .status()
                    .unwrap()
                    .success()
            ),
            "device" => std::os::unix::fs::symlink("/dev/zero", &events).unwrap(),
            _ => std::fs::create_dir(&events).unwrap(),
        }
        // On a thread, so that a regression fails the test instead of hanging it.
        let (send, receive) = std::sync::mpsc::channel();
        let (dir, named) = (tmp.path().to_path_buf(), events.clone());
        std::thread::spawn(move || {
            let whole = drone_dossier::validate::validate_dir_with(&dir, &options());
            let named = drone_dossier::validate::validate_paths(&[named], &options());
            let _ = send.send((whole, named));
        });
        let (whole, named) = receive
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("validating a {make} did not return"));
        // A directory named on the command line is a dataset directory, whatever its name.
        let results = if make == "directory" {
            vec![whole]
        } else {
            vec![whole, named]
        };
        for result in results {
            match result {
                Err(e @ RunError::NotARegularFile(_)) => {
                    assert!(e.to_string().contains("is not a regular file"), "{e}");
                    assert!(e.to_string().contains("events.json"), "{e}");
                }
                other => panic!("{make}: {other:?}"),
            }
        }
    }
}

/// A copy of the valid fixture with one fixture's files laid over it.
fn copy_of_valid(overlay: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("tests/fixtures/valid")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    for e in std::fs::read_dir(root().join("tests/fixtures/invalid").join(overlay)).unwrap() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "json") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    tmp
}

/// Every fixture validated from a directory gives the report it gives from bytes. From a
/// directory, a file with no problem after it is read is let go of, and read again only to
/// locate a problem a cross-record rule finds in it: the locations, the messages and the
/// texts kept for snippets must be the same as when the bytes were held all along.
#[test]
fn a_directory_is_reported_as_its_bytes_are() {
    let relative = |report: &Report, dir: &Path| {
        let name = |p: &Path| p.strip_prefix(dir).unwrap_or(p).to_path_buf();
        let mut report = report.clone();
        // Messages and helps may name another file (where an id was first used).
        let prefix = format!("{}/", dir.display());
        for d in report
            .diagnostics
            .iter_mut()
            .chain(&mut report.acknowledged)
        {
            d.file = name(&d.file);
            d.message = d.message.replace(&prefix, "");
            d.help = d.help.as_ref().map(|h| h.replace(&prefix, ""));
        }
        for o in &mut report.omitted {
            o.file = name(&o.file);
        }
        report.texts = report
            .texts
            .iter()
            .map(|(p, t)| (name(p), t.clone()))
            .collect();
        report
    };
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_str().unwrap();
        let tmp = copy_of_valid(name);
        let absent = std::fs::read_to_string(root().join(&fixture).join("absent"));
        for file in absent.iter().flat_map(|a| a.lines()) {
            std::fs::remove_file(tmp.path().join(file.trim())).unwrap();
        }
        let options = fixture_options(&fixture);
        let from_dir = drone_dossier::validate::validate_dir_with(tmp.path(), &options).unwrap();
        let from_bytes = run(&fixture);
        // From bytes, a file is named by the fixture's own path or the valid fixture's.
        let mut expected = from_bytes.clone();
        for dir in [fixture.clone(), PathBuf::from("tests/fixtures/valid")] {
            expected = relative(&expected, &dir);
        }
        let got = relative(&from_dir, tmp.path());
        assert_eq!(got.diagnostics, expected.diagnostics, "{name}");
        assert_eq!(got.acknowledged, expected.acknowledged, "{name}");
        assert_eq!(got.texts, expected.texts, "{name}");
        assert_eq!(got.files_checked, expected.files_checked, "{name}");
    }
}

/// One directory named twice under different spellings (or with one of its files) is
/// checked once: each problem is reported once.
#[test]
fn a_directory_named_twice_is_checked_once() {
    let tmp = copy_of_valid("unresolved-reference");
    let dir = tmp.path().join("g1");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(tmp.path()).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::rename(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    // The same directory, spelled another way (`Path` equality already ignores a `.`
    // inside a path, but not a leading `./` or a `..`).
    let other = tmp.path().join("g1/../g1");
    for paths in [
        vec![dir.clone(), other.clone()],
        vec![dir.join("events.json"), other.clone()],
        vec![other.join("events.json"), dir.join("events.json")],
    ] {
        let report = drone_dossier::validate::validate_paths(&paths, &options()).unwrap();
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{paths:?}: {}",
            render::human(&report, false, false)
        );
    }
    let report = drone_dossier::validate::validate_paths(&[dir, other], &options());
    assert_eq!(report.unwrap().files_checked, 7);
}

/// Control characters decoded from the data never reach the output raw: the human format
/// escapes them, JSON encodes them, and GitHub workflow commands encode line breaks.
#[test]
fn control_characters_in_the_data_are_escaped_in_every_format() {
    let events = valid_text(DataFile::Events).replace(
        "\"id\": \"drone-strikes\"",
        "\"id\": \"x\\u001b]0;t\\u0007\\u001b[2J\\r\\nvalid\\u009b\"",
    );
    let report = run_with(&[(DataFile::Events, events)]);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains('\x1b'))
    );
    let human = render::human(&report, false, false);
    assert!(!human.contains(['\x1b', '\x07', '\r', '\u{9b}']), "{human}");
    assert!(!human.lines().any(|l| l.starts_with("valid")), "{human}");
    let json = render::json(&report, false);
    // JSON escapes C0 controls (RFC 8259 requires no more; C1 ones stay as characters).
    assert!(!json.contains(|c: char| c < ' ' && c != '\n'), "{json}");
    assert!(json.contains("\\u001b"), "{json}");
    let github = render::github(&report, false);
    assert!(!github.contains('\r'), "{github}");
    assert_eq!(
        github.lines().count(),
        report.diagnostics.len() + 1,
        "{github}"
    );
}

/// Without a directory of stored texts nothing is compared, and the report names every
/// source whose excerpts or quotes went unchecked, in every format that has a summary.
#[test]
fn without_sources_the_unchecked_sources_are_named() {
    let options = Options {
        sources: None,
        ..options()
    };
    let report =
        drone_dossier::validate::validate_dir_with(&root().join("tests/fixtures/valid"), &options)
            .unwrap();
    assert!(report.diagnostics.is_empty());
    assert_eq!(report.provenance.compared, 0);
    let unchecked: Vec<&str> = report
        .provenance
        .not_checked
        .iter()
        .map(|(id, why)| {
            assert_eq!(*why, drone_dossier::validate::NotChecked::NoSourcesDir);
            id.as_str()
        })
        .collect();
    assert_eq!(unchecked, ["article", "statement"]);
    let human = render::human(&report, false, false);
    assert!(
        human.starts_with("note: excerpts and quotes not checked"),
        "{human}"
    );
    let github = render::github(&report, false);
    assert!(
        github.starts_with("::notice title=sources not checked::"),
        "{github}"
    );
}

/// A stored text that is not the pinned one is refused as a whole: its excerpts are not
/// compared with lines that may have moved, and the source is named as not checked.
#[test]
fn a_text_with_another_hash_is_not_compared() {
    let sources = valid_text(DataFile::Sources).replace(
        "a052cfac61df1c9646b2151f4846284cc9dadbf6fcd9b669ffb55b8b030166be",
        &"0".repeat(64),
    );
    // An excerpt that is wrong too: it must not be reported against the refused text.
    let events = valid_text(DataFile::Events).replace("\"line 3\"", "\"line 1\"");
    let report = run_with(&[(DataFile::Sources, sources), (DataFile::Events, events)]);
    let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::SourceTextHash]);
    assert_eq!(report.provenance.checked_sources, ["statement"]);
    assert_eq!(report.provenance.not_checked[0].0, "article");
}

/// The excerpt's own position in the dataset is reported (file, line and column of the
/// excerpt string), with a hint that names the characters that differ.
#[test]
fn a_straight_apostrophe_is_located_and_explained() {
    let report = run(Path::new("tests/fixtures/invalid/typographic-mismatch"));
    let [d] = report.diagnostics.as_slice() else {
        panic!("{}", render::human(&report, false, false))
    };
    assert_eq!(
        d.file,
        Path::new("tests/fixtures/invalid/typographic-mismatch/actors.json")
    );
    assert_eq!(d.pointer.as_deref(), Some("/actors/2/citations/0/excerpt"));
    let text = valid_text(DataFile::Actors).replace('’', "'");
    let line = text
        .lines()
        .position(|l| l.contains("\"excerpt\""))
        .unwrap()
        + 1;
    let location = d.location.unwrap();
    assert_eq!(location.line, line);
    assert_eq!(location.column, 22);
    let help = d.help.as_deref().unwrap();
    assert!(
        help.contains("`’` (U+2019)") && help.contains("`'` (U+0027)"),
        "{help}"
    );
}

/// A missing required field's help shows the field with a value its schema accepts.
#[test]
fn a_missing_field_gets_an_example() {
    let quotes = valid_text(DataFile::Quotes).replace("      \"language\": \"en\",\n", "");
    let report = run_with(&[(DataFile::Quotes, quotes)]);
    let [d] = report.diagnostics.as_slice() else {
        panic!("{}", render::human(&report, false, false))
    };
    assert_eq!(
        d.message,
        "missing required field `language` in `minister-confirms`"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("add it, for example: \"language\": \"en\"")
    );
}

/// A required field missing because it was misspelt: the help names the misspelt key.
#[test]
fn a_misspelt_required_field_is_named() {
    let quotes = valid_text(DataFile::Quotes).replacen("\"language\":", "\"langauge\":", 1);
    let report = run_with(&[(DataFile::Quotes, quotes)]);
    let missing = report
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("missing required field `language`"))
        .unwrap_or_else(|| panic!("{}", render::human(&report, false, false)));
    assert_eq!(
        missing.help.as_deref(),
        Some("rename `langauge` to `language`")
    );
}

/// `about` may name a record of any kind: its help never tells the contributor to add a
/// source (the first kind in the list).
#[test]
fn an_unresolved_about_does_not_ask_for_a_source() {
    let quotes = valid_text(DataFile::Quotes).replace(
        "\"about\": [\n        \"drone-delivery\"",
        "\"about\": [\n        \"zzzz-qqqq-xxxx\"",
    );
    let report = run_with(&[(DataFile::Quotes, quotes)]);
    let [d] = report.diagnostics.as_slice() else {
        panic!("{}", render::human(&report, false, false))
    };
    assert_eq!(d.code, Code::UnresolvedReference);
    let help = d.help.as_deref().unwrap();
    assert!(!help.contains("source"), "{help}");
    assert!(help.contains("add the record it names"), "{help}");
}

/// A warning its record acknowledges is listed with its reason, not counted, and passes
/// `--deny warnings`; the same warning unacknowledged fails it.
#[test]
fn acknowledged_warnings_are_listed_not_counted() {
    let valid =
        std::fs::read_to_string(root().join("tests/fixtures/valid/sanctions.json")).unwrap();
    let mut sanctions: serde_json::Value = serde_json::from_str(&valid).unwrap();
    sanctions["sanctions"][0]["imposed_by"] = serde_json::json!(["the-west"]);
    let unacknowledged = run_with(&[(DataFile::Sanctions, sanctions.to_string())]);
    assert_eq!(unacknowledged.warnings(), 1);
    assert!(!render::passes(&unacknowledged, true));

    sanctions["sanctions"][0]["acknowledged_warnings"] =
        serde_json::json!([{ "code": "imposer-is-group", "reason": "the source names no state" }]);
    let report = run_with(&[(DataFile::Sanctions, sanctions.to_string())]);
    assert_eq!(
        report.diagnostics,
        vec![],
        "{}",
        render::human(&report, false, true)
    );
    assert_eq!(report.acknowledged.len(), 1);
    assert_eq!(report.acknowledged[0].code, Code::ImposerIsGroup);
    assert_eq!(
        report.acknowledged[0].acknowledged.as_deref(),
        Some("the source names no state")
    );
    assert!(render::passes(&report, true));
    let human = render::human(&report, false, true);
    assert!(
        human.contains("acknowledged warning[imposer-is-group]")
            && human.contains("(reason: the source names no state)")
            && human.contains("0 warnings (1 acknowledged)"),
        "{human}"
    );
    let json: serde_json::Value = serde_json::from_str(&render::json(&report, true)).unwrap();
    assert_eq!(json["warnings"], 0);
    assert_eq!(json["acknowledged"][0]["code"], "imposer-is-group");
    assert_eq!(
        json["acknowledged"][0]["reason"],
        "the source names no state"
    );
    assert!(render::github(&report, true).contains("::notice title=acknowledged::"));
}

/// A misspelt `text_file` names the closest file of the --sources directory; a malformed
/// language tag says what a tag looks like, not the schema's regular expression.
#[test]
fn misspelt_file_names_and_malformed_values_get_a_useful_help() {
    let sources = valid_text(DataFile::Sources)
        .replacen(
            "\"text_file\": \"article.txt\"",
            "\"text_file\": \"artcle.txt\"",
            1,
        )
        .replacen("\"language\": \"en\"", "\"language\": \"EN\"", 1);
    let report = run_with(&[(DataFile::Sources, sources)]);
    let help = |code: Code| {
        report
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .and_then(|d| d.help.clone())
            .unwrap_or_else(|| panic!("{}", render::human(&report, false, false)))
    };
    assert!(
        help(Code::SourceTextNotChecked).ends_with("did you mean `article.txt`?"),
        "{}",
        help(Code::SourceTextNotChecked)
    );
    assert_eq!(
        help(Code::Schema),
        "expected a BCP 47 language tag (such as en, fa or ru)"
    );
}

/// A source's `url` is an http(s) address: a `javascript:` URL, which the site would link and
/// the tables would carry, is refused by the schema (and so by outside tools).
#[test]
fn a_script_url_is_refused() {
    let sources = valid_text(DataFile::Sources);
    let at = sources
        .find("\"url\": \"")
        .expect("the fixture's source has a url")
        + 8;
    let sources = format!("{}javascript:alert(1)//{}", &sources[..at], &sources[at..]);
    let report = run_with(&[(DataFile::Sources, sources)]);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Schema && d.pointer.as_deref() == Some("/sources/0/url"))
        .unwrap_or_else(|| panic!("{}", render::human(&report, false, false)));
    assert_eq!(
        d.help.as_deref(),
        Some("expected an http or https address, such as https://www.example.org/article")
    );
}
