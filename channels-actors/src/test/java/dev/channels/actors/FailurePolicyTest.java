package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure policy, as in the table on {@link FailurePolicy}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailurePolicyTest {

    private static final RuntimeException BOOM = new IllegalStateException("boom (expected by the test)");

    @Test
    void stopIsTheDefaultTerminationFailsWithTheCauseAndLaterMessagesAreRefused() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            CountDownLatch gate = new CountDownLatch(1);
            ref.tell(s -> await(gate));                  // hold the actor so the next messages queue up
            ref.tell(s -> { throw BOOM; });
            ref.tell(s -> s[0]++);                       // queued behind the failure: not handled
            CompletableFuture<Integer> pending = ref.askAsync(s -> s[0]);
            gate.countDown();

            CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
            assertSame(BOOM, death.getCause());
            CompletionException pendingFailure = assertThrows(CompletionException.class, pending::join);
            ActorStoppedException stopped = assertInstanceOf(ActorStoppedException.class, pendingFailure.getCause());
            assertSame(BOOM, stopped.getCause());

            ActorStoppedException later = assertThrows(ActorStoppedException.class, () -> ref.tell(s -> s[0]++));
            assertSame(BOOM, later.getCause());
            assertThrows(ActorStoppedException.class, () -> ref.ask(s -> s[0]));
        }
    }

    @Test
    void resumeKeepsTheStateAndHandlesTheNextMessage() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<List<String>> ref = system.spawn(new ArrayList<>(),
                    ActorOptions.defaults().withFailurePolicy(FailurePolicy.resume()).withName("resumer"));
            ref.tell(s -> s.add("before"));
            ref.tell(s -> {
                s.add("partial");
                throw BOOM;
            });
            ref.tell(s -> s.add("after"));
            assertEquals(List.of("before", "partial", "after"), ref.ask(ArrayList::new));
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void restartReplacesTheStateWithAFreshOne() throws Exception {
        AtomicInteger created = new AtomicInteger();
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<List<String>> ref = system.spawnFrom(() -> {
                created.incrementAndGet();
                return new ArrayList<>();
            }, ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(3, Duration.ofDays(1))));
            ref.tell(s -> s.add("lost on restart"));
            ref.tell(s -> { throw BOOM; });
            ref.tell(s -> s.add("fresh"));
            assertEquals(List.of("fresh"), ref.ask(ArrayList::new));
            assertEquals(2, created.get());
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void restartStopsTheActorAfterTooManyRestartsInTheWindow() throws Exception {
        AtomicInteger created = new AtomicInteger();
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawnFrom(() -> {
                created.incrementAndGet();
                return new int[1];
            }, ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(2, Duration.ofDays(1))));
            for (int i = 0; i < 3; i++) {
                ref.tell(s -> { throw BOOM; });
            }
            CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
            assertSame(BOOM, death.getCause());
            assertEquals(3, created.get()); // the first state plus two restarts
        }
    }

    @Test
    void restartNeedsAFactory() {
        try (ActorSystem system = ActorSystem.create()) {
            assertThrows(IllegalArgumentException.class, () -> system.spawn(new int[1],
                    ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(1, Duration.ofSeconds(1)))));
            assertThrows(IllegalArgumentException.class, () -> FailurePolicy.restart(0, Duration.ofSeconds(1)));
            assertThrows(IllegalArgumentException.class, () -> FailurePolicy.restart(1, Duration.ZERO));
        }
    }

    @Test
    void messageActorFailureFollowsThePolicyToo() throws Exception {
        record Poison() {}
        try (ActorSystem system = ActorSystem.create()) {
            AtomicInteger handled = new AtomicInteger();
            MessageRef<Object> ref = system.spawnHandlerFrom(() -> msg -> {
                if (msg instanceof Poison) {
                    throw new Exception("checked failure (expected by the test)");
                }
                handled.incrementAndGet();
            }, ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(5, Duration.ofDays(1))));
            ref.tell("a");
            ref.tell(new Poison());
            ref.tell("b");
            ref.stop();
            ref.termination().join(); // restarted, not stopped: terminates normally after stop()
            assertEquals(2, handled.get());
        }
    }

    @Test
    void restartWithAnEndlessWindowStopsAtTheFailureAfterTheLastAllowedRestart() throws Exception {
        // issue 12, item 6: the window is converted to nanoseconds by the saturating helper, so a window too long
        // for a long of nanoseconds is "forever" instead of an ArithmeticException swallowed on the reader.
        for (Duration endless : List.of(java.time.temporal.ChronoUnit.FOREVER.getDuration(),
                Duration.ofNanos(Long.MAX_VALUE))) {
            AtomicInteger created = new AtomicInteger();
            try (ActorSystem system = ActorSystem.create()) {
                ActorRef<int[]> ref = system.spawnFrom(() -> {
                    created.incrementAndGet();
                    return new int[1];
                }, ActorOptions.defaults().withFailurePolicy(FailurePolicy.restart(1, endless)));
                ref.tell(s -> { throw BOOM; });            // restarts
                assertEquals(0, ref.<Integer>ask(s -> s[0])); // still running, on fresh state
                ref.tell(s -> { throw BOOM; });            // the second failure in the window: stops
                CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
                assertSame(BOOM, death.getCause());
                assertEquals(2, created.get(), "window " + endless);
            }
        }
    }

    @Test
    void aRestartFactoryThatReturnsNullStopsTheActorNamingTheFactory() throws Exception {
        // issue 12, item 10: the next message must not run on null state.
        AtomicInteger created = new AtomicInteger();
        List<Object> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawnFrom(() -> created.getAndIncrement() == 0 ? new int[1] : null,
                    ActorOptions.defaults().withName("nullfactory")
                            .withFailurePolicy(FailurePolicy.restart(5, Duration.ofDays(1))));
            CountDownLatch gate = new CountDownLatch(1);
            ref.tell(s -> await(gate));        // hold the actor so the next messages queue up
            ref.tell(s -> { throw BOOM; });    // restart: the factory returns null
            ref.tell(ranOn::add);              // must not run
            gate.countDown();
            CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
            NullPointerException npe = assertInstanceOf(NullPointerException.class, death.getCause());
            assertTrue(npe.getMessage().contains("factory"), npe.getMessage());
            assertTrue(npe.getMessage().contains("nullfactory"), npe.getMessage());
            assertSame(BOOM, npe.getSuppressed()[0]);
            assertEquals(List.of(), ranOn);
            assertEquals(2, created.get()); // no retry loop through the restarts left
        }
    }

    @Test
    void restartArgumentsAreValidatedNamingTheArgument() {
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
                () -> FailurePolicy.restart(0, Duration.ofSeconds(1)));
        assertTrue(max.getMessage().contains("maxRestarts") && max.getMessage().contains("0"), max.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FailurePolicy.restart(-1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> FailurePolicy.restart(Integer.MIN_VALUE,
                Duration.ofSeconds(1)));
        NullPointerException nullWindow = assertThrows(NullPointerException.class,
                () -> FailurePolicy.restart(1, null));
        assertTrue(nullWindow.getMessage().contains("window"), nullWindow.getMessage());
        for (Duration bad : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofNanos(Long.MIN_VALUE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FailurePolicy.restart(1, bad));
            assertTrue(e.getMessage().contains("window"), e.getMessage());
        }
        assertEquals(Integer.MAX_VALUE, ((FailurePolicy.Restart) FailurePolicy.restart(Integer.MAX_VALUE,
                Duration.ofNanos(1))).maxRestarts());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
