#!/usr/bin/env bash
# loopbench's front door: builds what is missing, checks the machine, runs every available runtime
# through the echo (closed loop and fixed rate), sleep and coordination (crawl, deadline, ping-pong)
# workloads, and builds the report.
#
#   scripts/run-all.sh --quick                      whole suite, every runtime, under 10 minutes here
#   scripts/run-all.sh --full                       the C10K sweep: 100/1,000/10,000 connections,
#                                                   10k/100k/1M sleepers, under 60 minutes here
#   scripts/run-all.sh --smoke                      a few minutes: proves the pipeline (CI)
#   options: --runtimes threads,nio   --workloads echo,sleep,coord   --out DIR   --dry-run
#            --runtime-options nio.loops=4,netty.transport=epoll   (each key goes to its runtime)
#            -- ARGS...                             passed to JMH as they are (e.g. -- -prof gc)
#
# Each run gets its own directory results/runs/<UTC time>-<commit>/ (never reused): JMH JSON per group,
# histograms (.hgrm/.hlog), sidecars, logs/, code/ (the measured coordination code), environment.json,
# report.md and report.html. Every group's
# results are written as soon as it finishes, so an interrupted run keeps what it measured and still
# gets a report.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/lib/jdk.sh

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "loopbench: $*" >&2; exit 2; }

profile="" runtimes_wanted="" workloads="echo,sleep,coord" out="" dry_run=false jmh_extra=() runtime_options=""
original_args=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --quick|--full|--smoke) [ -z "$profile" ] || die "choose one profile, not $profile and ${1#--}"; profile=${1#--} ;;
        --runtimes) [ $# -ge 2 ] || die "--runtimes needs a list, e.g. --runtimes threads,nio"; runtimes_wanted=$2; shift ;;
        --workloads) [ $# -ge 2 ] || die "--workloads needs a list: echo, sleep"; workloads=$2; shift ;;
        --out) [ $# -ge 2 ] || die "--out needs a directory"; out=$2; shift ;;
        --runtime-options) [ $# -ge 2 ] || die "--runtime-options needs k=v,k=v"; runtime_options=$2; shift ;;
        --dry-run) dry_run=true ;;
        -h|--help) usage; exit 0 ;;
        --) shift; jmh_extra=("$@"); break ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
    shift
done
[ -n "$profile" ] || { usage >&2; die "choose a profile: --quick, --full or --smoke"; }
for w in ${workloads//,/ }; do
    case "$w" in echo|sleep|coord) ;; *) die "unknown workload '$w' (known: echo, sleep, coord)" ;; esac
done

# ---------------------------------------------------------------- profiles
# echo: connections, payload, fixed rate, JMH options; sleep: tasks, sleeps per task, ms, JMH options
case "$profile" in
    smoke)
        conns=50 payload=64 rate=2000 echo_jmh="-f 1 -wi 0 -i 1 -r 1"
        tasks=1000 sleeps=2 sleep_ms=50 sleep_jmh="-f 1 -wi 0 -i 1"
        coord_tasks=1000 pairs=1,100 rounds=1000 coord_jmh="-f 1 -wi 0 -i 1" ;;
    quick)
        conns=100,1000 payload=64 rate=10000 echo_jmh="-f 1 -wi 1 -w 2 -i 2 -r 3"
        tasks=10000 sleeps=2 sleep_ms=100 sleep_jmh="-f 1 -wi 1 -i 2"
        coord_tasks=10000 pairs=1,1000 rounds=1000 coord_jmh="-f 1 -wi 1 -i 2" ;;
    full)
        conns=100,1000,10000 payload=64 rate=20000 echo_jmh="-f 2 -wi 1 -w 3 -i 3 -r 5"
        tasks=10000,100000,1000000 sleeps=2 sleep_ms=500 sleep_jmh="-f 1 -wi 1 -i 2"
        coord_tasks=10000,100000 pairs=1,100,10000 rounds=2000 coord_jmh="-f 1 -wi 1 -i 3" ;;
esac

# ---------------------------------------------------------------- JDKs and build
loopbench_require_build_jdk
loopbench_optional_jdk17
export LOOPBENCH_JDK21 LOOPBENCH_JDK17
JAVA="$LOOPBENCH_JDK21/bin/java"
BENCH_JAR=harness/target/benchmarks.jar
REPORT_JAR=report/target/loopbench-report.jar

