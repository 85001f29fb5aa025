package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Scope;
import dev.channels.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bubble whose threads all block with no timer pending fails with a report instead of hanging. */
@Timeout(60)
class DeadlockReportTest {

    @Test
    void aForgottenCloseBeforeForEachIsReportedNamingTheThreadAndTheChannel() {
        AtomicInteger sum = new AtomicInteger();
        DeadlockError e = assertThrows(DeadlockError.class, () -> SyncTest.run(() -> {
            Channel<Integer> numbers = Channel.unbuffered();
            Thread producer = SyncTest.threadFactory().newThread(() -> {
                try {
                    for (int i = 1; i <= 3; i++) {
                        numbers.send(i);
                    }
                    // forgot: numbers.close();
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            });
            producer.start();
            for (int n : numbers) { // waits for a fourth value forever
                sum.addAndGet(n);
            }
        }));
        assertEquals(6, sum.get());
        String report = e.getMessage();
        assertTrue(report.startsWith("deadlock: every thread of the SyncTest bubble is blocked"), report);
        assertTrue(report.contains("synctest-main: receive on Channel[unbuffered, size=0]"), report);
        assertTrue(report.contains("at dev.channels.test.DeadlockReportTest"), "points at the test's line: " + report);
        assertEquals(0, e.getSuppressed().length, "the interruptions that end the threads are not failures");
    }

    @Test
    void everyBlockedThreadIsListedWithItsOperation() {
        DeadlockError e = assertThrows(DeadlockError.class, () -> SyncTest.run(() -> {
            Channel<String> in = Channel.unbuffered();
            Channel<String> out = Channel.buffered(1);
            out.send("full");
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            try (Scope scope = Scope.open()) {
                scope.go(() -> in.receive());
                scope.go(() -> out.send("blocked"));
                scope.go(wg::await);
            }
        }));
        String report = e.getMessage();
        assertTrue(report.contains("synctest-main: await on WaitGroup[count=3]"), report); // Scope.close waits
        assertTrue(report.contains(": receive on Channel[unbuffered, size=0]"), report);
        assertTrue(report.contains(": send on Channel[buffered(1), size=1]"), report);
        assertTrue(report.contains(": await on WaitGroup[count=1]"), report);
    }

    @Test
    void aPendingTimerIsNotADeadlockButATimerNobodyWaitsOnIs() {
        SyncTest.run(() -> { // blocked, but the timeout will wake it: time moves instead
            assertEquals(null, Channel.<String>unbuffered().receive(Duration.ofDays(365)));
        });
        DeadlockError e = assertThrows(DeadlockError.class, () -> SyncTest.run(() -> {
            var unused = dev.channels.Channels.after(Duration.ofSeconds(1)); // nobody receives from it
            Channel.<String>unbuffered().receive();
            unused.tryReceive();
        }));
        assertTrue(e.getMessage().contains("synctest-main: receive on Channel[unbuffered, size=0]"), e.getMessage());
    }

    @Test
    void aSelectIsReportedWithItsCases() {
        DeadlockError e = assertThrows(DeadlockError.class, () -> SyncTest.run(() -> {
            Channel<String> a = Channel.unbuffered();
            Channel<String> b = Channel.unbuffered();
            dev.channels.Select.<String>builder().onReceive(a, v -> v).onReceive(b, v -> v).select();
        }));
        assertTrue(e.getMessage().contains("synctest-main: select: receive on Channel[unbuffered, size=0] | "
                + "receive on Channel[unbuffered, size=0]"), e.getMessage());
    }

    @Test
    void threadsThatIgnoreInterruptsAreAbandonedAfterRepeatedReportsAndRunReturns() {
        DeadlockError e = assertThrows(DeadlockError.class, () -> SyncTest.run(() -> {
            Channel<String> ch = Channel.unbuffered();
            for (;;) {
                try {
                    ch.receive();
                } catch (InterruptedException ignored) {
                    // a badly behaved loop: blocks again
                }
            }
        }));
        assertEquals(3, e.getSuppressed().length, "reported, interrupted, reported again, then given up");
        assertEquals(0, dev.channels.internal.Bubble.memberCount(), "the abandoned thread left the registry");
    }
}
