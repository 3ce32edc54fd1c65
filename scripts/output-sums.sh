#!/bin/bash
# Checksums of what sgtrail prints (stdout, stderr and exit code) for 44 commands and formats, to
# show that a change keeps every output byte for byte:
#
#   scripts/output-sums.sh BUNDLE > sums.txt     (BUNDLE: a built dist/sgtrail.cjs, old or new)
#   diff old-sums.txt new-sums.txt
#
# Inputs: the benchmark log and its array-per-line copy (`npm run bench` makes them in
# bench-data/), samples/day.log and samples/story.log. Runs from the repository root.
set -u
B=$(realpath "$1")
cd "$(dirname "$0")/.."
BENCH=bench-data/bench-200000.ndjson
ARR=bench-data/bench-200000.array.log
DAY=samples/day.log
STORY=samples/story.log
[ -f "$BENCH" ] || { echo "no $BENCH: run npm run bench first" >&2; exit 2; }
run() {
  local name=$1; shift
  { NO_COLOR=1 TZ=UTC node "$B" "$@" 2>&1; echo "exit $?"; } | md5sum | cut -c1-12 | tr -d '\n'
  echo " $name"
}
for f in DAY STORY BENCH; do
  F=${!f}
  for fmt in json text markdown html csv; do run "$f report $fmt" report --format $fmt "$F"; done
  run "$f messages json" messages --json "$F"
  run "$f messages tsv" messages "$F"
  run "$f messages errors" messages --errors --json "$F"
  run "$f report errors" report --errors --format json "$F"
  run "$f report since" report --since 2026-11-18T10:00:00Z --format json "$F"
  run "$f report ja" report --lang ja --format markdown "$F"
  run "$f events" events "$F"
done
run "ARR report json" report --format json "$ARR"
run "ARR messages" messages --json "$ARR"
run "DAY timeline" timeline --email sample-1@example.com "$DAY"
run "STORY timeline" timeline --email 'sample-1@***.com' "$STORY"
run "BENCH timeline" timeline --email takumi9053@yahoo.com "$BENCH"
run "BENCH timeline json" timeline --json --email takumi9053@yahoo.com "$BENCH"
run "explain" explain "550 5.1.1 user unknown"
run "BENCH fail-on" report --format json --fail-on 'real-failure>1%' "$BENCH"
