#!/usr/bin/env bash
# Scale-out of the trays3:newObjects consumer in polling mode: S3Proxy in its own JVM, an embedded PostgreSQL (zonky)
# in the harness JVM, and passes of separate consumer JVMs (io.trays3.scale.ScaleWorker), each running
#   from("trays3:newObjects?bucket=scale&prefix=<pass>/&idempotentRepository=#done&inProgressRepository=#claims&delay=200")
# with #done a camel-sql JdbcMessageIdRepository and #claims a JdbcOrphanLockAwareIdempotentRepository on that database;
# each exchange waits WORK_MS, then appends "instance,key" to its instance's file. Each pass has a fresh prefix of
# OBJECTS objects. Passes: "1" (one instance), "3" (three), "3-kill" (three, the second killed with destroyForcibly
# once 30 % of the objects are done). Reports per pass: objects processed, processed more than once, lost, throughput.
# A pass name may end in -atomic (claims in io.trays3.scale.AtomicTakeoverRepository, camel-sql's repository with an
# atomic takeover) or -none (no inProgressRepository: claims go to #done, a dead instance's object stays claimed).
# Event mode (--events, or passes named events-...): a one-node KRaft Kafka broker in its own JVM
# (io.trays3.scale.ScaleKafka); each pass publishes one S3 event notification per object put to a topic of 6 partitions,
# and the instances run the same route with notifications=kafka:<topic>?groupId=<one group per pass>&... instead of
# polling (io.trays3.scale.ScaleEvents.consumerUri), the same repositories on the same PostgreSQL. An event pass also
# reports "skipped": notifications of objects already done or claimed, that the consumer group delivered again.
# Usage: bench/scale-out.sh [--events] [objects (default 1000)] [work-ms (default 20)] [lock-max-age-ms (default 5000)]
#        [pass...]
#        (default passes: 1 3 3-kill 3-atomic 3-kill-atomic 3-kill-none; with --events: events-1 events-3 events-3-kill;
#        SCALE_DATA sets the work directory, default target/scale-data, emptied first)
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT_PASSES=(1 3 3-kill 3-atomic 3-kill-atomic 3-kill-none)
if [ "${1:-}" = "--events" ]; then DEFAULT_PASSES=(events-1 events-3 events-3-kill); shift; fi
OBJECTS=${1:-1000}; WORK_MS=${2:-20}; LOCK_MAX_AGE_MS=${3:-5000}
shift $(( $# < 3 ? $# : 3 ))
PASSES=("$@"); [ ${#PASSES[@]} -gt 0 ] || PASSES=("${DEFAULT_PASSES[@]}")
DATA=${SCALE_DATA:-target/scale-data}
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dcheckstyle.skip >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
rm -rf "$DATA"; mkdir -p "$DATA"
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2 " memory, " $7 " available"}'), load average$(uptime | sed 's/.*load average//')"
exec java -Xmx512m -Dlogback.configurationFile=io/trays3/app/logback-cli.xml -cp "$CP" io.trays3.scale.ScaleOut \
     "$DATA" "$OBJECTS" "$WORK_MS" "$LOCK_MAX_AGE_MS" "${PASSES[@]}"
