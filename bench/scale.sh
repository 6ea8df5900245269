#!/usr/bin/env bash
# Scaling check (issue 16): does `baogao build` stay linear from 10,000 to 100,000 pages,
# and its peak memory under 1 GiB? Builds each size RUNS times (default 3) on tmpfs and
# prints median wall time, median CPU time, peak RSS and the wall time per 1,000 pages.
#
#   bench/scale.sh                         # 10,000 and 100,000 pages, no charts
#   SIZES="10000:10000 100000:100000" bench/scale.sh   # pages:charts pairs
#   RUNS=5 bench/scale.sh
#   BAOGAO=/tmp/baogao-old BAOGAO_LABEL=before bench/scale.sh   # another binary, not built
#
# Writes bench/out/scale.md (the table) and bench/out/scale.tsv (every run).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$REPO/bench/out
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10000:0 100000:0"}
SEED=${SEED:-1}

[ -x /usr/bin/time ] || { echo "scale.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }
if [ -z "${BAOGAO:-}" ]; then
    echo "== building baogao (release)" >&2
    (cd "$REPO" && cargo build --release --quiet)
    BAOGAO=$REPO/target/release/baogao
fi

mkdir -p "$OUT"
# Sites and outputs on tmpfs: 100,000 folders created and deleted run after run would
# time ext4's inode allocator rather than the build (see bench/README.md).
WORK=$(mktemp -d /dev/shm/baogao-scale.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TSV=$OUT/scale.tsv
printf 'pages\tcharts\trun\tseconds\tcpu_seconds\tmax_rss_kib\n' >"$TSV"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ROWS=()
for size in $SIZES; do
    pages=${size%%:*}
    charts=${size##*:}
    site=$WORK/p$pages-c$charts
    echo "== $pages pages, $charts charts: generating" >&2
    python3 "$REPO/bench/gen_site.py" --pages "$pages" --charts "$charts" --seed "$SEED" --out "$site" >&2
    for run in $(seq 1 "$RUNS"); do
        rm -rf "$WORK/out"
        t0=$(date +%s%N)
        /usr/bin/time -v -o "$WORK/time" "$BAOGAO" build --root "$site" --output "$WORK/out" >/dev/null
        t1=$(date +%s%N)
        kib=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$WORK/time")
        cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$WORK/time")
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pages" "$charts" "$run" "$secs" "$cpu" "$kib" >>"$TSV"
        echo "   run $run/$RUNS: ${secs}s, ${cpu} CPU-s, $((kib / 1024)) MiB" >&2
    done
    rm -rf "$WORK/out" "$site"
    col() { awk -F'\t' -v p="$pages" -v c="$charts" -v k="$1" 'NR > 1 && $1 == p && $2 == c { print $k }' "$TSV"; }
    wall=$(col 4 | median); cpu=$(col 5 | median); rss=$(col 6 | sort -g | tail -n 1)
    ROWS+=("$(awk -v p="$pages" -v c="$charts" -v w="$wall" -v u="$cpu" -v r="$rss" 'BEGIN {
        printf "| %d | %d | %.2f | %.2f | %.1f | %.3f |", p, c, w, u, r / 1024, w / p * 1000 }')")
done

{
    echo "| pages | charts | median wall s | median CPU s | peak RSS MiB | wall s per 1,000 pages |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "- $(nproc) CPUs; 1-minute load at the end: $(cut -d' ' -f1 /proc/loadavg); baogao ${BAOGAO_LABEL:-\`$(cd "$REPO" && git rev-parse --short HEAD)\`}; $RUNS runs per size."
} | tee "$OUT/scale.md"
