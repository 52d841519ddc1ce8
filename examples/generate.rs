//! A synthetic dataset of any size, in the project's format, for measuring the validator.
//!
//! ```text
//! cargo run --release --example generate -- --records 100000 --out target/gen/100k [--seed 1]
//!     [--from DIR] [--shape normal|similar-names|hub|chain] [--dangling PERCENT] [--errors N]
//! ```
//!
//! `--records N` is rounded up to whole copies of the bundled records (with 127 of them, 1,000
//! gives 1,016). The records are copies of the bundled dataset (`dataset/`, or `--from DIR`): copy `k` of
//! every record gets the id `ID-gK` and every reference inside it is renamed the same way, so
//! the generated dataset keeps the bundled proportions of record kinds, references and
//! citations, and is valid whenever the bundled one is. Actor names get a suffix so the
//! `name-collision` rule stays quiet. The copy is generic over the model (it works on JSON
//! values and renames any string that is a defined id), so new fields are carried along.
//!
//! Shapes, for the linearity goals (issue 12):
//! - `similar-names`: every actor's name is one word away from every other (`Person 0000123`),
//!   which is the worst case for a name rule that compares pairs;
//! - `hub`: every reference to an actor or a source goes to copy 0 (many references to one
//!   record);
//! - `chain`: each copy's claims and sources, and its events that already have `related`
//!   links, also point at the previous copy's (long reference chains through `supersedes`
//!   and `related`).
//!
//! `--dangling P` makes P percent of the records hold one reference to an id that does not
//! exist (a near miss of a real id, so "did you mean" has work to do); `--errors N` adds N
//! mixed errors (dangling references, impossible dates, unknown fields, missing citations).
//! The RNG is a seeded SplitMix64, so a seed gives the same files on every machine.

use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

const FILES: [&str; 6] = [
    "sources",
    "actors",
    "events",
    "sanctions",
    "quotes",
    "claims",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The shape of the generated references and names (see the module docs).
#[derive(Clone, Copy, PartialEq)]
pub enum Shape {
    Normal,
    SimilarNames,
    Hub,
    Chain,
}

/// What to generate. `benches/validate.rs` builds one too: it includes this file as a module.
pub struct Args {
    /// At least this many records: whole copies of the bundled dataset, so 1,000 gives 1,016.
    pub records: usize,
    pub out: PathBuf,
    /// The dataset copied (`dataset/` by default).
    pub from: PathBuf,
    pub seed: u64,
    pub shape: Shape,
    /// Percent of records holding one dangling reference.
    pub dangling: f64,
    /// Mixed errors added.
    pub errors: usize,
}

impl Args {
    /// A valid dataset of at least `records` records, in the normal shape, written to `out`.
    pub fn new(records: usize, out: PathBuf) -> Self {
        Args {
            records,
            out,
            from: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/dataset")),
            seed: 1,
            shape: Shape::Normal,
            dangling: 0.0,
            errors: 0,
        }
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: generate --records N --out DIR [--seed S] [--from DIR] \
         [--shape normal|similar-names|hub|chain] [--dangling PERCENT] [--errors N]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args::new(1000, PathBuf::new());
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--records" => args.records = value.parse().unwrap_or_else(|_| usage()),
            "--out" => args.out = value.into(),
            "--from" => args.from = value.into(),
            "--seed" => args.seed = value.parse().unwrap_or_else(|_| usage()),
            "--dangling" => args.dangling = value.parse().unwrap_or_else(|_| usage()),
            "--errors" => args.errors = value.parse().unwrap_or_else(|_| usage()),
            "--shape" => {
                args.shape = match value.as_str() {
                    "normal" => Shape::Normal,
                    "similar-names" => Shape::SimilarNames,
                    "hub" => Shape::Hub,
                    "chain" => Shape::Chain,
                    _ => usage(),
                }
            }
            _ => usage(),
        }
    }
    if args.out.as_os_str().is_empty() {
        usage()
    }
    args
}

