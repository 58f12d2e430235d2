#!/usr/bin/env bash
# getObject of one large object to a file through a Camel route: Camel's own aws2-s3 (the baseline) vs trays3 vs the
# raw AWS SDK (S3Client.getObject to a Path, no Camel).
# Usage: bench/getobject.sh [size-mib (default 256)] [repeats (default 3)]   (BENCH_XMX sets the client heap, default 2g)
exec "$(dirname "$0")/run-bench.sh" GetObjectBench "getObject to a file" "${1:-256}" "${2:-3}" aws2-s3 trays3 sdk
