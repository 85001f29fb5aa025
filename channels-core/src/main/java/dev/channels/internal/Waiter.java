package dev.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A thread parked until exactly one of its registrations fires: the unit that {@code select} shares across
 * channels and that a plain blocking send or receive owns alone (then the {@link WaitNode} is its own waiter).
 *
 * <h2>State machine</h2>
 * <pre>
 *   WAITING (null) --CAS by a claimer--> node that fired        (done: hand-off complete)
 *   WAITING        --CAS by a claimer--> RETRY                  (re-run the operation: the channel closed)
 *   WAITING        --CAS by the owner--> CANCELLED              (timeout or interrupt)
 * </pre>
 * Invariants:
 * <ol>
 *   <li>Exactly one CAS leaves WAITING; whoever wins it owns the outcome. That is what makes a select over
 *       several channels fire one case only, and what lets an interrupt race a hand-off without losing or
 *       duplicating a value: if the owner's cancel wins, no claimer delivered anything; if a claimer wins, the
 *       owner reports the hand-off and keeps the interrupt status set.</li>
 *   <li>Only a thread holding the lock of the channel a node is linked in may claim through that node, and it
 *       unlinks the node before claiming (so a fired node is never reachable from a queue).</li>
 *   <li>A claimer writes the node's {@code item} before the CAS that publishes the node, and the owner reads it
 *       after seeing the node in {@code state}: the volatile CAS/load pair orders the plain item access.</li>
 *   <li>No lost wake-up although a claimer unparks only an owner that announced it may park: the owner writes
 *       {@code parked} (volatile) and then reads {@code state}; a claimer CASes {@code state} and then reads
 *       {@code parked}. Volatile accesses are totally ordered, so either the owner sees the outcome and does not
 *       park, or the claimer sees {@code parked} and unparks (Dekker's pattern). {@code parked} never reverts,
 *       and the owner re-checks {@code state} after every return from a park.</li>
 *   <li>Claiming ({@link #claim}) and waking ({@link #wake}) are separate steps, so that a channel claims under
 *       its lock and wakes after releasing it (Go's {@code goready} after {@code unlock}): the unpark of a
 *       virtual thread, a scheduler submission, then does not lengthen the lock hold that a partner may be
 *       waiting for. Between the two the outcome is already decided; only the owner's wake-up is pending.</li>
 * </ol>
 */
public class Waiter {
    /** The owner gave up (timeout or interrupt) before anyone claimed it. */
    static final Object CANCELLED = new Sentinel("CANCELLED");
    /** The operation must be re-run: a channel it waits on closed. */
    static final Object RETRY = new Sentinel("RETRY");

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that parks; only it calls {@link #await}. */
    final Thread owner;

    /** null while waiting; then CANCELLED, RETRY or the fired {@link WaitNode}. */
    private volatile Object state;
    /** Set by the owner before its first park, never reset; claimers unpark only once it is set (invariant 4). */
    private volatile boolean parked;

    Waiter() {
        this.owner = Thread.currentThread();
    }

    /** lvState: the current state (load volatile). */
    final Object state() {
        return state;
    }

    /**
     * Fires this waiter through {@code node} if it is still waiting, without waking the owner: the caller must
     * call {@link #wake} next (after releasing its lock, see invariant 6).
     *
     * @return true if this call won the claim
     */
    final boolean claim(WaitNode node) {
        return STATE.compareAndSet(this, null, node); // full fence: publishes node.item written before it
    }

    /**
     * Wakes the owner after a won {@link #claim}: unparks it if it has parked or is about to (invariant 4).
     *
     * @return true if the owner had not announced a park yet: it was still running (spinning) when fired
     */
    final boolean wake() {
        if (parked) {
            Park.unpark(owner);
            return false;
        }
        return true;
    }

    /**
     * Tells the owner to re-run its operation, if it is still waiting.
     *
     * @return true if this call won the claim
     */
    final boolean tryRetry() {
        if (STATE.compareAndSet(this, null, RETRY)) {
            wake();
            return true;
        }
        return false;
    }

    /**
     * Parks the owner until a claimer decides the outcome, the deadline passes, or the thread is interrupted.
     *
     * @param timed    whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} deadline
     * @param spin     whether to re-check the state for this thread's {@link AdaptiveSpin} budget before
     *                 parking (waits that involve an unbuffered channel)
     * @return the fired node, {@link #RETRY}, or {@link #CANCELLED} when the time ran out first
     * @throws InterruptedException if interrupted before anyone claimed this waiter (it is then CANCELLED); if a
     *                              claim won the race, the outcome is returned and the interrupt status kept
     */
    final Object await(boolean timed, long deadline, boolean spin) throws InterruptedException {
        boolean interrupted = false;
        if (spin) {
            AdaptiveSpin.spin(this);
        }
        parked = true; // invariant 4: from now on every claimer unparks; the loop re-reads state before parking
        try {
            for (;;) {
                Object s = state;
                if (s != null) {
                    return s;
                }
                if (Thread.interrupted()) {
                    if (STATE.compareAndSet(this, null, CANCELLED)) {
                        throw new InterruptedException();
                    }
                    interrupted = true; // lost to a claimer: the operation happened; keep the status
                    continue;
                }
                if (timed) {
                    long remaining = Deadlines.remaining(deadline);
                    if (remaining <= 0L) {
                        if (STATE.compareAndSet(this, null, CANCELLED)) {
                            return CANCELLED;
                        }
                        continue;
                    }
                    Park.parkUntil(this, deadline);
                } else {
                    Park.park(this);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * For the shared waiter of a select (plain operations describe themselves in {@link WaitNode}).
     *
     * @return a description for thread dumps and a test bubble's deadlock report
     */
    @Override
    public String toString() {
        return "select";
    }

    private static final class Sentinel {
        private final String name;

        Sentinel(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
