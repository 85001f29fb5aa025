package dev.channels;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers for "this thread is now parked": polls thread state, never sleeps a fixed time. */
final class Blocking {
    private Blocking() {
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING); fails if it ends first. */
    static void awaitParked(Thread t) {
        for (;;) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                fail("thread ended instead of blocking");
            }
            Thread.yield();
        }
    }
}
