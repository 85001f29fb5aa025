#!/usr/bin/env bash
# Builds the benchmark jar and runs the suite with a JDK >= 21 (JAVA_HOME if it is one, else the newest in
# /usr/lib/jvm). Maven itself may run on an older JDK; the build compiles with the parent's JDK 25 toolchain.
#
#   channels-bench/run.sh            Suite 1 (the mailbox against locks), quick profile, about 5 minutes:
#                                    prints the table (every score with its error, noisy rows marked, a verdict
#                                    per producer count) and writes it with its plot and raw data to
#                                    channels-bench/target/quick/ (suite1.txt, suite1.svg, suite1.md, suite1.json).
#                                    Extra arguments go to JMH (e.g. -f 1 -i 1 -r 100ms for a format check).
#   channels-bench/run.sh readme     puts the last quick run into README (the block between the suite1-table
#                                    markers) and its plot and data into channels-bench/results/; refuses a run
#                                    made on a busy machine (readme --force publishes it anyway).
#   channels-bench/run.sh full       every suite with -prof gc, the footprint run, and the report:
#                                    channels-bench/results/*.json, results/charts/*.svg, BENCHMARKS.md.
#                                    Extra arguments go to every JMH run (e.g. -f 3 -wi 2 -w 1s -i 5 -r 1s).
#   channels-bench/run.sh jmh ARGS   the jar with your own JMH arguments (e.g. -l, or a regexp and -prof gc).
#                                    The suite "distributed" (channels-hazelcast between two members, not part
#                                    of full): run.sh jmh 'bench\.distributed\.'
#
# The run warns when the machine was busy: the 1-minute load average before the build, or the average number of
# other runnable tasks in the 2 s after the last fork, above the number of cores.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

version_line() { # the line of `java -version` that names the version (JAVA_TOOL_OPTIONS may print a line first)
  "$1" -version 2>&1 | grep -m 1 ' version "' || true
}

major() { # the feature version of a java binary, or 0
  local v
  v="$(version_line "$1" | sed -nE 's/.* version "([0-9]+).*/\1/p')"
  echo "${v:-0}"
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

# The 1-minute load average now, before anything of ours runs (empty when the system has no /proc/loadavg).
load_now() {
  if [[ -r /proc/loadavg ]]; then
    local one rest
    read -r one rest </proc/loadavg
    echo "$one"
  fi
}

# Right after a run: the average number of runnable tasks over 2 s, less this sampler itself. The 1-minute average
# at that moment would still count the benchmark's own threads.
load_after() {
  [[ -r /proc/loadavg ]] || return 0
  local sum=0 n i one five fifteen tasks rest
  for ((i = 0; i < 10; i++)); do
    read -r one five fifteen tasks rest </proc/loadavg
    n="${tasks%%/*}"
    sum=$((sum + (n > 0 ? n - 1 : 0)))
    sleep 0.2
  done
  awk -v s="$sum" 'BEGIN { printf "%.2f", s / 10 }'
}

cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)"
load_start="$(load_now)"

