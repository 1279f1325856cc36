#!/usr/bin/env bash
# Did a change make loopbench slower?  scripts/compare.sh BASELINE CANDIDATE [--threshold PCT]
#                                        [--markdown FILE] [--github-json PREFIX]
# BASELINE and CANDIDATE are run directories (results/runs/...) or JMH JSON files. A benchmark counts as
# regressed when it is worse by more than the threshold (default 10%) AND beyond the noise (the two runs'
# confidence intervals do not overlap); latency percentiles count too, lower being better.
# Exit status: 0 no regression, 1 regression, 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
if ! jdk=$(loopbench_find_jdk 17); then
    echo "loopbench: compare needs a JDK 17 or newer (JAVA_HOME, the java on PATH, /usr/lib/jvm/*); none found" >&2
    exit 2
fi
jar=report/target/loopbench-report.jar
if [ ! -f "$jar" ]; then
    loopbench_require_build_jdk
    echo "loopbench: building the report tool" >&2
    batch=()
    [ "${CI:-}" = true ] && batch=(--batch-mode --no-transfer-progress)
    JAVA_HOME="$LOOPBENCH_JDK21" MAVEN_OPTS="$(loopbench_maven_opts "$LOOPBENCH_JDK21")" \
        mvn -q "${batch[@]}" -DskipTests package -pl report >&2
fi
exec "$jdk/bin/java" -jar "$jar" compare "$@"