fn read(dir: &Path, name: &str) -> Value {
    let path = dir.join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled ids: every one, and those of actors and sources (the ones `--shape hub` points
/// at copy 0).
struct Ids {
    all: HashSet<String>,
    actors_and_sources: HashSet<String>,
}

/// Copy `k` of an id: `ID-gK`, the id cut short first if the suffix would take it past the
/// 64-byte limit.
fn renamed(id: &str, k: usize) -> String {
    let suffix = format!("-g{k}");
    let mut base = &id[..id.len().min(64 - suffix.len())];
    base = base.trim_end_matches('-');
    format!("{base}{suffix}")
}

/// Renames every string that is a defined id to its copy `k` (or copy 0 for the hub shape).
fn rename(value: &mut Value, ids: &Ids, k: usize, hub: bool, own_id: &str) {
    match value {
        Value::String(s) if ids.all.contains(s.as_str()) => {
            let copy = if hub && s != own_id && ids.actors_and_sources.contains(s.as_str()) {
                0
            } else {
                k
            };
            *s = renamed(s, copy);
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| rename(v, ids, k, hub, own_id)),
        Value::Object(map) => map
            .iter_mut()
            .for_each(|(_, v)| rename(v, ids, k, hub, own_id)),
        _ => {}
    }
}

/// Adds a reference to the previous copy where the record has a list of same-kind links.
fn chain(
    record: &mut Map<String, Value>,
    file: &str,
    k: usize,
    originals: &std::collections::HashMap<String, String>,
) {
    let Some(id) = record.get("id").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let Some(original) = originals.get(&id) else {
        return;
    };
    let prev = Value::String(renamed(original, k - 1));
    match file {
        "events" => {
            if let Some(Value::Array(related)) = record.get_mut("related") {
                let mut link = Map::new();
                link.insert("relation".into(), "related_to".into());
                link.insert("event".into(), prev);
                related.push(Value::Object(link));
            }
        }
        "claims" => {
            if let Some(Value::Array(s)) = record.get_mut("supersedes") {
                s.push(prev);
            } else {
                record.insert("supersedes".into(), Value::Array(vec![prev]));
            }
        }
        "sources" => {
            if let Some(Value::Array(r)) = record.get_mut("related") {
                r.push(prev);
            } else {
                record.insert("related".into(), Value::Array(vec![prev]));
            }
        }
        _ => {}
    }
}

/// A near miss of a real id: one letter dropped from the middle and an `x` added at the end
/// (so that it never names a real id, yet "did you mean" has a close candidate).
fn near_miss(id: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = id.chars().collect();
    let at = 1 + rng.below((chars.len().saturating_sub(2)) as u64) as usize;
    let mut s: String = chars[..at].iter().collect();
    s.extend(&chars[at + 1..]);
    s.push('x');
    s
}

/// The first citation's source of a record, if it has one: where a dangling reference goes.
fn first_cited(record: &mut Map<String, Value>) -> Option<&mut String> {
    match record
        .get_mut("citations")?
        .as_array_mut()?
        .first_mut()?
        .get_mut("source")?
    {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// Breaks one record in one of four ways, or (`dangling_only`) gives it a dangling reference.
/// A record without citations (a source) is given an unknown field instead of a dangling
/// reference, so that every record counted as broken is.
fn break_record(record: &mut Map<String, Value>, rng: &mut Rng, dangling_only: bool) {
    let how = if dangling_only { 0 } else { rng.below(4) };
    match how {
        0 => match first_cited(record) {
            Some(s) => *s = near_miss(s, rng),
            None => {
                record.insert("colour".into(), "red".into());
            }
        },
        1 => {
            let key = ["date", "published", "asserted_on", "born"]
                .into_iter()
                .find(|k| record.contains_key(*k));
            match key {
                Some(k) => {
                    record.insert(k.into(), "2022-02-30".into());
                }
                None => {
                    record.insert("citatons".into(), Value::Array(Vec::new()));
                }
            }
        }
        2 => {
            record.insert("colour".into(), "red".into());
        }
        _ => {
            if record.contains_key("citations") {
                record.insert("citations".into(), Value::Array(Vec::new()));
            } else {
                record.insert("titel".into(), "x".into());
            }
        }
    }
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    let (total, copies, per_copy, broken) = generate(&args)?;
    eprintln!(
        "{total} records ({copies} copies of {per_copy}) in {}, {broken} broken",
        args.out.display(),
    );
    Ok(())
}

/// Writes the dataset `args` describes. Returns the number of records, of copies, of records
/// in one copy, and of broken records. Panics if the dataset copied cannot be read or parsed
/// (a bench tool: the message names the file); an error writing is returned.
pub fn generate(args: &Args) -> std::io::Result<(usize, usize, usize, usize)> {
    let mut rng = Rng(args.seed);
    let bundled: Vec<(&str, Vec<Value>)> = FILES
        .iter()
        .map(|f| {
            let v = read(&args.from, f);
            let items = v[*f].as_array().cloned().unwrap_or_default();
            (*f, items)
        })
        .collect();
    let mut ids = Ids {
        all: HashSet::new(),
        actors_and_sources: HashSet::new(),
    };
    for (file, items) in &bundled {
        for item in items {
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                ids.all.insert(id.to_owned());
                if matches!(*file, "actors" | "sources") {
                    ids.actors_and_sources.insert(id.to_owned());
                }
            }
        }
    }
    let per_copy: usize = bundled.iter().map(|(_, items)| items.len()).sum();
    let copies = args.records.div_ceil(per_copy.max(1)).max(1);
    // Which generated records are broken: a record number → dangling only or mixed.
    let total = copies * per_copy;
    let mut broken: std::collections::HashMap<usize, bool> = std::collections::HashMap::new();
    // Record `n`'s file and its place in the file's bundled list: the files are written in
    // `FILES` order, each as `copies` copies of its list.
    let has_citations = |item: &Value| {
        item.get("citations")
            .and_then(Value::as_array)
            .is_some_and(|c| !c.is_empty())
    };
    let cited = |mut n: usize| {
        for (_, items) in &bundled {
            if n < copies * items.len() {
                return has_citations(&items[n % items.len()]);
            }
            n -= copies * items.len();
        }
        false
    };
    // Dangling references go in records with citations only (not sources), so that P percent
    // of the records really hold one.
    let citing = copies
        * bundled
            .iter()
            .map(|(_, items)| items.iter().filter(|i| has_citations(i)).count())
            .sum::<usize>();
    let dangling = ((total as f64) * args.dangling / 100.0).round() as usize;
    while broken.len() < dangling.min(citing) {
        let n = rng.below(total as u64) as usize;
        if cited(n) {
            broken.insert(n, true);
        }
    }
    let want = (dangling + args.errors).min(total);
    while broken.len() < want {
        broken
            .entry(rng.below(total as u64) as usize)
            .or_insert(false);
    }

    std::fs::create_dir_all(&args.out)?;
    std::fs::copy(
        args.from.join("metadata.json"),
        args.out.join("metadata.json"),
    )?;
    let mut number = 0;
    let mut person = 0usize;
    for (file, items) in &bundled {
        let path = args.out.join(format!("{file}.json"));
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
        write!(
            w,
            "{{\n  \"$schema\": \"../schema/{file}.schema.json\",\n  \"{file}\": ["
        )?;
        let mut first = true;
        for k in 0..copies {
            for item in items {
                let mut record = item.clone();
                let own = record
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                rename(&mut record, &ids, k, args.shape == Shape::Hub, &own);
                if let Value::Object(map) = &mut record {
                    if *file == "actors" {
                        let name = map.get("name").and_then(Value::as_str).unwrap_or("Actor");
                        let name = if args.shape == Shape::SimilarNames {
                            person += 1;
                            format!("Person {person:07}")
                        } else {
                            format!("{name} {k}")
                        };
                        map.insert("name".into(), name.into());
                        if let Some(Value::Array(aliases)) = map.get_mut("aliases") {
                            for a in aliases.iter_mut() {
                                if let Value::String(s) = a {
                                    *s = format!("{s} {k}");
                                }
                            }
                        }
                    }
                    if args.shape == Shape::Chain && k > 0 {
                        let originals =
                            std::collections::HashMap::from([(renamed(&own, k), own.clone())]);
                        chain(map, file, k, &originals);
                    }
                    if let Some(&dangling_only) = broken.get(&number) {
                        break_record(map, &mut rng, dangling_only);
                    }
                }
                number += 1;
                let text = serde_json::to_string_pretty(&record)?;
                w.write_all(if first { b"\n    " } else { b",\n    " })?;
                first = false;
                w.write_all(text.replace('\n', "\n    ").as_bytes())?;
            }
        }
        w.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
        w.flush()?;
    }
    Ok((total, copies, per_copy, broken.len()))
}
