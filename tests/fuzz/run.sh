#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh — run the libFuzzer harnesses on their seeds.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [NAME…] [-- EXTRA libFuzzer flags]
#
# BUILD_DIR was set up with CC=clang meson setup BUILD_DIR -Dfuzzing=true.
# Each harness fuzz-NAME runs SECONDS on seeds from ../shared/corpus (chosen
# by NAME, below) plus what earlier runs found (BUILD_DIR/fuzz-work/NAME), with
# tests/fuzz/bench.dict (or NAME.dict when there is one), and the seeds of
# tests/fuzz/NAME-seeds when there is such a folder. Crashes, leaks,
# timeouts and memory blow-ups are written to
# BUILD_DIR/fuzz-work/NAME-artifacts/. One line per harness:
#   fuzz NAME: ok|FAILED  runs=N cov=N ft=N corpus=N
# and the exit status is the number of harnesses that failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd); secs=$2; shift 2
names=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do names+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
extra=("$@")
corpus=${BENCHTOP_CORPUS_DIR:-$root/../shared/corpus}
if [ ${#names[@]} = 0 ]; then
  for exe in "$build"/tests/fuzz/fuzz-*; do
    [ -x "$exe" ] && [ -f "$exe" ] && names+=("${exe##*/fuzz-}")
  done
fi

seed () {   # NAME DIR: the corpus files that suit harness NAME
  local name=$1 dir=$2 globs
  case $name in
    json) globs='*.json *.jsonl' ;;
    csv) globs='*.csv' ;;
    markdown) globs='*.md' ;;
    sql|sqlite) globs='*.sql' ;;
    gguf) globs='*.gguf' ;;
    *) globs='*' ;;
  esac
  mkdir -p "$dir"
  # a harness's own seeds, for paths the corpus does not reach
  [ -d "$here/$name-seeds" ] && cp "$here/$name-seeds"/* "$dir"/
  for g in $globs; do
    find "$corpus" -type f -name "$g" ! -name 'SOURCES.md' ! -name 'INDEX.md' \
      -exec cp -t "$dir" {} + 2>/dev/null
  done
  # SQLite databases made from the SQL seeds (the reader wants the bytes)
  if [ "$name" = sqlite ] || [ "$name" = detect ]; then
    python3 - "$dir" <<'PY'
import glob, os, sqlite3, sys
d = sys.argv[1]
for sql in glob.glob(os.path.join(d, "*.sql")):
    db = sql[:-4] + ".sqlite"
    if os.path.exists(db):
        continue
    con = sqlite3.connect(db)
    try:
        con.executescript(open(sql, encoding="utf-8", errors="replace").read())
        con.commit()
    except sqlite3.Error:
        pass
    con.close()
    if sys.argv[1].endswith("/sqlite"):
        os.unlink(sql)
PY
  fi
}

failed=0
for name in "${names[@]}"; do
  exe=$build/tests/fuzz/fuzz-$name
  work=$build/fuzz-work
  seeds=$work/seeds/$name
  rm -rf "$seeds"; seed "$name" "$seeds"
  mkdir -p "$work/$name" "$work/$name-artifacts"
  log=$work/$name.log
  dict=$here/bench.dict
  [ -f "$here/$name.dict" ] && dict=$here/$name.dict
  "$exe" -dict="$dict" -max_total_time="$secs" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/$name-artifacts/" "${extra[@]}" \
    "$work/$name" "$seeds" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  last=$(grep -E '(cov|ft): [0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$last")
  if [ $status = 0 ]; then
    echo "fuzz $name: ok  runs=${runs:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?}"
  else
    echo "fuzz $name: FAILED (status $status) runs=${runs:-?} cov=${cov:-?} ft=${ft:-?}; log $log"
    grep -E 'ERROR|SUMMARY|ALARM|Test unit written' "$log" | head -8
    failed=$((failed + 1))
  fi
done
exit $failed
