package dev.channels.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The one place where the library parks and unparks threads.
 *
 * <p>Every blocking operation of the library (channels, select, the actors' mailboxes, {@code WaitGroup}) parks
 * through here with a blocker that says what it waits for, and every hand-off that wakes a parked thread
 * unparks through here, so that one seam sees every thread that is blocked inside the library and every wake-up.
 * Outside a test bubble these are {@link LockSupport}'s calls, with its rules: a park may return spuriously, so
 * every caller re-checks its condition in a loop.
 *
 * <p>Inside a bubble ({@link Bubble}, module {@code dev.channels.test}) a member's park is "durably blocked" (the
 * bubble's virtual clock may move past it), its timed park runs on the virtual clock, and an unpark of a member
 * goes through the bubble, which counts the target as runnable from that moment. Outside bubbles each method
 * pays one static volatile read ({@link Bubble#anyActive()}) on top of {@link LockSupport}.
 *
 * <p>A blocker's {@code toString()} describes the operation and what it waits on (for example
 * {@code "receive on Channel[unbuffered, size=0]"}): a bubble's deadlock report prints it.
 */
public final class Park {
    private Park() {
    }

    /**
     * Parks the current thread until unparked (or spuriously). {@link LockSupport#park(Object)}.
     *
     * @param blocker what the thread waits for; its {@code toString()} describes the operation and the channel
     */
    public static void park(Object blocker) {
        if (Bubble.anyActive() && parkInBubble(blocker, false, 0L)) {
            return;
        }
        LockSupport.park(blocker);
    }

    /**
     * Parks the current thread until unparked, the deadline passes, or spuriously.
     *
     * @param blocker  what the thread waits for
     * @param deadline a deadline from {@link Deadlines#deadline(long)}
     */
    public static void parkUntil(Object blocker, long deadline) {
        if (Bubble.anyActive() && parkInBubble(blocker, true, deadline)) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0L) {
            LockSupport.parkNanos(blocker, left);
        }
    }

    /**
     * Makes {@code thread}'s permit available. {@link LockSupport#unpark(Thread)}.
     *
     * @param thread the thread to wake; null is ignored
     */
    public static void unpark(Thread thread) {
        if (Bubble.anyActive() && thread != null) {
            Bubble b = Bubble.of(thread);
            if (b != null) {
                b.unpark(thread);
                return;
            }
        }
        LockSupport.unpark(thread);
    }

    /** Parks in the current thread's bubble; false if it has none (then the caller parks for real). */
    private static boolean parkInBubble(Object blocker, boolean timed, long deadline) {
        Bubble b = Bubble.current();
        if (b != null) {
            b.park(blocker, timed, deadline);
            return true;
        }
        Bubble creator = Bubble.creatorOf(blocker);
        if (creator != null) {
            creator.foreignWait(Thread.currentThread(), blocker);
        }
        return false;
    }
}