mode=quick
if [[ $# -gt 0 && "$1" != -* ]]; then
  mode="$1"
  shift
fi

if [[ "$mode" == readme ]]; then
  # Publishes the last quick run: no build, no benchmark.
  quick="$here/target/quick"
  [[ -f "$quick/suite1.md" && -f "$here/target/benchmarks.jar" ]] \
    || { echo "run.sh readme: no quick run to publish; run channels-bench/run.sh first" >&2; exit 1; }
  java="$(find_java)"
  "$java" -cp "$here/target/benchmarks.jar" dev.channels.bench.report.Report --readme "$root/README.md" \
    --block "$quick/suite1.md" "$@"
  mkdir -p "$here/results/charts"
  cp "$quick/suite1.svg" "$here/results/charts/suite1-readme.svg"
  cp "$quick/suite1.json" "$here/results/suite1-readme.json"
  cp "$quick/suite1.txt" "$here/results/suite1-readme.txt"
  echo "run.sh: updated README's Suite 1 table, results/charts/suite1-readme.svg, results/suite1-readme.{json,txt}" >&2
  exit 0
fi

java="$(find_java)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "run.sh: building benchmarks.jar; running on $java ($(version_line "$java"))" >&2
(cd "$root" && mvn -B -ntp -q -Dstyle.color=never package -pl channels-bench -am -DskipTests) >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; echo "run.sh: the build failed" >&2; exit 1; }

# Run from a copy, so that a rebuild during a long run cannot change the jar under the forks.
jar="$work/benchmarks.jar"
cp "$here/target/benchmarks.jar" "$jar"

case "$mode" in
  quick)
    # The quick profile: one fork, 3 x 300 ms warm-up, 10 x 300 ms measured (ten iterations, so that JMH's
    # 99.9% error is not dominated by Student's t of a tiny sample), P = 1, 4, 64, 1,024, 10,000, no CPU work.
    out="$here/target/quick"
    mkdir -p "$out"
    rm -f "$out"/suite1.*
    echo "run.sh: Suite 1, quick profile (11 contenders x 5 loads, about 5 minutes); JMH's log: $out/jmh.log" >&2
    set +e
    # JMH takes each option once: a default applies only when the extra arguments do not set it.
    defaults=()
    given() { # given OPTION [PARAM]: the extra arguments set OPTION (for -p: set PARAM=...)
      local prev="" x
      for x in "${extra[@]}"; do
        if [[ "$prev" == "$1" && ( -z "${2:-}" || "$x" == "$2="* ) ]]; then return 0; fi
        prev="$x"
      done
      return 1
    }
    extra=("$@")
    for kv in -f=1 -wi=3 -w=300ms -i=10 -r=300ms; do
      given "${kv%%=*}" || defaults+=("${kv%%=*}" "${kv#*=}")
    done
    given -p producers || defaults+=(-p producers=1,4,64,1024,10000)
    given -p work || defaults+=(-p work=0)
    "$java" -jar "$jar" 'bench\.mailbox\.MailboxVsLocks\.' "${defaults[@]}" -prof gc \
      -rf json -rff "$out/suite1.json" "$@" 2>&1 \
      | tee "$out/jmh.log" \
      | awk '/^# Run progress:/ { printf "\rrun.sh: %s complete, ETA %s ", $4, $7; fflush() }' >&2
    status="${PIPESTATUS[0]}"
    set -e
    if [[ "$status" -ne 0 || ! -s "$out/suite1.json" ]]; then
      echo >&2
      if grep -q 'Unable to acquire the JMH lock' "$out/jmh.log"; then
        echo "run.sh: another JMH run is in progress on this machine; rerun when it has finished" >&2
        exit 1
      fi
      tail -n 40 "$out/jmh.log" >&2
      echo "run.sh: JMH failed (exit $status); the whole log is $out/jmh.log" >&2
      exit 1
    fi
    load_end="$(load_after)"
    echo >&2
    "$java" -cp "$jar" dev.channels.bench.report.Report --suite1 "$out" \
      --profile 'quick profile (`channels-bench/run.sh`)' \
      --load-start "$load_start" --load-end "$load_end" --cores "$cores" "$out/suite1.json"
    echo
    echo "Table, plot and raw data: $out/suite1.txt, $out/suite1.svg, $out/suite1.json"
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
    load_end="$(load_after)"
    "$java" -cp "$jar" dev.channels.bench.report.Report --out "$here/BENCHMARKS.md" --charts "$out/charts" \
      --notes "$out/notes.md" --footprint "$out/footprint.md" --conditions "${BENCH_CONDITIONS:-run.sh full}" \
      --load-start "$load_start" --load-end "$load_end" --cores "$cores" \
      "$out/suite1.json" "$out/channels.json" "$out/classic-t1.json" "$out/classic-t2.json"
    echo "run.sh: wrote $here/BENCHMARKS.md" >&2
    ;;
  jmh)
    "$java" -jar "$jar" "$@"
    ;;
  *)
    echo "usage: $0 [quick [JMH args...] | readme [--force] | full [JMH args...] | jmh JMH args...]" >&2
    exit 2
    ;;
esac
