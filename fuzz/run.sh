#!/usr/bin/env bash
# Runs one cargo-fuzz target for SECONDS (default 30), its corpus seeded from the test
# fixtures first. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#   fuzz/run.sh scan 30
#   FUZZ_SANITIZER=none fuzz/run.sh scan 30
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-30}
corpus=fuzz/corpus/$target
mkdir -p "$corpus"

# Seeds: what each target reads, taken from the fixtures (a file name prefixed with the byte
# that picks the dataset file, for the targets that take one).
seed_file() { # seed_file PICK FILE NAME
    { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$corpus/$3"
}
pick_of() {
    case "$(basename "$1" .json)" in
        metadata) echo 0 ;; sources) echo 1 ;; actors) echo 2 ;; events) echo 3 ;;
        sanctions) echo 4 ;; quotes) echo 5 ;; claims) echo 6 ;; *) echo 3 ;;
    esac
}
case "$target" in
    scan)
        find tests/fixtures -name '*.json' | while read -r f; do
            cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done ;;
    validate_file | canonical_format | typed_first)
        find tests/fixtures dataset -name '*.json' | while read -r f; do
            seed_file "$(pick_of "$f")" "$f" "seed-$(echo "$f" | tr '/' '_')"
        done ;;
    dates)
        grep -rhoE '"(date|period|published|event_date|[a-z_]*date)": "[^"]*"' tests/fixtures dataset \
            | sed -E 's/.*: "(.*)"/\1/' | sort -u | while read -r d; do
            printf '%s' "$d" > "$corpus/seed-$(printf '%s' "$d" | tr '/.' '_-')"
        done ;;
    from_release)
        out=$(mktemp -d)
        cargo run --quiet --features cli -- release --dataset tests/fixtures/release/dataset \
            --changelog tests/fixtures/release/CHANGELOG.md --out "$out" >/dev/null
        cp "$out"/*.tar.gz "$corpus/seed-bundle.tar.gz"
        rm -rf "$out" ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac

# FUZZ_SANITIZER=none skips AddressSanitizer (CI's short smoke runs: a much shorter build; the
# code under test is safe Rust, so the sanitizer mostly guards the C parts of dependencies).
cargo +nightly fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048
