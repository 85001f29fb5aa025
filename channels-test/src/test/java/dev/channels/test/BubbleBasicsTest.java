package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Scope;
import dev.channels.Select;
import dev.channels.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual clock, idle waits and timed operations of a bubble. */
@Timeout(60)
class BubbleBasicsTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void clockStartsAtTheFixedInstantAndSleepMovesItExactly() {
        SyncTest.run(() -> {
            assertEquals(START, SyncTest.now());
            SyncTest.sleep(Duration.ofHours(5));
            assertEquals(START.plus(Duration.ofHours(5)), SyncTest.now());
        });
    }

    @Test
    void timedReceiveTimesOutAtExactlyItsDeadline() {
        SyncTest.run(() -> {
            Channel<String> ch = Channel.unbuffered();
            assertNull(ch.receive(Duration.ofSeconds(30)));
            assertEquals(START.plusSeconds(30), SyncTest.now());
            Channel<String> full = Channel.buffered(1);
            full.send("x");
            assertFalse(full.send("y", Duration.ofMillis(250)));
            assertEquals(START.plusSeconds(30).plusMillis(250), SyncTest.now());
        });
    }

    @Test
    void timeDoesNotMoveWhileAThreadRuns() {
        SyncTest.run(() -> {
            Channel<Integer> ch = Channel.unbuffered();
            Thread t = SyncTest.threadFactory().newThread(() -> {
                try {
                    SyncTest.sleep(Duration.ofSeconds(10));
                    ch.send(1);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            t.start();
            assertEquals(1, ch.receive()); // waits 10 virtual seconds, not 10 real ones
            assertEquals(START.plusSeconds(10), SyncTest.now());
        });
    }

    @Test
    void awaitIdleReturnsOnceTheOthersAreBlockedWithoutMovingTime() {
        SyncTest.run(() -> {
            Channel<Integer> ch = Channel.buffered(10);
            try (Scope scope = Scope.open()) {
                scope.go(() -> {
                    for (int i = 0; i < 3; i++) {
                        ch.send(i);
                    }
                    SyncTest.sleep(Duration.ofMinutes(1));
                    ch.send(99);
                });
                SyncTest.awaitIdle();
                assertEquals(3, ch.size(), "the sender ran until it slept");
                assertEquals(START, SyncTest.now());
                SyncTest.sleep(Duration.ofMinutes(1).plusNanos(1));
                assertEquals(4, ch.size());
            }
        });
    }

    @Test
    void selectTimeoutAfterAndWaitGroupUseTheVirtualClock() {
        SyncTest.run(() -> {
            Channel<String> never = Channel.unbuffered();
            String r = Select.<String>builder()
                    .onReceive(never, v -> v)
                    .onTimeout(Duration.ofSeconds(3), () -> "timeout")
                    .select();
            assertEquals("timeout", r);
            assertEquals(START.plusSeconds(3), SyncTest.now());
            Instant fired = Channels.after(Duration.ofMinutes(2)).receive();
            assertEquals(START.plusSeconds(3).plus(Duration.ofMinutes(2)), fired);
            assertEquals(fired, SyncTest.now());
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            assertFalse(wg.await(Duration.ofSeconds(7)));
            assertEquals(fired.plusSeconds(7), SyncTest.now());
            wg.go(() -> SyncTest.sleep(Duration.ofSeconds(1)));
            wg.done();
            assertTrue(wg.await(Duration.ofDays(1)));
            assertEquals(fired.plusSeconds(8), SyncTest.now());
        });
    }

    @Test
    void tickerTicksOnTheVirtualClockAndLeavesNoStaleTickAfterStop() {
        SyncTest.run(() -> {
            var ticker = Channels.ticker(Duration.ofSeconds(1));
            List<Instant> ticks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ticks.add(ticker.channel().receive());
            }
            assertEquals(List.of(START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(3),
                    START.plusSeconds(4), START.plusSeconds(5)), ticks);
            SyncTest.sleep(Duration.ofMillis(1500)); // one tick buffered (at 6 s), one missed at 7 would come later
            assertEquals(1, ticker.channel().size());
            ticker.stop();
            assertTrue(ticker.channel().receiveOrClosed().isClosed(), "no stale tick after stop");
        });
    }

    @Test
    void failuresOfTheBodyAndOfBubbleThreadsAreRethrownFirstWithTheRestSuppressed() {
        IllegalArgumentException first = new IllegalArgumentException("first");
        var thrown = assertThrows(IllegalArgumentException.class, () -> SyncTest.run(() -> {
            Thread t = SyncTest.threadFactory().newThread(() -> {
                throw first;
            });
            t.start();
            SyncTest.sleep(Duration.ofSeconds(1)); // the thread fails before time can move
            throw new IllegalStateException("second");
        }));
        assertSame(first, thrown);
        assertEquals(1, thrown.getSuppressed().length);
        assertEquals("second", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void badCallsAreRefusedWithClearMessages() {
        var outside = assertThrows(IllegalStateException.class, SyncTest::awaitIdle);
        assertTrue(outside.getMessage().contains("outside a bubble"), outside.getMessage());
        assertThrows(IllegalStateException.class, SyncTest::now);
        assertThrows(IllegalStateException.class, () -> SyncTest.sleep(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, SyncTest::threadFactory);
        AtomicReference<Throwable> nested = new AtomicReference<>();
        SyncTest.run(() -> nested.set(assertThrows(IllegalStateException.class, () -> SyncTest.run(() -> { }))));
        assertTrue(nested.get().getMessage().contains("do not nest"), nested.get().getMessage());
        assertThrows(NullPointerException.class, () -> SyncTest.run(null));
    }
}
