package dev.channels.actors;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every timed API of the actors at the five edge durations (issue 12, item 7): zero, negative and
 * {@code ofNanos(Long.MIN_VALUE)} mean "do not wait"; {@code ofNanos(Long.MAX_VALUE)} and
 * {@code ChronoUnit.FOREVER.getDuration()} mean "wait as long as it takes" (saturated, never an overflow). The
 * long waits are checked by state (the thread stays parked until interrupted), never by the clock.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorDurationsTest {

    static Stream<Duration> durations() {
        return Stream.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofNanos(Long.MIN_VALUE),
                Duration.ofNanos(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration());
    }

    private static boolean endless(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0;
    }

    /** A message actor that never answers: a timed ask can only time out (or be interrupted). */
    private static MessageRef<CompletableFuture<Object>> silent(ActorSystem system) {
        return system.spawnHandler(reply -> { });
    }

    @ParameterizedTest
    @MethodSource("durations")
    void timedMessageAsk(Duration timeout) throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            MessageRef<CompletableFuture<Object>> ref = silent(system);
            check(timeout, () -> ref.ask(r -> r, timeout));
        }
    }

    @ParameterizedTest
    @MethodSource("durations")
    void timedStateAsk(Duration timeout) throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
            ref.tell(s -> Waits.awaitUninterruptibly(gate)); // the actor is busy: no answer until released
            try {
                check(timeout, () -> ref.ask(s -> 1, timeout));
            } finally {
                gate.countDown();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("durations")
    void failurePolicyWindow(Duration window) throws Exception {
        if (!endless(window)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FailurePolicy.restart(1, window));
            assertEquals(true, e.getMessage().contains("window"), e.getMessage());
            return;
        }
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawnFrom(() -> new int[1],
                    ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(1, window)));
            RuntimeException boom = new IllegalStateException("boom (expected by the test)");
            ref.tell(s -> { throw boom; });
            assertEquals(0, ref.<Integer>ask(s -> s[0])); // restarted once
            ref.tell(s -> { throw boom; });               // still inside an endless window: stops
            CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
            assertEquals(boom, death.getCause());
        }
    }

    /** A timed call that cannot succeed: times out at once, or for an endless timeout parks until interrupted. */
    private static void check(Duration timeout, Call call) throws Exception {
        if (!endless(timeout)) {
            assertThrows(TimeoutException.class, call::run);
            return;
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.startVirtualThread(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Waits.untilParked(caller);
        caller.interrupt();
        caller.join();
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
