//! Building releases: reproducible, complete, refused when they should be, and loading back to
//! the same data as the directory they came from.

use std::path::{Path, PathBuf};

use drone_dossier::Dataset;
use drone_dossier::diff::Bump;
use drone_dossier::release::{BuildError, BuildOptions, Built, build};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release")
}

fn opts(dataset: &Path, changelog: &Path) -> BuildOptions {
    BuildOptions {
        dataset_dir: dataset.to_path_buf(),
        changelog: changelog.to_path_buf(),
        source_commit: Some("0123456789abcdef0123456789abcdef01234567".to_owned()),
        mtime: None,
        previous: None,
    }
}

fn fixture_build() -> Built {
    build(&opts(
        &fixture().join("dataset"),
        &fixture().join("CHANGELOG.md"),
    ))
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the fixture dataset in a temporary directory, edited by `edit` (file name, JSON).
fn edited_copy(tmp: &Path, edit: impl Fn(&str, &mut serde_json::Value)) -> PathBuf {
    let dir = tmp.join("dataset");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(fixture().join("dataset")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let mut value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        edit(&name, &mut value);
        let text = serde_json::to_string_pretty(&value).unwrap();
        // In canonical form, as `dossier fmt` writes it: releases are built from no other.
        let file = drone_dossier::DataFile::ALL
            .into_iter()
            .find(|f| f.file_name() == name)
            .unwrap();
        let text = drone_dossier::format::canonical_text(file, &text).unwrap_or(text);
        std::fs::write(dir.join(&name), text).unwrap();
    }
    dir
}

fn changelog(tmp: &Path, versions: &[&str]) -> PathBuf {
    let mut text = String::from("# Changelog\n\n");
    for v in versions {
        text.push_str(&format!("## [{v}] - 2026-02-01\n\n- Release {v}.\n\n"));
    }
    let path = tmp.join("CHANGELOG.md");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (fixture_build(), fixture_build());
    assert_eq!(a.archive, b.archive, "archives differ between two builds");
    assert_eq!(a.files, b.files);

    let tmp = tempfile::tempdir().unwrap();
    let (wa, wb) = (
        a.write(&tmp.path().join("a"), false).unwrap(),
        b.write(&tmp.path().join("b"), false).unwrap(),
    );
    assert_eq!(
        std::fs::read(&wa.archive).unwrap(),
        std::fs::read(&wb.archive).unwrap()
    );
    assert_eq!(
        std::fs::read(&wa.sums).unwrap(),
        std::fs::read(&wb.sums).unwrap()
    );
}

#[test]
fn the_archive_is_normalised() {
    let built = fixture_build();
    // gzip header: no timestamp (bytes 4..8), no file name flag (FLG bit 3).
    assert_eq!(&built.archive[..3], &[0x1f, 0x8b, 8]);
    assert_eq!(built.archive[3] & 0x08, 0, "gzip header names a file");
    assert_eq!(
        &built.archive[4..8],
        &[0, 0, 0, 0],
        "gzip header has a timestamp"
    );

    let tar = {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(built.archive.as_slice())
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    let mut archive = tar::Archive::new(tar.as_slice());
    let mut paths = Vec::new();
    // Midnight UTC of the changelog entry's date, 2026-01-15.
    let expected_mtime = 1_768_435_200;
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let h = entry.header();
        assert_eq!(h.mtime().unwrap(), expected_mtime);
        assert_eq!((h.uid().unwrap(), h.gid().unwrap()), (0, 0));
        paths.push(entry.path().unwrap().to_string_lossy().into_owned());
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "entries are not sorted");
    assert!(paths.iter().all(|p| p.starts_with("dossier-data-1.0.0")));
    for expected in [
        "dossier-data-1.0.0/dossier.json",
        "dossier-data-1.0.0/manifest.json",
        "dossier-data-1.0.0/SHA256SUMS",
        "dossier-data-1.0.0/README.md",
        "dossier-data-1.0.0/LICENSE.md",
        "dossier-data-1.0.0/CHANGELOG.md",
        "dossier-data-1.0.0/csv/events.csv",
        "dossier-data-1.0.0/jsonl/quotes.jsonl",
        "dossier-data-1.0.0/schema/claims.schema.json",
        "dossier-data-1.0.0/dataset/metadata.json",
        "dossier-data-1.0.0/site/index.html",
        "dossier-data-1.0.0/site/style.css",
    ] {
        assert!(paths.iter().any(|p| p == expected), "{expected} missing");
    }
}

#[test]
fn source_date_epoch_sets_the_mtime() {
    let mut o = opts(&fixture().join("dataset"), &fixture().join("CHANGELOG.md"));
    o.mtime = Some(1_700_000_000);
    let a = build(&o).unwrap();
    assert_ne!(a.archive, fixture_build().archive);
    assert_eq!(a.archive, build(&o).unwrap().archive);
}

#[test]
fn a_written_release_loads_back_to_the_same_data() {
    let tmp = tempfile::tempdir().unwrap();
    let written = fixture_build().write(tmp.path(), false).unwrap();
    let from_dir = Dataset::from_dir(fixture().join("dataset")).unwrap();
    assert_eq!(
        Dataset::from_release(&written.bundle_dir).unwrap(),
        from_dir
    );
    assert_eq!(Dataset::from_release(&written.archive).unwrap(), from_dir);
    assert_eq!(Dataset::load(&written.archive).unwrap(), from_dir);
    assert_eq!(Dataset::load(fixture().join("dataset")).unwrap(), from_dir);
}

#[test]
fn sha256sum_accepts_the_checksum_lists() {
    let Ok(probe) = std::process::Command::new("sha256sum")
        .arg("--version")
        .output()
    else {
        eprintln!("sha256sum is not installed; skipping");
        return;
    };
    assert!(probe.status.success());
    let tmp = tempfile::tempdir().unwrap();
    let written = fixture_build().write(tmp.path(), false).unwrap();
    for dir in [&written.bundle_dir, &tmp.path().to_path_buf()] {
        let out = std::process::Command::new("sha256sum")
            .args(["-c", "--strict", "SHA256SUMS"])
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "sha256sum -c failed in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn the_bundle_has_every_format() {
    let built = fixture_build();
    let text = |p: &str| String::from_utf8(built.files[p].clone()).unwrap();

    assert_eq!(built.manifest.records["events"], 3);
    assert_eq!(built.manifest.records["claims"], 2);
    assert_eq!(built.manifest.version.as_str(), "1.0.0");

    assert_eq!(text("jsonl/events.jsonl").lines().count(), 3);
    for line in text("jsonl/claims.jsonl").lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["id"].is_string());
    }
    let whole: serde_json::Value = serde_json::from_str(&text("dossier.json")).unwrap();
    assert_eq!(whole["actors"].as_array().unwrap().len(), 4);
    assert_eq!(whole["metadata"]["version"], "1.0.0");

    let changelog = text("CHANGELOG.md");
    assert!(
        changelog.starts_with("## [1.0.0] - 2026-01-15\n"),
        "{changelog}"
    );
    assert!(!changelog.contains("0.9.0"), "{changelog}");
    assert!(text("README.md").contains("sha256sum -c SHA256SUMS"));
    assert!(text("README.md").contains("### `events`"));
    assert!(text("LICENSE.md").contains("CC-BY-4.0"));
}

