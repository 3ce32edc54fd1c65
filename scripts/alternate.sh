#!/bin/bash
# Times two builds of sgtrail one after the other, N times, the way `npm run bench`'s levers are
# measured on a shared, noisy machine: alternating runs, then each build's times and peak
# resident memory (KB), sorted, so that the medians can be read off.
#
#   scripts/alternate.sh OLD_BUNDLE NEW_BUNDLE N ARGS...
#   e.g. scripts/alternate.sh /tmp/old/dist/sgtrail.cjs dist/sgtrail.cjs 7 report --format json bench-data/bench-200000.ndjson
set -u
old=$1 new=$2 n=$3
shift 3
out=$(mktemp)
for _ in $(seq "$n"); do
  for which in old new; do
    bundle=$old
    [ "$which" = new ] && bundle=$new
    /usr/bin/time -f "$which %e %M" node "$bundle" "$@" > /dev/null 2>> "$out"
  done
done
for which in old new; do
  echo "$which seconds: $(grep "^$which " "$out" | cut -d' ' -f2 | sort -n | tr '\n' ' ')"
  echo "$which peak KB: $(grep "^$which " "$out" | cut -d' ' -f3 | sort -n | tr '\n' ' ')"
done
rm -f "$out"
