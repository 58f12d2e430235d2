#!/usr/bin/env bash
# The example application against a real Ceph RGW (Debian's radosgw): a one-node Ceph cluster on loopback in a temporary
# folder (one monitor, one OSD on memstore, no cephx), RGW with the beast frontend, a user and the four demo buckets;
# then the application twice, first with the SDK's default checksums (Ceph 16 refuses them: the flows log nothing and
# trays3's error names the fix), then with TRAYS3_CHECKSUMS=WHEN_REQUIRED (the five flows must each log their result,
# with no error or warning); then bench's CephProbe: each upload kind, copy, download and delete with both settings, how
# much of an upload had gone out when RGW refused it, and what RGW does with a body one byte of which changed on the way;
# then which of Content-MD5, a signed x-amz-content-sha256 and x-amz-checksum-crc32 RGW checks (curl --aws-sigv4).
# Everything is stopped and removed at the end (CEPH_KEEP=1 keeps the folder and its logs). Needs root for apt-get if the
# packages are missing; not part of CI (a Ceph cluster is too heavy for it). Results: RELIABILITY.md, "Ceph RGW".
# Usage: bench/ceph-rgw.sh
set -euo pipefail
[ "${CEPH_TRACE:-0}" = 1 ] && set -x
trap 'echo "FAIL line $LINENO: $BASH_COMMAND (status $?)" >&2' ERR
cd "$(dirname "$0")/.."

