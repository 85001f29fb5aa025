package dev.channels.internal;

/**
 * How long a waiter on an unbuffered channel re-checks its state before it parks, learned from the waits before it.
 *
 * <h2>Why adaptive</h2>
 * Parking a virtual thread and unparking it costs microseconds (unmount, a scheduler submission, remount); a
 * partner running on another carrier usually arrives within a few hundred nanoseconds, and a waiter that is
 * still spinning then never parks. But when the partner is a runnable virtual thread queued behind the spinner
 * (thousands of threads on two carriers), every spin is carrier time taken from the very thread it waits for:
 * measured on the 10,000-link chain, a fixed 128 spins made each hop about 8x slower. The waiter cannot see
 * which case it is in, so the channel learns it from outcomes, as HotSpot's adaptive spinning for monitors does:
 * a spin that ends with the state set doubles the next budget, a spin that ends in a park halves it, and below
 * {@link #PROBE} spinning is switched off for {@link #PROBE_INTERVAL} waits, after which one probe of
 * {@link #PROBE} spins decides whether to start again.
 *
 * <p>Only unbuffered channels spin. A wait on a buffered channel means the buffer is full or empty, and there
 * parking is what lets the partner fill or drain it in a batch: spinning there turned each value into a
 * contended hand-off and measured 2 to 3 times slower on a 16-slot buffer. The hint lives in the channel
 * ({@code ChannelImpl.spinHint}); this class holds the rule.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The hint only ever changes how long a waiter re-checks before parking; it never decides an outcome, so a
 *       lost or stale update (the field is plain and written racily by every waiter) costs time, not
 *       correctness.</li>
 *   <li>{@code 0 <= budget <= MAX}; {@code MAX == 0} (system property {@code dev.channels.spins=0}, or one CPU)
 *       turns spinning off and the hint is never written.</li>
 * </ul>
 * Hint encoding: {@code > 0} the budget; {@code 0} probe next; {@code < 0} waits left before the next probe.
 */
final class AdaptiveSpin {
    /**
     * The largest budget, in {@link Thread#onSpinWait()} calls: system property {@code dev.channels.spins},
     * default 256 (a few microseconds, about one park and unpark); 0 turns spinning off. Always 0 on one CPU,
     * where the partner cannot run while this thread spins.
     */
    static final int MAX = Runtime.getRuntime().availableProcessors() > 1
            ? Math.max(0, Integer.getInteger("dev.channels.spins", 256)) : 0;
    /** The budget of a probe, and the smallest budget that keeps spinning on. */
    static final int PROBE = Math.min(MAX, 16);
    /** Waits without spinning after a failed probe. */
    static final int PROBE_INTERVAL = 64;

    private AdaptiveSpin() {
    }

    /**
     * The number of {@link Thread#onSpinWait()} calls a wait should re-check its condition for before it parks.
     *
     * @param hint the channel's hint
     * @return the budget, 0 (park at once) to {@link #MAX}
     */
    static int budget(int hint) {
        return hint > 0 ? hint : hint == 0 ? PROBE : 0;
    }

    /**
     * The hint after a wait that did not spin (its budget was 0): one wait closer to the next probe.
     *
     * @param hint the channel's hint, negative
     * @return the new hint
     */
    static int skipped(int hint) {
        return hint + 1;
    }

    /**
     * The hint after a spin of {@code budget}: doubled if the condition held in time, else halved, and off for
     * {@link #PROBE_INTERVAL} waits once below {@link #PROBE}.
     *
     * @param budget  a budget returned by {@link #budget(int)}, not 0
     * @param success whether the condition held before the budget ran out
     * @return the new hint
     */
    static int spun(int budget, boolean success) {
        if (success) {
            return Math.min(MAX, budget << 1);
        }
        int half = budget >>> 1;
        return half >= PROBE ? half : -PROBE_INTERVAL;
    }
}
