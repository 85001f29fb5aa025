package dev.channels.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns JMH JSON result files into {@code BENCHMARKS.md} and SVG charts, Suite 1's quick-profile table, and
 * README's Suite 1 block.
 *
 * <pre>
 * java -cp benchmarks.jar dev.channels.bench.report.Report [options] result.json...
 *   --out FILE          the markdown to write (default: print it to standard output, and draw no charts)
 *   --charts DIR        where to write the SVG charts (linked from the markdown relative to --out)
 *   --notes FILE        markdown appended under "Notes" (hand-written explanations of missed targets)
 *   --footprint FILE    markdown table of the footprint run, included as is
 *   --conditions TEXT   how the run was made (profile, code), printed in the header
 *   --date TEXT         the date of the run (default: now, UTC)
 *   --load-start X      the 1-minute load average before the run (see {@link Load}); empty if unknown
 *   --load-end X        the load after the run; empty if unknown
 *   --cores N           the machine's cores (default: the processors visible to this JVM)
 *   --suite1 DIR        instead of BENCHMARKS.md: Suite 1's table, printed and written to DIR/suite1.txt, with
 *                       DIR/suite1.svg (the line plot) and DIR/suite1.md (README's block)
 *   --profile TEXT      with --suite1: the profile's name, as the header shows it
 *   --readme FILE --block FILE [--force]
 *                       put a suite1.md block into README between its markers; a block from a busy machine is
 *                       refused unless --force
 * </pre>
 *
 * <p>Every table row carries its error, its ratio against the best peer of the same shape (the fastest contender
 * that is neither ours, nor a harness baseline, nor noisy; below 1.00x means faster than every peer) and, with two
 * or more forks, the lowest and highest fork mean. A row whose error exceeds half its score is noisy: shown, never
 * ranked ({@link Result#isNoisy()}).
 */
public final class Report {

    /** Known benchmark classes, in report order: title, one-paragraph description, pivot parameter. */
    record Section(String className, String title, String about, String pivot) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("MailboxVsLocks", "Suite 1: the mailbox against locks (virtual-thread producers)",
                    "P virtual threads apply 2^18 updates (a counter and a small map, plus `work` CPU tokens inside "
                            + "the critical section) to one shared state. Score: ns per update until every update is "
                            + "applied, producer start and join included (\"harness only\" is that overhead alone). "
                            + "Mailbox rows enqueue and one consumer applies; lock rows apply in place; "
                            + "`AtomicLong` and `LongAdder` have no critical section at all (the counter ceiling).",
                    "producers"),
            new Section("LocksClassic", "Suite 1, classic view: JMH platform threads",
                    "Each JMH thread applies one update per operation; no thread is started in the benchmark.", null),
            new Section("AskLatency", "Suite 1: ask round trip (SampleTime)",
                    "A JMH thread sends a request that updates the state and waits for the reply. Percentiles in ns.",
                    null),
            new Section("Rendezvous", "Suite 2: rendezvous ping-pong, one pair",
                    "Two virtual threads; score per hand-off (two per round trip). The volatile floor is "
                            + "a volatile slot with both sides spinning.", null),
            new Section("BufferedSpsc", "Suite 2: buffered, one producer and one consumer",
                    "100,000 values through a buffer of 16 or 100. `LinkedTransferQueue` is unbounded here.", null),
            new Section("BufferedFastPath", "Suite 2: buffered send + receive on one thread (the fast path)",
                    "Neither call waits; score per send/receive pair. This isolates the allocation of the channel "
                            + "itself from that of virtual-thread parking.", null),
            new Section("ManyToMany", "Suite 2: 4 producers x 4 consumers, buffer 16", "Score per value.", null),
            new Section("ManyPairs", "Suite 2: 1 against 10,000 virtual-thread pairs",
                    "500,000 rendezvous hand-offs split over independent pairs; score per hand-off.", null),
            new Section("Chain", "Suite 2: 10,000-channel daisy chain",
                    "10,000 relaying virtual threads, 20 values pipelined through; score per hop.", null),
            new Section("SelectReceive", "Suite 2: select over 1, 2, 4 receive cases",
                    "Rendezvous channels, one sender round-robin, one selecting receiver; score per value.", null),
            new Section("SelectBuffered", "Suite 2: select over 2 buffered cases against a plain receive",
                    "Buffered(16) channels, one producer (round-robin for the selects), one consumer; score per value.",
                    null),
            new Section("TryOps", "Suite 2: trySend + tryReceive, uncontended",
                    "One thread, buffer of 16; score per send/receive pair. Jox 1.0.1 has no try-operations: its row "
                            + "is select with a default clause.", null),
            new Section("GoChanSync", "Suite 2: Go's ChanSync shape",
                    "Two virtual threads alternate send/receive on one rendezvous channel; score per hand-off.", null),
            new Section("GoProdCons", "Suite 2: Go's ProdCons shapes (capacity 0, 10, 100)",
                    "Two producers, two consumers; the JDK queue is `SynchronousQueue` (0) or `ArrayBlockingQueue`.", null));

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Path charts = null;
        Path notes = null;
        Path footprint = null;
        Path suite1 = null;
        Path readme = null;
        Path block = null;
        boolean force = false;
        String conditions = null;
        String profile = "quick profile (`channels-bench/run.sh`)";
        double loadStart = Double.NaN;
        double loadEnd = Double.NaN;
        int cores = Runtime.getRuntime().availableProcessors();
        String date = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && !a.equals("--force") && i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            switch (a) {
                case "--out" -> out = Path.of(args[++i]);
                case "--charts" -> charts = Path.of(args[++i]);
                case "--notes" -> notes = Path.of(args[++i]);
                case "--footprint" -> footprint = Path.of(args[++i]);
                case "--conditions" -> conditions = args[++i];
                case "--date" -> date = args[++i];
                case "--suite1" -> suite1 = Path.of(args[++i]);
                case "--profile" -> profile = args[++i];
                case "--load-start" -> loadStart = Load.parse(args[++i]);
                case "--load-end" -> loadEnd = Load.parse(args[++i]);
                case "--cores" -> cores = Integer.parseInt(args[++i].strip());
                case "--readme" -> readme = Path.of(args[++i]);
                case "--block" -> block = Path.of(args[++i]);
                case "--force" -> force = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (readme != null) {
            if (block == null) {
                throw new IllegalArgumentException("--readme needs --block FILE (the suite1.md of a quick run)");
            }
            try {
                Files.writeString(readme, Readme.publish(Files.readString(readme), Files.readString(block), force));
            } catch (IllegalStateException e) {
                System.err.println("Report: " + block + ": " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        List<Result> results = new ArrayList<>();
        Map<String, String> jvm = new LinkedHashMap<>();
        for (Path p : inputs) {
            String json = Files.readString(p);
            results.addAll(Result.fromJmhJson(json));
            jvm.putAll(jvmInfo(json));
        }
        if (suite1 != null) {
            String when = date != null ? date
                    : LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
            Suite1.Run run = new Suite1.Run(profile, when, machine(), jdk(jvm), new Load(loadStart, loadEnd, cores));
            String settings = Suite1.settings(jvm);
            String table = Suite1.console(results, run, settings);
            Files.createDirectories(suite1);
            Files.writeString(suite1.resolve("suite1.txt"), table);
            Files.writeString(suite1.resolve("suite1.md"),
                    Suite1.markdown(results, run, settings, "channels-bench/results/charts/suite1-readme.svg"));
            Files.writeString(suite1.resolve("suite1.svg"), Suite1.svg(results, run.profile().replace("`", "") + ": "
                    + settings + "\n" + run.date() + (run.load().busy() ? "; busy machine (" + run.load().describe()
                    + "): not representative" : "")));
            System.out.print(table);
            return;
        }
        if (date == null) {
            date = LocalDate.now(ZoneOffset.UTC).toString();
        }
        String header = header(date, conditions, jvm, new Load(loadStart, loadEnd, cores));
        if (out == null) {
            System.out.print(header + markdown(results, null, null));
            return;
        }
        Map<String, String> svgs = charts == null ? Map.of() : charts(results);
        String chartLink = charts == null ? null
                : out.toAbsolutePath().getParent().relativize(charts.toAbsolutePath()).toString().replace('\\', '/');
        StringBuilder md = new StringBuilder(header);
        md.append("\n## Targets\n\n").append(targets(results));
        if (notes != null && Files.exists(notes)) {
            md.append("\n## Notes\n\n").append(Files.readString(notes).strip()).append('\n');
        }
        if (footprint != null && Files.exists(footprint)) {
            md.append("\n## Footprint\n\n").append(Files.readString(footprint).strip()).append('\n');
        }
        md.append(markdown(results, chartLink, svgs.keySet()));
        Files.writeString(out, md.toString());
        if (charts != null) {
            Files.createDirectories(charts);
            for (Map.Entry<String, String> e : svgs.entrySet()) {
                Files.writeString(charts.resolve(e.getKey()), e.getValue());
            }
        }
    }

    static String machine() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM";
    }

    static String jdk(Map<String, String> jvm) {
        return "JDK " + jvm.getOrDefault("jdkVersion", "?") + " (" + jvm.getOrDefault("vmVersion", "?") + "), JMH "
                + jvm.getOrDefault("jmhVersion", "?");
    }

    // ------------------------------------------------------------------------------------------ header

    static String header(String date, String conditions, Map<String, String> jvm, Load load) {
        StringBuilder b = new StringBuilder("# Benchmarks\n\n");
        b.append("Generated by `dev.channels.bench.report.Report` from JMH JSON; regenerate rather than edit.\n\n");
        b.append("- Date: ").append(date).append('\n');
        b.append("- Machine: ").append(cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores visible to the JVM\n");
        if (!jvm.isEmpty()) {
            b.append("- JDK: ").append(jvm.getOrDefault("vmName", "?")).append(' ')
                    .append(jvm.getOrDefault("vmVersion", "?")).append(" (").append(jvm.getOrDefault("jdkVersion", "?"))
                    .append("), JMH ").append(jvm.getOrDefault("jmhVersion", "?")).append('\n');
        }
        if (conditions != null) {
            b.append("- Conditions: ").append(conditions).append('\n');
        }
        if (load.known()) {
            b.append("- Load: ").append(load.describe()).append('\n');
        }
        if (load.warning() != null) {
            b.append("\n**").append(load.warning()).append("**\n");
        }
        b.append("- Peers: Jox `com.softwaremill.jox:channels:1.0.1`, Apache Pekko `pekko-actor_2.13:1.7.0`, "
                + "JCTools 4.0.7 (VarHandle queues), the JDK's queues and locks.\n");
        b.append("\nScores are ns/op (lower is better) ± JMH's 99.9% error. A row whose error exceeds half its score "
                + "is *noisy*: it is shown but not ranked, and no target is judged on it. \"Fork means\" is the "
                + "lowest and highest mean of one fork (with two or more forks). B/op is `gc.alloc.rate.norm` "
                + "from `-prof gc` (blank when not profiled). \"vs best peer\" divides a row's score by the score "
                + "of the fastest peer in the same shape that is not noisy: below 1.00x is faster than every "
                + "peer.\n");
        return b.toString();
    }

    /** The JVM, JMH and iteration settings of a result file's first benchmark. */
    static Map<String, String> jvmInfo(String json) {
        Map<String, String> m = new LinkedHashMap<>();
        Object parsed = Json.parse(json);
        if (parsed instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> first) {
            for (String k : List.of("jmhVersion", "jdkVersion", "vmName", "vmVersion", "forks", "warmupIterations",
                    "warmupTime", "measurementIterations", "measurementTime")) {
                Object v = first.get(k);
                if (v instanceof Double d && d == Math.rint(d)) {
                    m.put(k, String.valueOf(d.longValue()));
                } else if (v != null) {
                    m.put(k, String.valueOf(v));
                }
            }
        }
        return m;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    // ------------------------------------------------------------------------------------------ tables

    static String markdown(List<Result> results, String chartDir, Set<String> chartNames) {
        StringBuilder b = new StringBuilder();
        Map<String, List<Result>> byClass = results.stream()
                .collect(Collectors.groupingBy(Result::className, LinkedHashMap::new, Collectors.toList()));
        List<Section> order = new ArrayList<>();
        for (Section s : SECTIONS) {
            if (byClass.containsKey(s.className())) {
                order.add(s);
            }
        }
        for (String c : byClass.keySet()) {
            if (SECTIONS.stream().noneMatch(s -> s.className().equals(c))) {
                order.add(new Section(c, c, "", null));
            }
        }
        for (Section s : order) {
            List<Result> rows = byClass.get(s.className());
            b.append("\n## ").append(s.title()).append("\n\n");
            if (!s.about().isEmpty()) {
                b.append(s.about()).append("\n\n");
            }
            if (chartDir != null) {
                for (String name : chartNames) {
                    if (name.startsWith(chartPrefix(s.className()))) {
                        b.append("![").append(name).append("](").append(chartDir).append('/').append(name)
                                .append(")\n\n");
                    }
                }
            }
            if (s.pivot() != null && rows.stream().allMatch(r -> r.params().containsKey(s.pivot()))) {
                b.append(pivot(rows, s.pivot()));
                if (s.className().equals(Suite1.CLASS)) {
                    Suite1.byWorkAndLoad(rows).forEach((work, loads) -> b.append("Verdicts, work=").append(work)
                            .append(":\n\n").append(Suite1.verdicts(loads)).append('\n'));
                }
            } else {
                b.append(table(rows));
            }
        }
        return b.toString();
    }

    /** Shapes of one class in order of first appearance, each with its rows (ours first, then by score). */
    static Map<String, List<Result>> shapes(List<Result> rows) {
        boolean withThreads = rows.stream().map(Result::threads).distinct().count() > 1;
        Map<String, List<Result>> m = new LinkedHashMap<>();
        for (Result r : rows) {
            m.computeIfAbsent(r.shape(withThreads), k -> new ArrayList<>()).add(r);
        }
        m.replaceAll((k, v) -> v.stream()
                .sorted(Comparator.comparing((Result r) -> !r.isOurs()).thenComparingDouble(Result::score))
                .toList());
        return m;
    }

    /** The fastest peer of a shape that is not noisy: neither ours nor a harness baseline. */
    static Optional<Result> bestPeer(List<Result> shapeRows) {
        return shapeRows.stream().filter(r -> !r.isOurs() && !r.isBaseline() && !r.isNoisy())
                .min(Comparator.comparingDouble(Result::score));
    }

    /** A row's ratio to the best peer; "noisy" for a noisy row, which is never ranked. */
    static String ratio(Result r, List<Result> shapeRows) {
        if (r.isBaseline()) {
            return "overhead";
        }
        if (r.isNoisy()) {
            return "noisy";
        }
        return bestPeer(shapeRows).map(best -> String.format(Locale.ROOT, "%.2fx", r.score() / best.score()))
                .orElse("");
    }

    /** "min-max" of the fork means, blank with fewer than two forks. */
    static String spread(Result r) {
        double[] s = r.forkSpread();
        return s == null ? "" : num(s[0]) + "–" + num(s[1]);
    }

    private static String error(Result r) {
        return Double.isNaN(r.error()) ? "n/a" : num(r.error());
    }

    static String table(List<Result> rows) {
        boolean sample = rows.stream().anyMatch(r -> r.mode().equals("sample"));
        StringBuilder b = new StringBuilder();
        if (sample) {
            b.append("| shape | contender | mean | ± | p50 | p99 | p99.99 | B/op | vs best peer |\n");
            b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        } else {
            b.append("| shape | contender | ns/op | ± | fork means | B/op | vs best peer |\n");
            b.append("|---|---|---:|---:|---:|---:|---:|\n");
        }
        for (Map.Entry<String, List<Result>> shape : shapes(rows).entrySet()) {
            for (Result r : shape.getValue()) {
                String name = Labels.of(r).markdown();
                b.append("| ").append(shape.getKey()).append(" | ").append(name).append(" | ").append(num(r.score()))
                        .append(" | ").append(error(r));
                if (sample) {
                    b.append(" | ").append(num(r.percentiles().getOrDefault("50.0", Double.NaN)))
                            .append(" | ").append(num(r.percentiles().getOrDefault("99.0", Double.NaN)))
                            .append(" | ").append(num(r.percentiles().getOrDefault("99.99", Double.NaN)));
                } else {
                    b.append(" | ").append(spread(r));
                }
                b.append(" | ").append(bytes(r.bytesPerOp())).append(" | ").append(ratio(r, shape.getValue()))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    /** One table per combination of the other parameters: contenders down, the pivot parameter across. */
    static String pivot(List<Result> rows, String pivotParam) {
        StringBuilder b = new StringBuilder();
        Map<String, List<Result>> byRest = new LinkedHashMap<>();
        for (Result r : rows) {
            String rest = r.params().entrySet().stream().filter(e -> !e.getKey().equals(pivotParam))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            boolean multiThreads = rows.stream().map(Result::threads).distinct().count() > 1;
            if (multiThreads) {
                rest = rest + (rest.isEmpty() ? "" : ", ") + "threads=" + r.threads();
            }
            byRest.computeIfAbsent(rest, k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Result>> group : byRest.entrySet()) {
            List<String> columns = new ArrayList<>(new LinkedHashSet<>(
                    group.getValue().stream().map(r -> r.params().get(pivotParam)).toList()));
            columns.sort(Comparator.comparingDouble(Report::numeric));
            Map<String, List<Result>> byColumn = new LinkedHashMap<>();
            for (Result r : group.getValue()) {
                byColumn.computeIfAbsent(r.params().get(pivotParam), k -> new ArrayList<>()).add(r);
            }
            List<String> contenders = new ArrayList<>(new LinkedHashSet<>(group.getValue().stream()
                    .sorted(Comparator.comparing((Result r) -> !r.isOurs()).thenComparing(r -> r.isBaseline()))
                    .map(Result::contender).toList()));
            if (group.getValue().get(0).className().equals(Suite1.CLASS)) {
                contenders.sort(Comparator.comparingInt(Suite1::order));
            }
            b.append("**").append(group.getKey().isEmpty() ? "all" : group.getKey())
                    .append("**: ns/op ± error (ratio to the best peer) [fork means], B/op\n\n");
            b.append("| contender |");
            columns.forEach(c -> b.append(' ').append(pivotParam).append('=').append(c).append(" |"));
            b.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
            for (String c : contenders) {
                b.append("| ").append(Labels.of(group.getValue().get(0).className(), c).markdown()).append(" |");
                for (String col : columns) {
                    List<Result> cell = byColumn.getOrDefault(col, List.of());
                    Optional<Result> r = cell.stream().filter(x -> x.contender().equals(c)).findFirst();
                    b.append(' ').append(r.map(x -> pivotCell(x, cell)).orElse("")).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String pivotCell(Result x, List<Result> cell) {
        String spread = spread(x);
        String v = num(x.score()) + " ± " + error(x) + " (" + ratio(x, cell) + ")"
                + (spread.isEmpty() ? "" : " [" + spread + "]")
                + (x.bytesPerOp() == null ? "" : ", " + bytes(x.bytesPerOp()) + " B");
        return x.isNoisy() && !x.isBaseline() ? "*" + v + "*" : v;
    }

    private static double numeric(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a < 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a < 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String bytes(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    // ------------------------------------------------------------------------------------------ charts

    static String chartPrefix(String className) {
        return className.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** One chart per class; Suite 1's main class gets one chart per value of {@code work}. */
    static Map<String, String> charts(List<Result> results) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, List<Result>> byClass = results.stream()
                .collect(Collectors.groupingBy(Result::className, LinkedHashMap::new, Collectors.toList()));
        if (byClass.containsKey(Suite1.CLASS)) {
            // The same line plot as the quick profile's (its first work value), ahead of the bar charts.
            out.put(chartPrefix(Suite1.CLASS) + "-lines.svg", Suite1.svg(byClass.get(Suite1.CLASS), null));
        }
        for (Map.Entry<String, List<Result>> e : byClass.entrySet()) {
            String title = SECTIONS.stream().filter(s -> s.className().equals(e.getKey())).map(Section::title)
                    .findFirst().orElse(e.getKey());
            boolean splitByWork = e.getValue().stream().allMatch(r -> r.params().containsKey("work"));
            Map<String, List<Result>> parts = new LinkedHashMap<>();
            for (Result r : e.getValue()) {
                parts.computeIfAbsent(splitByWork ? "work-" + r.params().get("work") : "", k -> new ArrayList<>())
                        .add(r);
            }
            for (Map.Entry<String, List<Result>> part : parts.entrySet()) {
                Map<String, List<Chart.Bar>> groups = new LinkedHashMap<>();
                List<Result> rows = part.getValue();
                if (splitByWork) {
                    rows = rows.stream().map(r -> {
                        Map<String, String> p = new LinkedHashMap<>(r.params());
                        p.remove("work");
                        return r.withParams(p);
                    }).toList();
                }
                shapes(rows).forEach((shape, rs) -> groups.put(shape,
                        rs.stream().map(r -> new Chart.Bar(r.contender(), r.score())).toList()));
                String name = chartPrefix(e.getKey()) + (part.getKey().isEmpty() ? "" : "-" + part.getKey()) + ".svg";
                String unit = e.getValue().get(0).unit();
                out.put(name, Chart.svg(title + (part.getKey().isEmpty() ? "" : " (" + part.getKey()
                        .replace('-', '=') + ")"), unit, groups));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ targets

    /** A target of the issue, checked against this run. */
    record Target(String claim, String measured, String status) {
    }

    static String targets(List<Result> results) {
        List<Target> t = new ArrayList<>();
        ratioTarget(t, results, "rendezvous hand-off <= 0.5x Jox", "Rendezvous", "ours", Map.of(), "jox", Map.of(), 0.5);
        ratioTarget(t, results, "rendezvous hand-off <= 2x the volatile floor", "Rendezvous", "ours", Map.of(),
                "volatileFloor", Map.of(), 2.0);
        ratioTarget(t, results, "buffered-16 <= 0.5x Jox", "BufferedSpsc", "ours", Map.of("capacity", "16"), "jox",
                Map.of("capacity", "16"), 0.5);
        ratioTarget(t, results, "buffered-16 <= 0.5x ArrayBlockingQueue", "BufferedSpsc", "ours",
                Map.of("capacity", "16"), "arrayBlockingQueue", Map.of("capacity", "16"), 0.5);
        ratioTarget(t, results, "2-case select <= 0.5x Jox", "SelectReceive", "ours", Map.of("cases", "2"), "jox",
                Map.of("cases", "2"), 0.5);
        ratioTarget(t, results, "rendezvous hand-off <= SynchronousQueue", "Rendezvous", "ours", Map.of(),
                "synchronousQueue", Map.of(), 1.0);
        ratioTarget(t, results, "Go's ChanSync <= SynchronousQueue", "GoChanSync", "ours", Map.of(),
                "synchronousQueue", Map.of(), 1.0);
        ratioTarget(t, results, "buffered-16 <= LinkedTransferQueue", "BufferedSpsc", "ours", Map.of("capacity", "16"),
                "linkedTransferQueue", Map.of("capacity", "16"), 1.0);
        ratioTarget(t, results, "select over 2 buffered cases <= 1.5x a plain receive", "SelectBuffered",
                "oursSelect2", Map.of(), "oursReceive", Map.of(), 1.5);
        ratioTarget(t, results, "10,000 pairs within 2x of one pair", "ManyPairs", "ours", Map.of("pairs", "10000"),
                "ours", Map.of("pairs", "1"), 2.0);
        boolean oursTell = results.stream().anyMatch(r -> r.contender().equals("oursTell"));
        if (!oursTell) {
            String why = "not measured (no `oursTell` row: the actor module was not in this build)";
            t.add(new Target("tell throughput >= 1.5x Pekko at P = 1, 4, 64, 1,024", "", why));
            t.add(new Target("tell within 1.5x of the raw MPSC limit", "", why));
        }
        Set<String> works = !oursTell ? Set.of() : results.stream().filter(r -> r.contender().equals("oursTell"))
                .map(r -> r.params().get("work")).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String w : works) {
            for (String p : List.of("1", "4", "64", "1024")) {
                Map<String, String> at = Map.of("producers", p, "work", w);
                // Throughput ratio ours/Pekko >= 1.5 is time ratio ours/Pekko <= 1/1.5.
                ratioTarget(t, results, "tell throughput >= 1.5x Pekko (P=" + p + ", work=" + w + "; time ratio <= 0.67)",
                        "MailboxVsLocks", "oursTell", at, "pekkoTell", at, 1 / 1.5);
                ratioTarget(t, results, "tell within 1.5x of raw MPSC (P=" + p + ", work=" + w + ")",
                        "MailboxVsLocks", "oursTell", at, "jctoolsMpsc", at, 1.5);
            }
        }
        bytesTarget(t, results, "0 B/op on buffered send/receive (fast path, one thread)", "BufferedFastPath",
                "ours", Map.of(), 0.5);
        for (String cap : List.of("16", "100")) {
            bytesTarget(t, results, "0 B/op on buffered send/receive (two threads, capacity " + cap
                    + "; includes virtual-thread parking)", "BufferedSpsc", "ours", Map.of("capacity", cap), 0.5);
        }
        if (oursTell) {
            bytesTarget(t, results, "tell allocates only the message (P=1, work=0; the message, a lambda capturing "
                    + "two ints and a reference, is 24 B)", "MailboxVsLocks", "oursTell",
                    Map.of("producers", "1", "work", "0"), 24.5);
        }
        StringBuilder b = new StringBuilder("| target | measured | status |\n|---|---:|---|\n");
        for (Target x : t) {
            b.append("| ").append(x.claim()).append(" | ").append(x.measured()).append(" | ").append(x.status())
                    .append(" |\n");
        }
        return b.toString();
    }

    static Optional<Result> find(List<Result> results, String cls, String contender, Map<String, String> params) {
        return results.stream().filter(r -> r.className().equals(cls) && r.contender().equals(contender))
                .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
                .filter(r -> r.threads() == 1 || !r.className().equals("LocksClassic"))
                .findFirst();
    }

    private static void ratioTarget(List<Target> out, List<Result> results, String claim, String cls, String a,
                                    Map<String, String> pa, String b, Map<String, String> pb, double limit) {
        Optional<Result> x = find(results, cls, a, pa);
        Optional<Result> y = find(results, cls, b, pb);
        if (x.isEmpty() || y.isEmpty()) {
            out.add(new Target(claim, "", "not measured (" + (x.isEmpty() ? a : b) + " missing)"));
            return;
        }
        if (x.get().isNoisy() || y.get().isNoisy()) {
            out.add(new Target(claim, "", "not judged (" + (x.get().isNoisy() ? a : b) + " is noisy)"));
            return;
        }
        double r = x.get().score() / y.get().score();
        out.add(new Target(claim, String.format(Locale.ROOT, "%.2fx (%s / %s ns)", r, num(x.get().score()),
                num(y.get().score())), r <= limit ? "pass" : "**missed**"));
    }

    private static void bytesTarget(List<Target> out, List<Result> results, String claim, String cls,
                                    String contender, Map<String, String> params, double limit) {
        Optional<Result> x = find(results, cls, contender, params);
        if (x.isEmpty() || x.get().bytesPerOp() == null) {
            out.add(new Target(claim, "", x.isEmpty() ? "not measured (" + contender + " missing)"
                    : "not measured (run without -prof gc)"));
            return;
        }
        double v = x.get().bytesPerOp();
        out.add(new Target(claim, bytes(v) + " B/op", v <= limit ? "pass" : "**missed**"));
    }
}