#[test]
fn csv_cells_are_quoted_and_neutralised() {
    let built = fixture_build();
    let events = String::from_utf8(built.files["csv/events.csv"].clone()).unwrap();
    assert!(
        events.starts_with("id,kind,title,summary,date,date_precision,date_earliest,date_latest,"),
        "{events}"
    );
    assert!(
        events.contains(",\"'=Russia invades Ukraine, \"\"special operation\"\"\","),
        "{events}"
    );
    assert!(
        events.contains(",1828,year,1828-01-01,1828-12-31,"),
        "{events}"
    );
    assert!(events.ends_with("\r\n"));
    let quotes = String::from_utf8(built.files["csv/quotes.csv"].clone()).unwrap();
    assert!(
        quotes.contains("\"'-An example quote,\nover two lines.\""),
        "{quotes}"
    );
    // JSONL keeps the exact text: only the CSV is neutralised.
    let jsonl = String::from_utf8(built.files["jsonl/quotes.jsonl"].clone()).unwrap();
    assert!(
        jsonl.contains("\"-An example quote,\\nover two lines.\""),
        "{jsonl}"
    );
}

/// The Data Package describes exactly the CSV files of the bundle: every resource is a file
/// with the header its fields name, and every CSV file is a resource.
#[test]
fn the_data_package_describes_every_table() {
    let built = fixture_build();
    let package: serde_json::Value =
        serde_json::from_slice(&built.files["datapackage.json"]).unwrap();
    assert_eq!(package["version"], "1.0.0");
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert!(package["sources"].as_array().is_some_and(|s| !s.is_empty()));
    let resources = package["resources"].as_array().unwrap();
    let csv_files: Vec<&String> = built
        .files
        .keys()
        .filter(|p| p.starts_with("csv/"))
        .collect();
    assert_eq!(resources.len(), csv_files.len());
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let text = String::from_utf8(built.files[path].clone()).unwrap();
        let header = text.split("\r\n").next().unwrap();
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields.join(","), "{path}");
        let jsonl = format!("jsonl/{}.jsonl", r["name"].as_str().unwrap());
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        assert_eq!(
            String::from_utf8(built.files[&jsonl].clone())
                .unwrap()
                .lines()
                .count(),
            reader.records().count(),
            "{jsonl} and {path} have different row counts"
        );
        for fk in r["schema"]["foreignKeys"].as_array().unwrap() {
            let target = fk["reference"]["resource"].as_str().unwrap();
            assert!(
                resources.iter().any(|x| x["name"] == target),
                "{path} refers to a missing resource {target}"
            );
        }
    }
    // Vocabularies come from the model.
    let events = resources.iter().find(|r| r["name"] == "events").unwrap();
    let kind = &events["schema"]["fields"][1];
    assert_eq!(kind["name"], "kind");
    assert!(
        kind["constraints"]["enum"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("arms_transfer"))
    );
}

