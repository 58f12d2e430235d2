#!/usr/bin/env bash
# The raw AWS SDK, trays3 and camel-aws2-s3 side by side, in one client JVM against one S3 server (S3Proxy, in-memory
# store) in another JVM: put 1 KiB (8 threads), put/get 1 MiB, put/get a 256 MiB file (MB/s, peak heap), list 20,000
# keys (all pages, streamed), delete 20,000 keys; interleaved rounds, every result checked. Prints the table and writes
# target/bench-scale/results.md and target/bench-scale/ratios.svg (the chart, drawn by the benchmark itself).
# Usage: bench/scale.sh [--quick | --delete-sweep]   (--quick: fewer objects and rounds; --delete-sweep: only trays3's
# delete of 20,000 keys at deleteConcurrency 1, 2, 4, 8; --case put256,get1m --rounds 5: only those cases, that many
# rounds; --warmup N: rounds run first and not counted, default 1; BENCH_XMX: client heap, default 2g; BENCH_JAVA_OPTS: more client JVM options, e.g. a JFR recording)
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${BENCH_XMX:-2g}
DATA=${BENCH_DATA:-target/bench-data}
OUT=${BENCH_OUT:-target/bench-scale}
. bench/bench-server.sh
mkdir -p "$OUT"
trap 'kill $server 2>/dev/null' EXIT
start_bench_server "$DATA" --transient
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} "$LOGGING" -cp "$CP" io.trays3.bench.ScaleBench "$ENDPOINT" "$OUT" "$@"
echo "took $(( $(date +%s) - start )) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
