#!/usr/bin/env bash
# bash scripts/draws-quality.sh [all]
# Runs Debian's dieharder on model 2's keyed draws in the three orders of scripts/draw-stream.mjs
# (neighbouring users, days, purposes). Without `all`: a selection of dieharder's tests that
# covers bit counts, ranks, runs and spacings (some minutes each); with `all`: every test (-a,
# hours). -Y 1: a WEAK result is re-tested with more samples until it resolves. Needs
# `npm run build` and dieharder (apt-get install dieharder). Writes to stdout; the results in
# docs/randomness.md were made by this script.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dieharder >/dev/null || { echo "dieharder is not installed (Debian: apt-get install dieharder)" >&2; exit 2; }
TESTS=(0 2 3 4 8 15 100 101 102 202 205 206 207 208 209)
for mode in users days purposes; do
  echo "== order: $mode"
  if [[ "${1:-}" == "all" ]]; then
    node scripts/draw-stream.mjs "$mode" | dieharder -g 200 -a -Y 1
  else
    for t in "${TESTS[@]}"; do
      node scripts/draw-stream.mjs "$mode" | dieharder -g 200 -d "$t" -Y 1 | grep -E "^\s*[a-z0-9_]+\|" || true
    done
  fi
done
