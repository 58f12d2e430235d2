#!/usr/bin/env bash
# getObject of one large object to a file: one stream (trays3: the body straight to the file endpoint; trays3-spool:
# convertBodyTo(File) with downloadConcurrency=1) against parallel ranges (trays3-ranges: convertBodyTo(File) with
# BENCH_CONCURRENCY ranges of BENCH_PART_MIB MiB, defaults 4 and 8), and the raw SDK.
# BENCH_THROTTLE_MIBPS=N sends every download through a proxy that passes each connection on at most N MiB/s (a server
# whose throughput is limited per connection); unset, the client talks to the server on loopback directly.
# Usage: bench/getobject-ranges.sh [size-mib (default 256)] [repeats (default 3)]   (BENCH_XMX: client heap, default 2g)
exec "$(dirname "$0")/run-bench.sh" GetObjectBench "getObject to a file (one stream vs ranges${BENCH_THROTTLE_MIBPS:+, \
throttled to $BENCH_THROTTLE_MIBPS MiB/s per connection})" "${1:-256}" "${2:-3}" trays3 trays3-spool trays3-ranges sdk