#[test]
fn the_manifest_names_the_release_date_repository_and_citation() {
    let built = fixture_build();
    let m = &built.manifest;
    assert_eq!(m.manifest_format, 2);
    assert_eq!(m.released.as_deref(), Some("2026-01-15"));
    assert_eq!(m.repository.as_deref(), Some(env!("CARGO_PKG_REPOSITORY")));
    let citation = m.citation.clone().unwrap();
    assert!(citation.contains("1.0.0") && citation.contains(env!("CARGO_PKG_REPOSITORY")));
    let readme = String::from_utf8(built.files["README.md"].clone()).unwrap();
    assert!(
        readme.contains(
            &citation
                .replace('(', "\\(")
                .replace(')', "\\)")
                .replace('[', "\\[")
                .replace(']', "\\]")
        ),
        "{readme}"
    );
    let cff = String::from_utf8(built.files["CITATION.cff"].clone()).unwrap();
    assert!(cff.contains("version: \"1.0.0\"") && cff.contains("date-released: 2026-01-15"));
    assert!(readme.contains("gh attestation verify dossier-data-1.0.0.tar.gz --repo"));
    // dossier.json names its schema inside the bundle.
    let doc: serde_json::Value = serde_json::from_slice(&built.files["dossier.json"]).unwrap();
    assert_eq!(doc["$schema"], "schema/dossier.schema.json");
    assert_eq!(doc["metadata"]["$schema"], "schema/metadata.schema.json");
    for schema in [
        doc["$schema"].as_str().unwrap(),
        doc["metadata"]["$schema"].as_str().unwrap(),
    ] {
        assert!(
            built.files.contains_key(schema),
            "{schema} is not in the bundle"
        );
    }
}

/// A version too long for a ustar header (the bundle directory name passes 100 bytes) is
/// released with GNU long names, and reads back; it used to panic.
#[test]
fn a_long_version_is_released_and_reads_back() {
    for len in [87, 120, 200] {
        let tmp = tempfile::tempdir().unwrap();
        let version = format!("1.0.0-{}", "a".repeat(len - 6));
        assert_eq!(version.len(), len);
        let dir = edited_copy(tmp.path(), with_version(&version));
        let built = build(&opts(&dir, &changelog(tmp.path(), &[&version])))
            .unwrap_or_else(|e| panic!("{e}"));
        let written = built.write(&tmp.path().join("out"), false).unwrap();
        let data = Dataset::from_release(&written.archive).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.metadata.version.as_str(), version);
    }
}

