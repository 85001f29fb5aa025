package dev.channels.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts as plain SVG, written by hand so that the benchmark module needs no plotting library.
 *
 * <ul>
 *   <li>{@link #svg}: horizontal grouped bars on a logarithmic axis (the contenders span several orders of
 *       magnitude). One group per shape, one bar per contender, ours always in the same strong colour.
 *   <li>{@link #lines}: one polyline per contender across a numeric parameter (Suite 1's producers), both axes
 *       logarithmic, with axis labels and a legend.
 * </ul>
 */
final class Chart {
    private static final String OURS = "#d62728";
    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31",
    };
    private static final int BAR = 12;
    private static final int GAP = 10;
    private static final int LABEL_W = 230;
    private static final int PLOT_W = 520;
    private static final int LEGEND_W = 190;

    private Chart() {
    }

    /** A bar: contender and value; groups keep insertion order. */
    record Bar(String contender, double value) {
    }

    static String svg(String title, String unit, Map<String, List<Bar>> groups) {
        double min = Double.MAX_VALUE;
        double max = 0;
        List<String> contenders = new ArrayList<>();
        for (List<Bar> bars : groups.values()) {
            for (Bar b : bars) {
                if (b.value > 0 && Double.isFinite(b.value)) {
                    min = Math.min(min, b.value);
                    max = Math.max(max, b.value);
                }
                if (!contenders.contains(b.contender)) {
                    contenders.add(b.contender);
                }
            }
        }
        if (max == 0) {
            min = 1;
            max = 10;
        }
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        Map<String, String> colour = new LinkedHashMap<>();
        int next = 0;
        for (String c : contenders) {
            colour.put(c, c.startsWith("ours") ? OURS : PALETTE[next++ % PALETTE.length]);
        }

        int top = 40;
        int y = top;
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<Bar>> g : groups.entrySet()) {
            int h = g.getValue().size() * BAR;
            body.append(text(LABEL_W - 8, y + h / 2 + 4, "end", 12, g.getKey()));
            for (Bar b : g.getValue()) {
                double w = b.value > 0 ? scale(b.value, lo, hi) : 0;
                body.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s %s</title></rect>%n",
                        LABEL_W, y, w, BAR - 2, colour.get(b.contender), esc(b.contender), Report.num(b.value), esc(unit)));
                body.append(text((int) (LABEL_W + w + 4), y + BAR - 3, "start", 9, Report.num(b.value)));
                y += BAR;
            }
            y += GAP;
        }
        int plotBottom = y;
        StringBuilder axis = new StringBuilder();
        for (double t = lo; t <= hi * 1.0001; t *= 10) {
            double x = LABEL_W + scale(t, lo, hi);
            axis.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, top - 4, x, plotBottom));
            axis.append(text((int) x, plotBottom + 14, "middle", 10, Report.num(t)));
        }
        axis.append(text(LABEL_W + PLOT_W / 2, plotBottom + 30, "middle", 11, unit + " (log scale, lower is better)"));
        StringBuilder legend = new StringBuilder();
        int ly = top;
        int lx = LABEL_W + PLOT_W + 60;
        for (Map.Entry<String, String> c : colour.entrySet()) {
            legend.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    lx, ly, c.getValue()));
            legend.append(text(lx + 14, ly + 9, "start", 11, c.getKey()));
            ly += 16;
        }
        int height = Math.max(plotBottom + 40, ly + 10);
        int width = LABEL_W + PLOT_W + 60 + LEGEND_W;
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height)
                + text(10, 22, "start", 15, title) + axis + body + legend + "</svg>\n";
    }

    /** A point of a line: x, y and whether the measurement was noisy (drawn hollow). */
    record Point(double x, double y, boolean noisy) {
    }

    /** A line: the contender's label, its line style and its points in x order. */
    record Series(String label, boolean ours, String dash, List<Point> points) {
    }

    private static final int L_LEFT = 70;

    private static final int L_W = 520;
    private static final int L_H = 340;

    /**
     * A line plot, both axes logarithmic: one {@code <polyline>} per series (a series with a single point draws
     * only its marker inside an empty polyline, so the count stays one per contender), a marker per point (hollow
     * when noisy), x ticks at the measured x values, y ticks at 1, 2 and 5 times powers of ten.
     */
    static String lines(String title, String xLabel, String yLabel, List<Series> series, List<String> notes) {
        // The plot starts below the title and its subtitle lines.
        final int top = 42 + 16 * (int) title.chars().filter(c -> c == '\n').count();
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (Series s : series) {
            for (Point p : s.points()) {
                if (p.x() > 0 && p.y() > 0 && Double.isFinite(p.y())) {
                    xMin = Math.min(xMin, p.x());
                    xMax = Math.max(xMax, p.x());
                    yMin = Math.min(yMin, p.y());
                    yMax = Math.max(yMax, p.y());
                    xs.add(p.x());
                }
            }
        }
        if (xs.isEmpty()) {
            xMin = 1;
            xMax = 10;
            yMin = 1;
            yMax = 10;
        }
        if (xMax <= xMin) {
            xMax = xMin * 10;
        }
        // A margin of 4% of the x range on each side keeps the first and last markers off the frame.
        double margin = (Math.log10(xMax) - Math.log10(xMin)) * 0.04;
        double lx0 = Math.log10(xMin) - margin;
        double lx1 = Math.log10(xMax) + margin;
        double ly0 = Math.floor(Math.log10(yMin));
        double ly1 = Math.ceil(Math.log10(yMax));
        if (ly1 <= ly0) {
            ly1 = ly0 + 1;
        }
        final double fx0 = lx0;
        final double fx1 = lx1;
        final double fy0 = ly0;
        final double fy1 = ly1;
        java.util.function.DoubleUnaryOperator px = v -> L_LEFT + (Math.log10(v) - fx0) / (fx1 - fx0) * L_W;
        java.util.function.DoubleUnaryOperator py = v -> top + L_H - (Math.log10(v) - fy0) / (fy1 - fy0) * L_H;

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", L_LEFT, top, L_W, L_H));
        for (double decade = Math.pow(10, ly0); decade < Math.pow(10, ly1) * 1.0001; decade *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double v = decade * m;
                if (v > Math.pow(10, ly1) * 1.0001) {
                    break;
                }
                double y = py.applyAsDouble(v);
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                        + "stroke=\"%s\"/>%n", L_LEFT, y, L_LEFT + L_W, y, m == 1 ? "#ccc" : "#eee"));
                b.append(text(L_LEFT - 6, (int) Math.round(y) + 4, "end", 11, tick(v)));
            }
        }
        for (double x : xs) {
            double sx = px.applyAsDouble(x);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#eee\"/>%n", sx, top, sx, top + L_H));
            b.append(text((int) Math.round(sx), top + L_H + 16, "middle", 11, tick(x)));
        }
        b.append(text(L_LEFT + L_W / 2, top + L_H + 36, "middle", 12, xLabel));
        b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                + "transform=\"rotate(-90 16 %d)\">%s</text>%n", top + L_H / 2, top + L_H / 2, esc(yLabel)));

        int next = 0;
        int legendY = top + 6;
        int legendX = L_LEFT + L_W + 24;
        boolean anyNoisy = false;
        for (Series s : series) {
            String colour = s.ours() ? OURS : PALETTE[next++ % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (Point p : s.points()) {
                if (!(p.x() > 0 && p.y() > 0 && Double.isFinite(p.y()))) {
                    continue;
                }
                double x = px.applyAsDouble(p.x());
                double y = py.applyAsDouble(p.y());
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                anyNoisy |= p.noisy();
                marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" stroke=\"%s\" "
                                + "stroke-width=\"1.5\" fill=\"%s\"><title>%s: %s at %s%s</title></circle>%n",
                        x, y, colour, p.noisy() ? "white" : colour, esc(s.label()), Report.num(p.y()),
                        tick(p.x()), p.noisy() ? " (noisy)" : ""));
            }
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
                            + "points=\"%s\"/>%n", colour, s.ours() ? "2.5" : "1.5",
                    s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"", pts.toString().strip()));
            b.append(marks);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                            + "stroke-width=\"%s\"%s/>%n", legendX, legendY, legendX + 26, legendY, colour,
                    s.ours() ? "2.5" : "1.5", s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
            b.append(text(legendX + 32, legendY + 4, "start", 11, s.label()));
            legendY += 18;
        }
        if (anyNoisy) {
            legendY += 6;
            b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" stroke=\"#555\" "
                    + "stroke-width=\"1.5\" fill=\"white\"/>%n", legendX + 13, legendY));
            b.append(text(legendX + 32, legendY + 4, "start", 11, "noisy: error above half the score"));
            legendY += 18;
        }
        legendY += 6;
        for (String note : notes) {
            b.append(text(legendX, legendY + 4, "start", 11, note));
            legendY += 16;
        }
        int width = legendX + 250;
        int height = Math.max(top + L_H + 50, legendY + 10);
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height)
                + titleLines(title) + b + "</svg>\n";
    }

    /** The title's first line large, any further lines (the run) small and grey. */
    private static String titleLines(String title) {
        String[] lines = title.split("\n");
        StringBuilder b = new StringBuilder(text(L_LEFT, 24, "start", 15, lines[0]));
        for (int i = 1; i < lines.length; i++) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\" font-size=\"11\" "
                    + "fill=\"#555\">%s</text>%n", L_LEFT, 24 + 16 * i, esc(lines[i])));
        }
        return b.toString();
    }

    /** A tick label: whole numbers with thousands separators, fractions as the tables print them. */
    static String tick(double v) {
        return v >= 1 && v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : Report.num(v);
    }

    private static double scale(double v, double lo, double hi) {
        double f = (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        return Math.max(1, f * PLOT_W);
    }

    private static String text(int x, int y, String anchor, int size, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, esc(s));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
