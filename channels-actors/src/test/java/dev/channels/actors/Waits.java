package dev.channels.actors;

import java.util.concurrent.CountDownLatch;

/** Waiting helpers for the actor tests: observable states only, never the clock. */
final class Waits {
    private Waits() {
    }

    /** Awaits {@code latch}, keeping (re-asserting) an interrupt that arrives meanwhile. */
    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins {@code t}, keeping (re-asserting) an interrupt that arrives meanwhile. */
    static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spins until {@code t} is parked (WAITING or TIMED_WAITING); fails if it ends first. */
    static void untilParked(Thread t) {
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(t + " ended instead of blocking");
            }
            Thread.onSpinWait();
        }
    }
}