stale() { # $1 jar, then source dirs: true when the jar is missing or older than a source file
    local jar=$1; shift
    [ -f "$jar" ] || return 0
    [ -n "$(find "$@" -path '*/target' -prune -o -newer "$jar" \( -name '*.java' -o -name pom.xml -o -path '*/resources/*' \) -print -quit 2>/dev/null)" ]
}
if stale "$BENCH_JAR" pom.xml loop-* harness || stale "$REPORT_JAR" report; then
    echo "loopbench: building benchmarks.jar and the report tool (tests skipped; scripts/test.sh runs them)"
    mvn_batch=()
    [ "${CI:-}" = true ] && mvn_batch=(--batch-mode --no-transfer-progress)
    if ! JAVA_HOME="$LOOPBENCH_JDK21" MAVEN_OPTS="$(loopbench_maven_opts "$LOOPBENCH_JDK21")" \
            mvn -q "${mvn_batch[@]}" -DskipTests package -pl harness,report -am; then
        die "the build failed (see above); nothing was run"
    fi
fi

# ---------------------------------------------------------------- the machine
soft=$(ulimit -Sn) hard=$(ulimit -Hn)
if [ "$soft" != unlimited ] && [ "$hard" != unlimited ] && [ "$soft" -lt "$hard" ]; then
    ulimit -n "$hard" && soft=$hard # for the forks and the generator; the harness checks each run's needs
fi
max_conns=$(echo "$conns" | tr ',' '\n' | sort -n | tail -1)
if [[ " $workloads " == *echo* ]] && [ "$soft" != unlimited ] && [ "$soft" -lt $((max_conns + 200)) ]; then
    die "open-files limit is $soft, but $max_conns connections need about $((max_conns + 200)) per process (server and load generator each); raise it (ulimit -n) or choose a smaller profile"
fi

declare -A reason=()
available=()
while IFS=$'\t' read -r id state detail; do
    [ -n "$id" ] || continue
    if [ "$state" = available ]; then available+=("$id"); else reason[$id]=$detail; fi
done < <("$JAVA" -cp "$BENCH_JAR" org.loopbench.harness.cli.Availability)
all_ids=("${available[@]}" "${!reason[@]}")

selected=()
if [ -n "$runtimes_wanted" ]; then
    for r in ${runtimes_wanted//,/ }; do
        known=false
        for id in "${all_ids[@]}"; do [ "$id" = "$r" ] && known=true; done
        $known || die "unknown runtime '$r'; known runtimes: ${all_ids[*]}"
        if [ -n "${reason[$r]:-}" ]; then
            echo "loopbench: runtime '$r' is unavailable here: ${reason[$r]}" >&2
        else
            selected+=("$r")
        fi
    done
else
    selected=("${available[@]}")
fi
[ ${#selected[@]} -gt 0 ] || die "no runtime to run"

# ---------------------------------------------------------------- the plan
groups=() # "runtime benchmark"
for r in "${selected[@]}"; do
    [[ ",$workloads," == *,echo,* ]] && groups+=("$r EchoSaturation" "$r EchoFixedRate")
    [[ ",$workloads," == *,sleep,* ]] && groups+=("$r SleepBenchmark")
    [[ ",$workloads," == *,coord,* ]] && groups+=("$r CrawlBenchmark" "$r DeadlineBenchmark" "$r PingPongBenchmark")
done

count() { echo "$1" | tr ',' '\n' | grep -c .; }
estimate() { # rough seconds for one group, from the JMH options and the parameters (measured here)
    local bench=$1 f wi w i r
    read -r f wi w i r <<<"$(echo "$2" | awk '{for(k=1;k<=NF;k++){if($k=="-f")f=$(k+1);if($k=="-wi")wi=$(k+1);if($k=="-w")w=$(k+1);if($k=="-i")i=$(k+1);if($k=="-r")r=$(k+1)}} END{print f+0, wi+0, (w==""?1:w), i+0, (r==""?1:r)}')"
    case "$bench" in
        Echo*) echo $(( 3 + f * (2 + wi * w + i * r) * $(count "$conns") )) ;;
        SleepBenchmark) # a run is k x d, plus spawning (about 20 us a task, far more for platform threads near the cap)
            echo $(( 3 + f * (2 + (wi + i) * (sleeps * sleep_ms / 1000 + 1)) * $(count "$tasks") )) ;;
        PingPongBenchmark) echo $(( 3 + f * (2 + (wi + i) * 3) * $(count "$pairs") )) ;;
        *) echo $(( 3 + f * (2 + (wi + i)) * $(count "$coord_tasks") )) ;;
    esac
}
total=0
for g in "${groups[@]}"; do
    set -- $g
    case "$2" in Echo*) opts=$echo_jmh ;; SleepBenchmark) opts=$sleep_jmh ;; *) opts=$coord_jmh ;; esac
    total=$(( total + $(estimate "$2" "$opts") ))
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)
dirty=false
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && dirty=true
if [ -z "$out" ]; then
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    out="results/runs/$stamp-$commit$($dirty && echo -dirty)"
fi
[ -e "$out" ] && die "$out already exists: a run directory is never reused (choose another --out)"

