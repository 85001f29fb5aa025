package dev.channels.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Horizontal grouped bar charts as plain SVG, on a logarithmic axis (the contenders span several orders of
 * magnitude). One group per shape, one bar per contender, the same colour for a contender in every chart, and
 * ours always in the same strong colour.
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
