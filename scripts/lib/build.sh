# Sourced by loopbench's scripts: the one jar everything runs from, built when stale.
#
#   LOOPBENCH_JAR                  loop-cli/target/loopbench.jar: the loopbench command, the harness, the
#                                  runtimes and the report in one runnable jar
#   loopbench_stale JAR PATH...    true when JAR is missing or older than a source, pom or resource under PATHs
#   loopbench_build_if_stale       builds LOOPBENCH_JAR (tests skipped; scripts/test.sh runs them) when stale;
#                                  needs loopbench_require_build_jdk's LOOPBENCH_JDK21 only then; returns 1
#                                  when the build fails. Messages go to stderr: stdout is the command's own.

LOOPBENCH_JAR=loop-cli/target/loopbench.jar

loopbench_stale() {
    local jar=$1; shift
    [ -f "$jar" ] || return 0
    [ -n "$(find "$@" -path '*/target' -prune -o -newer "$jar" \( -name '*.java' -o -name '*.c' -o -name pom.xml -o -path '*/resources/*' \) -print -quit 2>/dev/null)" ]
}

loopbench_build_if_stale() {
    loopbench_stale "$LOOPBENCH_JAR" pom.xml loop-* harness report || return 0
    loopbench_require_build_jdk
    echo "loopbench: building $LOOPBENCH_JAR (tests skipped; scripts/test.sh runs them)" >&2
    local batch=()
    [ "${CI:-}" = true ] && batch=(--batch-mode --no-transfer-progress)
    if ! JAVA_HOME="$LOOPBENCH_JDK21" MAVEN_OPTS="$(loopbench_maven_opts "$LOOPBENCH_JDK21")" \
            mvn -q "${batch[@]}" -DskipTests package -pl loop-cli -am >&2; then
        echo "loopbench: the build failed (see above); nothing was run" >&2
        return 1
    fi
}

# The soft open-files limit up to the hard one, for this shell and what it starts (each connection is a
# descriptor on both sides); the Java side checks each run's needs against it and says what to change.
loopbench_raise_open_files() {
    local soft hard
    soft=$(ulimit -Sn) hard=$(ulimit -Hn)
    if [ "$soft" != unlimited ] && { [ "$hard" = unlimited ] || [ "$soft" -lt "$hard" ]; }; then
        ulimit -n "$hard" 2>/dev/null || true
    fi
}
