//! The `dossier` binary against a hostile environment: output that cannot be written, paths
//! that are FIFOs or devices, symlinks planted in output directories, data that tries to
//! drive the terminal. Exit codes stay 0, 1 or 2, nothing hangs, nothing is overwritten.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dossier() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.env_remove("SOURCE_DATE_EPOCH")
        .env("DOSSIER_SOURCE_COMMIT", "cli-test")
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn release_fixture() -> PathBuf {
    root().join("tests/fixtures/release")
}

/// `dossier release` of the release fixture into `out` (add `--force` and the like to it).
fn release_fixture_into(out: &Path) -> Command {
    let mut c = dossier();
    c.arg("release")
        .arg("--dataset")
        .arg(release_fixture().join("dataset"))
        .arg("--changelog")
        .arg(release_fixture().join("CHANGELOG.md"))
        .arg("--out")
        .arg(out);
    c
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-hardening-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dataset(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in drone_dossier::DataFile::ALL {
        std::fs::copy(from.join(file.file_name()), to.join(file.file_name())).unwrap();
    }
}

/// Runs with a deadline: a command that hangs fails the test instead of hanging it.
fn run_within(mut cmd: Command, seconds: u64) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            panic!("{cmd:?} still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every command, each in a form that prints something on standard output.
fn printing_commands(work: &Path) -> Vec<Command> {
    let data = release_fixture().join("dataset");
    let unformatted = work.join("unformatted");
    copy_dataset(&data, &unformatted);
    let events = unformatted.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replace("\n  ", "\n   ")).unwrap();
    let changed = work.join("changed");
    copy_dataset(&data, &changed);
    let meta = changed.join("metadata.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replacen("\"description\": \"", "\"description\": \"New. ", 1),
    )
    .unwrap();
    let mut cmds = Vec::new();
    let mut c = dossier();
    c.arg("validate").arg(&data);
    cmds.push(c);
    let mut c = dossier();
    c.args(["validate", "--format", "json"]).arg(&data);
    cmds.push(c);
    let mut c = dossier();
    c.args(["fmt", "--check"]).arg(&unformatted);
    cmds.push(c);
    let mut c = dossier();
    c.args(["schema", "--check"]);
    cmds.push(c);
    let mut c = dossier();
    c.arg("diff").arg(&data).arg(&changed);
    cmds.push(c);
    let mut c = dossier();
    c.args(["diff", "--json"]).arg(&data).arg(&changed);
    cmds.push(c);
    let mut c = dossier();
    c.arg("release")
        .arg("--dataset")
        .arg(&data)
        .arg("--changelog")
        .arg(release_fixture().join("CHANGELOG.md"))
        .arg("--out")
        .arg(work.join("dist"))
        .arg("--force");
    cmds.push(c);
    let mut c = dossier();
    c.arg("--help");
    cmds.push(c);
    // Error paths, which print to standard error.
    let mut c = dossier();
    c.arg("validate").arg(work.join("nowhere"));
    cmds.push(c);
    let mut c = dossier();
    c.arg("diff").arg(work.join("nowhere")).arg(&data);
    cmds.push(c);
    cmds
}