need_apt=()
for tool in ceph-mon:ceph-mon ceph-osd:ceph-osd radosgw:radosgw radosgw-admin:radosgw ceph:ceph-common \
            monmaptool:ceph-common curl:curl openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need_apt+=("${tool##*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q $(printf '%s\n' "${need_apt[@]}" | sort -u)
fi
echo "$(radosgw --version | cut -d' ' -f1-5)"

# the application jar, and the test classes with their classpath for CephProbe
mvn -B -q package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dstyle.color=never \
  >target/ceph-rgw-build.log 2>&1 || { grep -E '^\[ERROR\]' target/ceph-rgw-build.log | head -20; exit 1; }
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"

work=$(mktemp -d /tmp/ceph-rgw.XXXXXX)
teardown() {
  # the daemons this run started, by the ids of the processes reading this run's ceph.conf (also an OSD whose start
  # was refused: its pid file names the next attempt)
  for pid in $(pgrep -f -- "-c $work/ceph.conf" || true); do kill "$pid" 2>/dev/null || true; done
  # an OSD on memstore writes its store to the folder as it stops
  for _ in $(seq 1 30); do pgrep -f -- "-c $work/ceph.conf" >/dev/null || break; sleep 1; done
  if [ "${CEPH_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap teardown EXIT

free_port() {
  for _ in $(seq 1 100); do
    local candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "no free port found" >&2; exit 1
}
mon_port=$(free_port); rgw_port=$(free_port); http_port=$(free_port)
endpoint=http://127.0.0.1:$rgw_port
fsid=$(cat /proc/sys/kernel/random/uuid)
access_key=trays3-ceph-access
secret_key=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# the SHA-256 of an empty body, signed by curl's requests that have none
empty_sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

mkdir -p "$work"/{run,log,mon,osd,rgw}
cat >"$work/ceph.conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
mon initial members = a
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
keyring = /dev/null
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 2147483648
run dir = $work/run
admin socket = $work/run/\$name.asok
pid file = $work/run/\$name.pid
log file = $work/log/\$name.log
mon data = $work/mon/\$name
osd data = $work/osd/\$name
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $work/rgw
EOF
conf=(-c "$work/ceph.conf")

echo "Ceph cluster in $work: monitor on 127.0.0.1:$mon_port, RGW on $endpoint"
monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$work/monmap" >/dev/null
ceph-mon "${conf[@]}" -i a --mkfs --monmap "$work/monmap"
ceph-mon "${conf[@]}" -i a
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
timeout 60 ceph "${conf[@]}" osd new "$osd_uuid" >/dev/null
mkdir -p "$work/osd/osd.0"
ceph-osd "${conf[@]}" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$work/log/setup.err"
# the OSD's first start is refused now and then ("mon_cmd_maybe_osd_create fail: 'wrong fsid'", status 250) and
# works when tried again
for attempt in 1 2 3; do
  ceph-osd "${conf[@]}" -i 0 2>>"$work/log/setup.err" && break
  [ "$attempt" -lt 3 ] || { echo "FAIL the OSD does not start"; tail -5 "$work/log/setup.err"; exit 1; }
  echo "the OSD's start was refused (attempt $attempt, $work/log/osd.0.log), trying again"
  sleep 2
done
radosgw "${conf[@]}" -n client.rgw
# RGW creates its pools on the first start: it answers once they are there
for _ in $(seq 1 120); do
  curl -s -o /dev/null -m 2 "$endpoint/" && break
  sleep 1
done
if ! curl -s -o /dev/null -m 5 "$endpoint/"; then
  echo "FAIL RGW does not answer on $endpoint"; tail -20 "$work/log/client.rgw.log"; exit 1
fi
timeout 60 radosgw-admin "${conf[@]}" user create --uid=trays3 --display-name=trays3 --access-key="$access_key" \
  --secret="$secret_key" >/dev/null

buckets=(trays3-demo-reports trays3-demo-archive trays3-demo-scratch trays3-demo-incoming)
for bucket in "${buckets[@]}"; do
  # S3 CreateBucket
  curl -sf -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" -u "$access_key:$secret_key" \
    -H "x-amz-content-sha256: $empty_sha" "$endpoint/$bucket" \
    || { echo "FAIL could not create bucket $bucket"; exit 1; }
done
echo "user trays3 and buckets ${buckets[*]} created"

flows=(publish-report archive-inbox cleanup-scratch inventory-buckets react-to-incoming)
# Runs the application against RGW with the given extra variables until the five flows have logged or 40 s have
# passed, then stops it; the log is in $work/$1.log.
run_app() {
  local name=$1; shift
  local log="$work/$name.log"
  env "$@" TRAYS3_EMBEDDED=false TRAYS3_ENDPOINT="$endpoint" TRAYS3_FORCE_PATH_STYLE=true \
    TRAYS3_ACCESS_KEY="$access_key" TRAYS3_SECRET_KEY="$secret_key" TRAYS3_HTTP_PORT="$http_port" \
    TRAYS3_DEMO_DIR="$work/$name-demo" \
    java -Dcamel.main.duration-max-seconds=60 -jar target/trays3-app.jar >"$log" 2>&1 &
  local app=$!
  for _ in $(seq 1 40); do
    local done_flows=0
    for flow in "${flows[@]}"; do grep -q " $flow - " "$log" && done_flows=$((done_flows + 1)); done
    [ "$done_flows" -eq ${#flows[@]} ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 1
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}

failed=0
echo
echo "== the application with the SDK's default checksums (TRAYS3_CHECKSUMS not set)"
run_app default
for flow in "${flows[@]}"; do
  if line=$(grep -m1 " $flow - " "$work/default.log"); then echo "logged $flow: ${line##*] }" | cut -c1-200
  else echo "nothing $flow"; fi
done
# one ERROR line per failed exchange (Camel's error handler), the call and S3's answer in it
refusals=$(grep -oE " ERROR .* caught: io.trays3.Trays3ServiceException: trays3 [A-Za-z]+ on '[^']*': S3 answered [A-Za-z0-9]+" \
           "$work/default.log" | sed 's/.*Trays3ServiceException: //' | sort | uniq -c || true)
echo "failed exchanges in the run, by call and answer:"
echo "${refusals:-no refusal logged}"
if hint=$(grep -m1 -oE "S3 answered XAmzContentSHA256Mismatch.*TRAYS3_CHECKSUMS=WHEN_REQUIRED\)" "$work/default.log"); then
  echo "error message: $hint"
else
  echo "FAIL no error named TRAYS3_CHECKSUMS=WHEN_REQUIRED"; failed=1
fi

echo
echo "== the application with TRAYS3_CHECKSUMS=WHEN_REQUIRED"
run_app required TRAYS3_CHECKSUMS=WHEN_REQUIRED
for flow in "${flows[@]}"; do
  if line=$(grep -m1 " $flow - " "$work/required.log"); then echo "ok   $flow: ${line##*] }" | cut -c1-200
  else echo "FAIL $flow logged nothing"; failed=1; fi
done
if grep -nE " (ERROR|WARN) |Exception" "$work/required.log" | cut -c1-300; then
  echo "FAIL the application logged errors or warnings (above)"; failed=1
fi

echo
echo "== CephProbe: each operation with both settings"
java -Dlogback.configurationFile=io/trays3/app/logback-cli.xml -cp "$CP" io.trays3.bench.CephProbe "$endpoint" \
  "$access_key" "$secret_key" trays3-demo-scratch "$work/probe" 2>&1 | grep '^PROBE' || { echo "FAIL CephProbe"; failed=1; }
uploads_left=$(curl -s --aws-sigv4 "aws:amz:us-east-1:s3" -u "$access_key:$secret_key" \
  -H "x-amz-content-sha256: $empty_sha" \
  "$endpoint/trays3-demo-scratch?uploads" | grep -c "<UploadId>" || true)
echo "multipart uploads left in trays3-demo-scratch: $uploads_left"

echo
echo "== what RGW checks of an upload (curl, signed; the body is 'hello')"
printf hello >"$work/hello.txt"
# Prints RGW's answer (its error code, or the HTTP status) to a PutObject of hello.txt with the given headers.
put_hello() {
  local what=$1; shift
  local answer
  answer=$(curl -s -w ' HTTP %{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" -u "$access_key:$secret_key" "$@" \
           -T "$work/hello.txt" "$endpoint/trays3-demo-scratch/checks/$RANDOM.txt")
  echo "$what: $(grep -o '<Code>[A-Za-z0-9]*</Code>' <<<"$answer" | sed 's/<[/]*Code>//g') ${answer##* HTTP }"
}
put_hello "Content-MD5 of hellp" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
  -H "Content-MD5: $(printf hellp | openssl dgst -md5 -binary | base64)"
put_hello "Content-MD5 of hello" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
  -H "Content-MD5: $(openssl dgst -md5 -binary "$work/hello.txt" | base64)"
put_hello "signed x-amz-content-sha256 of hellp" -H "x-amz-content-sha256: $(printf hellp | sha256sum | cut -d' ' -f1)"
put_hello "x-amz-checksum-crc32 AAAAAA== (wrong)" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
  -H "x-amz-checksum-crc32: AAAAAA=="

echo
[ "$failed" -eq 0 ] && echo "PASS the five flows ran on Ceph RGW with TRAYS3_CHECKSUMS=WHEN_REQUIRED" || echo "FAIL (above)"
exit "$failed"
