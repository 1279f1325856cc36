#!/usr/bin/env bash
# The test command: builds every module and runs every runtime through the shared contract kit.
# Finds a JDK 21+ for Maven and a JDK 17 (for the runtimes that need exactly 17) by itself; extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
loopbench_require_build_jdk
loopbench_optional_jdk17
export JAVA_HOME="$LOOPBENCH_JDK21"
MAVEN_OPTS="$(loopbench_maven_opts "$JAVA_HOME")"
export MAVEN_OPTS
echo "loopbench: building with JDK $(loopbench_jdk_feature "$JAVA_HOME") at $JAVA_HOME; JDK 17: ${LOOPBENCH_JDK17:-none}"
batch=()
[ "${CI:-}" = true ] && batch=(--batch-mode --no-transfer-progress)
# Only when found: the property's presence is what switches the JDK-17-only runtime's tests onto JDK 17.
jdk17=()
[ -n "$LOOPBENCH_JDK17" ] && jdk17=(-Dloopbench.jdk17.home="$LOOPBENCH_JDK17")
exec mvn "${batch[@]}" "${jdk17[@]}" verify "$@"
