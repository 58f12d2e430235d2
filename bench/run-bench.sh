#!/usr/bin/env bash
# Runs one benchmark class per scenario, each in its own JVM, against an S3 server (S3Proxy) in another JVM, so the
# server's memory does not count; prints every run, then a summary with ratios against the first scenario. A scenario
# that fails (an OutOfMemoryError in a small BENCH_XMX) is reported as failed.
# Usage (from bench/getobject.sh and bench/putobject.sh): run-bench.sh CLASS TITLE SIZE_MIB REPEATS SCENARIO...
set -euo pipefail
cd "$(dirname "$0")/.."
CLASS=$1; TITLE=$2; SIZE=$3; REPEATS=$4; shift 4
SCENARIOS=("$@")
HEAP=${BENCH_XMX:-2g}
DATA=${BENCH_DATA:-target/bench-data}
. bench/bench-server.sh
results=$(mktemp)
trap 'kill $server 2>/dev/null; rm -f "$results"' EXIT
start_bench_server "$DATA"
for scenario in "${SCENARIOS[@]}"; do
  output=$(java -Xmx"$HEAP" "$LOGGING" -cp "$CP" "io.trays3.bench.$CLASS" "$ENDPOINT" "$SIZE" "$scenario" "$REPEATS" 2>&1 \
           || true)
  if grep -q '^RESULT' <<<"$output"; then
    grep '^RESULT' <<<"$output" | tee -a "$results"
  else
    # a scenario that cannot run in this heap (OutOfMemoryError) is a result too
    reason=$(grep -m1 -oE 'java\.[a-z.]*[A-Za-z]*(Error|Exception)[^(]*' <<<"$output" || echo "no result")
    echo "FAILED scenario=$scenario reason=${reason// /_}" | tee -a "$results"
  fi
done
echo
echo "$TITLE of $SIZE MiB, client -Xmx$HEAP, server in its own JVM; best of $REPEATS runs (peak heap: highest of them):"
awk -v order="${SCENARIOS[*]}" '
  { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    s = v["scenario"]
    if ($1 == "FAILED") { failed[s] = v["reason"]; next }
    if (!(s in best) || v["mib_per_s"] > best[s]) best[s] = v["mib_per_s"]
    if (!(s in peak) || v["peak_heap_mib"] > peak[s]) peak[s] = v["peak_heap_mib"] }
  END {
    n = split(order, names, " "); base = names[1]
    printf "%-13s %10s %14s %18s %18s\n", "scenario", "MiB/s", "peak heap MiB", "speed vs " base, "heap vs " base
    for (j = 1; j <= n; j++) { s = names[j]
      if (s in failed) { printf "%-13s failed: %s\n", s, failed[s]; continue }
      if (base in failed) { printf "%-13s %10.1f %14.1f %18s %18s\n", s, best[s], peak[s], "-", "-"; continue }
      printf "%-13s %10.1f %14.1f %17.2fx %17.2fx\n", s, best[s], peak[s], best[s] / best[base], peak[s] / peak[base] }
  }' "$results"
