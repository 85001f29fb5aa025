package dev.channels.internal;

/**
 * How long a waiter of a hand-off (a wait that involves an unbuffered channel) re-checks its state before it
 * parks: the full budget while its thread's last partner was seen running, else a short probe now and then.
 *
 * <h2>Why, and why per thread</h2>
 * Parking a virtual thread and unparking it costs microseconds (unmount, a scheduler submission, remount); a
 * partner running on another carrier usually arrives within a few hundred nanoseconds, and a waiter that is
 * still spinning then never parks. But when the partner is parked, or is a runnable virtual thread queued behind
 * the spinner on the same carrier (thousands of threads on two carriers, as in the 10,000-link chain), every
 * spin is carrier time taken from the very thread it waits for. The JDK's {@code LinkedTransferQueue} asks its
 * carrier whether it has queued work; that query is not public, so this class uses the best signal a hand-off
 * has: whether the partner was running. A claimer learns it for free from the waiter it fired
 * ({@link Waiter#wake} returns whether the owner had announced a park), and a waiter learns it when it is fired
 * during its own spin. So in a request/response pair (ping-pong, Go's ChanSync) a thread that just handed off to
 * a running partner spins for the reply, and a thread that had to wake its partner parks at once, leaving the
 * carrier to the partner it just made runnable.
 *
 * <p>The previous rule learned one budget per channel from the waits' outcomes (double on success, halve on
 * failure, off below a threshold). It had a stable slow mode: in ping-pong the echo side's channel learned
 * "off", so that side parked on every wait although its partner was running and answered within a few hundred
 * nanoseconds, while the other side spun and succeeded. A per-thread partner signal has no such asymmetry: the
 * echo side fires a spinning partner on every round, so it spins too. A thread whose partners keep parking
 * still probes ({@link #PROBE} spins every {@link #PROBE_INTERVAL} waits), so a pair that the scheduler has
 * moved onto two carriers finds its way back to spinning.
 *
 * <p>Only hand-offs spin. A wait on a buffered channel means the buffer is full or empty, and there parking is
 * what lets the partner fill or drain it in a batch: spinning there turned each value into a contended
 * hand-off and measured 2 to 3 times slower on a 16-slot buffer.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The hint only ever changes how long a waiter re-checks its state before parking; it never decides an
 *       outcome, so a lost or stale hint (the table is plain and written racily) costs time, not
 *       correctness.</li>
 *   <li>A slot is tagged with the low bits of its thread's id; a thread that finds another thread's tag (two
 *       threads hash to one slot, or the thread is new) starts afresh with a probe instead of inheriting the
 *       other thread's hint: with 10,000 threads, untagged slots would be shared by several threads each, and
 *       one thread's "my partner runs" would make the others spin their full budget in vain.</li>
 *   <li>No allocation and no per-thread storage: one million blocked virtual threads cost nothing here (a fixed
 *       table of {@value #SLOTS} ints).</li>
 *   <li>{@code 0 <= budget <= MAX}; {@code MAX == 0} (system property {@code dev.channels.spins=0}, or one CPU)
 *       turns spinning off and the table is never read or written.</li>
 * </ul>
 * Slot encoding: {@code tag | state}, tag the thread id shifted left by 5; state {@code 0}: the last partner was
 * running (spin {@link #MAX}); state {@code k} in 1..{@link #PROBE_INTERVAL}: the last partner was parked, and
 * this is the k-th wait since (probe when {@code k == PROBE_INTERVAL}); a new thread starts at
 * {@link #PROBE_INTERVAL}, so its first wait probes.
 */
final class AdaptiveSpin {
    /**
     * The budget while the partner runs, in {@link Thread#onSpinWait()} calls: system property
     * {@code dev.channels.spins}, default 256 (a few microseconds, about one park and unpark); 0 turns spinning
     * off. Always 0 on one CPU, where the partner cannot run while this thread spins.
     */
    static final int MAX = Runtime.getRuntime().availableProcessors() > 1
            ? Math.max(0, Integer.getInteger("dev.channels.spins", 256)) : 0;
    /** The budget of a probe while the partner was last seen parked. */
    static final int PROBE = Math.min(MAX, 32);
    /** A thread whose last partner parked probes once in this many waits (a power of two). */
    static final int PROBE_INTERVAL = 16;

