#!/usr/bin/env bash
# The load run: 16 routes in one Camel context, each driven by its own thread with 5,000 mixed operations (every
# producer operation, bodies of 0 B to 8 MiB, some getObject bodies left unread), against S3Proxy (in-memory store) in
# its own JVM; every result checked. Prints per-operation count, errors, p50/p99, throughput, the connections open
# against maxConnections, the heap after GC at the start, half way and end, and the thread count; writes
# target/bench-load/results.md. Exits non-zero on any error, a pool above maxConnections or a heap that grew.
# Usage: bench/load.sh [--quick]   (--quick: 16 x 500 operations; LOAD_OPS, LOAD_WORKERS, LOAD_MAX_CONNECTIONS,
# LOAD_HEAP_MARGIN_MIB and BENCH_XMX (client heap, default 1g) override the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
OPS=${LOAD_OPS:-5000}
[ "${1:-}" = "--quick" ] && OPS=${LOAD_OPS:-500}
HEAP=${BENCH_XMX:-1g}
DATA=${BENCH_DATA:-target/bench-data}
OUT=${BENCH_OUT:-target/bench-load}
. bench/bench-server.sh
trap 'kill $server 2>/dev/null' EXIT
start_bench_server "$DATA" --transient
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
status=0
java -Xmx"$HEAP" "$LOGGING" -cp "$CP" io.trays3.bench.LoadRun "$ENDPOINT" "$OUT" "$OPS" "${LOAD_WORKERS:-16}" \
  "${LOAD_MAX_CONNECTIONS:-8}" "${LOAD_HEAP_MARGIN_MIB:-32}" || status=$?
echo "took $(( $(date +%s) - start )) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
