# Sourced by the benchmark scripts (from the repository root): builds the test classes and their classpath into CP,
# starts the benchmark S3 server (S3Proxy) in its own JVM with the given arguments, waits for it, and sets ENDPOINT and
# server (its pid, which the caller's EXIT trap kills). Usage: start_bench_server DATA_DIR [BenchServer options...]
# BENCH_SERVER_OPTS: more server JVM options (a JFR recording, for one).
CP=""
LOGGING=-Dlogback.configurationFile=io/trays3/app/logback-cli.xml
ENDPOINT=""
server=""

start_bench_server() {
  local data=$1
  shift
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dcheckstyle.skip >/dev/null
  CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
  mkdir -p "$data"
  java ${BENCH_SERVER_OPTS:-} "$LOGGING" -cp "$CP" io.trays3.bench.BenchServer "$data" "$@" >"$data/server.out" 2>&1 &
  server=$!
  # a server that fills its store first (--keys) takes longer to listen
  for _ in $(seq 1 1800); do
    grep -q '^ENDPOINT ' "$data/server.out" && break
    kill -0 "$server" 2>/dev/null || { cat "$data/server.out"; exit 1; }
    sleep 0.1
  done
  ENDPOINT=$(sed -n 's/^ENDPOINT //p' "$data/server.out")
  [ -n "$ENDPOINT" ] || { echo "the benchmark server did not start within 180 s"; cat "$data/server.out"; exit 1; }
}
