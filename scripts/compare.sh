#!/usr/bin/env bash
# Did a change make loopbench slower?  scripts/compare.sh BASELINE CANDIDATE [--threshold PCT]
#                                        [--markdown FILE] [--github-json PREFIX]
# BASELINE and CANDIDATE are run directories (results/runs/...) or JMH JSON files. A metric counts as
# regressed when it is worse by more than the threshold (default 10%) AND beyond the noise (the two runs'
# confidence intervals do not overlap); latency percentiles count too, lower being better.
# Exit status: 0 no regression, 1 regression, 2 bad input. (`loopbench compare --help` says the same.)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/build.sh
if ! jdk=$(loopbench_find_jdk 17); then
    echo "loopbench: compare needs a JDK 17 or newer (JAVA_HOME, the java on PATH, /usr/lib/jvm/*); none found" >&2
    exit 2
fi
loopbench_build_if_stale || exit 2   # a stale jar is rebuilt, not only a missing one
exec "$jdk/bin/java" -jar "$LOOPBENCH_JAR" compare "$@"
