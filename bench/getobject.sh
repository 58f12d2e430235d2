#!/usr/bin/env bash
# getObject of one large object to a file: trays3 vs Camel's own aws2-s3 (the baseline) vs the raw AWS SDK.
# Each scenario runs in its own JVM (same -Xmx) so heap peaks do not mix; prints each run and a summary with ratios.
# Usage: bench/getobject.sh [size-mib (default 256)] [repeats (default 3)]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-256}
REPEATS=${2:-3}
HEAP=${BENCH_XMX:-2g}
DATA=${BENCH_DATA:-target/bench-data}
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dcheckstyle.skip >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p "$DATA"
results=$(mktemp)
for scenario in aws2-s3 trays3 sdk; do
  java -Xmx"$HEAP" -Dlogback.configurationFile=io/trays3/app/logback-app.xml -cp "$CP" io.trays3.bench.GetObjectBench \
    "$DATA" "$SIZE" "$scenario" "$REPEATS" | grep '^RESULT' | tee -a "$results"
done
echo
echo "getObject of a $SIZE MiB object to a file, -Xmx$HEAP, best of $REPEATS runs per scenario (peak heap: highest):"
awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    s = v["scenario"]; if (!(s in best) || v["mib_per_s"] > best[s]) best[s] = v["mib_per_s"];
    if (!(s in peak) || v["peak_heap_mib"] > peak[s]) peak[s] = v["peak_heap_mib"] }
  END {
    printf "%-8s %10s %14s %16s %18s\n", "scenario", "MiB/s", "peak heap MiB", "speed vs aws2-s3", "heap vs aws2-s3"
    n = split("aws2-s3 trays3 sdk", order, " ")
    for (j = 1; j <= n; j++) { s = order[j]
      printf "%-8s %10.1f %14.1f %15.2fx %17.2fx\n", s, best[s], peak[s], best[s] / best["aws2-s3"], peak[s] / peak["aws2-s3"] }
  }' "$results"
rm -f "$results"