echo "loopbench: profile $profile; runtimes: ${selected[*]}; workloads: $workloads"
for id in "${!reason[@]}"; do echo "  unavailable: $id: ${reason[$id]}"; done
echo "  echo:  connections=$conns payload=${payload}B fixed rate=${rate} msgs/s; JMH $echo_jmh"
echo "  sleep: tasks=$tasks x $sleeps sleeps of ${sleep_ms} ms; JMH $sleep_jmh"
echo "  coord: crawl and deadline tasks=$coord_tasks; ping-pong pairs=$pairs x $rounds rounds; JMH $coord_jmh"
[ ${#jmh_extra[@]} -gt 0 ] && echo "  extra JMH options: ${jmh_extra[*]}"
[ -n "$runtime_options" ] && echo "  runtime options: $runtime_options"
echo "  ${#groups[@]} groups, roughly $(( total / 60 )) min $(( total % 60 )) s; results in $out"
$dry_run && exit 0

mkdir -p "$out/logs" || die "cannot create $out"
OUT=$(cd "$out" && pwd)

# ---------------------------------------------------------------- environment.json
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/ }; s=${s//$'\n'/ }; printf '"%s"' "$s"; }
jdk_line() { [ -n "$1" ] && "$1/bin/java" -version 2>&1 | head -1; }
write_environment() { # $1 finished time or ""
    {
        echo "{"
        echo "  \"command\": $(json_str "scripts/run-all.sh ${original_args[*]}"),"
        echo "  \"profile\": $(json_str "$profile"),"
        echo "  \"git.commit\": $(json_str "$(git rev-parse HEAD 2>/dev/null || echo unknown)"),"
        echo "  \"git.dirty\": $dirty,"
        echo "  \"started\": $(json_str "$started"),"
        echo "  \"finished\": $(json_str "$1"),"
        echo "  \"cpu.model\": $(json_str "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"),"
        echo "  \"cpus\": $(nproc),"
        echo "  \"memory\": $(json_str "$(free -h 2>/dev/null | awk '/^Mem:/{print $2}')"),"
        echo "  \"kernel\": $(json_str "$(uname -srm)"),"
        echo "  \"limits.nofile\": $(json_str "$soft (hard $hard)"),"
        echo "  \"pid_max\": $(json_str "$(cat /proc/sys/kernel/pid_max 2>/dev/null)"),"
        echo "  \"ephemeral.ports\": $(json_str "$(tr '\t' '-' < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)"),"
        echo "  \"jdk.21+\": $(json_str "$LOOPBENCH_JDK21: $(jdk_line "$LOOPBENCH_JDK21")"),"
        echo "  \"jdk.17\": $(json_str "${LOOPBENCH_JDK17:-none}${LOOPBENCH_JDK17:+: $(jdk_line "$LOOPBENCH_JDK17")}"),"
        echo "  \"echo\": $(json_str "connections=$conns payload=$payload rate=$rate; JMH $echo_jmh"),"
        echo "  \"sleep\": $(json_str "tasks=$tasks sleeps=$sleeps sleepMs=$sleep_ms; JMH $sleep_jmh"),"
        echo "  \"coord\": $(json_str "tasks=$coord_tasks pairs=$pairs rounds=$rounds; JMH $coord_jmh"),"
        echo "  \"jmh.extra\": $(json_str "${jmh_extra[*]:-}"),"
        echo "  \"runtime.options\": $(json_str "$runtime_options"),"
        echo "  \"runtimes\": $(json_str "${selected[*]}"),"
        echo "  \"unavailable\": {"
        local first=true id
        for id in "${!reason[@]}"; do
            $first || echo ","
            printf '    %s: %s' "$(json_str "$id")" "$(json_str "${reason[$id]}")"
            first=false
        done
        echo ""
        echo "  },"
        echo "  \"groups\": {"
        first=true
        for id in "${!status[@]}"; do
            $first || echo ","
            printf '    %s: %s' "$(json_str "$id")" "$(json_str "${status[$id]}")"
            first=false
        done
        echo ""
        echo "  }"
        echo "}"
    } > "$OUT/environment.json.tmp" && mv "$OUT/environment.json.tmp" "$OUT/environment.json"
}
declare -A status=()
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
write_environment ""

# The code behind the coordination figures, as it was when they were measured: each runtime marks its
# crawl and ping-pong lines with "loopbench:<name>-begin/-end" comments; the report shows them side by side.
save_snippets() {
    local id module marker file
    mkdir -p "$OUT/code"
    for id in "${selected[@]}"; do
        case "$id" in virtual) module=loop-threads ;; *) module=loop-$id ;; esac
        [ -d "$module/src/main/java" ] || continue
        for marker in crawl pingpong; do
            file=$(grep -rl "loopbench:$marker-begin" "$module/src/main/java" 2>/dev/null | head -1)
            [ -n "$file" ] || continue
            {
                echo "// $file"
                [ "$id" = virtual ] && echo "// (the same code as threads: loop-threads runs it on virtual threads)"
                sed -n "/loopbench:$marker-begin/,/loopbench:$marker-end/p" "$file"
            } > "$OUT/code/$id.$marker.java"
        done
    done
}
save_snippets

