//! The pre-commit hooks build the `dossier` binary's sources from a package of their own
//! (`hooks/Cargo.toml`), which CI only compiles late, after the tests. Every crate those sources
//! name must be a dependency of that package too, or the hooks fail to install while everything
//! else passes.

use std::collections::BTreeSet;
use std::path::Path;

/// The keys of a manifest's `[dependencies]` table (one `name = ...` per line, as ours are).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[dependencies]")
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Every `word::` path head in the Rust files of `dir`, as a crate name (`_` read as `-`).
fn path_heads(dir: &Path) -> BTreeSet<String> {
    let mut heads = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("::") {
            let head: String = text[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !head.is_empty() {
                heads.insert(head.replace('_', "-"));
            }
        }
    }
    heads
}

#[test]
fn the_hooks_package_depends_on_every_crate_the_binary_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = dependencies(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap());
    let hooks = dependencies(&std::fs::read_to_string(root.join("hooks/Cargo.toml")).unwrap());
    assert!(ours.contains("clap") && hooks.contains("drone-dossier"));
    let named: BTreeSet<String> = path_heads(&root.join("src/bin/dossier"))
        .into_iter()
        .filter(|head| ours.contains(head))
        .collect();
    assert!(
        named.contains("clap") && named.contains("mimalloc"),
        "the scan finds the binary's crates: {named:?}"
    );
    let missing: Vec<&String> = named.difference(&hooks).collect();
    assert!(
        missing.is_empty(),
        "src/bin/dossier names {missing:?}, which hooks/Cargo.toml does not depend on"
    );
}
