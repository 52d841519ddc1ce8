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
# which dossier does. The datasets come from `cargo run --release --example generate`.
set -euo pipefail
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
# memory from /usr/bin/time, whose own timer has only centiseconds).
measure() {
    local out start end
    out=$(mktemp)
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$out" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    printf '%s %s\n' "$(echo "scale=3; ($end - $start) / 1000000000" | bc)" "$(tail -n 1 "$out")"
    rm -f "$out"
}

# One run of a tool over a dataset directory: total seconds and peak kilobytes.
run_tool() {
    local tool=$1 dir=$2 total=0 peak=0 t m
    if [ "$tool" = dossier ]; then
        read -r t m < <(measure "$dossier" validate --max-file-size 4000000000 "$dir")
        echo "$t $m"
        return
    fi
    for f in "${files[@]}"; do
        case $tool in
            check-jsonschema)
                read -r t m < <(measure "$cache/venv/bin/check-jsonschema" \
                    --schemafile "schema/$f.schema.json" "$dir/$f.json") ;;
            ajv)
                read -r t m < <(measure "$cache/npm/node_modules/.bin/ajv" validate \
                    --spec=draft2020 -c "$cache/npm/node_modules/ajv-formats" \
                    -s "schema/$f.schema.json" -d "$dir/$f.json") ;;
            sourcemeta)
                read -r t m < <(measure "$cache/npm/node_modules/.bin/jsonschema" validate \
                    --fast "schema/$f.schema.json" "$dir/$f.json") ;;
        esac
        total=$(echo "$total + $t" | bc)
        [ "$m" -gt "$peak" ] && peak=$m
    done
    echo "$total $peak"
}

# The median of RUNS runs: "seconds kilobytes".
median_of() {
    local i results=()
    for ((i = 0; i < runs; i++)); do
        results+=("$(run_tool "$1" "$2")")
    done
    printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

install_peers
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); median of $runs runs"
printf '| records | input | dossier | peak (MiB) | %s |\n' "$(for p in $peers; do printf '%s (time, peak MiB, ×dossier) | ' "$p"; done | sed 's/ | $//')"
printf '|---|---|---|---|%s\n' "$(for _ in $peers; do printf -- '---|'; done)"
for n in "${sizes[@]}"; do
    dir="$data/valid-$n"
    [ -f "$dir/claims.json" ] || "$generate" --records "$n" --out "$dir" --seed 1 2>/dev/null
    bytes=$(cat "$dir"/*.json | wc -c)
    read -r dt dm < <(median_of dossier "$dir")
    row="| $n | $(echo "scale=1; $bytes / 1000000" | bc) MB | ${dt} s | $((dm / 1024)) |"
    for p in $peers; do
        read -r pt pm < <(median_of "$p" "$dir")
        ratio=$(echo "scale=1; $pt / ($dt + 0.001)" | bc)
        row="$row ${pt} s, $((pm / 1024)), ${ratio}× |"
    done
    echo "$row"
done