build_report() {
    echo "loopbench: building the report"
    if "$JAVA" -jar "$REPORT_JAR" report "$OUT" > "$OUT/logs/report.log" 2>&1; then
        grep -E 'report\.(md|html)' "$OUT/logs/report.log" | sed 's/^/  /'
    else
        echo "loopbench: the report could not be built (see $OUT/logs/report.log); the results are in $OUT" >&2
        return 1
    fi
}
interrupted=false
trap 'interrupted=true' INT TERM

# ---------------------------------------------------------------- run, group by group
n=0 failures=0 t0=$(date +%s)
for g in "${groups[@]}"; do
    $interrupted && break
    set -- $g
    r=$1 bench=$2 n=$((n + 1))
    if [ "$bench" = SleepBenchmark ]; then
        params=(-p "tasks=$tasks" -p "sleeps=$sleeps" -p "sleepMs=$sleep_ms") opts=$sleep_jmh
    elif [ "$bench" = PingPongBenchmark ]; then
        params=(-p "pairs=$pairs" -p "rounds=$rounds") opts=$coord_jmh
    elif [ "$bench" = CrawlBenchmark ] || [ "$bench" = DeadlineBenchmark ]; then
        params=(-p "tasks=$coord_tasks") opts=$coord_jmh
    else
        params=(-p "connections=$conns" -p "payload=$payload") opts=$echo_jmh
        [ "$bench" = EchoFixedRate ] && params+=(-p "rate=$rate")
    fi
    echo "[$n/${#groups[@]}] $r $bench (about $(estimate "$bench" "$opts") s)"
    g0=$(date +%s)
    # shellcheck disable=SC2086
    "$JAVA" -Dloopbench.results.dir="$OUT" -Dloopbench.result.label="$bench" \
        -Dloopbench.runtime.options="$runtime_options" -jar "$BENCH_JAR" "\\.$bench\\." \
        -p "runtime=$r" "${params[@]}" $opts "${jmh_extra[@]}" < /dev/null 2>&1 \
        | tee "$OUT/logs/$r-$bench.log" \
        | grep --line-buffered -E '^# (Run progress|Parameters)|^loopbench: (skipped|cannot|.*unavailable)|Exception|ERROR' \
        | sed -u 's/^/    /'
    rc=${PIPESTATUS[0]}
    took=$(( $(date +%s) - g0 ))
    if [ "$rc" -eq 0 ]; then
        status["$r $bench"]="ok in ${took}s"
        echo "    done in ${took} s"
    else
        failures=$((failures + 1))
        status["$r $bench"]="failed (exit $rc) after ${took}s: see logs/$r-$bench.log"
        echo "    FAILED (exit $rc) after ${took} s: see $OUT/logs/$r-$bench.log; going on"
    fi
    write_environment ""
done
trap - INT TERM
$interrupted && echo "loopbench: interrupted; building the report from what was measured"
write_environment "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "loopbench: ran ${n} of ${#groups[@]} groups in $(( $(date +%s) - t0 )) s, $failures failed; results in $OUT"
build_report
report_rc=$?
[ -f "$OUT/report.html" ] && echo "loopbench: report: $OUT/report.html (and report.md)"
[ $failures -eq 0 ] && [ $report_rc -eq 0 ] && ! $interrupted