/// The README escapes what it prints from the data: no terminal control, no Markdown.
#[test]
fn the_readme_escapes_values_from_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = edited_copy(tmp.path(), |name, v| {
        if name == "metadata.json" {
            v["description"] =
                "Drones\u{1b}[31m\u{202E} <img src=x onerror=alert(1)> [x](http://e)\n# Fake"
                    .into();
        }
    });
    let built =
        build(&opts(&dir, &fixture().join("CHANGELOG.md"))).unwrap_or_else(|e| panic!("{e}"));
    let readme = String::from_utf8(built.files["README.md"].clone()).unwrap();
    assert!(!readme.contains('\u{1b}') && !readme.contains('\u{202E}'));
    // Markdown syntax from the data is backslash-escaped, so it renders as text.
    assert!(
        readme.contains("\\<img") && !readme.contains(" <img"),
        "{readme}"
    );
    assert!(!readme.contains("](http://e)"));
    assert!(!readme.contains("\n# Fake"));
}

/// A release built against a previous one carries the record-level diff, as JSON.
#[test]
fn a_release_with_a_previous_one_carries_the_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let old = fixture_build()
        .write(&tmp.path().join("old"), false)
        .unwrap();
    let dir = edited_copy(&tmp.path().join("new"), |name, v| {
        with_version("1.1.0")(name, v);
        if name == "actors.json" {
            let mut extra = v["actors"][0].clone();
            extra["id"] = "zz-new-actor".into();
            v["actors"].as_array_mut().unwrap().push(extra);
        }
    });
    let mut o = opts(&dir, &changelog(tmp.path(), &["1.1.0"]));
    o.previous = Some(old.archive.clone());
    let built = build(&o).unwrap_or_else(|e| panic!("{e}"));
    let changes: serde_json::Value = serde_json::from_slice(&built.files["changes.json"]).unwrap();
    assert_eq!(changes["bump"], "minor");
    assert_eq!(changes["added"][0]["id"], "zz-new-actor");
    assert!(!fixture_build().files.contains_key("changes.json"));
}

#[test]
fn an_invalid_dataset_is_not_released() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = edited_copy(tmp.path(), |name, v| {
        if name == "quotes.json" {
            v["quotes"][0]["speakers"] = serde_json::json!(["nobody"]);
        }
    });
    let err = build(&opts(&dir, &fixture().join("CHANGELOG.md"))).unwrap_err();
    assert!(matches!(err, BuildError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("dossier validate"), "{err}");
}

#[test]
fn a_version_without_a_changelog_entry_is_not_released() {
    let tmp = tempfile::tempdir().unwrap();
    let log = changelog(tmp.path(), &["0.9.0"]);
    let err = build(&opts(&fixture().join("dataset"), &log)).unwrap_err();
    assert!(matches!(err, BuildError::NoChangelogEntry { .. }), "{err}");
    assert!(err.to_string().contains("## [1.0.0]"), "{err}");
}

#[test]
fn a_dataset_not_in_canonical_form_is_not_released() {
    // The same data with the events in another order, and with keys out of model order.
    let copy = |tmp: &Path, edit: &dyn Fn(&str, &str) -> String| {
        let dir = tmp.join("dataset");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(fixture().join("dataset")).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            std::fs::write(dir.join(&name), edit(&name, &text)).unwrap();
        }
        dir
    };
    let reorder = |name: &str, text: &str| {
        if name != "events.json" {
            return text.to_owned();
        }
        // Exactly the canonical text but for the order of the records.
        let mut d = Dataset::from_dir(fixture().join("dataset")).unwrap();
        d.events.reverse();
        d.file_text(drone_dossier::DataFile::Events)
    };
    let sorted_keys = |name: &str, text: &str| {
        if name != "metadata.json" {
            return text.to_owned();
        }
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    };
    let no_newline = |name: &str, text: &str| {
        if name == "claims.json" {
            text.trim_end().to_owned()
        } else {
            text.to_owned()
        }
    };
    type Edit<'a> = &'a dyn Fn(&str, &str) -> String;
    let edits: [(&str, Edit); 3] = [
        ("events.json", &reorder),
        ("metadata.json", &sorted_keys),
        ("claims.json", &no_newline),
    ];
    for (file, edit) in edits {
        let tmp = tempfile::tempdir().unwrap();
        let dir = copy(tmp.path(), edit);
        assert_eq!(
            Dataset::from_dir(&dir).unwrap(),
            {
                let mut d = Dataset::from_dir(fixture().join("dataset")).unwrap();
                if file == "events.json" {
                    d.events.reverse();
                }
                d
            },
            "{file}: the edit changes the form, not the data"
        );
        let err = build(&opts(&dir, &fixture().join("CHANGELOG.md"))).unwrap_err();
        assert!(
            matches!(&err, BuildError::NotCanonical { path, .. } if path.ends_with(file)),
            "{file}: {err}"
        );
        assert!(err.to_string().contains("dossier fmt"), "{err}");
    }
}

