#!/usr/bin/env bash
# A bucket of 1,000,000 keys (default; the first argument) streamed through trays3 routes in a client JVM of -Xmx64m
# (BENCH_XMX): a listing alone, then the listing with the keys deleted in batches of 1000 as they pass, against
# S3Proxy in its own JVM whose bucket is filled in its store directly (KeyIndexStore). With --whole, the delete pass
# hands the whole streamed listing to one deleteMultipleObjects exchange instead.
# Usage: bench/million-keys.sh [count] [--whole]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
HEAP=${BENCH_XMX:-64m}
DATA=${BENCH_DATA:-target/bench-data}
. bench/bench-server.sh
trap 'kill $server 2>/dev/null' EXIT
start_bench_server "$DATA" --keys "$COUNT"
grep '^FILLED' "$DATA/server.out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" "$LOGGING" -cp "$CP" io.trays3.bench.MillionKeys "$ENDPOINT" "$COUNT" "${@:2}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
