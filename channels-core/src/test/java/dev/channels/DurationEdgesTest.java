package dev.channels;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every timed API of channels-core at the five edge durations (issue 12, item 7): {@code Duration.ZERO}, negative
 * and {@code ofNanos(Long.MIN_VALUE)} mean "do not wait" (the ticker rejects them as periods);
 * {@code ofNanos(Long.MAX_VALUE)} and {@code ChronoUnit.FOREVER.getDuration()} mean "wait as long as it takes",
 * saturated and never an overflow. The long waits are checked by state (the thread stays parked until
 * interrupted, then throws {@link InterruptedException}), never by the clock.
 */
@Timeout(60)
class DurationEdgesTest {

    static Stream<Duration> durations() {
        return Stream.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofNanos(Long.MIN_VALUE),
                Duration.ofNanos(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration());
    }

    static Stream<Arguments> kindsAndDurations() {
        return Stream.of(ChannelKind.values()).flatMap(k -> durations().map(d -> Arguments.of(k, d)));
    }

    private static boolean endless(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0;
    }

    @ParameterizedTest
    @MethodSource("kindsAndDurations")
    void timedReceive(ChannelKind kind, Duration timeout) throws Exception {
        Channel<Integer> ch = kind.create();
        if (!endless(timeout)) {
            assertNull(ch.receive(timeout));
        } else {
            blocksUntilInterrupted(() -> ch.receive(timeout));
        }
        assertTrue(ch.trySend(1) || kind.unbuffered(), "nothing left behind by the expired receive");
    }

    @ParameterizedTest
    @MethodSource("kindsAndDurations")
    void timedSend(ChannelKind kind, Duration timeout) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            assertTrue(ch.send(1, timeout), "an unbounded channel never waits, whatever the timeout");
            assertEquals(1, ch.receive());
            return;
        }
        for (int i = 0; i < kind.sendsBeforeBlocking(); i++) {
            assertTrue(ch.trySend(0));
        }
        if (!endless(timeout)) {
            assertFalse(ch.send(1, timeout));
        } else {
            blocksUntilInterrupted(() -> ch.send(1, timeout));
        }
        for (int i = 0; i < kind.sendsBeforeBlocking(); i++) {
            assertEquals(0, ch.receive());
        }
        assertNull(ch.receive(Duration.ZERO), "the expired send delivered nothing");
    }

    @ParameterizedTest
    @MethodSource("durations")
    void selectOnTimeoutWithAnotherCase(Duration timeout) throws Exception {
        Channel<Integer> never = Channel.unbuffered();
        Select<String> select = Select.<String>builder()
                .onReceive(never, v -> "received")
                .onTimeout(timeout, () -> "timeout");
        if (!endless(timeout)) {
            assertEquals("timeout", select.select());
        } else {
            blocksUntilInterrupted(select::select);
        }
    }

    @ParameterizedTest
    @MethodSource("durations")
    void selectWithOnlyATimeout(Duration timeout) throws Exception {
        Select<String> select = Select.<String>builder().onTimeout(timeout, () -> "timeout");
        if (!endless(timeout)) {
            assertEquals("timeout", select.select());
        } else {
            blocksUntilInterrupted(select::select);
        }
    }

    @ParameterizedTest
    @MethodSource("durations")
    void waitGroupAwait(Duration timeout) throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        if (!endless(timeout)) {
            assertFalse(wg.await(timeout));
        } else {
            blocksUntilInterrupted(() -> wg.await(timeout));
        }
        wg.done();
        assertTrue(wg.await(timeout));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void after(Duration delay) throws Exception {
        ReceiveChannel<java.time.Instant> ch = Channels.after(delay);
        if (!endless(delay)) {
            assertNotNull(ch.receive(), "a delay that is not positive delivers at once");
            assertThrows(ChannelClosedException.class, ch::receive);
        } else {
            blocksUntilInterrupted(ch::receive); // the timer thread stays parked: it cannot be cancelled
        }
    }

    @ParameterizedTest
    @MethodSource("durations")
    void tickerPeriod(Duration period) throws Exception {
        if (!endless(period)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channels.ticker(period));
            assertTrue(e.getMessage().contains("period"), e.getMessage());
            return;
        }
        try (Ticker ticker = Channels.ticker(period)) {
            blocksUntilInterrupted(() -> ticker.channel().receive());
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    /** Runs {@code call} on a new thread, waits until it parks, interrupts it: it must throw InterruptedException. */
    private static void blocksUntilInterrupted(Call call) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(call.call());
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                break;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError("returned instead of waiting: " + outcome.get());
            }
            Thread.onSpinWait();
        }
        t.interrupt();
        t.join();
        assertInstanceOf(InterruptedException.class, outcome.get());
    }
}
