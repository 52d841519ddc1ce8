#!/usr/bin/env bash
# Whole-process comparison of `dossier validate` with three JSON Schema validators on the same
# generated datasets: time (median of RUNS), peak memory (largest process, from
# /usr/bin/time -v) and the ratios, in one Markdown table.
#
#   benches/peers.sh [SIZE ...]          # default: 1000 10000 100000 1000000
#   RUNS=3 PEERS="sourcemeta ajv" benches/peers.sh 1000 10000
#
# The peers (check-jsonschema from PyPI, ajv-cli with ajv-formats and @sourcemeta/jsonschema
# from npm) are installed into a cache (DOSSIER_BENCH_CACHE, default ~/.cache/dossier-bench) on
# first use. Each validates the seven files against their schemas, one process per file (so
# its time is the sum and its memory the largest); none of them runs the cross-record rules,
# which dossier does. The datasets come from `cargo run --release --example generate`, kept in
# DOSSIER_BENCH_DATA (default target/bench-data) and written again when `dataset/` or the
# generator is newer. Every tool must accept every file (the datasets are valid): one that
# fails stops the script, so a tool that fails at once is never timed as fast.
#
# Needs bash, awk, GNU time (/usr/bin/time), python3 with venv, and npm. The default sizes
# include a million records (about 1 GB of files; check-jsonschema alone takes some 12
# minutes a run there).
set -euo pipefail
# A failure inside $(...) stops the script too.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
runs=${RUNS:-5}
peers=${PEERS:-"sourcemeta ajv check-jsonschema"}
cache=${DOSSIER_BENCH_CACHE:-$HOME/.cache/dossier-bench}
data=${DOSSIER_BENCH_DATA:-target/bench-data}
files=(metadata sources actors events sanctions quotes claims)

cargo build --quiet --release --features cli --bin dossier --example generate
dossier=target/release/dossier
generate=target/release/examples/generate

install_peers() {
    mkdir -p "$cache"
    case " $peers " in *" check-jsonschema "*)
        if [ ! -x "$cache/venv/bin/check-jsonschema" ]; then
            python3 -m venv "$cache/venv"
            "$cache/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema
        fi ;;
    esac
    case " $peers " in *" ajv "*|*" sourcemeta "*)
        if [ ! -x "$cache/npm/node_modules/.bin/ajv" ] || [ ! -x "$cache/npm/node_modules/.bin/jsonschema" ]; then
            mkdir -p "$cache/npm"
            npm install --prefix "$cache/npm" --silent --no-audit --no-fund \
                ajv-cli ajv-formats @sourcemeta/jsonschema >/dev/null
        fi ;;
    esac
}

# Runs "$@" once; prints "seconds kilobytes" (wall clock to the millisecond, peak resident
# memory from /usr/bin/time, whose own timer has only centiseconds). A command that fails is
# an error: its output is shown and the script stops.
measure() {
    local out log start end status=0
    out=$(mktemp)
    log=$(mktemp)
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$out" "$@" >"$log" 2>&1 || status=$?
    end=$(date +%s%N)
    if [ "$status" -ne 0 ]; then
        echo "error: exit $status from: $*" >&2
        tail -n 20 "$log" >&2
        rm -f "$out" "$log"
        return 1
    fi
    awk -v s="$start" -v e="$end" -v k="$(tail -n 1 "$out")" 'BEGIN { printf "%.3f %d\n", (e - s) / 1e9, k }'
    rm -f "$out" "$log"
}

# One run of a tool over a dataset directory: total seconds and peak kilobytes.
run_tool() {
    local tool=$1 dir=$2 total=0 peak=0 t m r
    if [ "$tool" = dossier ]; then
        measure "$dossier" validate --max-file-size 4000000000 "$dir"
        return
    fi
    for f in "${files[@]}"; do
        case $tool in
            check-jsonschema)
                r=$(measure "$cache/venv/bin/check-jsonschema" \
                    --schemafile "schema/$f.schema.json" "$dir/$f.json") ;;
            ajv)
                r=$(measure "$cache/npm/node_modules/.bin/ajv" validate \
                    --spec=draft2020 -c "$cache/npm/node_modules/ajv-formats" \
                    -s "schema/$f.schema.json" -d "$dir/$f.json") ;;
            sourcemeta)
                r=$(measure "$cache/npm/node_modules/.bin/jsonschema" validate \
                    --fast "schema/$f.schema.json" "$dir/$f.json") ;;
        esac
        read -r t m <<<"$r"
        total=$(awk -v a="$total" -v b="$t" 'BEGIN { printf "%.3f", a + b }')
        [ "$m" -gt "$peak" ] && peak=$m
    done
    echo "$total $peak"
}

# The median of RUNS runs: "seconds kilobytes" (the peak is the median run's).
median_of() {
    local i results=()
    for ((i = 0; i < runs; i++)); do
        results+=("$(run_tool "$1" "$2")")
    done
    printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

# "$1 / $2" to one decimal.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 0.001) }'
}

# Kilobytes as MiB, rounded.
mib() {
    awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'
}

install_peers
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); median of $runs runs"
printf '| records | input | dossier | peak (MiB) | %s |\n' "$(for p in $peers; do printf '%s (time, peak MiB, ×dossier) | ' "$p"; done | sed 's/ | $//')"
printf '|---|---|---|---|%s\n' "$(for _ in $peers; do printf -- '---|'; done)"
for n in "${sizes[@]}"; do
    dir="$data/valid-$n"
    # Written again when the bundled dataset or the generator changed since.
    if [ ! -f "$dir/claims.json" ] || [ "$generate" -nt "$dir/claims.json" ] ||
        [ -n "$(find dataset -name '*.json' -newer "$dir/claims.json" | head -n 1)" ]; then
        # Into a directory of its own, then moved: one cut short is never taken for whole.
        rm -rf "$dir" "$dir.new"
        if ! out=$("$generate" --records "$n" --out "$dir.new" --seed 1 2>&1); then
            echo "$out" >&2
            exit 1
        fi
        mv "$dir.new" "$dir"
    fi
    bytes=$(cat "$dir"/*.json | wc -c)
    r=$(median_of dossier "$dir")
    read -r dt dm <<<"$r"
    row="| $n | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB | ${dt} s | $(mib "$dm") |"
    for p in $peers; do
        r=$(median_of "$p" "$dir")
        read -r pt pm <<<"$r"
        row="$row ${pt} s, $(mib "$pm"), $(ratio "$pt" "$dt")× |"
    done
    echo "$row"
done
