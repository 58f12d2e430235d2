#!/usr/bin/env bash
# Upload of a file through a Camel route: Camel's own aws2-s3 putObject (the baseline, one request from the file) vs
# trays3's putObjectFile (multipart above 16 MiB, four parts on the wire at once, read from the file as they are sent).
# Usage: bench/putfile.sh [size-mib (default 256)] [repeats (default 3)]   (BENCH_XMX sets the client heap, default 2g)
exec "$(dirname "$0")/run-bench.sh" PutObjectBench "upload of a file" "${1:-256}" "${2:-3}" aws2-s3-file trays3-file