    /** Slots of the per-thread hint (a power of two); each written only when its value changes. */
    static final int SLOTS = 4096;
    private static final int STATE_BITS = 5;
    private static final int STATE_MASK = (1 << STATE_BITS) - 1;
    private static final int[] HINT = new int[SLOTS];

    private AdaptiveSpin() {
    }

    private static int slot(long id) {
        return (int) (id ^ (id >>> 12)) & (SLOTS - 1);
    }

    private static int tag(long id) {
        return (int) id << STATE_BITS;
    }

    /** The state of the current thread in slot {@code v}: its own, or a new thread's if the tag is another's. */
    private static int state(int v, int tag) {
        return (v & ~STATE_MASK) == tag ? v & STATE_MASK : PROBE_INTERVAL;
    }

    /**
     * The number of {@link Thread#onSpinWait()} calls the current thread's next wait should spin for; counts the
     * wait towards the next probe.
     *
     * @return 0 (park at once) to {@link #MAX}
     */
    static int budget() {
        if (MAX == 0) {
            return 0;
        }
        long id = Thread.currentThread().threadId();
        int i = slot(id);
        int tag = tag(id);
        int v = HINT[i];
        int h = state(v, tag);
        if (h != 0) {
            HINT[i] = tag | afterWait(h);
        }
        return budget(h);
    }

    /**
     * Records whether the current thread's latest partner was running: a claimer's partner is the waiter it
     * fired, a waiter's partner the claimer that fired it.
     *
     * @param running true if the partner was running (fired while spinning, or caught before it parked)
     */
    static void partner(boolean running) {
        if (MAX == 0) {
            return;
        }
        long id = Thread.currentThread().threadId();
        int i = slot(id);
        int tag = tag(id);
        int v = HINT[i];
        int n = tag | afterPartner(state(v, tag), running);
        if (n != v) {
            HINT[i] = n;
        }
    }

    /**
     * The rule: the budget of a wait that finds {@code hint} in its thread's slot.
     *
     * @param hint 0 (the last partner ran) or 1..{@link #PROBE_INTERVAL} (waits since the last partner parked)
     * @return {@link #MAX}, {@link #PROBE} on every {@link #PROBE_INTERVAL}-th wait since a parked partner, else 0
     */
    static int budget(int hint) {
        return hint == 0 ? MAX : hint == PROBE_INTERVAL ? PROBE : 0;
    }

    /** The rule: the slot after a wait that found {@code hint}, not 0, in it (stays in 1..PROBE_INTERVAL). */
    static int afterWait(int hint) {
        return hint % PROBE_INTERVAL + 1;
    }

    /** The rule: the slot after a partner was seen running or parked. */
    static int afterPartner(int hint, boolean running) {
        return running ? 0 : hint == 0 ? 1 : hint;
    }

    /**
     * Spins on {@code waiter}, owned by the current thread, for the current budget, then records whether it was
     * fired in time (its partner was running). Called without any lock, before the waiter parks.
     *
     * @param waiter the current thread's waiter
     */
    static void spin(Waiter waiter) {
        int budget = budget();
        if (budget == 0) {
            return;
        }
        for (int i = 0; i < budget && waiter.state() == null; i++) {
            Thread.onSpinWait();
        }
        if (waiter.state() != null) {
            partner(true);
        } else if (budget == MAX) {
            partner(false); // spun in vain: the partner is slower than a park; probe from now on
        }
    }

    /** The current thread's state (0: spin; 1..PROBE_INTERVAL: waits since a parked partner), for tests. */
    static int hint() {
        long id = Thread.currentThread().threadId();
        return state(HINT[slot(id)], tag(id));
    }
}
