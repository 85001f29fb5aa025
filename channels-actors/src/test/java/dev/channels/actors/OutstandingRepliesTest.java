package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Termination fails every outstanding reply (issue 12, item 3): no ask waits on an actor that is gone. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutstandingRepliesTest {

    private static final RuntimeException BOOM = new IllegalStateException("boom (expected by the test)");

    /** Answered at once: everything sent before it has been handled when its reply arrives. */
    private record Sync(CompletableFuture<Object> reply) {
    }

    /** A handler that keeps every bare reply to answer later, answers a Sync, and fails on "fail". */
    private static final class Keeper implements Handler<Object> {
        final List<CompletableFuture<Object>> kept = new ArrayList<>();
        final CountDownLatch keptOne = new CountDownLatch(1);

        @Override
        @SuppressWarnings("unchecked")
        public void handle(Object message) {
            if (message instanceof Sync sync) {
                sync.reply().complete("synced");
            } else if (message instanceof CompletableFuture<?> reply) {
                kept.add((CompletableFuture<Object>) reply);
                keptOne.countDown();
            } else if ("fail".equals(message)) {
                throw BOOM;
            }
        }
    }

    @Test
    void aKeptReplyFailsWithActorStoppedWhenTheActorIsStopped() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            Keeper keeper = new Keeper();
            MessageRef<Object> ref = system.spawnHandler(keeper, ActorOptions.defaults().withName("keeper"));
            CompletableFuture<Object> reply = ref.askAsync(r -> r);
            AtomicReference<Throwable> blockedAskFailure = new AtomicReference<>();
            Thread asker = Thread.startVirtualThread(() -> {
                try {
                    ref.ask(r -> r);
                } catch (Throwable t) {
                    blockedAskFailure.set(t);
                }
            });
            keeper.keptOne.await();
            Waits.untilParked(asker);
            ref.stop();
            ref.termination().join();
            // Termination fails the replies before it completes: no waiting needed to see it.
            CompletionException failed = assertThrows(CompletionException.class, reply::join);
            ActorStoppedException stopped = assertInstanceOf(ActorStoppedException.class, failed.getCause());
            assertTrue(stopped.getMessage().contains("keeper"), stopped.getMessage());
            assertNull(stopped.getCause());
            asker.join();
            assertInstanceOf(ActorStoppedException.class, blockedAskFailure.get());
        }
    }

    @Test
    void aKeptReplyFailsWithTheFailureAsCauseWhenAFailureStopsTheActor() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            Keeper keeper = new Keeper();
            MessageRef<Object> ref = system.spawnHandler(keeper);
            CompletableFuture<Object> reply = ref.askAsync(r -> r);
            ref.tell("fail");
            CompletionException death = assertThrows(CompletionException.class, () -> ref.termination().join());
            assertSame(BOOM, death.getCause());
            CompletionException failed = assertThrows(CompletionException.class, reply::join);
            ActorStoppedException stopped = assertInstanceOf(ActorStoppedException.class, failed.getCause());
            assertSame(BOOM, stopped.getCause());
        }
    }

    @Test
    void repliesAnsweredLaterStillArriveAndOnlyTheOpenOnesFailAtTermination() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            Keeper keeper = new Keeper();
            MessageRef<Object> ref = system.spawnHandler(keeper);
            int n = 1_000; // more than any initial table: the record of kept replies grows and is swept
            List<CompletableFuture<Object>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(ref.askAsync(r -> r));
            }
            assertEquals("synced", ref.ask(Sync::new)); // every reply is kept by now
            List<CompletableFuture<Object>> kept = keeper.kept;
            assertEquals(n, kept.size());
            for (int i = 0; i < n; i += 2) {
                kept.get(i).complete("answered " + i); // answered from outside the actor, later
            }
            ref.stop();
            ref.termination().join();
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                    assertEquals("answered " + i, replies.get(i).join());
                } else {
                    CompletableFuture<Object> open = replies.get(i);
                    CompletionException e = assertThrows(CompletionException.class, open::join);
                    assertInstanceOf(ActorStoppedException.class, e.getCause());
                }
            }
        }
    }
}
