package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request-reply: ask, askAsync, errors going back to the asker, self-ask detection. */
@Timeout(60)
class AskTest {

    @Test
    void askReturnsTheQueryResultAfterEarlierTellsFromTheSameCaller() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<StringBuilder> sb = system.spawn(new StringBuilder());
            sb.tell(s -> s.append("a"));
            sb.tell(s -> s.append("b"));
            assertEquals("ab", sb.ask(StringBuilder::toString));
            CompletableFuture<Integer> len = sb.askAsync(StringBuilder::length);
            assertEquals(2, len.join());
        }
    }

    @Test
    void asksAreAnsweredUnderLoad() throws Exception {
        int askers = 200;
        int asks = 200;
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<long[]> counter = system.spawn(new long[1]);
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < askers; t++) {
                threads.add(Thread.startVirtualThread(() -> {
                    try {
                        long previous = -1;
                        for (int i = 0; i < asks; i++) {
                            long now = counter.ask(c -> ++c[0]);
                            if (now <= previous) {
                                throw new AssertionError("counter went back: " + previous + " -> " + now);
                            }
                            previous = now;
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(null, failure.get());
            assertEquals((long) askers * asks, counter.<Long>ask(c -> c[0]));
        }
    }

    @Test
    void anExceptionInAnAskGoesBackToTheCallerAndTheActorCarriesOn() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[]{41});
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ref.ask(s -> {
                throw boom;
            }));
            assertSame(boom, thrown);
            CompletionException async = assertThrows(CompletionException.class,
                    () -> ref.askAsync(s -> { throw boom; }).join());
            assertSame(boom, async.getCause());
            assertEquals(42, ref.<Integer>ask(s -> ++s[0]));
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void askFromInsideTheSameActorIsRefused() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            AtomicReference<ActorRef<int[]>> self = new AtomicReference<>();
            ActorRef<int[]> ref = system.spawn(new int[1]);
            self.set(ref);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ref.ask(s -> {
                        try {
                            return self.get().ask(t -> t[0]);
                        } catch (InterruptedException ie) {
                            throw new AssertionError(ie);
                        }
                    }));
            assertTrue(e.getMessage().contains("asked itself"), e.getMessage());
            assertEquals(0, ref.<Integer>ask(s -> s[0])); // and it is still alive
        }
    }

    @Test
    void askAcrossActorsWorks() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> a = system.spawn(new int[]{1});
            ActorRef<int[]> b = system.spawn(new int[]{2});
            int sum = a.ask(s -> {
                try {
                    return s[0] + b.ask(t -> t[0]);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(3, sum);
        }
    }

    @Test
    void messageActorAskFailsWithTheHandlersException() throws Exception {
        record Divide(int by, CompletableFuture<Integer> reply) {}
        try (ActorSystem system = ActorSystem.create()) {
            MessageRef<Divide> ref = system.spawnHandler(d -> d.reply().complete(100 / d.by()));
            assertEquals(25, ref.<Integer>ask(r -> new Divide(4, r)));
            assertThrows(ArithmeticException.class, () -> ref.<Integer>ask(r -> new Divide(0, r)));
            assertEquals(50, ref.<Integer>askAsync(r -> new Divide(2, r)).join());
        }
    }

    @Test
    void askOnAStoppedActorThrowsActorStoppedException() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            ref.stop();
            ref.termination().join();
            assertThrows(ActorStoppedException.class, () -> ref.ask(s -> s[0]));
            assertThrows(ActorStoppedException.class, () -> ref.askAsync(s -> s[0]));
            assertThrows(ActorStoppedException.class, () -> ref.tell(s -> s[0]++));
            assertInstanceOf(IllegalStateException.class, new ActorStoppedException("x", null));
        }
    }
}
