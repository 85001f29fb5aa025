package dev.channels.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.channels.bench.report.Labels.Kind;

/**
 * Suite 1's report (the mailbox against locks, {@code MailboxVsLocks}): the terminal table that
 * {@code run.sh} prints, the README block and the line plot.
 *
 * <p>Rules, the same in every output:
 * <ul>
 *   <li>every score is shown with its error (JMH's 99.9% half-width);
 *   <li>a noisy row ({@link Result#isNoisy()}) is shown and marked, never ranked, never part of a verdict;
 *   <li>the harness row is the overhead of starting and joining the producers, which every other row includes;
 *       it is shown as such, never ranked;
 *   <li>each producer count ends with one verdict: the fastest ranked lock against the fastest ranked mailbox.
 *       When their error intervals overlap the verdict says it is too close to call.
 * </ul>
 */
final class Suite1 {

    static final String CLASS = "MailboxVsLocks";

    /** Row order of the README table: the ceilings, the locks, the mailboxes (ours first), the harness. */
    private static final List<String> ORDER = List.of("longAdder", "atomicLong", "reentrantLock", "stampedLock",
            "synchronizedBlock", "reentrantLockFair", "oursTell", "joxActorLoop", "pekkoTell", "jctoolsMpsc",
            "harnessOnly");

    private static final String NOISY = "noisy";

    private Suite1() {
    }

    /** How the run was made, for the header: profile, date, machine, JDK and load. */
    record Run(String profile, String date, String machine, String jdk, Load load) {
    }

    /** A row at one load, with its rank (1 = fastest) or 0 when not ranked. */
    record Ranked(Result result, int rank) {
    }

    // ------------------------------------------------------------------------------------------ ranking

