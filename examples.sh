#!/usr/bin/env bash
# Runs one of the example programs in channels-examples as a program:
#
#   ./examples.sh PrimeSieve [args...]
#   ./examples.sh --list
#
# Builds channels-examples and what it needs (tests skipped) when a source changed since the last run, then runs
# the class with the newest JDK >= 21:
# JAVA_HOME if it is >= 21, else the newest under /usr/lib/jvm. (mvn exec:java would run it in Maven's own
# JVM, which may be older than the release-21 classes.)
set -euo pipefail
cd "$(dirname "$0")"

examples_dir=channels-examples/src/main/java/dev/channels/examples
list_examples() {
    grep -l 'public static void main' "$examples_dir"/*.java | xargs -n1 basename | sed 's/\.java$//'
}

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" || "$1" == "--list" ]]; then
    echo "usage: $0 <Example> [args...]" >&2
    echo "examples:" >&2
    list_examples | sed 's/^/  /' >&2
    [[ $# -ge 1 && "$1" == "--list" ]] && exit 0
    exit 2
fi
name="$1"
shift
if [[ ! -f "$examples_dir/$name.java" ]] || ! grep -q 'public static void main' "$examples_dir/$name.java"; then
    echo "no example named '$name'; examples:" >&2
    list_examples | sed 's/^/  /' >&2
    exit 2
fi

# The feature version of a java binary, e.g. 25 (and 8 for 1.8).
java_version() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' \
        | sed 's/^1\.//'
}

java_bin=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_version "$JAVA_HOME/bin/java") >= 21 )); then
    java_bin="$JAVA_HOME/bin/java"
else
    best=0
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        v=$(java_version "$candidate")
        if [[ -n "$v" ]] && (( v >= 21 && v > best )); then
            best=$v
            java_bin=$candidate
        fi
    done
fi
if [[ -z "$java_bin" ]]; then
    echo "no JDK >= 21 found: set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
    exit 1
fi

# Build only when something the examples are made of changed since the last build by this script: the main
# sources and POMs of channels-core, channels-actors and channels-examples, and the parent POM. The stamp is
# taken before the build starts, so an edit made during a build is seen by the next run. Tests, Javadoc and
# sources jars are skipped; after the first build the dependencies are in ~/.m2, so rebuilds run offline.
stamp=channels-examples/target/examples-sh.stamp
inputs=(pom.xml channels-core/pom.xml channels-core/src/main channels-actors/pom.xml channels-actors/src/main
        channels-examples/pom.xml channels-examples/src/main)
needs_build() {
    [[ -f "$stamp" && -d channels-examples/target/classes && -d channels-examples/target/lib ]] || return 0
    [[ -n "$(find "${inputs[@]}" -newer "$stamp" -print -quit)" ]]
}
if needs_build; then
    offline=()
    [[ -f "$stamp" ]] && offline=(-o)
    build_log=$(mktemp)
    trap 'rm -f "$build_log"' EXIT
    mkdir -p channels-examples/target
    next_stamp=$(mktemp channels-examples/target/examples-sh.stamp.XXXXXX)
    echo "building channels-examples (sources changed since the last build) ..." >&2
    if ! mvn -B -ntp -q "${offline[@]}" package -pl channels-examples -am -Dmaven.test.skip=true \
            -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Denforcer.skip=true >"$build_log" 2>&1; then
        rm -f "$next_stamp"
        cat "$build_log" >&2
        echo "build failed" >&2
        exit 1
    fi
    mv -f "$next_stamp" "$stamp"
fi

"$java_bin" -cp "channels-examples/target/classes:channels-examples/target/lib/*" \
    "dev.channels.examples.$name" "$@"