#[test]
fn a_timestamp_tar_cannot_hold_is_refused() {
    let mut o = opts(&fixture().join("dataset"), &fixture().join("CHANGELOG.md"));
    for mtime in [drone_dossier::release::MAX_MTIME + 1, u64::MAX] {
        o.mtime = Some(mtime);
        let err = build(&o).unwrap_err();
        assert!(
            matches!(err, BuildError::MtimeOutOfRange { mtime: m } if m == mtime),
            "{err}"
        );
        assert!(err.to_string().contains("8589934591"), "{err}");
    }
    o.mtime = Some(drone_dossier::release::MAX_MTIME);
    let built = build(&o).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    Dataset::from_release(built.write(tmp.path(), false).unwrap().archive).unwrap();
}

#[test]
fn a_changelog_date_in_the_future_or_not_in_the_calendar_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let attempt = |date: &str| {
        let log = tmp.path().join("CHANGELOG.md");
        std::fs::write(
            &log,
            format!("# Changelog\n\n## [1.0.0] - {date}\n\n- Text.\n"),
        )
        .unwrap();
        build(&opts(&fixture().join("dataset"), &log))
    };
    let err = attempt("2999-01-01").unwrap_err();
    assert!(
        matches!(err, BuildError::FutureChangelogDate { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("in the future"), "{err}");
    let tomorrow = drone_dossier::validate::today()
        .succ_opt()
        .unwrap()
        .to_string();
    let err = attempt(&tomorrow).unwrap_err();
    assert!(
        matches!(err, BuildError::FutureChangelogDate { .. }),
        "{err}"
    );
    for bad in ["2026-02-30", "2026-1-15"] {
        let err = attempt(bad).unwrap_err();
        assert!(
            matches!(err, BuildError::BadChangelogDate { .. }),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains(bad), "{err}");
    }
    attempt(&drone_dossier::validate::today().to_string()).unwrap();
}

fn with_version(v: &str) -> impl Fn(&str, &mut serde_json::Value) + '_ {
    move |name, value| {
        if name == "metadata.json" {
            value["version"] = v.into();
        }
    }
}

#[test]
fn the_version_must_grow_as_much_as_the_changes_need() {
    let previous = fixture().join("dataset");
    let attempt = |version: &str, edit: &dyn Fn(&str, &mut serde_json::Value)| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = edited_copy(tmp.path(), |name, v| {
            with_version(version)(name, v);
            edit(name, v);
        });
        let log = changelog(tmp.path(), &[version]);
        let mut o = opts(&dir, &log);
        o.previous = Some(previous.clone());
        build(&o)
    };
    let add_alias = |name: &str, v: &mut serde_json::Value| {
        if name == "actors.json" {
            v["actors"][2]["aliases"] = serde_json::json!(["Islamic Republic of Iran"]);
        }
    };
    let remove_quote = |name: &str, v: &mut serde_json::Value| {
        if name == "quotes.json" {
            v["quotes"] = serde_json::json!([]);
        }
    };
    let fix_title = |name: &str, v: &mut serde_json::Value| {
        if name == "events.json" {
            v["events"][2]["title"] = "The Treaty of Turkmenchay".into();
        }
    };

    match attempt("1.0.1", &add_alias) {
        Err(BuildError::BumpTooSmall {
            required, actual, ..
        }) => assert_eq!((required, actual), (Bump::Minor, Bump::Patch)),
        other => panic!("expected BumpTooSmall, got {other:?}"),
    }
    attempt("1.1.0", &add_alias).unwrap();
    let err = attempt("1.1.0", &remove_quote).unwrap_err();
    assert!(
        err.to_string()
            .contains("quote `abdollahian-confirms` was removed"),
        "{err}"
    );
    attempt("2.0.0", &remove_quote).unwrap();
    let built = attempt("1.0.1", &fix_title).unwrap();
    assert_eq!(built.diff.unwrap().bump(), Some(Bump::Patch));
    let err = attempt("1.0.0", &fix_title).unwrap_err();
    assert!(matches!(err, BuildError::NotNewer { .. }), "{err}");
}