    /**
     * The rows measured at one producer count in display order: ranked rows fastest first, then noisy rows, then
     * the harness overhead.
     */
    static List<Ranked> rank(List<Result> atOneLoad) {
        List<Result> ranked = atOneLoad.stream().filter(Suite1::rankable)
                .sorted(Comparator.comparingDouble(Result::score)).toList();
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            out.add(new Ranked(ranked.get(i), i + 1));
        }
        atOneLoad.stream().filter(r -> !rankable(r) && Labels.of(r).kind() != Kind.OVERHEAD)
                .sorted(Comparator.comparingDouble(Result::score)).forEach(r -> out.add(new Ranked(r, 0)));
        atOneLoad.stream().filter(r -> Labels.of(r).kind() == Kind.OVERHEAD).forEach(r -> out.add(new Ranked(r, 0)));
        return out;
    }

    static boolean rankable(Result r) {
        return Labels.of(r).kind() != Kind.OVERHEAD && !r.isNoisy();
    }

    /**
     * The verdict at one load: who wins, mailbox or lock, and by how much, from the fastest ranked row of each
     * side. The winner is called only when the two rows' error intervals are disjoint. Our actor's time against the
     * best lock is added (or that it was noisy), unless it is the best mailbox already.
     */
    static String verdict(String producers, List<Result> atOneLoad) {
        String at = "Verdict at P=" + Chart.tick(Double.parseDouble(producers)) + ": ";
        Optional<Result> lock = fastest(atOneLoad, Kind.LOCK);
        Optional<Result> mailbox = fastest(atOneLoad, Kind.MAILBOX);
        if (lock.isEmpty() || mailbox.isEmpty()) {
            String side = lock.isEmpty() && mailbox.isEmpty() ? "lock or mailbox" : lock.isEmpty() ? "lock" : "mailbox";
            return at + "none: no " + side + " row measured without noise (rerun on an idle machine, or with more "
                    + "iterations).";
        }
        Result l = lock.get();
        Result m = mailbox.get();
        String lockText = "best lock " + label(l) + " " + ns(l);
        String mailboxText = "best mailbox " + label(m) + " " + ns(m);
        String ours = atOneLoad.stream().filter(r -> r.contender().equals("oursTell")).findFirst()
                .map(r -> r.isNoisy() ? "; our actor, tell: noisy"
                        : r == m ? "" : "; our actor, tell: " + ns(r) + ", " + times(r.score() / l.score())
                                + " the best lock's time")
                .orElse("");
        Result fast = l.score() < m.score() ? l : m;
        Result slow = fast == l ? m : l;
        if (fast.score() + fast.error() >= slow.score() - slow.error()) {
            return at + "too close to call (the error intervals overlap): " + lockText + ", " + mailboxText + ours
                    + ".";
        }
        boolean lockWins = l.score() < m.score();
        double by = lockWins ? m.score() / l.score() : l.score() / m.score();
        return at + (lockWins ? "the lock wins, " + times(by) + " faster: " + lockText + ", " + mailboxText
                : "the mailbox wins, " + times(by) + " faster: " + mailboxText + ", " + lockText) + ours + ".";
    }

    private static Optional<Result> fastest(List<Result> rows, Kind kind) {
        return rows.stream().filter(r -> Labels.of(r).kind() == kind && rankable(r))
                .min(Comparator.comparingDouble(Result::score));
    }

    private static String label(Result r) {
        return Labels.of(r).plain();
    }

    private static String ns(Result r) {
        return Report.num(r.score()) + " ns";
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1fx", ratio);
    }

    // ------------------------------------------------------------------------------------------ grouping

    /** Suite 1's rows grouped by the {@code work} parameter, then by producers in numeric order. */
    static Map<String, Map<String, List<Result>>> byWorkAndLoad(List<Result> results) {
        Map<String, Map<String, List<Result>>> out = new TreeMap<>(Comparator.comparingDouble(Double::parseDouble));
        for (Result r : results) {
            if (!r.className().equals(CLASS)) {
                continue;
            }
            out.computeIfAbsent(r.params().getOrDefault("work", "0"),
                            k -> new TreeMap<>(Comparator.comparingDouble(Double::parseDouble)))
                    .computeIfAbsent(r.params().get("producers"), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ terminal

    /** The profile's iteration settings as read from JMH's JSON, e.g. "1 fork, 3 x 300 ms warm-up, ...". */
    static String settings(Map<String, String> jmh) {
        String forks = jmh.getOrDefault("forks", "?");
        return forks + (forks.equals("1") ? " fork" : " forks") + ", " + jmh.getOrDefault("warmupIterations", "?")
                + " x " + jmh.getOrDefault("warmupTime", "?") + " warm-up, "
                + jmh.getOrDefault("measurementIterations", "?") + " x " + jmh.getOrDefault("measurementTime", "?")
                + " measured";
    }

    /** The table {@code run.sh} prints: one block per producer count, each ending with its verdict. */
    static String console(List<Result> results, Run run, String settings) {
        StringBuilder b = new StringBuilder();
        b.append("Suite 1: the mailbox against locks. ns per update, lower is better.\n");
        b.append(capitalize(run.profile().replace("`", ""))).append(": ").append(settings).append("; ").append(run.date()).append('\n');
        b.append(run.machine()).append("; ").append(run.jdk()).append("; ").append(run.load().describe()).append('\n');
        b.append("Error: JMH's 99.9% confidence half-width. A row whose error exceeds half its score is noisy and "
                + "not ranked.\n");
        String warning = run.load().warning();
        if (warning != null) {
            b.append('\n').append(warning).append('\n');
        }
        String row = "%5s  %-40s %10s %10s %9s  %s%n";
        for (Map.Entry<String, Map<String, List<Result>>> work : byWorkAndLoad(results).entrySet()) {
            for (Map.Entry<String, List<Result>> load : work.getValue().entrySet()) {
                b.append('\n').append("P = ").append(Chart.tick(Double.parseDouble(load.getKey())))
                        .append(load.getKey().equals("1") ? " producer" : " producers").append(", work = ")
                        .append(work.getKey()).append('\n');
                b.append(String.format(Locale.ROOT, row, "rank", "contender", "ns/update", "+/- error", "B/update",
                        "vs #1"));
                List<Ranked> rows = rank(load.getValue());
                double first = rows.stream().filter(x -> x.rank() == 1).findFirst()
                        .map(x -> x.result().score()).orElse(Double.NaN);
                for (Ranked x : rows) {
                    Result r = x.result();
                    boolean overhead = Labels.of(r).kind() == Kind.OVERHEAD;
                    String note = x.rank() > 0 ? String.format(Locale.ROOT, "%.2fx", r.score() / first)
                            : overhead ? "overhead, inside every row above"
                            : NOISY + (Double.isNaN(r.error()) ? " (no error estimate)" : " (error > half the score)");
                    b.append(String.format(Locale.ROOT, row, x.rank() > 0 ? String.valueOf(x.rank())
                                    : overhead ? "" : "-",
                            label(r), Report.num(r.score()), error(r), Report.bytes(r.bytesPerOp()), note));
                }
                b.append(verdict(load.getKey(), load.getValue())).append('\n');
            }
        }
        if (warning != null) {
            b.append('\n').append(warning).append('\n');
        }
        return b.toString();
    }

    private static String error(Result r) {
        return Double.isNaN(r.error()) ? "n/a" : Report.num(r.error());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------------------------------ README block

    static final String BEGIN = "<!-- suite1-table: generated by channels-bench/run.sh readme; do not edit -->";
    static final String END = "<!-- /suite1-table -->";

    /**
     * The README block: which profile and run produced it, the plot, one table per {@code work} value (contenders
     * down, producers across, every cell with its error) and the verdicts.
     */
    static String markdown(List<Result> results, Run run, String settings, String svgPath) {
        StringBuilder b = new StringBuilder(BEGIN).append('\n');
        b.append("Produced by Suite 1's ").append(run.profile()).append(": ").append(settings).append("; run of ")
                .append(run.date()).append(" on ").append(run.machine()).append(", ").append(run.jdk()).append(", ")
                .append(run.load().describe()).append(".\n");
        String warning = run.load().warning();
        if (warning != null) {
            b.append("\n**").append(warning).append("**\n");
        }
        b.append("\n![Suite 1: ns per update against producers](").append(svgPath).append(")\n");
        for (Map.Entry<String, Map<String, List<Result>>> work : byWorkAndLoad(results).entrySet()) {
            Map<String, List<Result>> loads = work.getValue();
            b.append("\nns per update (lower is better) ± JMH's 99.9% error, by number of virtual-thread producers P,"
                    + " work = ").append(work.getKey()).append(". *noisy*: the error exceeds half the score, so the "
                    + "row is not ranked.\n\n");
            b.append("| contender |");
            loads.keySet().forEach(p -> b.append(" P=").append(Chart.tick(Double.parseDouble(p))).append(" |"));
            b.append("\n|---|").append("---:|".repeat(loads.size())).append('\n');
            for (String contender : contenders(loads)) {
                Labels.Label l = Labels.of(CLASS, contender);
                b.append("| ").append(l.markdown()).append(l.kind() == Kind.OVERHEAD ? ", overhead inside every row"
                        : "").append(" |");
                for (List<Result> cell : loads.values()) {
                    b.append(' ').append(cell.stream().filter(r -> r.contender().equals(contender)).findFirst()
                            .map(Suite1::cell).orElse("")).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
            b.append(verdicts(loads));
        }
        return b.append(END).append('\n').toString();
    }

    /** One markdown list item per producer count with its verdict. */
    static String verdicts(Map<String, List<Result>> loads) {
        StringBuilder b = new StringBuilder();
        loads.forEach((p, rows) -> b.append("- ").append(verdict(p, rows)).append('\n'));
        return b.toString();
    }

    private static String cell(Result r) {
        String v = Report.num(r.score()) + " ± " + error(r);
        return r.isNoisy() && Labels.of(r).kind() != Kind.OVERHEAD ? "*" + v + " " + NOISY + "*" : v;
    }

    private static List<String> contenders(Map<String, List<Result>> loads) {
        List<String> all = loads.values().stream().flatMap(List::stream).map(Result::contender).distinct()
                .collect(Collectors.toCollection(ArrayList::new));
        all.sort(Comparator.comparingInt(Suite1::order));
        return all;
    }

    /** A contender's place in the README's row order (unknown contenders after the known ones). */
    static int order(String contender) {
        int i = ORDER.indexOf(contender);
        return i < 0 ? ORDER.size() : i;
    }

    // ------------------------------------------------------------------------------------------ plot

    /**
     * The line plot: ns per update against producers, one line per contender (the harness is not one), for the
     * first {@code work} value. {@code runInfo} (nullable) is printed under the title.
     */
    static String svg(List<Result> results, String runInfo) {
        Map<String, Map<String, List<Result>>> byWork = byWorkAndLoad(results);
        String work = byWork.keySet().stream().findFirst().orElse("0");
        Map<String, List<Result>> loads = byWork.getOrDefault(work, Map.of());
        List<Chart.Series> series = new ArrayList<>();
        for (String contender : contenders(loads)) {
            Labels.Label l = Labels.of(CLASS, contender);
            if (l.kind() == Kind.OVERHEAD) {
                continue;
            }
            List<Chart.Point> points = new ArrayList<>();
            loads.forEach((p, rows) -> rows.stream().filter(r -> r.contender().equals(contender)).findFirst()
                    .ifPresent(r -> points.add(new Chart.Point(Double.parseDouble(p), r.score(), r.isNoisy()))));
            String dash = switch (l.kind()) {
                case MAILBOX -> "7 4";
                case CEILING -> "2 3";
                default -> null;
            };
            series.add(new Chart.Series(l.plain(), contender.startsWith("ours"), dash, points));
        }
        String title = "Suite 1: the mailbox against locks, ns per update (work = " + work + ")"
                + (runInfo == null ? "" : "\n" + runInfo);
        return Chart.lines(title, "virtual-thread producers P (log scale)",
                "ns per update (log scale, lower is better)", series,
                List.of("solid: lock", "dashed: mailbox (actor)", "dotted: lock-free ceiling"));
    }
}
