#!/usr/bin/env bash
# loopbench's front door: builds what is stale, then hands over to `loopbench run`, which checks the
# machine, runs every available runtime through the echo (closed loop and fixed rate), sleep and
# coordination (crawl, deadline, ping-pong) workloads, and builds the report.
#
#   scripts/run-all.sh --quick                      whole suite, every runtime, under 10 minutes here
#   scripts/run-all.sh --full                       the C10K sweep: 100/1,000/10,000 connections at
#                                                   1 KiB and 16 KiB read buffers, 10k/100k/1M sleepers
#                                                   (the plan prints its estimate)
#   scripts/run-all.sh --smoke                      a few minutes: proves the pipeline (CI)
#   options: --runtimes ID,ID   --workloads echo,sleep,coord   --out DIR   --dry-run
#            --runtime-options ID.KEY=VALUE,...     (each key goes to its runtime)
#            --cpus split|shared|server=LIST,client=LIST
#                                                   where the runtime and the load generator run (default
#                                                   split: disjoint halves; recorded in every result)
#            -- ARGS...                             passed to JMH as they are (e.g. -- -prof gc,
#                                                   -- -p readBuffer=1024: the echo server's read buffer)
#   scripts/run-all.sh --help                       every option, from `loopbench run --help`
#
# Each run gets its own directory results/runs/<UTC time>-<commit>/ (never reused): JMH JSON per group,
# histograms (.hgrm/.hlog), sidecars, logs/, code/ (the measured coordination code), environment.json,
# report.md and report.html. Every group's results are written as soon as it finishes, so an interrupted
# run keeps what it measured and still gets a report. The profiles are data:
# loop-cli/src/main/resources/org/loopbench/cli/profiles.json.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/build.sh

loopbench_require_build_jdk   # JDK 21+: builds, and runs the launcher (each runtime's forks get their own JDK)
loopbench_optional_jdk17
loopbench_raise_open_files    # for the forks and the load generator; `run` checks each run's needs
loopbench_build_if_stale || exit 2
exec "$LOOPBENCH_JDK21/bin/java" -Dloopbench.command=scripts/run-all.sh -jar "$LOOPBENCH_JAR" run "$@"