#[test]
fn existing_outputs_are_replaced_only_when_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let built = fixture_build();
    let first = built.write(tmp.path(), false).unwrap();
    let err = built.write(tmp.path(), false).unwrap_err();
    assert!(matches!(err, BuildError::Exists(_)), "{err}");
    std::fs::write(first.bundle_dir.join("stray.txt"), "x").unwrap();
    let second = built.write(tmp.path(), true).unwrap();
    assert_eq!(first, second);
    assert!(!second.bundle_dir.join("stray.txt").exists());
    Dataset::from_release(&second.bundle_dir).unwrap();
    // Nothing temporary is left behind.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");

    // A directory that is not a bundle is never removed, even with force.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir(other.path().join("dossier-data-1.0.0")).unwrap();
    let err = built.write(other.path(), true).unwrap_err();
    assert!(matches!(err, BuildError::NotABundle(_)), "{err}");
}

/// Builds `version` (with `edit`) against a previous dataset of version `previous`.
fn release_after(
    previous: &str,
    version: &str,
    edit: &dyn Fn(&str, &mut serde_json::Value),
) -> Result<Built, BuildError> {
    let old = tempfile::tempdir().unwrap();
    let old_dir = edited_copy(old.path(), with_version(previous));
    let tmp = tempfile::tempdir().unwrap();
    let dir = edited_copy(tmp.path(), |name, v| {
        with_version(version)(name, v);
        edit(name, v);
    });
    let log = changelog(tmp.path(), &[version]);
    let mut o = opts(&dir, &log);
    o.previous = Some(old_dir);
    build(&o)
}

#[test]
fn versions_are_compared_by_semver_precedence() {
    let same = |_: &str, _: &mut serde_json::Value| {};
    let remove_quote = |name: &str, v: &mut serde_json::Value| {
        if name == "quotes.json" {
            v["quotes"] = serde_json::json!([]);
        }
    };
    // The release after its release candidates, and one candidate after another.
    release_after("1.0.0-rc.1", "1.0.0", &same).unwrap();
    release_after("1.0.0-rc.1", "1.0.0-rc.2", &same).unwrap();
    release_after("1.0.0-rc.2", "1.0.0-rc.10", &same).unwrap();
    release_after("1.0.0-alpha", "1.0.0-alpha.1", &same).unwrap();
    // A pre-release promises nothing: the final release may still remove records.
    release_after("1.0.0-rc.1", "1.0.0", &remove_quote).unwrap();
    // Numbers, not strings.
    release_after("9.0.0", "10.0.0", &same).unwrap();
    release_after("1.9.0", "1.10.0", &same).unwrap();
    // Going backwards is refused.
    for (previous, version) in [
        ("1.0.0", "1.0.0-rc.1"),
        ("1.0.0-rc.2", "1.0.0-rc.1"),
        ("1.0.0-rc.10", "1.0.0-rc.2"),
        ("1.0.0-beta", "1.0.0-alpha"),
        ("10.0.0", "9.0.0"),
    ] {
        let err = release_after(previous, version, &same).unwrap_err();
        assert!(
            matches!(err, BuildError::NotNewer { .. }),
            "{previous} -> {version}: {err}"
        );
    }
    // The 0.y.z rule still holds: a removal needs 0.y to grow.
    match release_after("0.1.0", "0.1.1", &remove_quote) {
        Err(BuildError::BumpTooSmall { required, .. }) => assert_eq!(required, Bump::Major),
        other => panic!("expected BumpTooSmall, got {other:?}"),
    }
    release_after("0.1.0", "0.2.0", &remove_quote).unwrap();
}

#[test]
fn a_version_too_large_for_u64_is_not_read_as_zero() {
    // 2^64: it used to read as 0.0.0, so any version looked like an upgrade from it.
    let err = release_after("18446744073709551616.0.0", "1.0.1", &|_, _| {}).unwrap_err();
    assert!(matches!(err, BuildError::Previous { .. }), "{err}");
    assert!(drone_dossier::Version::new("18446744073709551616.0.0").is_err());
    // The largest u64 is a version, and nothing below it comes after it.
    let err = release_after("18446744073709551615.0.0", "1.0.1", &|_, _| {}).unwrap_err();
    assert!(matches!(err, BuildError::NotNewer { .. }), "{err}");
}

