#!/usr/bin/env bash
# Is the instrument measuring the server? One warm echo server, two independent clients taking turns:
# loopbench's load generator and a native C client (loop-native) that puts the same bytes on the wire.
# Prints, per connection count and client, the median and range of K interleaved samples, and their ratio.
#
#   scripts/cross-check.sh [--native | --runtime ID [--runtime-options K=V,...]]
#                          [--connections N,N] [--rounds K] [--duration D] [--warmup D]
#                          [--cpus server=LIST,client=LIST | shared] [--server-warmup D] [--read-buffer BYTES]
#
#   --native            the C epoll echo server (default)
#   --runtime ID        that runtime's echo server via `loopbench serve` on the build JDK (a runtime that
#                       needs another JDK or JVM options is not supported here; `loopbench availability`)
#   --connections       default 1000; --rounds K (default 5) samples per client and count, interleaved:
#                       each round visits every count, and the clients alternate which goes first
#   --duration/--warmup per sample (default 4s / 1s); --server-warmup: one load before the first round,
#                       so a JIT-compiled server is warm (default 5s)
#   --cpus              default: the allowed CPUs in halves, server first (2 or more and taskset found),
#                       else shared; as `loopbench calibrate`
#   --read-buffer BYTES the server's read buffer, 64..1048576 (default 16384, the benchmarks' default), given
#                       to either server (the C server's own default is 64 KiB, so without it the two servers
#                       would be compared at different sizes) and recorded in the server's name
#
# Bounded: about server-warmup + rounds x counts x 2 x (warmup + duration + ~2 s). The samples and medians
# are kept in results/runs/cross-check-<UTC time>/calibration.json, whose server name carries the read
# buffer both servers ran at. Exit status: 0 done, 1 a measurement
# failed, 2 bad input or nothing to run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/build.sh

server_kind=native runtime="" runtime_options="" connections=1000 rounds=5 duration=4s warmup=1s
cpus="" server_warmup=5s read_buffer=16384
while [ $# -gt 0 ]; do
    case "$1" in
        --native) server_kind=native; shift ;;
        --runtime) server_kind=runtime; runtime=${2:?--runtime needs an id}; shift 2 ;;
        --runtime-options) runtime_options=${2:?}; shift 2 ;;
        --connections) connections=${2:?}; shift 2 ;;
        --rounds) rounds=${2:?}; shift 2 ;;
        --duration) duration=${2:?}; shift 2 ;;
        --warmup) warmup=${2:?}; shift 2 ;;
        --server-warmup) server_warmup=${2:?}; shift 2 ;;
        --cpus) cpus=${2:?}; shift 2 ;;
        --read-buffer) read_buffer=${2:?--read-buffer needs a size in bytes}; shift 2 ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "loopbench: cross-check: unknown option '$1' (--help lists them)" >&2; exit 2 ;;
    esac
done
case "$read_buffer" in
    ''|*[!0-9]*) echo "loopbench: cross-check: --read-buffer '$read_buffer' is not a whole number of bytes (64..1048576)" >&2; exit 2 ;;
esac
if [ "${#read_buffer}" -gt 7 ] || [ "$read_buffer" -lt 64 ] || [ "$read_buffer" -gt 1048576 ]; then
    echo "loopbench: cross-check: --read-buffer $read_buffer is out of range [64, 1048576]" >&2
    exit 2
fi

loopbench_require_build_jdk
loopbench_raise_open_files
loopbench_build_if_stale || exit 2
java="$LOOPBENCH_JDK21/bin/java"

# The layout: explicit, shared, or (no --cpus) calibrate's default: the allowed CPUs in halves, server
# first; only the server's half is needed here, calibrate pins the clients itself.
server_cpus=""
calibrate_cpus=()
if [ -z "$cpus" ]; then
    allowed=$(awk -F'[:,]' '/^Cpus_allowed_list/ { for (i = 2; i <= NF; i++) { n = split($i, r, "-");
              for (c = r[1]; c <= r[n]; c++) printf "%d ", c } }' /proc/self/status)
    set -- $allowed
    if [ $# -ge 2 ] && command -v taskset >/dev/null; then
        server_cpus=$(tr ' ' '\n' <<<"$allowed" | head -n $(( $# - $# / 2 )) | paste -sd, -)
    fi
    set --
else
    calibrate_cpus=(--cpus "$cpus")
    if [ "$cpus" != shared ]; then
        server_cpus=$(sed -n 's/.*server=\([0-9,-]*[0-9]\)\(,client=.*\)\{0,1\}$/\1/p' <<<"$cpus")
        [ -n "$server_cpus" ] || { echo "loopbench: cross-check: --cpus '$cpus' is not server=LIST,client=LIST or shared" >&2; exit 2; }
    fi
fi
pin=()
[ -n "$server_cpus" ] && pin=(taskset -c "$server_cpus")
server_threads=$(if [ -n "$server_cpus" ]; then taskset -c "$server_cpus" nproc; else nproc; fi)

out="results/runs/cross-check-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log="$out/server.log"
server_pid=""
# The server ends on our SIGTERM, so wait reports 143: under set -e that status, the last of an && list,
# would end this script with it after a complete measurement. Its end is expected; only ours counts.
stop_server() { if [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; then wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT

# Start the server; learn its port from its first output.
if [ "$server_kind" = native ]; then
    binary=$("$java" -cp "$LOOPBENCH_JAR" org.loopbench.nativeloop.NativeProgram echo-server) || exit 2
    ${pin[@]+"${pin[@]}"} "$binary" --loops "$server_threads" --read-buffer "$read_buffer" --until-signal >"$log" 2>&1 &
    server_pid=$!
    name="native epoll server, $server_threads thread$([ "$server_threads" = 1 ] || echo s), $read_buffer B read buffer"
else
    ${pin[@]+"${pin[@]}"} "$java" -Xms1g -Xmx4g -jar "$LOOPBENCH_JAR" serve --runtime "$runtime" --port 0 \
        --options "$runtime_options" --read-buffer "$read_buffer" >"$log" 2>&1 &
    server_pid=$!
    name="$runtime (loopbench serve${runtime_options:+, $runtime_options}, $read_buffer B read buffer)"
fi
port=""
for _ in $(seq 100); do
    port=$(sed -n -e '1s/^\([0-9][0-9]*\)$/\1/p' -e 's/.* on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "loopbench: cross-check: the server did not start:" >&2
    cat "$log" >&2
    exit 2
fi
echo "cross-check: $name on 127.0.0.1:$port${server_cpus:+, CPUs $server_cpus}; results in $out"

# Warm the server once (a JIT-compiled one needs it), with the native client at the largest count.
client=$("$java" -cp "$LOOPBENCH_JAR" org.loopbench.nativeloop.NativeProgram echo-client) || exit 2
largest=$(tr ',' '\n' <<<"$connections" | sort -n | tail -n 1)
seconds() { case "$1" in *ms) awk -v v="${1%ms}" 'BEGIN { print v / 1000 }' ;; *s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *) echo "$1" ;; esac; }
"$client" --target "127.0.0.1:$port" --connections "$largest" --duration "$(seconds "$server_warmup")" >/dev/null

# The interleaved rounds, medians and ranges: loopbench calibrate against the running server.
"$java" -jar "$LOOPBENCH_JAR" calibrate --target "127.0.0.1:$port" --server-name "$name" --out "$out" \
    --connections "$connections" --payload 64 --samples "$rounds" --duration "$duration" --warmup "$warmup" \
    ${calibrate_cpus[@]+"${calibrate_cpus[@]}"}
