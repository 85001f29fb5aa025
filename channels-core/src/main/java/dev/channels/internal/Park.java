package dev.channels.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The one place where the library parks and unparks threads.
 *
 * <p>Every blocking operation of the library (channels, select, the actors' mailboxes, timers, {@code WaitGroup})
 * parks through here with a blocker that says what it waits for, and every hand-off that wakes a parked thread
 * unparks through here, so that one seam sees every thread that is blocked inside the library and every wake-up
 * (deterministic test schedulers plug in here). Outside such a scheduler these are {@link LockSupport}'s calls,
 * with its rules: a park may return spuriously, so every caller re-checks its condition in a loop.
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
        LockSupport.park(blocker);
    }

    /**
     * Parks the current thread until unparked, the deadline passes, or spuriously.
     *
     * @param blocker  what the thread waits for
     * @param deadline a deadline from {@link Deadlines#deadline(long)}
     */
    public static void parkUntil(Object blocker, long deadline) {
        long left = Deadlines.remaining(deadline);
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
        LockSupport.unpark(thread);
    }
}
