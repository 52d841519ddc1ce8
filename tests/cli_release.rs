//! `dossier release` and `dossier diff` from the command line: outputs, exit codes, messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.env_remove("SOURCE_DATE_EPOCH")
        .env("DOSSIER_SOURCE_COMMIT", "cli-test");
    c
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release")
}

fn release(out: &Path, extra: &[&str]) -> Output {
    dossier()
        .arg("release")
        .arg("--dataset")
        .arg(fixture().join("dataset"))
        .arg("--changelog")
        .arg(fixture().join("CHANGELOG.md"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn release_writes_a_reproducible_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let o = release(out, &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let stdout = String::from_utf8(release(&tmp.path().join("c"), &[]).stdout).unwrap();
    assert!(
        stdout.contains("released dossier-fixture 1.0.0 (commit cli-test)"),
        "{stdout}"
    );
    assert!(stdout.contains("events: 3"), "{stdout}");
    let archive = "dossier-data-1.0.0.tar.gz";
    assert_eq!(
        std::fs::read(a.join(archive)).unwrap(),
        std::fs::read(b.join(archive)).unwrap()
    );
    let sums = std::fs::read_to_string(a.join("SHA256SUMS")).unwrap();
    assert!(sums.ends_with(&format!("  {archive}\n")), "{sums}");

    // A second run refuses to replace the outputs unless forced.
    let again = release(&a, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(release(&a, &["--force"]).status.code(), Some(0));
}

#[test]
fn source_date_epoch_is_honoured_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let o = dossier()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["release", "--dataset"])
        .arg(fixture().join("dataset"))
        .arg("--changelog")
        .arg(fixture().join("CHANGELOG.md"))
        .arg("--out")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bad = dossier()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["release", "--out"])
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn source_date_epoch_beyond_what_tar_holds_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |epoch: &str, out: &str| {
        dossier()
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["release", "--dataset"])
            .arg(fixture().join("dataset"))
            .arg("--changelog")
            .arg(fixture().join("CHANGELOG.md"))
            .arg("--out")
            .arg(tmp.path().join(out))
            .output()
            .unwrap()
    };
    for (epoch, out) in [("18446744073709551615", "a"), ("8589934592", "b")] {
        let o = run(epoch, out);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("SOURCE_DATE_EPOCH"), "{stderr}");
        assert!(stderr.contains("out of range"), "{stderr}");
        assert!(!tmp.path().join(out).exists(), "nothing is written");
    }
    let o = run("8589934591", "c");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn release_refuses_a_version_without_a_changelog_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("CHANGELOG.md");
    std::fs::write(
        &log,
        "# Changelog\n\n## [Unreleased]\n\n- Work in progress.\n",
    )
    .unwrap();
    let o = dossier()
        .args(["release", "--dataset"])
        .arg(fixture().join("dataset"))
        .arg("--changelog")
        .arg(&log)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("## [1.0.0]"));
    assert!(!tmp.path().join("out").exists(), "nothing is written");
}

#[test]
fn diff_reports_changes_and_the_bump() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(release(&out, &[]).status.code(), Some(0));
    let archive = out.join("dossier-data-1.0.0.tar.gz");

    let same = dossier()
        .arg("diff")
        .arg(&archive)
        .arg(fixture().join("dataset"))
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("no changes"));

    // A copy with one quote removed and an event's title corrected.
    let new = tmp.path().join("new");
    std::fs::create_dir(&new).unwrap();
    for entry in std::fs::read_dir(fixture().join("dataset")).unwrap() {
        let entry = entry.unwrap();
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name() == "quotes.json" {
            text = "{\"$schema\": \"../schema/quotes.schema.json\", \"quotes\": []}".to_owned();
        }
        if entry.file_name() == "events.json" {
            text = text.replace("\"Treaty of Turkmenchay\"", "\"The Treaty of Turkmenchay\"");
        }
        std::fs::write(new.join(entry.file_name()), text).unwrap();
    }
    let changed = dossier()
        .arg("diff")
        .arg(out.join("dossier-data-1.0.0"))
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(changed.status.code(), Some(1));
    let text = String::from_utf8_lossy(&changed.stdout);
    assert!(text.contains("- quote abdollahian-confirms"), "{text}");
    assert!(text.contains("~ event treaty-of-turkmenchay"), "{text}");
    assert!(
        text.contains("/title: \"Treaty of Turkmenchay\" -> \"The Treaty of Turkmenchay\" (patch)"),
        "{text}"
    );
    assert!(text.contains("implied bump: major"), "{text}");

    let json = dossier()
        .args(["diff", "--json"])
        .arg(&archive)
        .arg(&new)
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["bump"], "major");
    assert_eq!(value["removed"][0]["id"], "abdollahian-confirms");
    assert_eq!(value["removed"][0]["kind"], "quote");

    let missing = dossier()
        .arg("diff")
        .arg(tmp.path().join("nope"))
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn release_refuses_a_too_small_bump_against_the_previous_release() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(release(&out, &[]).status.code(), Some(0));
    // The same data as 1.0.0, with a record removed, released as 1.0.1.
    let new = tmp.path().join("new");
    std::fs::create_dir(&new).unwrap();
    for entry in std::fs::read_dir(fixture().join("dataset")).unwrap() {
        let entry = entry.unwrap();
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name() == "metadata.json" {
            text = text.replace("\"1.0.0\",\n  \"schema", "\"1.0.1\",\n  \"schema");
        }
        if entry.file_name() == "quotes.json" {
            // In canonical form: `release` refuses any other.
            text = "{\n  \"$schema\": \"../schema/quotes.schema.json\",\n  \"quotes\": []\n}\n"
                .to_owned();
        }
        std::fs::write(new.join(entry.file_name()), text).unwrap();
    }
    let log = tmp.path().join("CHANGELOG.md");
    std::fs::write(&log, "## [1.0.1] - 2026-02-01\n\n- Removed a quote.\n").unwrap();
    let o = dossier()
        .args(["release", "--dataset"])
        .arg(&new)
        .arg("--changelog")
        .arg(&log)
        .arg("--out")
        .arg(&out)
        .arg("--previous")
        .arg(out.join("dossier-data-1.0.0.tar.gz"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1.0.0 -> 1.0.1 is a patch bump but the changes need a major bump"),
        "{err}"
    );
}

#[test]
fn diff_refuses_a_dataset_with_duplicate_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let dup = tmp.path().join("dup");
    std::fs::create_dir(&dup).unwrap();
    for entry in std::fs::read_dir(fixture().join("dataset")).unwrap() {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        if entry.file_name() == "events.json" {
            // The first event again, under its own id, with another title.
            let events = value["events"].as_array_mut().unwrap();
            let mut twin = events[0].clone();
            twin["title"] = "A different title".into();
            events.push(twin);
        }
        std::fs::write(dup.join(entry.file_name()), value.to_string()).unwrap();
    }
    for (old, new) in [
        (&fixture().join("dataset"), &dup),
        (&dup, &fixture().join("dataset")),
    ] {
        let o = dossier().arg("diff").arg(old).arg(new).output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}{stderr}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(
            stderr.contains("ids used by more than one record"),
            "{stderr}"
        );
    }
}
