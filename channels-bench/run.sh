#!/usr/bin/env bash
# Builds the benchmark jar and runs the suite with a JDK >= 21 (JAVA_HOME if it is one, else the newest in
# /usr/lib/jvm). Maven itself may run on an older JDK; the build compiles with the parent's JDK 25 toolchain.
#
#   channels-bench/run.sh            Suite 1 (the mailbox against locks), short profile, a few minutes;
#                                    prints the table. Extra arguments go to JMH (e.g. -p work=0,500).
#   channels-bench/run.sh full       every suite with -prof gc, the footprint run, and the report:
#                                    channels-bench/results/*.json, results/charts/*.svg, BENCHMARKS.md.
#                                    Extra arguments go to every JMH run (the committed results used
#                                    -f 1 -wi 1 -w 1s -i 3 -r 1s, about 25 minutes on 2 cores).
#   channels-bench/run.sh jmh ARGS   the jar with your own JMH arguments (e.g. -l, or a regexp and -prof gc).
#                                    The suite "distributed" (channels-hazelcast between two members, not part
#                                    of full): run.sh jmh 'bench\.distributed\.'
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

major() { # the feature version of a java binary, or 0
  "$1" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+).*/\1/;t;s/.*/0/'
}

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    echo "$JAVA_HOME/bin/java"
    return
  fi
  local best="" best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [[ -x "$j" ]] || continue
    v="$(major "$j")"
    if [[ "$v" -ge 21 && "$v" -gt "$best_v" ]]; then
      best="$j"
      best_v="$v"
    fi
  done
  if [[ -z "$best" ]]; then
    echo "run.sh: no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    exit 1
  fi
  echo "$best"
}

java="$(find_java)"
echo "run.sh: building benchmarks.jar; running on $java ($("$java" -version 2>&1 | head -n 1))" >&2
(cd "$root" && mvn -B -ntp -q package -pl channels-bench -am -DskipTests)

# Run from a copy, so that a rebuild during a long run cannot change the jar under the forks.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/benchmarks.jar"
cp "$here/target/benchmarks.jar" "$jar"

mode=quick
if [[ $# -gt 0 && "$1" != -* ]]; then
  mode="$1"
  shift
fi
case "$mode" in
  quick)
    # The short Suite 1 profile: one fork, 1 s warmup, 2 x 1 s measurement, P = 1, 64, 10,000, no CPU work.
    "$java" -jar "$jar" 'bench\.mailbox\.MailboxVsLocks\.' -f 1 -wi 1 -w 1s -i 2 -r 1s \
      -p producers=1,64,10000 -p work=0 -prof gc -rf json -rff "$work/quick.json" "$@" >"$work/jmh.log" 2>&1 \
      || { cat "$work/jmh.log" >&2; exit 1; }
    grep -E '^WARNING' "$work/jmh.log" | sort -u >&2 || true
    "$java" -cp "$jar" dev.channels.bench.report.Report --conditions "run.sh quick profile" "$work/quick.json"
    ;;
  full)
    out="$here/results"
    mkdir -p "$out"
    # Suite 1 (virtual-thread producers), then Suite 2, with allocation profiling.
    "$java" -jar "$jar" 'bench\.mailbox\.MailboxVsLocks\.' -prof gc "$@" \
      -rf json -rff "$out/suite1.json" 2>&1 | tee "$out/suite1.log"
    "$java" -jar "$jar" 'bench\.channels\.' -prof gc "$@" \
      -rf json -rff "$out/channels.json" 2>&1 | tee "$out/channels.log"
    # Suite 1 on JMH platform threads: 1 and 2.
    for t in 1 2; do
      "$java" -jar "$jar" 'bench\.mailbox\.(LocksClassic|AskLatency)\.' -t "$t" -prof gc "$@" \
        -rf json -rff "$out/classic-t$t.json" 2>&1 | tee "$out/classic-t$t.log"
    done
    "$java" -Xmx6g -cp "$jar" dev.channels.bench.footprint.Footprint "$out/footprint.md" 2>&1 | tee "$out/footprint.log"
    "$java" -cp "$jar" dev.channels.bench.report.Report --out "$here/BENCHMARKS.md" --charts "$out/charts" \
      --notes "$out/notes.md" --footprint "$out/footprint.md" --conditions "${BENCH_CONDITIONS:-run.sh full}" \
      "$out/suite1.json" "$out/channels.json" "$out/classic-t1.json" "$out/classic-t2.json"
    echo "run.sh: wrote $here/BENCHMARKS.md" >&2
    ;;
  jmh)
    "$java" -jar "$jar" "$@"
    ;;
  *)
    echo "usage: $0 [quick [JMH args...] | full | jmh JMH args...]" >&2
    exit 2
    ;;
esac
