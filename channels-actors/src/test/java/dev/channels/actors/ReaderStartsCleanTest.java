package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per message, the actor's reader starts clean: the "inside this actor" record belongs to the thread that holds the
 * reader role (issue 12, item 4), and no interrupt status carries over from one message to the next (item 5).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReaderStartsCleanTest {

    @Test
    void theInsideRecordSurvivesAHandOverWhereTheEndingReaderClearsLast() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            CountDownLatch oldReaderAtExit = new CountDownLatch(1);
            CountDownLatch newReaderInside = new CountDownLatch(1);
            AtomicReference<Thread> oldReader = new AtomicReference<>();
            AtomicBoolean first = new AtomicBoolean(true);
            // Hold the first reader thread after its task released the reader role, just before it clears the
            // record; the next reader takes over meanwhile.
            system.onReaderExit(() -> {
                if (first.compareAndSet(true, false)) {
                    oldReader.set(Thread.currentThread());
                    oldReaderAtExit.countDown();
                    Waits.awaitUninterruptibly(newReaderInside);
                }
            });
            ActorRef<int[]> ref = system.spawn(new int[1]);
            ref.tell(s -> s[0]++);
            oldReaderAtExit.await();

            CompletableFuture<Throwable> selfAsk = new CompletableFuture<>();
            AtomicReference<Thread> newReader = new AtomicReference<>();
            ref.tell(s -> {
                newReader.set(Thread.currentThread());
                newReaderInside.countDown();
                Waits.joinUninterruptibly(oldReader.get()); // the old reader has finished its exit now
                try {
                    ref.ask(x -> 1);
                    selfAsk.complete(null);
                } catch (Throwable t) {
                    selfAsk.complete(t);
                }
            });
            try {
                Throwable t = selfAsk.get(30, TimeUnit.SECONDS); // bounds the failure (a deadlock), not a timing
                assertInstanceOf(IllegalStateException.class, t);
                assertTrue(t.getMessage().contains(ref.name()), t.getMessage());
            } finally {
                if (!selfAsk.isDone() && newReader.get() != null) {
                    newReader.get().interrupt(); // release the deadlocked self-ask so that close() can finish
                }
            }
        }
    }

    @Test
    void manyActorsToldInBurstsAlwaysRecogniseTheirOwnReader() throws Exception {
        int actors = 48;
        int rounds = 100 * Integer.getInteger("stress.factor", 1);
        int burst = 4;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        try (ActorSystem system = ActorSystem.create()) {
            List<ActorRef<int[]>> refs = new ArrayList<>();
            for (int i = 0; i < actors; i++) {
                refs.add(system.spawn(new int[1]));
            }
            for (int round = 0; round < rounds && wrong.isEmpty(); round++) {
                CountDownLatch done = new CountDownLatch(actors * burst);
                List<Thread> tellers = new ArrayList<>();
                for (ActorRef<int[]> ref : refs) {
                    tellers.add(Thread.startVirtualThread(() -> {
                        for (int m = 0; m < burst; m++) {
                            ref.tell(s -> {
                                try {
                                    // inside its own actor, a timed self-ask must be refused at once; a stale
                                    // record lets it through and it times out instead
                                    ref.ask(x -> 1, Duration.ofSeconds(5));
                                    wrong.add(ref.name() + ": self-ask answered");
                                } catch (IllegalStateException expected) {
                                    // the record is right
                                } catch (Throwable t) {
                                    wrong.add(ref.name() + ": " + t);
                                }
                                done.countDown();
                            });
                        }
                    }));
                }
                for (Thread t : tellers) {
                    t.join();
                }
                done.await();
            }
        }
        assertEquals(List.of(), List.copyOf(wrong));
    }

    @Test
    void aHandlerThatReassertsAnInterruptDoesNotLeakItIntoTheNextMessage() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1]);
            CountDownLatch nextQueued = new CountDownLatch(1);
            ref.tell(s -> {
                Waits.awaitUninterruptibly(nextQueued); // the next message arrives in the same busy period
                Thread.currentThread().interrupt();     // the "catch InterruptedException, re-interrupt" idiom
            });
            CompletableFuture<Boolean> interruptedAtStart = new CompletableFuture<>();
            ref.tell(s -> {
                interruptedAtStart.complete(Thread.currentThread().isInterrupted());
                try {
                    new CountDownLatch(0).await(); // a first blocking call: throws if the status leaked
                } catch (InterruptedException e) {
                    throw new IllegalStateException("the interrupt leaked into the next message", e);
                }
                s[0]++;
            });
            nextQueued.countDown();
            assertFalse(interruptedAtStart.get());
            assertEquals(1, ref.<Integer>ask(s -> s[0])); // handled, and the actor did not stop
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void anInterruptOfTheReaderDuringAMessageEndsWithThatMessage() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            MessageRef<Object> ref = system.spawnHandler(msg -> {
                if (msg instanceof CompletableFuture<?> f) {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<Object> reply = (CompletableFuture<Object>) f;
                    reply.complete(Thread.currentThread().isInterrupted());
                } else {
                    Thread.currentThread().interrupt(); // a message that leaves the status set
                }
            });
            for (int i = 0; i < 100; i++) {
                ref.tell("interrupt yourself");
                assertEquals(Boolean.FALSE, ref.ask(r -> r));
            }
        }
    }
}
