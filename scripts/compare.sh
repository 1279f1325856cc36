#!/usr/bin/env bash
# Did a change make loopbench slower?  scripts/compare.sh BASELINE CANDIDATE [--threshold PCT]
#                                        [--allow-different-env] [--markdown FILE] [--github-json PREFIX]
# BASELINE and CANDIDATE are run directories, JMH JSON files, or series (directories of run directories,
# as scripts/ab.sh writes them). Each judged figure gets an interval for its change from independent
# samples (the runs of a series, paired when interleaved; else the forks of a run), all of them together
# at 95% (Bonferroni over the figures judged): regressed when the
# interval is wholly worse and the estimate is worse by the threshold (the metric catalog's, 10% unless a
# metric has its own) or more; unchanged when the interval lies within +- the threshold; inconclusive
# otherwise. A result the candidate lost or failed, or got with new errors, is a regression too.
# Exit status: 0 no regression, 1 regression, 2 bad input (also: runs from different machines, kernels,
# CPU layouts or JDKs, unless --allow-different-env). (`loopbench compare --help` says the same.)
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
