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

/// The fixed "today" of every fixture run, so `future-date` snapshots do not age.
fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        ..Options::default()
    }
}

/// Validates a fixture directory (relative to the crate root) over the valid dataset.
fn run(fixture: &Path) -> Report {
    let absent = std::fs::read_to_string(root().join(fixture).join("absent")).unwrap_or_default();
    let mut options = options();
    if let Ok(max) = std::fs::read_to_string(root().join(fixture).join("max-file-size")) {
        options.max_file_size = max.trim().parse().unwrap();
    }
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
