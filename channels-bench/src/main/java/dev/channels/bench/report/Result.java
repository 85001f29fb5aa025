package dev.channels.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One JMH result row, reduced to what the report needs. The contender is the {@code impl} parameter when the
 * benchmark has one, else the method name; the shape is everything else (the other parameters and, when a
 * benchmark ran with several thread counts, the JMH thread count).
 *
 * <p>{@code error} is JMH's half-width of the 99.9% confidence interval (NaN when JMH had a single measurement);
 * {@code forkMeans} holds the mean of each fork's measurement iterations, from JMH's {@code rawData}.
 */
record Result(String className, String method, String mode, int threads, Map<String, String> params,
              double score, double error, String unit, Double bytesPerOp, Map<String, Double> percentiles,
              List<Double> forkMeans) {

    static final String IMPL = "impl";

    String contender() {
        return params.getOrDefault(IMPL, method);
    }

    /** Parameters other than the contender, in JMH's order, as {@code name=value} pairs. */
    String shape(boolean withThreads) {
        StringJoiner j = new StringJoiner(", ");
        if (params.containsKey(IMPL)) {
            j.add(method);
        }
        params.forEach((k, v) -> {
            if (!k.equals(IMPL)) {
                j.add(k + "=" + v);
            }
        });
        if (withThreads) {
            j.add("threads=" + threads);
        }
        String s = j.toString();
        // No parameters and the method is the contender: the class has a single shape.
        return s.isEmpty() ? "-" : s;
    }

    /** Ours: every contender whose name starts with "ours". */
    boolean isOurs() {
        return contender().startsWith("ours");
    }

    /** Rows that are neither ours nor a peer: harness baselines. */
    boolean isBaseline() {
        return contender().startsWith("harness");
    }

    /**
     * The noisy rule: a row whose error exceeds half its score cannot be told from noise, and a row without an
     * error estimate (a single measurement) cannot be judged either. Noisy rows are shown, never ranked.
     */
    boolean isNoisy() {
        return !(error <= score / 2);
    }

    /** The lowest and highest fork mean, or null with fewer than two forks. */
    double[] forkSpread() {
        if (forkMeans.size() < 2) {
            return null;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double m : forkMeans) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        return new double[] {lo, hi};
    }

    /** The same row with other parameters (used to drop a parameter that every row of a chart shares). */
    Result withParams(Map<String, String> newParams) {
        return new Result(className, method, mode, threads, newParams, score, error, unit, bytesPerOp, percentiles,
                forkMeans);
    }

    @SuppressWarnings("unchecked")
    static List<Result> fromJmhJson(String json) {
        List<Result> out = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> m = (Map<String, Object>) o;
            String bench = (String) m.get("benchmark");
            int dot = bench.lastIndexOf('.');
            String cls = bench.substring(bench.lastIndexOf('.', dot - 1) + 1, dot);
            String method = bench.substring(dot + 1);
            Map<String, String> params = new LinkedHashMap<>();
            Object p = m.get("params");
            if (p instanceof Map<?, ?> pm) {
                pm.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) m.get("primaryMetric");
            Map<String, Double> pct = new LinkedHashMap<>();
            if (primary.get("scorePercentiles") instanceof Map<?, ?> pp) {
                pp.forEach((k, v) -> pct.put((String) k, number(v)));
            }
            Double alloc = null;
            if (m.get("secondaryMetrics") instanceof Map<?, ?> sec) {
                for (Map.Entry<?, ?> e : sec.entrySet()) {
                    String key = ((String) e.getKey()).replace("\u00b7", "");
                    if (key.equals("gc.alloc.rate.norm")) {
                        alloc = number(((Map<String, Object>) e.getValue()).get("score"));
                    }
                }
            }
            List<Double> forkMeans = new ArrayList<>();
            if (primary.get("rawData") instanceof List<?> forks) {
                for (Object fork : forks) {
                    if (fork instanceof List<?> iterations && !iterations.isEmpty()) {
                        double sum = 0;
                        for (Object v : iterations) {
                            sum += number(v);
                        }
                        forkMeans.add(sum / iterations.size());
                    }
                }
            }
            out.add(new Result(cls, method, (String) m.get("mode"), number(m.get("threads")).intValue(), params,
                    number(primary.get("score")), number(primary.get("scoreError")),
                    (String) primary.get("scoreUnit"), alloc, pct, List.copyOf(forkMeans)));
        }
        return out;
    }

    private static Double number(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return Double.valueOf(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
