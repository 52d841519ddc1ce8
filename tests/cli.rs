//! The `dossier` binary end to end: exit codes, formats, named files, `fmt`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh copy of the valid fixture dataset, with a fixture's files laid over it.
fn workdir(name: &str, overlay: Option<&str>) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root
        .join("target")
        .join("cli-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(root.join("tests/fixtures/valid")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    if let Some(overlay) = overlay {
        for e in std::fs::read_dir(root.join("tests/fixtures/invalid").join(overlay)).unwrap() {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "json") {
                std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn exit_codes() {
    let valid = workdir("valid", None);
    assert_eq!(code(&dossier(&["validate", valid.to_str().unwrap()])), 0);
    let invalid = workdir("invalid", Some("unresolved-reference"));
    let o = dossier(&["validate", invalid.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("error[unresolved-reference]"));
    assert!(stdout(&o).ends_with("invalid: 7 files checked, 1 error, 0 warnings\n"));
    let o = dossier(&["validate", "no/such/dir"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));
    assert_eq!(code(&dossier(&["validate", "--format", "yaml"])), 2);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = workdir("warnings", Some("unused-source"));
    let d = dir.to_str().unwrap();
    assert_eq!(code(&dossier(&["validate", d])), 0);
    assert_eq!(code(&dossier(&["validate", "--deny", "warnings", d])), 1);
}

#[test]
fn json_and_github_formats() {
    let dir = workdir("formats", Some("duplicate-participant"));
    let d = dir.to_str().unwrap();
    let o = dossier(&["validate", "--format", "json", d]);
    assert_eq!(code(&o), 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["format_version"], 4);
    assert_eq!(doc["valid"], false);
    // No --sources: every source cited with an excerpt is listed as not checked, with why.
    let unchecked = doc["provenance"]["not_checked"].as_array().unwrap();
    assert!(!unchecked.is_empty(), "{doc}");
    assert!(
        unchecked.iter().all(|u| u["reason"] == "no-sources-dir"),
        "{doc}"
    );
    assert_eq!(doc["provenance"]["compared"], 0);
    assert_eq!(doc["diagnostics"][0]["code"], "duplicate-participant");
    assert!(doc["diagnostics"][0]["line"].as_u64().unwrap() > 1);
    let o = dossier(&["validate", "--format", "github", d]);
    assert!(stdout(&o).starts_with("::error file="), "{}", stdout(&o));
    assert!(stdout(&o).contains("title=duplicate-participant::"));
}

#[test]
fn named_files_report_only_themselves() {
    let dir = workdir("named", Some("unresolved-reference"));
    let events = dir.join("events.json");
    let actors = dir.join("actors.json");
    assert_eq!(code(&dossier(&["validate", events.to_str().unwrap()])), 1);
    // actors.json is fine; events.json's problem is not its to report.
    let o = dossier(&["validate", actors.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("1 file checked"));
    let o = dossier(&["validate", dir.join("notes.json").to_str().unwrap()]);
    assert_eq!(code(&o), 2);
}

#[test]
fn fmt_rewrites_and_checks() {
    let dir = workdir("fmt", None);
    let d = dir.to_str().unwrap();
    assert_eq!(code(&dossier(&["fmt", "--check", d])), 0);
    // Compact, keys shuffled, records out of order.
    let events = dir.join("events.json");
    let canonical = std::fs::read_to_string(&events).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&canonical).unwrap();
    v["events"].as_array_mut().unwrap().reverse();
    std::fs::write(&events, serde_json::to_string(&v).unwrap()).unwrap();
    let o = dossier(&["fmt", "--check", d]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("events.json"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("actors.json"));
    assert_eq!(code(&dossier(&["fmt", d])), 0);
    assert_eq!(std::fs::read_to_string(&events).unwrap(), canonical);
    assert_eq!(code(&dossier(&["fmt", "--check", d])), 0);
}

#[test]
fn fmt_refuses_files_that_do_not_parse() {
    let dir = workdir("fmt-bad", None);
    let events = dir.join("events.json");
    std::fs::write(&events, "{\"events\": [,]}").unwrap();
    let o = dossier(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot format a file that is not valid JSON"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&events).unwrap(),
        "{\"events\": [,]}"
    );
    // Valid JSON the model refuses (an unknown field) is said to be that, not a syntax error.
    let text = "{\"events\": [], \"extra\": 1}";
    std::fs::write(&events, text).unwrap();
    let o = dossier(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot format a file the model does not accept: unknown field `extra`"),
        "{err}"
    );
    assert!(err.contains("run `dossier validate`"), "{err}");
    assert_eq!(std::fs::read_to_string(&events).unwrap(), text);
}

/// A FIFO in place of a dataset file: exit 2 with a clear message, without blocking.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = workdir("fifo", None);
    let events = dir.join("events.json");
    std::fs::remove_file(&events).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&events)
            .status()
            .unwrap()
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["validate", dir.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("dossier validate blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 2);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("events.json is not a regular file"),
        "{stderr}"
    );
}

/// `validate g1 ./g1`: one directory under two spellings is checked, and reported, once.
#[test]
fn a_directory_named_twice_is_reported_once() {
    let dir = workdir("twice", Some("unresolved-reference"));
    let relative = dir
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_path_buf();
    let dotted = Path::new(".").join(&relative);
    let o = dossier(&[
        "validate",
        relative.to_str().unwrap(),
        dotted.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(
        out.matches("error[unresolved-reference]").count(),
        1,
        "{out}"
    );
    assert!(
        out.ends_with("invalid: 7 files checked, 1 error, 0 warnings\n"),
        "{out}"
    );
}

/// `--sources DIR` checks excerpts against the stored texts; without it the report says
/// which sources went unchecked; a `--sources` directory that is not there cannot run.
#[test]
fn sources_flag() {
    let valid = workdir("sources-valid", None);
    let o = dossier(&[
        "validate",
        "--sources",
        "tests/fixtures/texts",
        valid.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(!stdout(&o).contains("not checked"), "{}", stdout(&o));
    let o = dossier(&["validate", valid.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains(
            "not checked against their source text (no --sources DIR): `article`, `statement`"
        ),
        "{}",
        stdout(&o)
    );
    let wrong = workdir("sources-typo", Some("typographic-mismatch"));
    let o = dossier(&[
        "validate",
        "--sources",
        "tests/fixtures/texts",
        "--format",
        "github",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains(",title=typographic-mismatch::"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("U+2019"), "{}", stdout(&o));
    let o = dossier(&[
        "validate",
        "--sources",
        "no/such/dir",
        valid.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/dir does not exist"));
}

/// Run from inside a dataset directory, the default `dataset` is not there: the error says
/// how to name it; run from elsewhere, where to run from.
#[test]
fn a_missing_default_dataset_says_where_to_run_from() {
    let dir = workdir("inside", None);
    for command in ["validate", "fmt"] {
        let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg(command)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(code(&o), 2);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("this directory holds a dataset itself: name it (`.`)"),
            "{command}: {err}"
        );
        let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg(command)
            .current_dir(dir.parent().unwrap())
            .output()
            .unwrap();
        assert_eq!(code(&o), 2);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("run from the repository's root"),
            "{command}: {err}"
        );
        assert!(err.contains("dataset does not exist"), "{command}: {err}");
    }
    // A missing `--sources` directory is not a missing dataset: no such help.
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["validate", ".", "--sources", "no-such-texts"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(code(&o), 2, "{err}");
    assert!(!err.contains("help:"), "{err}");
}
