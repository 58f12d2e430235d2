#!/usr/bin/env bash
# A large file (default 2048 MiB) up through trays3:putObjectFile and down through trays3:getObject to a file in a
# client JVM of -Xmx128m (BENCH_XMX), against S3Proxy (filesystem store) in its own JVM; compares SHA-256.
# Usage: bench/memory-proof.sh [size-mib]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-2048}
HEAP=${BENCH_XMX:-128m}
DATA=${BENCH_DATA:-target/bench-data}
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dcheckstyle.skip
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
LOGGING=-Dlogback.configurationFile=io/trays3/app/logback-cli.xml
mkdir -p "$DATA"
java "$LOGGING" -cp "$CP" io.trays3.bench.BenchServer "$DATA" >"$DATA/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 300); do
  grep -q '^ENDPOINT ' "$DATA/server.out" && break
  kill -0 $server 2>/dev/null || { cat "$DATA/server.out"; exit 1; }
  sleep 0.1
done
ENDPOINT=$(sed -n 's/^ENDPOINT //p' "$DATA/server.out")
[ -n "$ENDPOINT" ] || { echo "the benchmark server did not start within 30 s"; cat "$DATA/server.out"; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" "$LOGGING" -cp "$CP" io.trays3.bench.MemoryProof "$ENDPOINT" "$DATA/proof" "$SIZE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
