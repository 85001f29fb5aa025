package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timed ask, and the ask's interrupt and timeout behaviour on a full blocking mailbox (issue 12, item 8). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimedAskTest {

    /** Keeps every reply without answering, so a timed ask can only time out. */
    private static final class Silent implements Handler<Object> {
        final List<CompletableFuture<Object>> kept = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public void handle(Object message) {
            if (message instanceof CompletableFuture<?> reply) {
                kept.add((CompletableFuture<Object>) reply);
            } else if (message instanceof Runnable inside) {
                inside.run(); // runs on the actor
            }
        }
    }

    @Test
    void aTimedAskReturnsTheReplyInTime() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[]{41});
            assertEquals(42, ref.<Integer>ask(s -> ++s[0], Duration.ofMinutes(5)));
            MessageRef<CompletableFuture<Object>> echo = system.spawnHandler(r -> r.complete("pong"));
            assertEquals("pong", echo.ask(r -> r, Duration.ofMinutes(5)));
        }
    }

    @Test
    void aTimedAskThatIsNotAnsweredThrowsTimeoutAndTheLateReplyIsDiscarded() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            Silent silent = new Silent();
            MessageRef<Object> ref = system.spawnHandler(silent, ActorOptions.defaults().withName("silent"));
            TimeoutException e = assertThrows(TimeoutException.class, () -> ref.ask(r -> r, Duration.ofMillis(1)));
            assertTrue(e.getMessage().contains("silent"), e.getMessage());
            Object done = ref.ask(r -> (Runnable) () -> { // handled after the timed-out request: answer it late
                for (CompletableFuture<Object> kept : silent.kept) {
                    kept.complete("late"); // discarded: the asker has gone
                }
                r.complete("answered " + silent.kept.size());
            });
            assertEquals("answered 1", done);
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void aTimedQueryThatTimesOutMayStillRunLater() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            CountDownLatch gate = new CountDownLatch(1);
            ref.tell(s -> Waits.awaitUninterruptibly(gate));
            assertThrows(TimeoutException.class, () -> ref.ask(s -> ++s[0], Duration.ZERO));
            gate.countDown();
            assertEquals(1, ref.<Integer>ask(s -> s[0])); // the query ran after its asker gave up
        }
    }

    @Test
    void aTimedAskFromInsideTheActorIsRefused() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            Throwable t = ref.ask(s -> {
                try {
                    ref.ask(x -> 1, Duration.ofMinutes(5));
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalStateException.class, t);
        }
    }

    @Test
    void aTimedAskOnAStoppedActorThrowsActorStopped() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            ref.stop();
            assertThrows(ActorStoppedException.class, () -> ref.ask(s -> 1, Duration.ofMinutes(5)));
        }
    }

    @Test
    void aTimedAskWaitingForRoomInAFullBlockingMailboxTimesOutAndSendsNothing() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<long[]> ref = system.spawn(new long[1],
                    ActorOptions.defaults().withMailbox(1, Overflow.BLOCK));
            CountDownLatch gate = fill(ref);
            assertThrows(TimeoutException.class, () -> ref.ask(s -> s[0] += 100, Duration.ofMillis(1)));
            gate.countDown();
            assertEquals(1L, ref.<Long>ask(s -> s[0])); // the timed-out ask was never sent
        }
    }

    @Test
    void anAskInterruptedWhileWaitingForRoomThrowsInterruptedExceptionAndSendsNothing() throws Exception {
        for (boolean timed : new boolean[]{false, true}) {
            try (ActorSystem system = ActorSystem.create()) {
                ActorRef<long[]> ref = system.spawn(new long[1],
                        ActorOptions.defaults().withMailbox(1, Overflow.BLOCK));
                CountDownLatch gate = fill(ref);
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                try {
                    Thread asker = Thread.startVirtualThread(() -> {
                        try {
                            if (timed) {
                                ref.ask(s -> s[0] += 100, Duration.ofDays(1));
                            } else {
                                ref.ask(s -> s[0] += 100);
                            }
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                    });
                    Waits.untilParked(asker);
                    asker.interrupt();
                    asker.join();
                } finally {
                    gate.countDown();
                }
                assertInstanceOf(InterruptedException.class, thrown.get(), "timed: " + timed);
                assertEquals(1L, ref.<Long>ask(s -> s[0])); // the interrupted ask was never sent
            }
        }
    }

    /** Holds the actor in a message and fills its one-place mailbox; count the gate down to release it. */
    private static CountDownLatch fill(ActorRef<long[]> ref) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        ref.tell(s -> {
            holding.countDown();
            Waits.awaitUninterruptibly(gate);
        });
        holding.await();
        ref.tell(s -> s[0] += 1); // fills the mailbox
        return gate;
    }
}
