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

/** Every failure policy, as in the table on {@link FailurePolicy}. */
@Timeout(60)
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
