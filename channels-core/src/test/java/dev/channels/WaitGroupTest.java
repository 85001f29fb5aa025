package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class WaitGroupTest {

    @Test
    void awaitReturnsAtOnceWhenCounterIsZero() throws InterruptedException {
        var wg = new WaitGroup();
        wg.await();
        assertTrue(wg.await(Duration.ZERO));
    }

    @Test
    void awaitWaitsForEveryDone() throws InterruptedException {
        int n = 100;
        var wg = new WaitGroup();
        var finished = new AtomicInteger();
        var release = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            wg.add(1);
            Thread.startVirtualThread(() -> {
                try {
                    release.await();
                    finished.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    wg.done();
                }
            });
        }
        assertFalse(wg.await(Duration.ZERO), "tasks are held by the latch");
        assertEquals(n, wg.count());
        release.countDown();
        wg.await();
        assertEquals(n, finished.get());
        assertEquals(0, wg.count());
    }

    @Test
    void timedAwaitReportsTimeoutWhileCountIsPositive() throws InterruptedException {
        var wg = new WaitGroup();
        wg.add(1);
        assertFalse(wg.await(Duration.ofMillis(20)));
        wg.done();
        assertTrue(wg.await(Duration.ofMillis(20)));
    }

    @Test
    void negativeCounterThrowsAndLeavesCounterUnchanged() {
        var wg = new WaitGroup();
        assertThrows(IllegalStateException.class, wg::done);
        assertEquals(0, wg.count());
        wg.add(2);
        assertThrows(IllegalStateException.class, () -> wg.add(-3));
        assertEquals(2, wg.count());
        assertThrows(IllegalStateException.class, () -> wg.add(Long.MAX_VALUE));
        assertEquals(2, wg.count());
    }

    @Test
    void goCountsTheTaskAndDoneRunsEvenWhenItThrows() throws InterruptedException {
        var wg = new WaitGroup();
        var ran = new AtomicInteger();
        var uncaught = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        var previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Thread ok;
        try {
            ok = wg.go(ran::incrementAndGet);
            Thread failing = wg.go(() -> {
                ran.incrementAndGet();
                throw new java.io.IOException("checked failure");
            });
            Thread interrupted = wg.go(() -> {
                ran.incrementAndGet();
                throw new InterruptedException("not reported");
            });
            wg.await();
            // done() runs in the task's finally, before the thread hands its exception to the uncaught handler:
            // only the threads' ends order the handler's report before the assertions below
            ok.join();
            failing.join();
            interrupted.join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertEquals(3, ran.get());
        assertEquals(0, wg.count());
        assertTrue(ok.isVirtual());
        assertEquals(1, uncaught.size(), uncaught.toString());
        Throwable e = uncaught.peek();
        assertTrue(e instanceof java.util.concurrent.CompletionException
                && e.getCause() instanceof java.io.IOException, String.valueOf(e));
    }

    @Test
    void everyWaiterIsReleasedWhenCounterReachesZeroEvenIfItRisesAgain() throws InterruptedException {
        int waiters = 8;
        var wg = new WaitGroup();
        wg.add(1);
        var returned = new CountDownLatch(waiters);
        for (int i = 0; i < waiters; i++) {
            Thread.startVirtualThread(() -> {
                try {
                    wg.await();
                    returned.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        awaitWaiters(wg, waiters);
        wg.waiterLock().lock(); // the waiters cannot look at the counter until both moves are done
        try {
            wg.done();   // zero: every waiter present now must return
            wg.add(1);   // back up before any waiter can look: must not trap them
        } finally {
            wg.waiterLock().unlock();
        }
        returned.await();
        assertEquals(1, wg.count());
    }

    @Test
    void awaitIsInterruptible() throws InterruptedException {
        var wg = new WaitGroup();
        wg.add(1);
        var outcome = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread t = Thread.startVirtualThread(() -> {
            try {
                wg.await();
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        awaitWaiters(wg, 1);
        t.interrupt();
        t.join();
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
    }

    @Test
    void reusableAfterReachingZero() throws InterruptedException {
        var wg = new WaitGroup();
        for (int round = 0; round < 3; round++) {
            var count = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                wg.go(count::incrementAndGet);
            }
            wg.await();
            assertEquals(10, count.get());
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        var wg = new WaitGroup();
        assertThrows(NullPointerException.class, () -> wg.await(null));
        assertThrows(NullPointerException.class, () -> wg.go(null));
        assertEquals(0, wg.count());
    }

    /** Waits (parking briefly, not asserting on time) until n threads are inside await's slow path. */
    static void awaitWaiters(WaitGroup wg, int n) {
        while (wg.waiting() < n) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000L);
        }
    }
}
