package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mailbox's contract through its on-demand reader, with the channel contract rows that apply to it (order per
 * sender, close drains then closed, null refused, size and capacity), each with the default linger and with none
 * (a reader hand-over whenever the queue runs dry).
 */
@Timeout(120)
class MailboxTest {

    @ParameterizedTest
    @ValueSource(longs = {0L, 20_000L})
    void manySendersOneReaderLoseNothingAndKeepOrderPerSender(long linger) throws Exception {
        Collecting<long[]> reader = new Collecting<>();
        Mailbox<long[]> mb = Collecting.mailbox(reader, Integer.MAX_VALUE, Overflow.BLOCK, linger);
        int senders = 8;
        int each = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < senders; p++) {
            int id = p;
            threads.add(Thread.startVirtualThread(() -> {
                for (int i = 0; i < each; i++) {
                    send(mb, new long[]{id, i});
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(mb.close());
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
        assertNull(reader.violation);
        assertEquals(senders * each, reader.values.size());
        long[] next = new long[senders];
        for (long[] v : reader.values) {
            assertEquals(next[(int) v[0]]++, v[1], "order of sender " + v[0]);
        }
        assertEquals(1, reader.closedCalls.get());
        assertEquals(0, mb.size());
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 20_000L})
    void closeDrainsWhatWasAcceptedThenClosesOnce(long linger) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Collecting<Integer> reader = new Collecting<>() {
            @Override
            void handle(Integer value) {
                await(gate);
            }
        };
        Mailbox<Integer> mb = Collecting.mailbox(reader, 4, Overflow.BLOCK, linger);
        for (int i = 1; i <= 5; i++) {
            mb.send(i); // 1 is taken by the reader, which waits at the gate; 2..5 fill the mailbox
        }
        assertEquals(4, mb.size());
        assertEquals(4, mb.capacity);
        assertTrue(mb.close());
        assertFalse(mb.close());
        assertTrue(mb.isClosed());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> mb.send(6));
        assertNull(e.getCause());
        assertThrows(ChannelClosedException.class, () -> mb.trySend(6));
        gate.countDown();
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3, 4, 5), reader.values);
        assertNull(reader.violation);
    }

    @Test
    void closeWithCauseIsReportedBySends() {
        Mailbox<Integer> mb = Collecting.mailbox(new Collecting<>(), Integer.MAX_VALUE, Overflow.BLOCK, 0L);
        IllegalStateException cause = new IllegalStateException("boom");
        assertTrue(mb.close(cause));
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> mb.send(1)).getCause());
        assertSame(cause, mb.closeCause());
        assertThrows(NullPointerException.class, () -> mb.close(null));
    }

    @Test
    void nullIsRefusedNamingTheArgument() {
        Mailbox<Integer> mb = Collecting.mailbox(new Collecting<>(), 2, Overflow.BLOCK, 0L);
        assertEquals("value", assertThrows(NullPointerException.class, () -> mb.send(null)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> mb.trySend(null)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class,
                () -> mb.send(null, Duration.ZERO)).getMessage());
        assertEquals(0, mb.size());
    }

    @Test
    void capacityIsValidated() {
        for (int bad : new int[]{0, -1, dev.channels.Channel.MAX_BUFFERED_CAPACITY + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Mailbox.onDemand(bad, Overflow.BLOCK, null, Runnable::run, new Collecting<>()));
            assertTrue(e.getMessage().contains("capacity"), e.getMessage());
        }
        assertThrows(NullPointerException.class,
                () -> Mailbox.onDemand(1, null, null, Runnable::run, new Collecting<>()));
    }

    @Test
    void failDropNewestAndDropOldestWhenFull() throws Exception {
        for (Overflow policy : new Overflow[]{Overflow.FAIL, Overflow.DROP_NEWEST, Overflow.DROP_OLDEST}) {
            CountDownLatch gate = new CountDownLatch(1);
            Collecting<Integer> reader = new Collecting<>() {
                @Override
                void handle(Integer value) {
                    await(gate);
                }
            };
            Mailbox<Integer> mb = Collecting.mailbox(reader, 2, policy, 0L);
            mb.send(1); // held by the reader at the gate
            reader.firstValue.await();
            mb.send(2);
            mb.send(3); // full now
            if (policy == Overflow.FAIL) {
                assertEquals("mailbox full (capacity 2)",
                        assertThrows(MailboxFullException.class, () -> mb.send(4)).getMessage());
            } else {
                mb.send(4);
            }
            assertFalse(mb.trySend(5)); // trySend never drops or fails
            mb.close();
            gate.countDown();
            assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
            switch (policy) {
                case FAIL -> assertEquals(List.of(1, 2, 3), reader.values);
                case DROP_NEWEST -> {
                    assertEquals(List.of(1, 2, 3), reader.values);
                    assertEquals(List.of(4), reader.dead);
                }
                default -> {
                    assertEquals(List.of(1, 3, 4), reader.values);
                    assertEquals(List.of(2), reader.dead);
                }
            }
        }
    }

    @Test
    void blockWaitsForRoomInOrderAndCloseFailsTheWaitingSenders() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Collecting<Integer> reader = new Collecting<>() {
            @Override
            void handle(Integer value) {
                await(gate);
            }
        };
        Mailbox<Integer> mb = Collecting.mailbox(reader, 1, Overflow.BLOCK, 0L);
        mb.send(1); // held at the gate
        reader.firstValue.await();
        mb.send(2); // fills the mailbox
        assertFalse(mb.send(3, Duration.ZERO));
        assertFalse(mb.send(3, Duration.ofMillis(1))); // times out: nothing sent
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread blocked = Thread.startVirtualThread(() -> {
            try {
                mb.send(3);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        awaitWaiting(blocked);
        mb.close();
        blocked.join();
        assertTrue(failure.get() instanceof ChannelClosedException, String.valueOf(failure.get()));
        gate.countDown();
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2), reader.values); // the blocked sender's value was never accepted
    }

    @Test
    void blockedSendersAreServedInArrivalOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Collecting<Integer> reader = new Collecting<>() {
            @Override
            void handle(Integer value) {
                if (value == 0) {
                    await(gate);
                }
            }
        };
        Mailbox<Integer> mb = Collecting.mailbox(reader, 1, Overflow.BLOCK, 0L);
        mb.send(0); // held at the gate
        reader.firstValue.await();
        mb.send(1);
        List<Thread> senders = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            int v = i;
            Thread t = Thread.startVirtualThread(() -> send(mb, v));
            awaitWaiting(t); // parked before the next one arrives
            senders.add(t);
        }
        gate.countDown();
        for (Thread t : senders) {
            t.join();
        }
        mb.close();
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), reader.values);
    }

    @Test
    void interruptedBlockedSendSendsNothing() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Collecting<Integer> reader = new Collecting<>() {
            @Override
            void handle(Integer value) {
                await(gate);
            }
        };
        Mailbox<Integer> mb = Collecting.mailbox(reader, 1, Overflow.BLOCK, 0L);
        mb.send(1);
        reader.firstValue.await();
        mb.send(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread blocked = Thread.startVirtualThread(() -> {
            try {
                mb.send(3);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        awaitWaiting(blocked);
        blocked.interrupt();
        blocked.join();
        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        mb.close();
        gate.countDown();
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2), reader.values);
    }

    @Test
    void anIdleMailboxHoldsNoTaskAndStartsOneOnTheNextSend() throws Exception {
        Collecting<Integer> reader = new Collecting<>();
        List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        Mailbox<Integer> mb = new Mailbox<>(Integer.MAX_VALUE, Overflow.BLOCK, null,
                task -> started.add(Thread.startVirtualThread(task)), reader, 0L);
        mb.send(1);
        started.get(0).join(); // with no linger the task ends once the queue is empty
        mb.send(2);
        started.get(1).join();
        assertEquals(2, started.size());
        assertEquals(List.of(1, 2), reader.values);
        mb.close();
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS));
    }

    static void send(Mailbox<Integer> mb, int v) {
        try {
            mb.send(v);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void send(Mailbox<long[]> mb, long[] v) {
        try {
            mb.send(v);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void awaitWaiting(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // observable state: the sender is parked in the mailbox
        }
    }
}
