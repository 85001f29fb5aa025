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

    Waiter() {
        this.owner = Thread.currentThread();
    }

    /** lvState: the current state (load volatile). */
    final Object state() {
        return state;
    }

    /**
     * Fires this waiter through {@code node} if it is still waiting, and wakes the owner.
     *
     * @return true if this call won the claim
     */
    final boolean tryFire(WaitNode node) {
        if (STATE.compareAndSet(this, null, node)) { // full fence: publishes node.item written before it
            Park.unpark(owner);
            return true;
        }
        return false;
    }

    /**
     * Tells the owner to re-run its operation, if it is still waiting.
     *
     * @return true if this call won the claim
     */
    final boolean tryRetry() {
        if (STATE.compareAndSet(this, null, RETRY)) {
            Park.unpark(owner);
            return true;
        }
        return false;
    }

    /**
     * Parks the owner until a claimer decides the outcome, the deadline passes, or the thread is interrupted.
     *
     * @param timed    whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} deadline
     * @param spinOn   the channel whose {@link AdaptiveSpin} budget to spin for before parking (none if it is
     *                 buffered), or null
     * @return the fired node, {@link #RETRY}, or {@link #CANCELLED} when the time ran out first
     * @throws InterruptedException if interrupted before anyone claimed this waiter (it is then CANCELLED); if a
     *                              claim won the race, the outcome is returned and the interrupt status kept
     */
    final Object await(boolean timed, long deadline, ChannelImpl<?> spinOn) throws InterruptedException {
        boolean interrupted = false;
        if (spinOn != null) {
            spinOn.spinUntilFired(this);
        }
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
