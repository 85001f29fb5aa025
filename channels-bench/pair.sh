#!/usr/bin/env bash
# Paired before/after runs of the shapes whose hot paths the test-bubble seams touch (issue 15, "Cost"):
# rendezvous, buffered-16 (blocking SPSC and the single-thread fast path, untimed and timed) and select.
#
#   channels-bench/pair.sh jar REF OUT.jar     builds benchmarks.jar from git REF (for example main) with THIS
#                                              checkout's channels-bench sources, into OUT.jar (no worktree: the
#                                              tree is exported with git archive into a temporary directory)
#   channels-bench/pair.sh run BEFORE.jar AFTER.jar [ROUNDS] [JMH args...]
#                                              ROUNDS (default 3) rounds; each runs one fork of each jar on every
#                                              shape, alternating which jar goes first, then prints per benchmark
#                                              the median score of each jar, the ratio after/before, and each
#                                              jar's spread over the rounds (max/min). SHAPES=regexp narrows it.
#
# Both jars run in the same session on the same machine, interleaved, so drift and load hit both alike; still,
# on a shared machine read the ratios as directional.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
shapes="${SHAPES:-bench\.channels\.(Rendezvous|BufferedSpsc|BufferedFastPath\.ours|SelectReceive\.ours)}"

case "${1:-}" in
  jar)
    ref="$2"
    out="$(cd "$(dirname "$3")" && pwd)/$(basename "$3")"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    git -C "$root" archive "$ref" | tar -x -C "$tmp"
    rm -rf "$tmp/channels-bench/src"
    cp -r "$here/src" "$tmp/channels-bench/src"
    (cd "$tmp" && mvn -B -ntp -q -o package -pl channels-bench -am -DskipTests -Dmaven.javadoc.skip=true \
      -Dinvoker.skip)
    cp "$tmp/channels-bench/target/benchmarks.jar" "$out"
    echo "pair.sh: $out built from $ref"
    ;;
  run)
    before="$2"
    after="$3"
    rounds="${4:-3}"
    shift 3
    [[ $# -gt 0 ]] && shift
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    params=(-p impl=ours -p capacity=16 -p cases=1,2)
    for r in $(seq 1 "$rounds"); do
      if (( r % 2 )); then order=(before after); else order=(after before); fi
      for which in "${order[@]}"; do
        jar="$before"; [[ "$which" == after ]] && jar="$after"
        "$java" -jar "$jar" "$shapes" -f 1 -wi 2 -w 1s -i 3 -r 1s "${params[@]}" "$@" \
          -rf csv -rff "$work/$which-$r.csv" >"$work/$which-$r.log" 2>&1 \
          || { cat "$work/$which-$r.log" >&2; exit 1; }
      done
    done
    # Benchmark name + params -> median score per jar, then the ratio.
    for which in before after; do
      cat "$work/$which"-*.csv | grep -v '^"Benchmark"' \
        | awk -F, '{ key=$1; for (i = 8; i <= NF; i++) key = key "," $i; print key "\t" $5 }' \
        | sort >"$work/$which.tsv"
    done
    printf "%-70s %12s %12s %8s %7s %7s\n" "benchmark (params)" "before ns" "after ns" "ratio" "spr.b" "spr.a"
    awk -F'\t' -v rounds="$rounds" '
      function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        spread = a[n] / a[1]
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      FNR == 1 { file++ }
      { s[file, $1] = s[file, $1] " " $2; keys[$1] = 1 }
      END {
        for (k in keys) {
          b = median(s[1, k]); sb = spread; a = median(s[2, k]); sa = spread
          printf "%-70s %12.1f %12.1f %8.3f %7.2f %7.2f\n", k, b, a, a / b, sb, sa
        }
      }' "$work/before.tsv" "$work/after.tsv" | sort
    ;;
  *)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
