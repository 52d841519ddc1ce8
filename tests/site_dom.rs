//! What each page of the test fixture's site (`tests/fixtures/release/`) says, as headless
//! Chromium renders it, against reviewed insta snapshots: a change in a page's text is a
//! reviewed diff. The fixture changes only with the code, so data-only changes touch none.
//!
//! The text comes from the browser (`.ci/site_check.mjs` writes `document.body.innerText` of
//! every page), so this test needs that output: `.ci/run` builds the site, runs the browser
//! check, then runs this test with `DOSSIER_SITE_DOM` pointing at the text files. It is
//! ignored in a plain `cargo test`, which has no browser. To update the snapshots locally,
//! run the same steps with `INSTA_UPDATE=always` and review the diff.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
#[ignore = "needs the DOM text from the headless-Chromium step of .ci/run (DOSSIER_SITE_DOM)"]
fn every_page_says_what_its_snapshot_says() {
    let dir = std::env::var("DOSSIER_SITE_DOM")
        .expect("DOSSIER_SITE_DOM must name the text/ directory written by .ci/site_check.mjs");
    let mut names = BTreeSet::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no page text in {dir}");
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        insta::assert_snapshot!(name.clone(), text);
        names.insert(name);
    }
    // A page that no longer exists must not keep a snapshot.
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(name) = file
            .strip_prefix("site_dom__")
            .and_then(|f| f.strip_suffix(".snap"))
        {
            assert!(names.contains(name), "snapshot {file} has no page any more");
        }
    }
}
