package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as durably blocked, and the hand-off race the accounting must survive. */
@Timeout(120)
class DurableBlockingTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * "A unparks B, then A parks": if B counted as runnable only once it ran again, there would be a moment with
     * every thread parked, and the clock would jump to the sleeper's timer in the middle of the ping-pong.
     */
    @Test
    void timeNeverMovesDuringAHandOffChain() {
        SyncTest.run(() -> {
            AtomicBoolean sleeperWoke = new AtomicBoolean();
            Channel<Boolean> sleeperDone = Channel.buffered(1);
            Thread sleeper = SyncTest.threadFactory().newThread(() -> {
                try {
                    SyncTest.sleep(Duration.ofNanos(1));
                    sleeperWoke.set(true);
                    sleeperDone.send(true);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            sleeper.start();
            Channel<Integer> ping = Channel.unbuffered();
            Channel<Integer> pong = Channel.unbuffered();
            int rounds = 20_000;
            try (Scope scope = Scope.open()) {
                scope.go(() -> {
                    for (int i = 0; i < rounds; i++) {
                        pong.send(ping.receive() + 1);
                    }
                });
                for (int i = 0; i < rounds; i++) {
                    ping.send(i);
                    assertEquals(i + 1, pong.receive());
                    assertFalse(sleeperWoke.get(), "time moved at round " + i);
                }
                assertEquals(START, SyncTest.now());
            }
            // Not sleeper.join(): a join waits in the JDK, not durably, and would hold time still forever.
            assertTrue(sleeperDone.receive());
            assertTrue(sleeperWoke.get());
            assertEquals(START.plusNanos(1), SyncTest.now());
        });
    }

    /**
     * A thread waiting on a {@code CountDownLatch} is not durably blocked: while it waits, the other threads' timers
     * do not fire, however long they are all parked. The latch is released from outside the bubble once both are
     * seen parked.
     */
    @Test
    void aThreadBlockedOutsideTheLibraryHoldsTimeStill() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicBoolean sleeperWoke = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Thread> body = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Thread> sleeper =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                SyncTest.run(() -> {
                    body.set(Thread.currentThread());
                    Thread waiter = SyncTest.threadFactory().newThread(() -> {
                        try {
                            latch.await(); // blocked in the JDK, not in the library
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    });
                    waiter.start();
                    Thread s = SyncTest.threadFactory().newThread(() -> {
                        try {
                            SyncTest.sleep(Duration.ofSeconds(1));
                            sleeperWoke.set(true);
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    });
                    sleeper.set(s);
                    s.start();
                    assertEquals(null, Channel.<String>unbuffered().receive(Duration.ofSeconds(2)));
                    assertTrue(sleeperWoke.get());
                    assertEquals(START.plusSeconds(2), SyncTest.now());
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        while (body.get() == null || sleeper.get() == null || body.get().getState() != Thread.State.WAITING
                || sleeper.get().getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertFalse(sleeperWoke.get(), "time moved while a thread was blocked outside the library");
        latch.countDown();
        runner.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
