#!/usr/bin/env bash
# Upload of a stream of unknown size through a Camel route (stream caching off): Camel's own aws2-s3 putObject (the
# baseline) vs trays3's putObjectFile.
# Usage: bench/putobject.sh [size-mib (default 256)] [repeats (default 3)]   (BENCH_XMX sets the client heap, default 2g)
exec "$(dirname "$0")/run-bench.sh" PutObjectBench "upload of a stream of unknown size" "${1:-256}" "${2:-3}" aws2-s3 trays3
