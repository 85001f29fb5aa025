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
 */
record Result(String className, String method, String mode, int threads, Map<String, String> params,
              double score, double error, String unit, Double bytesPerOp, Map<String, Double> percentiles) {

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
            out.add(new Result(cls, method, (String) m.get("mode"), number(m.get("threads")).intValue(), params,
                    number(primary.get("score")), number(primary.get("scoreError")),
                    (String) primary.get("scoreUnit"), alloc, pct));
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
