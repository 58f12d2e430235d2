#!/usr/bin/env bash
# What trays3's download check (the MD5 its ETag names, verifyDownloads) costs: gets of one object into memory,
# interleaved in one client JVM against S3Proxy (in-memory store) in another: the raw SDK, camel-aws2-s3, trays3 and
# trays3 with verifyDownloads=false; prints the median milliseconds a get and the ratios.
# Usage: bench/verify-cost.sh [size-kib (default 1024)] [gets per run (default 48)] [rounds (default 24)]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-target/bench-data}
. bench/bench-server.sh
trap 'kill $server 2>/dev/null' EXIT
start_bench_server "$DATA" --transient
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx${BENCH_XMX:-2g} ${BENCH_JAVA_OPTS:-} "$LOGGING" -cp "$CP" io.trays3.bench.VerifyCostBench "$ENDPOINT" \
  "${1:-1024}" "${2:-48}" "${3:-24}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
