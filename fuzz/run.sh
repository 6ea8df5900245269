#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo-fuzz (libFuzzer).
#
#   cargo install cargo-fuzz        # once
#   fuzz/run.sh 60                  # what CI runs
#   fuzz/run.sh 60 chart_spec       # one target
#
# Needs a nightly toolchain for -Z sanitizer flags; without one it uses stable with
# RUSTC_BOOTSTRAP=1. Corpora grow in fuzz/corpus/<target> (seeded from fuzz/seeds and
# the example site); crashes are saved in fuzz/artifacts/<target> and make the script
# fail. Turn each into a regression test under tests/ or a unit test.
set -uo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter shortcodes data_cells chart_spec assertions transforms markdown csv_dialect)
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

# Seeds: the hand-written ones, plus the example site's own files.
site=..
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
done
seed() { # target name file [prefix byte]
  mkdir -p "corpus/$1"
  { [ -n "${4:-}" ] && printf "$4"; cat "$3"; } > "corpus/$1/site-$2"
}
for f in "$site"/content/*.md "$site"/content/*/*.md; do
  [ -f "$f" ] || continue
  n=$(basename "$(dirname "$f")")-$(basename "$f")
  seed front_matter "$n" "$f"
  seed shortcodes "$n" "$f"
  seed markdown "$n" "$f"
done
for f in "$site"/charts/*.csv; do seed data_cells "$(basename "$f")" "$f" '\000'; done
for f in "$site"/charts/*.csv; do seed csv_dialect "$(basename "$f")" "$f" '\000'; done
for f in "$site"/charts/*.json; do [ -f "$f" ] && seed data_cells "$(basename "$f")" "$f" '\001'; done
for f in "$site"/charts/*.toml; do
  case "$f" in
    *.meta.toml) continue ;;
  esac
  data=$(sed -n 's/^data *= *"\(.*\)"/\1/p' "$f" | head -n1)
  out="corpus/chart_spec/site-$(basename "$f")"
  cat "$f" > "$out"
  if [ -n "$data" ] && [ -f "$site/charts/$data" ] && [ "${data##*.}" = csv ]; then
    printf '\n#data\n' >> "$out"
    cat "$site/charts/$data" >> "$out"
  fi
  grep -h '^expr *= *' "$f" | sed 's/^expr *= *"\(.*\)"$/\1/; s/\\"/"/g' | while IFS= read -r e; do
    h=$(printf '%s' "$e" | cksum | cut -d' ' -f1)
    { printf '%s\000' "$e"; [ -n "$data" ] && [ -f "$site/charts/$data" ] && cat "$site/charts/$data"; } \
      > "corpus/assertions/site-$h"
  done
done

"${fuzz[@]}" build -O || exit 1

failed=()
for t in "${targets[@]}"; do
  echo "== $t: ${secs}s"
  start=$(date +%s)
  if ! "${fuzz[@]}" run -O "$t" "corpus/$t" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 2> "corpus/$t.log"; then
    failed+=("$t")
    tail -n 40 "corpus/$t.log"
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "corpus/$t.log" | tr '\n' ' '
    echo
  fi
  echo "   took $(( $(date +%s) - start ))s"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzzing: no problems in ${targets[*]}"
