package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded mailboxes: backpressure, fail fast, drop newest, drop oldest. */
@Timeout(120)
class MailboxPolicyTest {

    @Test
    void blockingMailboxHoldsTenThousandProducersBackAndLosesNothing() throws Exception {
        int capacity = 16;
        int producers = 10_000;
        try (ActorSystem system = ActorSystem.create("backpressure")) {
            ActorRef<long[]> ref = system.spawn(new long[1],
                    ActorOptions.defaults().withMailbox(capacity, Overflow.BLOCK));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ref.tell(s -> {
                holding.countDown();
                await(gate);
            });
            holding.await(); // the actor took the gate message and is stuck in it: the mailbox is empty
            AtomicInteger returned = new AtomicInteger();
            List<Thread> threads = new ArrayList<>(producers);
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.startVirtualThread(() -> {
                    ref.tell(s -> s[0]++);
                    returned.incrementAndGet();
                }));
            }
            for (Thread t : threads) {
                while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TERMINATED) {
                    Thread.onSpinWait(); // observable state: every producer has sent or is parked
                }
            }
            assertEquals(capacity, returned.get(), "only `capacity` tells may complete while the actor is stuck");
            gate.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(producers, returned.get());
            assertEquals((long) producers, ref.<Long>ask(s -> s[0]));
        }
    }

    @Test
    void failPolicyThrowsMailboxFullException() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<long[]> ref = system.spawn(new long[1],
                    ActorOptions.defaults().withMailbox(2, Overflow.FAIL));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ref.tell(s -> {
                holding.countDown();
                await(gate);
            });
            holding.await();
            CountDownLatch bothRan = new CountDownLatch(2);
            ref.tell(s -> {
                s[0]++;
                bothRan.countDown();
            });
            ref.tell(s -> {
                s[0]++;
                bothRan.countDown();
            });
            assertThrows(MailboxFullException.class, () -> ref.tell(s -> s[0]++));
            CompletableFuture<Long> refused = null;
            try {
                refused = ref.askAsync(s -> s[0]);
            } catch (MailboxFullException expected) {
                // the ask itself was refused
            }
            assertEquals(null, refused);
            gate.countDown();
            bothRan.await(); // the mailbox is empty again: the ask fits
            assertEquals(2L, ref.<Long>ask(s -> s[0]));
        }
    }

    @Test
    void dropNewestHandsTheNewMessageToTheDeadLetterHookAndFailsADroppedAsk() throws Exception {
        List<Object> dead = new CopyOnWriteArrayList<>();
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<List<Integer>> ref = system.spawn(new ArrayList<>(),
                    ActorOptions.defaults().withMailbox(2, Overflow.DROP_NEWEST).withDeadLetters(dead::add));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ref.tell(s -> {
                holding.countDown();
                await(gate);
            });
            holding.await();
            CountDownLatch keptRan = new CountDownLatch(2);
            Consumer<List<Integer>> add1 = s -> {
                s.add(1);
                keptRan.countDown();
            };
            Consumer<List<Integer>> add2 = s -> {
                s.add(2);
                keptRan.countDown();
            };
            Consumer<List<Integer>> add3 = s -> s.add(3);
            ref.tell(add1);
            ref.tell(add2);
            ref.tell(add3); // full: dropped
            CompletableFuture<Integer> droppedAsk = ref.askAsync(List::size);
            assertEquals(2, dead.size());
            assertEquals(add3, dead.get(0)); // the tell's own object is the message
            CompletionException e = assertThrows(CompletionException.class, droppedAsk::join);
            assertInstanceOf(MailboxFullException.class, e.getCause());
            gate.countDown();
            keptRan.await(); // the mailbox is empty again, so the ask below is not dropped
            assertEquals(List.of(1, 2), ref.ask(ArrayList::new));
        }
    }

    @Test
    void dropOldestEvictsTheOldestWaitingMessage() throws Exception {
        List<Object> dead = new CopyOnWriteArrayList<>();
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<List<Integer>> ref = system.spawn(new ArrayList<>(),
                    ActorOptions.defaults().withMailbox(2, Overflow.DROP_OLDEST).withDeadLetters(dead::add));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ref.tell(s -> {
                holding.countDown();
                await(gate);
            });
            holding.await();
            List<Consumer<List<Integer>>> ops = new ArrayList<>();
            CountDownLatch keptRan = new CountDownLatch(2);
            for (int i = 1; i <= 5; i++) {
                int v = i;
                Consumer<List<Integer>> op = s -> {
                    s.add(v);
                    keptRan.countDown();
                };
                ops.add(op);
                ref.tell(op);
            }
            assertEquals(List.of(ops.get(0), ops.get(1), ops.get(2)), dead);
            gate.countDown();
            keptRan.await(); // the mailbox is empty again, so the ask below evicts nothing
            assertEquals(List.of(4, 5), ref.ask(ArrayList::new));
        }
    }

    @Test
    void tellingItselfOnAFullBlockingMailboxIsRefusedInsteadOfDeadlocking() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<long[]> ref = system.spawn(new long[1],
                    ActorOptions.defaults().withMailbox(1, Overflow.BLOCK));
            AtomicInteger refused = new AtomicInteger();
            CompletableFuture<ActorRef<long[]>> self = new CompletableFuture<>();
            self.complete(ref);
            CountDownLatch told = new CountDownLatch(1);
            ref.tell(s -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        self.join().tell(t -> t[0]++); // the first fits, the second finds the mailbox full
                    }
                } catch (IllegalStateException e) {
                    refused.incrementAndGet();
                }
                told.countDown();
            });
            told.await(); // only then may this thread's ask take the place the actor freed
            assertEquals(1L, ref.<Long>ask(s -> s[0]));
            assertEquals(1, refused.get());
            assertFalse(ref.termination().isDone());
        }
    }

    @Test
    void anInterruptedBlockedTellSendsNothingAndKeepsTheInterruptStatus() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<long[]> ref = system.spawn(new long[1],
                    ActorOptions.defaults().withMailbox(1, Overflow.BLOCK));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ref.tell(s -> {
                holding.countDown();
                await(gate);
            });
            holding.await();
            ref.tell(s -> s[0] += 1); // fills the mailbox
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread blocked = Thread.startVirtualThread(() -> {
                try {
                    ref.tell(s -> s[0] += 100);
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            while (blocked.getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // observable: the sender is parked on the full mailbox
            }
            blocked.interrupt();
            blocked.join();
            assertInstanceOf(CancellationException.class, thrown.get());
            assertInstanceOf(InterruptedException.class, thrown.get().getCause());
            assertTrue(stillInterrupted.get());
            gate.countDown();
            assertEquals(1L, ref.<Long>ask(s -> s[0])); // the interrupted tell was not delivered
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
