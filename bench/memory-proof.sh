#!/usr/bin/env bash
# A large file (default 2048 MiB) up through trays3:putObjectFile and down through trays3:getObject to a file in a
# client JVM of -Xmx128m (BENCH_XMX), against S3Proxy (filesystem store) in its own JVM; compares SHA-256.
# Usage: bench/memory-proof.sh [size-mib]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-2048}
HEAP=${BENCH_XMX:-128m}
DATA=${BENCH_DATA:-target/bench-data}
. bench/bench-server.sh
trap 'kill $server 2>/dev/null' EXIT
start_bench_server "$DATA"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" "$LOGGING" -cp "$CP" io.trays3.bench.MemoryProof "$ENDPOINT" "$DATA/proof" "$SIZE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