#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_exit_2_never_a_panic() {
    let work = scratch("full");
    for mut cmd in printing_commands(&work) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let full_err = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = cmd.stdout(full).stderr(full_err).output().unwrap();
        let c = code(&out);
        assert!(matches!(c, 0..=2), "{cmd:?} exited {c}");
        // Whatever it meant to print is lost (--help included), so it cannot report success.
        assert_eq!(c, 2, "{cmd:?}: output lost must be exit 2");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_said_on_standard_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = dossier()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot write to standard output: "),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_is_never_a_panic() {
    let work = scratch("pipe");
    for mut cmd in printing_commands(&work) {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close both pipes at once, as `| head -c0` would.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let c = child.wait().unwrap().code().unwrap();
        assert!(matches!(c, 0..=2), "{cmd:?} exited {c}");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn a_missing_input_path_is_could_not_run() {
    let work = scratch("missing");
    let data = release_fixture().join("dataset");
    let changelog = release_fixture().join("CHANGELOG.md");
    let release = |dataset: &Path, changelog: &Path, extra: &[&Path]| {
        let mut c = dossier();
        c.arg("release")
            .arg("--dataset")
            .arg(dataset)
            .arg("--changelog")
            .arg(changelog)
            .arg("--out")
            .arg(work.join("dist"));
        if let Some(previous) = extra.first() {
            c.arg("--previous").arg(previous);
        }
        c.output().unwrap()
    };
    let missing = work.join("missing");
    for (what, out) in [
        ("--dataset", release(&missing, &changelog, &[])),
        ("--changelog", release(&data, &missing, &[])),
        ("--previous", release(&data, &changelog, &[&missing])),
    ] {
        assert_eq!(code(&out), 2, "a missing {what}: {}", stderr(&out));
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_hanging() {
    let work = scratch("fifo");
    let data = release_fixture().join("dataset");
    let fifo = work.join("bundle.tar.gz");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut c = dossier();
    c.arg("diff").arg(&fifo).arg(&data);
    assert_eq!(code(&run_within(c, 20)), 2);
    let mut c = dossier();
    c.arg("diff").arg("/dev/zero").arg(&data);
    let out = run_within(c, 20);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );

    // An unpacked bundle or a dataset directory holding a FIFO or a link to /dev/zero.
    let dir = work.join("dataset");
    copy_dataset(&data, &dir);
    std::fs::remove_file(dir.join("events.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("events.json")).unwrap();
    for sub in [&["fmt"][..], &["fmt", "--check"], &["validate"]] {
        let mut c = dossier();
        c.args(sub).arg(&dir);
        assert_eq!(code(&run_within(c, 20)), 2, "{sub:?}");
    }
    let mut c = dossier();
    c.arg("diff").arg(&dir).arg(&data);
    assert_eq!(code(&run_within(c, 20)), 2);

    // Schemas: --check through a planted FIFO or /dev/zero could not check them: exit 2,
    // promptly, naming the file (not "out of date", which is what a differing schema is).
    let schemas = work.join("schema");
    let mut c = dossier();
    c.args(["schema", "--out"]).arg(&schemas);
    assert_eq!(code(&run_within(c, 20)), 0);
    std::fs::remove_file(schemas.join("events.schema.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", schemas.join("events.schema.json")).unwrap();
    std::fs::remove_file(schemas.join("actors.schema.json")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(schemas.join("actors.schema.json"))
            .status()
            .unwrap()
            .success()
    );
    let mut c = dossier();
    c.args(["schema", "--check", "--out"]).arg(&schemas);
    let out = run_within(c, 20);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("actors.schema.json") && stderr(&out).contains("cannot read"),
        "{}",
        stderr(&out)
    );
    // And writing refuses to replace them (they are not regular files): exit 2.
    let mut c = dossier();
    c.args(["schema", "--out"]).arg(&schemas);
    assert_eq!(code(&run_within(c, 20)), 2);
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn schema_never_writes_through_a_symlink_out_of_its_directory() {
    let work = scratch("schema-link");
    let profile = work.join("profile");
    std::fs::write(&profile, "export PATH=/usr/bin\n").unwrap();
    let schemas = work.join("schema");
    std::fs::create_dir_all(&schemas).unwrap();
    std::os::unix::fs::symlink(&profile, schemas.join("events.schema.json")).unwrap();
    let out = dossier()
        .args(["schema", "--out"])
        .arg(&schemas)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        "export PATH=/usr/bin\n"
    );
    // Refused before any schema was written: the other six are not there either.
    let names: Vec<_> = std::fs::read_dir(&schemas)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["events.schema.json"], "{names:?}");
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn release_never_writes_through_a_symlink_out_of_its_directory() {
    let work = scratch("release-link");
    let profile = work.join("profile");
    std::fs::write(&profile, "export PATH=/usr/bin\n").unwrap();
    let out_dir = work.join("dist");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::os::unix::fs::symlink(&profile, out_dir.join("SHA256SUMS")).unwrap();
    let out = release_fixture_into(&out_dir)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        "export PATH=/usr/bin\n"
    );
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn one_file_size_limit_for_every_command() {
    let work = scratch("limit");
    let data = release_fixture().join("dataset");
    let dir = work.join("dataset");
    copy_dataset(&data, &dir);
    let size = std::fs::metadata(dir.join("events.json")).unwrap().len();
    let small = (size - 1).to_string();
    let large = (size * 2).to_string();
    for (limit, validate, fmt, diff) in [(&small, 1, 2, 2), (&large, 0, 0, 0)] {
        let run = |args: &[&str]| {
            let mut c = dossier();
            c.args(args).arg("--max-file-size").arg(limit);
            c
        };
        let mut c = run(&["validate"]);
        c.arg(&dir);
        assert_eq!(
            code(&c.output().unwrap()),
            validate,
            "validate, limit {limit}"
        );
        let mut c = run(&["fmt", "--check"]);
        c.arg(&dir);
        let out = c.output().unwrap();
        assert_eq!(code(&out), fmt, "fmt, limit {limit}: {}", stderr(&out));
        let mut c = run(&["diff"]);
        c.arg(&dir).arg(&dir);
        let out = c.output().unwrap();
        assert_eq!(code(&out), diff, "diff, limit {limit}: {}", stderr(&out));
        if fmt == 2 {
            assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
        }
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn data_cannot_drive_the_terminal_in_any_command() {
    let work = scratch("escape");
    let data = release_fixture().join("dataset");
    let hostile = work.join("hostile");
    copy_dataset(&data, &hostile);
    // The dataset's name (printed by diff) and a description (a diff value).
    let meta = hostile.join("metadata.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let evil = "\\u001b]0;pwned\\u0007\\u001b[2J\\r\\u202eevil";
    let text = text
        .replacen("\"name\": \"", &format!("\"name\": \"{evil}"), 1)
        .replacen(
            "\"description\": \"",
            &format!("\"description\": \"{evil}"),
            1,
        );
    std::fs::write(&meta, text).unwrap();
    let out = dossier()
        .arg("diff")
        .arg(&data)
        .arg(&hostile)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
        assert!(
            !printed.contains(raw),
            "raw {raw:?} in diff output:\n{printed}"
        );
    }
    assert!(printed.contains("\\u{1b}"), "{printed}");

    // An error message quoting a value (an unknown kind) from a file fmt cannot parse.
    let events = hostile.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    let kind = text.find("\"kind\": \"").unwrap() + "\"kind\": \"".len();
    let text = format!("{}\\u001b[31m\\u202e{}", &text[..kind], &text[kind..]);
    std::fs::write(&events, text).unwrap();
    for args in [&["fmt"][..], &["fmt", "--check"]] {
        let out = dossier().args(args).arg(&hostile).output().unwrap();
        assert_eq!(code(&out), 2);
        let err = stderr(&out);
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{err}"
        );
    }
    let out = dossier()
        .arg("diff")
        .arg(&data)
        .arg(&hostile)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err}"
    );
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_and_refuses_read_only_and_hard_linked_files() {
    use std::os::unix::fs::PermissionsExt;
    let work = scratch("fmt-files");
    let dir = work.join("dataset");
    copy_dataset(&release_fixture().join("dataset"), &dir);
    let events = dir.join("events.json");
    let unformatted = std::fs::read_to_string(&events)
        .unwrap()
        .replace("\n  ", "\n   ");
    let reset = |mode: u32| {
        std::fs::set_permissions(&events, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::write(&events, &unformatted).unwrap();
        std::fs::set_permissions(&events, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    reset(0o600);
    let out = dossier().arg("fmt").arg(&dir).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mode = std::fs::metadata(&events).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // A temporary file of an earlier run that was killed (its pid is past Linux's maximum, so
    // not running) is cleaned up by the next run, even with nothing to rewrite.
    let orphan = dir.join(".events.json.4194311-123456789-0.tmp");
    std::fs::write(&orphan, "half a file").unwrap();
    let out = dossier().arg("fmt").arg(&dir).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!orphan.exists(), "the orphaned temporary file is removed");

    reset(0o444);
    let out = dossier().arg("fmt").arg(&dir).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&events).unwrap(), unformatted);

    reset(0o644);
    std::fs::hard_link(&events, work.join("elsewhere.json")).unwrap();
    let out = dossier().arg("fmt").arg(&dir).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("hard links"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(work.join("elsewhere.json")).unwrap(),
        unformatted
    );
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn json_output_keeps_backslashes_in_paths() {
    let work = scratch("backslash");
    let dir = work.join("data\\set");
    copy_dataset(&root().join("tests/fixtures/valid"), &dir);
    std::fs::copy(
        root().join("tests/fixtures/invalid/duplicate-key/events.json"),
        dir.join("events.json"),
    )
    .unwrap();
    let out = dossier()
        .args(["validate", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = doc["diagnostics"][0]["file"].as_str().unwrap();
    assert!(file.ends_with("data\\set/events.json"), "{file}");
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn archive_entry_names_are_escaped_in_errors() {
    let work = scratch("entry-name");
    let archive = work.join("bundle.tar.gz");
    let gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&archive).unwrap(),
        flate2::Compression::default(),
    );
    let mut tar = tar::Builder::new(gz);
    let mut header = tar::Header::new_gnu();
    header.set_size(1);
    header.set_mode(0o644);
    header.set_entry_type(tar::EntryType::Symlink);
    // A link (refused, and named in the error) whose name carries terminal controls.
    header.set_link_name("target").unwrap();
    let name = b"dossier-data-1.0.0/\x1b]0;pwned\x07\xe2\x80\xae.json";
    header.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
    header.set_size(0);
    header.set_cksum();
    tar.append(&header, std::io::empty()).unwrap();
    tar.into_inner().unwrap().finish().unwrap();
    let out = dossier()
        .arg("diff")
        .arg(&archive)
        .arg(release_fixture().join("dataset"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("pwned"), "the entry is named: {err}");
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!err.contains(raw), "raw {raw:?} in: {err}");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

/// A symlink from one output to another inside the output directory: the second write would
/// replace the first (`claims.schema.json` holding the metadata schema, `style.css` the
/// script). Refused before anything is written.
#[cfg(unix)]
#[test]
fn outputs_linked_to_each_other_are_refused() {
    let work = scratch("sibling-links");
    let schemas = work.join("schema");
    std::fs::create_dir_all(&schemas).unwrap();
    // An up-to-date metadata schema, and the claims schema linked to it.
    let written = dossier()
        .args(["schema", "--out"])
        .arg(&schemas)
        .output()
        .unwrap();
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    let metadata = std::fs::read_to_string(schemas.join("metadata.schema.json")).unwrap();
    std::fs::remove_file(schemas.join("claims.schema.json")).unwrap();
    std::os::unix::fs::symlink("metadata.schema.json", schemas.join("claims.schema.json")).unwrap();
    let out = dossier()
        .args(["schema", "--out"])
        .arg(&schemas)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("same file"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(schemas.join("metadata.schema.json")).unwrap(),
        metadata
    );

    let site = work.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("search.js"), "old script").unwrap();
    std::os::unix::fs::symlink("search.js", site.join("style.css")).unwrap();
    let out = dossier()
        .arg("site")
        .arg("--dataset")
        .arg(release_fixture().join("dataset"))
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("same file"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(site.join("search.js")).unwrap(),
        "old script"
    );
    assert!(!site.join("index.html").exists(), "nothing written");
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn site_never_writes_through_a_symlink_out_of_its_directory() {
    let work = scratch("site-link");
    let outside = work.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("victim.html"), "mine").unwrap();
    let site = work.join("site");
    std::fs::create_dir_all(&site).unwrap();
    // A planted file link and a planted directory link.
    std::os::unix::fs::symlink(outside.join("victim.html"), site.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("actors")).unwrap();
    let out = dossier()
        .arg("site")
        .arg("--dataset")
        .arg(release_fixture().join("dataset"))
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(outside.join("victim.html")).unwrap(),
        "mine"
    );
    let written: Vec<_> = std::fs::read_dir(&outside).unwrap().collect();
    assert_eq!(
        written.len(),
        1,
        "nothing written into the outside directory"
    );
    // Refused before anything was written: not even the pages of the other kinds.
    assert!(!site.join("events").exists());

    // A directory link planted last in the order of writing: nothing before it is created.
    let site = work.join("site2");
    std::fs::create_dir_all(&site).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("sources")).unwrap();
    let out = dossier()
        .arg("site")
        .arg("--dataset")
        .arg(release_fixture().join("dataset"))
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let names: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["sources"], "a refused run created {names:?}");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn a_value_with_a_line_break_cannot_print_a_line_of_its_own() {
    let work = scratch("newline");
    let data = release_fixture().join("dataset");
    let hostile = work.join("hostile");
    copy_dataset(&data, &hostile);
    let events = hostile.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    let kind = text.find("\"kind\": \"").unwrap() + "\"kind\": \"".len();
    let fake = "valid: 7 files checked, 0 errors, 0 warnings";
    let text = format!("{}bogus\\n{fake}\\n{}", &text[..kind], &text[kind..]);
    std::fs::write(&events, text).unwrap();
    for args in [
        vec![
            "site".to_owned(),
            "--dataset".to_owned(),
            hostile.display().to_string(),
        ],
        vec![
            "fmt".to_owned(),
            "--check".to_owned(),
            hostile.display().to_string(),
        ],
        vec![
            "diff".to_owned(),
            data.display().to_string(),
            hostile.display().to_string(),
        ],
    ] {
        let mut c = dossier();
        c.args(&args).arg("--max-file-size").arg("100000");
        if args[0] == "site" {
            c.arg("--out").arg(work.join("site"));
        }
        let out = c.output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            !err.lines().any(|l| l.starts_with("valid:")),
            "{args:?} printed a forged line:\n{err}"
        );
        assert!(err.contains("\\n"), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn github_annotations_carry_no_terminal_controls() {
    let work = scratch("github");
    let dir = work.join("d");
    copy_dataset(&release_fixture().join("dataset"), &dir);
    let events = dir.join("events.json");
    let text = std::fs::read_to_string(&events).unwrap();
    let kind = text.find("\"kind\": \"").unwrap() + "\"kind\": \"".len();
    let text = format!(
        "{}\\u001b]0;pwned\\u0007\\u202e{}",
        &text[..kind],
        &text[kind..]
    );
    std::fs::write(&events, text).unwrap();
    let out = dossier()
        .args(["validate", "--format", "github"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.starts_with("::error file="), "{printed}");
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!printed.contains(raw), "raw {raw:?} in:\n{printed}");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

/// The JSON outputs are for tools but land on terminals too: a bidi override or a C1 control
/// in a value is written as a JSON escape, and the JSON still reads back to the same value.
#[test]
fn json_outputs_carry_no_raw_terminal_controls() {
    let work = scratch("json-controls");
    let data = release_fixture().join("dataset");
    // The controls in an event's kind (reported by validate) and in its title (a diff value).
    let edited = |field: &str| {
        let dir = work.join(field);
        copy_dataset(&data, &dir);
        let events = dir.join("events.json");
        let text = std::fs::read_to_string(&events).unwrap();
        let key = format!("\"{field}\": \"");
        let at = text.find(&key).unwrap() + key.len();
        let text = format!("{}\\u202e\\u0085\\u2066{}", &text[..at], &text[at..]);
        std::fs::write(&events, text).unwrap();
        dir
    };
    let validate = dossier()
        .args(["validate", "--format", "json"])
        .arg(edited("kind"))
        .output()
        .unwrap();
    assert_eq!(code(&validate), 1);
    let diff = dossier()
        .args(["diff", "--json"])
        .arg(&data)
        .arg(edited("title"))
        .output()
        .unwrap();
    assert_eq!(code(&diff), 1, "{}", stderr(&diff));
    for out in [&validate, &diff] {
        let printed = String::from_utf8(out.stdout.clone()).unwrap();
        for raw in ['\u{202e}', '\u{85}', '\u{2066}'] {
            assert!(!printed.contains(raw), "raw {raw:?} in:\n{printed}");
        }
        assert!(printed.contains("\\u202e"), "{printed}");
        let value: serde_json::Value = serde_json::from_str(&printed).expect("still JSON");
        assert!(value.to_string().contains('\u{202e}'), "the value is kept");
    }
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn release_refuses_a_bundle_its_readers_would_refuse_and_cleans_killed_runs() {
    let work = scratch("release-size");
    let out_dir = work.join("dist");
    std::fs::create_dir_all(&out_dir).unwrap();
    // A temporary directory left by a killed run (a pid that cannot be running).
    let orphan = out_dir.join(".dossier-data-1.0.0.tmp-4294967294");
    std::fs::create_dir_all(&orphan).unwrap();
    std::fs::write(orphan.join("manifest.json"), "{}").unwrap();
    let release = |limit: &str| {
        release_fixture_into(&out_dir)
            .args(["--force", "--max-file-size", limit])
            .output()
            .unwrap()
    };
    // The dataset files fit in 20 kB, but the bundle's site and tables do not.
    let out = release("20000");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("readers of the bundle"),
        "{}",
        stderr(&out)
    );
    assert!(!out_dir.join("dossier-data-1.0.0.tar.gz").exists());
    let out = release("67108864");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!orphan.exists(), "the killed run's directory is removed");
    std::fs::remove_dir_all(&work).unwrap();
}

#[cfg(unix)]
#[test]
fn release_force_checks_every_target_before_replacing_any() {
    let work = scratch("release-force");
    let out_dir = work.join("dist");
    let release = || {
        release_fixture_into(&out_dir)
            .arg("--force")
            .output()
            .unwrap()
    };
    assert_eq!(code(&release()), 0);
    let archive = out_dir.join("dossier-data-1.0.0.tar.gz");
    let before = std::fs::metadata(&archive).unwrap().modified().unwrap();
    std::fs::remove_file(out_dir.join("SHA256SUMS")).unwrap();
    let outside = work.join("profile");
    std::fs::write(&outside, "mine").unwrap();
    std::os::unix::fs::symlink(&outside, out_dir.join("SHA256SUMS")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = release();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
    let after = std::fs::metadata(&archive).unwrap().modified().unwrap();
    assert_eq!(before, after, "the archive was replaced before the refusal");
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn the_file_size_limit_holds_for_the_entries_of_an_archive_too() {
    let work = scratch("archive-limit");
    let out_dir = work.join("dist");
    let out = release_fixture_into(&out_dir).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let archive = out_dir.join("dossier-data-1.0.0.tar.gz");
    let unpacked = out_dir.join("dossier-data-1.0.0");
    for bundle in [&archive, &unpacked] {
        let out = dossier()
            .args(["--max-file-size", "3000", "diff"])
            .arg(bundle)
            .arg(bundle)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{}: {}", bundle.display(), stderr(&out));
        assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
        let out = dossier()
            .arg("diff")
            .arg(bundle)
            .arg(bundle)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    std::fs::remove_dir_all(&work).unwrap();
}

/// A file that cannot be opened stops `validate` before any file is read, and the error names
/// the first such file in file order, every time: files are read by the workers that check
/// them, and the largest is taken first, so this would otherwise read (and parse) a sparse
/// terabyte before reporting a directory where `metadata.json` should be.
#[cfg(unix)]
#[test]
fn the_first_file_that_cannot_be_had_stops_validate_at_once() {
    let work = scratch("first-error");
    let dir = work.join("dataset");
    let fixture = root().join("tests/fixtures/valid");
    copy_dataset(&fixture, &dir);
    let restore = |name: &str| {
        std::fs::copy(fixture.join(name), dir.join(name)).unwrap();
    };
    // Exit 2, with `expected` in the error.
    let fails_with = |expected: &str| {
        let mut c = dossier();
        c.args(["--max-file-size", "4000000000000", "validate"])
            .arg(&dir);
        let out = run_within(c, 20);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    };
    std::fs::remove_file(dir.join("metadata.json")).unwrap();
    std::fs::create_dir(dir.join("metadata.json")).unwrap();
    std::fs::remove_file(dir.join("quotes.json")).unwrap();
    std::fs::create_dir(dir.join("quotes.json")).unwrap();
    std::fs::File::create(dir.join("events.json"))
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    for _ in 0..5 {
        fails_with("metadata.json is not a regular file");
    }
    // A file that opens but cannot be read (read error EIO) is reported as unreadable; a
    // later file that cannot be opened is found first, before anything is read.
    #[cfg(target_os = "linux")]
    {
        std::fs::remove_dir(dir.join("metadata.json")).unwrap();
        restore("metadata.json");
        restore("events.json");
        std::fs::remove_file(dir.join("sources.json")).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", dir.join("sources.json")).unwrap();
        fails_with("quotes.json is not a regular file");
        std::fs::remove_dir(dir.join("quotes.json")).unwrap();
        restore("quotes.json");
        fails_with("cannot read");
    }
    std::fs::remove_dir_all(&work).unwrap();
}
