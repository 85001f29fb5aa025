package dev.channels.bench.report;

import java.util.Locale;

/**
 * The machine's load around a run, as {@code run.sh} samples it, and the busy-machine decision.
 *
 * <p>{@code start} is the 1-minute load average before anything of the run started (before the build);
 * {@code end} is the average number of runnable tasks other than the run's own, sampled for a few seconds right
 * after the last fork exited (the 1-minute average at that moment would still count the benchmark's own threads).
 * Either is NaN when it could not be read (no {@code /proc/loadavg}).
 *
 * @param start the load before the run, NaN if unknown
 * @param end   the load after the run, NaN if unknown
 * @param cores the number of cores the machine has
 */
record Load(double start, double end, int cores) {

    Load {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
    }

    /** The machine was busy: the load at the start or at the end was above the core count. */
    boolean busy() {
        return start > cores || end > cores;
    }

    boolean known() {
        return !Double.isNaN(start) || !Double.isNaN(end);
    }

    /** "load 0.12 before the run, 0.40 after it, on 2 cores" (or "load not recorded"). */
    String describe() {
        if (!known()) {
            return "load not recorded";
        }
        return "load " + value(start) + " before the run, " + value(end) + " after it, on " + cores + " cores";
    }

    /** The start of the busy-machine warning. */
    static final String BUSY = "WARNING: the machine was busy";

    /** The warning a busy run prints, or null when the machine was quiet. */
    String warning() {
        if (!busy()) {
            return null;
        }
        return BUSY + " (" + describe() + "): other programs competed for the CPU, so these "
                + "figures are not representative. Rerun on an idle machine.";
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Parses a load value; an empty text is NaN (unknown), any other text that is not a number an error. */
    static double parse(String text) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a load average must be a number, got \"" + text + "\"", e);
        }
    }
}
