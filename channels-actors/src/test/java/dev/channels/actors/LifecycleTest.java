package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stop, drain, death watch, and the system that owns its actors. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleTest {

    @Test
    void stopHandlesEverythingAlreadyInTheMailboxThenTerminates() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<List<Integer>> ref = system.spawn(new ArrayList<>());
            CountDownLatch gate = new CountDownLatch(1);
            List<Integer> seen = new ArrayList<>();
            ref.tell(s -> await(gate));
            for (int i = 0; i < 1_000; i++) {
                int v = i;
                ref.tell(s -> s.add(v));
            }
            CompletableFuture<Integer> pendingAsk = ref.askAsync(List::size);
            ref.tell(s -> seen.addAll(s)); // the actor publishes its list; read after termination (happens-after)
            ref.stop();
            assertThrows(ActorStoppedException.class, () -> ref.tell(s -> s.add(-1)));
            assertThrows(ActorStoppedException.class, () -> ref.ask(List::size));
            assertFalse(ref.termination().isDone());
            gate.countDown();
            ref.termination().join();
            assertEquals(1_000, pendingAsk.join()); // accepted before stop: answered
            assertEquals(1_000, seen.size());
            for (int i = 0; i < 1_000; i++) {
                assertEquals(i, seen.get(i));
            }
            ref.stop(); // idempotent
        }
    }

    @Test
    void closeStopsEveryActorWaitsForThemAndLeavesNoThreadRunning() throws Exception {
        ActorSystem system = ActorSystem.create("closing");
        AtomicLong handled = new AtomicLong();
        List<ActorRef<long[]>> refs = new ArrayList<>();
        for (int a = 0; a < 100; a++) {
            refs.add(system.spawn(new long[1]));
        }
        for (int i = 0; i < 100; i++) {
            for (ActorRef<long[]> r : refs) {
                r.tell(s -> {
                    s[0]++;
                    handled.incrementAndGet();
                });
            }
        }
        system.close();
        assertEquals(10_000, handled.get()); // every accepted tell ran before close returned
        assertEquals(0, system.liveActors());
        assertEquals(0, system.runningThreads());
        for (ActorRef<long[]> r : refs) {
            assertTrue(r.termination().isDone());
            assertFalse(r.termination().isCompletedExceptionally());
        }
        assertTrue(system.isClosed());
        assertThrows(IllegalStateException.class, () -> system.spawn(new long[1]));
        system.close(); // again: returns at once
    }

    @Test
    void closeWaitsForABusyActor() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorSystem system = ActorSystem.create();
        ActorRef<int[]> ref = system.spawn(new int[1]);
        ref.tell(s -> {
            started.countDown();
            await(release);
            s[0] = 1;
        });
        started.await();
        Thread closer = Thread.startVirtualThread(system::close);
        while (closer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // observable: close() is parked waiting for the actor
        }
        assertFalse(ref.termination().isDone());
        release.countDown();
        closer.join();
        assertTrue(ref.termination().isDone());
        assertEquals(0, system.runningThreads());
    }

    @Test
    void spawnAndStopManyActors() throws Exception {
        int factor = Integer.getInteger("stress.factor", 1);
        int n = factor > 1 ? 1_000_000 : 100_000;
        AtomicLong handled = new AtomicLong();
        try (ActorSystem system = ActorSystem.create("many")) {
            List<ActorRef<int[]>> refs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ActorRef<int[]> r = system.spawn(new int[1]);
                r.tell(s -> handled.incrementAndGet());
                refs.add(r);
            }
            for (ActorRef<int[]> r : refs) {
                r.stop();
            }
            for (ActorRef<int[]> r : refs) {
                r.termination().join();
            }
            assertEquals(n, handled.get());
            assertEquals(0, system.liveActors());
        }
    }

    @Test
    @SuppressWarnings("try") // close() inside the try block is the call under test: it must be refused
    void closingTheSystemFromInsideOneOfItsActorsIsRefused() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> ref.ask(s -> {
                        system.close();
                        return 0;
                    }));
            assertTrue(e.getMessage().contains("wait for itself"), e.getMessage());
            assertFalse(system.isClosed());
            assertEquals(0, (int) ref.<Integer>ask(s -> s[0])); // nothing was stopped
        }
    }

    @Test
    void terminationFutureIsDeathWatch() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> watched = system.spawn(new int[1]);
            ActorRef<List<String>> watcher = system.spawn(new ArrayList<>());
            watched.termination().whenComplete((v, e) -> watcher.tell(s -> s.add("watched died: " + e)));
            watched.stop();
            watched.termination().join();
            String note;
            do {
                note = watcher.ask(s -> s.isEmpty() ? null : s.get(0));
            } while (note == null); // the callback may run just after join() returns
            assertEquals("watched died: null", note);
        }
    }

    @Test
    void noCallerCanCompleteOrCancelTheTerminationForOthers() throws Exception {
        // issue 12, item 10: termination() hands out a copy, not the one internal future.
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            CompletableFuture<Void> mine = ref.termination();
            assertTrue(mine.complete(null));
            assertTrue(ref.termination().cancel(true));
            assertTrue(ref.termination().completeExceptionally(new IllegalStateException("not mine to say")));
            ref.termination().obtrudeValue(null);
            assertFalse(ref.termination().isDone());
            assertEquals(1, ref.<Integer>ask(s -> ++s[0])); // the actor did not notice
            CompletableFuture<Void> watch = ref.termination();
            ref.stop();
            watch.join();
            assertTrue(ref.termination().isDone());
            assertFalse(ref.termination().isCompletedExceptionally());
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