#[test]
fn a_previous_release_with_duplicate_ids_is_refused() {
    let old = tempfile::tempdir().unwrap();
    let old_dir = edited_copy(old.path(), |name, v| {
        if name == "events.json" {
            let events = v["events"].as_array_mut().unwrap();
            let mut twin = events[0].clone();
            twin["title"] = "A twin".into();
            events.push(twin);
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let dir = edited_copy(tmp.path(), with_version("1.0.1"));
    let mut o = opts(&dir, &changelog(tmp.path(), &["1.0.1"]));
    o.previous = Some(old_dir);
    let err = build(&o).unwrap_err();
    assert!(
        matches!(&err, BuildError::PreviousDuplicateIds { ids, .. } if ids.len() == 1),
        "{err}"
    );
}

/// The commit is read without running anything the repository configures: `git status` ran
/// the repository's `core.fsmonitor` command (an unpacked source tarball can carry one).
#[test]
fn the_source_commit_is_read_without_running_repository_commands() {
    let git = |dir: &Path, args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .expect("git is installed");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let dataset = edited_copy(&repo, |_, _| {});
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "data"]);
    let marker = tmp.path().join("fsmonitor-ran");
    let hook = tmp.path().join("hook.sh");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    git(&repo, &["config", "core.fsmonitor", hook.to_str().unwrap()]);
    let head = git(&repo, &["rev-parse", "HEAD"]);
    // SAFETY of the test: the variable would override the detection.
    assert!(std::env::var_os("DOSSIER_SOURCE_COMMIT").is_none());

    assert_eq!(drone_dossier::release::detect_source_commit(&dataset), head);
    assert!(
        !marker.exists(),
        "the repository's core.fsmonitor command was run"
    );

    // A repository that says it is a partial clone: a missing object would be fetched from its
    // promisor remote, through the upload command its config names. Nothing is fetched or run;
    // the commit's files cannot be read, so the dataset counts as changed.
    let fake = "1234567890abcdef1234567890abcdef12345678";
    let partial = tmp.path().join("partial");
    let partial_dataset = edited_copy(&partial, |_, _| {});
    git(&partial, &["init", "-q"]);
    let fetched = tmp.path().join("upload-pack-ran");
    let config = partial.join(".git/config");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text = text.replace("repositoryformatversion = 0", "repositoryformatversion = 1");
    text.push_str(&format!(
        "[extensions]\n\tpartialClone = origin\n[remote \"origin\"]\n\turl = {}\n\tpromisor = true\n\tuploadpack = touch '{}'; false\n",
        tmp.path().join("remote").display(),
        fetched.display()
    ));
    std::fs::write(&config, text).unwrap();
    let branch = git(&partial, &["symbolic-ref", "HEAD"]);
    std::fs::write(partial.join(".git").join(&branch), format!("{fake}\n")).unwrap();
    assert_eq!(
        drone_dossier::release::detect_source_commit(&partial_dataset),
        format!("{fake}-dirty")
    );
    assert!(
        !fetched.exists(),
        "the repository's promisor remote was fetched from, running its upload command"
    );

    // A configuration that includes a FIFO would block git's read of it: git is not run, and
    // the commit is read all the same (the dataset counts as changed).
    #[cfg(unix)]
    {
        let fifo = repo.join(".git/planted");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        // Written, and taken out, by hand: git itself would block reading it.
        let config = repo.join(".git/config");
        let before = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{before}[include]\n\tpath = planted\n")).unwrap();
        let started = std::time::Instant::now();
        assert_eq!(
            drone_dossier::release::detect_source_commit(&dataset),
            format!("{head}-dirty")
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        std::fs::write(&config, before).unwrap();
        std::fs::remove_file(&fifo).unwrap();
    }

    // An edited dataset file is reported as dirty.
    let path = dataset.join("metadata.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("\"name\"", "\"name\" ")).unwrap();
    assert_eq!(
        drone_dossier::release::detect_source_commit(&dataset),
        format!("{head}-dirty")
    );
    assert!(
        !marker.exists(),
        "the repository's core.fsmonitor command was run"
    );
}
