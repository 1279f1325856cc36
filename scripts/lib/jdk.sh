# Sourced by loopbench's scripts: finds the JDKs the suite needs, or says exactly what is missing.
#
#   loopbench_find_jdk MIN [EXACT]  prints the home of a JDK whose feature version is >= MIN
#                                   (or == MIN when EXACT is "exact"); looks at $JAVA_HOME, then
#                                   `java` on the PATH, then /usr/lib/jvm/*; returns 1 when none.
#   loopbench_require_build_jdk     sets LOOPBENCH_JDK21 (JDK 21+, used for Maven) or exits 2 with a message
#   loopbench_optional_jdk17        sets LOOPBENCH_JDK17 (for runtimes that need exactly 17) or leaves it empty with a note

loopbench_jdk_feature() { # $1 = JDK home; prints the feature version (17, 21, 25...) or nothing
    local release="$1/release" v="" # set: under set -u a JDK without a release file must still reach the fallback
    [ -x "$1/bin/java" ] || return 1
    if [ -f "$release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    fi
    if [ -z "$v" ]; then
        v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    fi
    [ -n "$v" ] && echo "$v"
}

loopbench_find_jdk() {
    local min="$1" exact="${2:-}" candidates=() home f
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for home in /usr/lib/jvm/*; do candidates+=("$home"); done
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/javac" ] || continue
        f=$(loopbench_jdk_feature "$home") || continue
        if [ "$exact" = exact ]; then
            [ "$f" = "$min" ] && { readlink -f "$home"; return 0; }
        elif [ "$f" -ge "$min" ] 2>/dev/null; then
            readlink -f "$home"; return 0
        fi
    done
    return 1
}

loopbench_require_build_jdk() {
    if ! LOOPBENCH_JDK21=$(loopbench_find_jdk 21); then
        cat >&2 <<MSG
loopbench: no JDK 21 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}', the java on PATH, /usr/lib/jvm/*).
  loopbench builds with JDK 21+ (the suite's baseline). Install one, e.g. 'apt-get install openjdk-21-jdk-headless'
  or Temurin 21/25, or point JAVA_HOME at it, and run this again.
MSG
        exit 2
    fi
    export LOOPBENCH_JDK21
}

loopbench_optional_jdk17() {
    if ! LOOPBENCH_JDK17=$(loopbench_find_jdk 17 exact); then
        LOOPBENCH_JDK17=""
        echo "loopbench: no JDK 17 found: runtimes that need exactly JDK 17 will be reported unavailable" >&2
    fi
    export LOOPBENCH_JDK17
}

# Maven 3.8 on JDK 24+ warns about sun.misc.Unsafe on every start; the flag only silences that.
loopbench_maven_opts() {
    local f
    f=$(loopbench_jdk_feature "$1")
    if [ "${f:-0}" -ge 24 ]; then
        echo "--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
    else
        echo "${MAVEN_OPTS:-}"
    fi
}
