package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-reader mailbox's contract, as documented on {@link Mailbox}. */
@Timeout(60)
class MailboxTest {

    private static final Executor VIRTUAL = Thread::startVirtualThread;

    @Test
    void unboundedSendNeverWaitsAndReaderGetsFifo() throws InterruptedException {
        Mailbox<Integer> mb = Channel.mailbox();
        for (int i = 0; i < 10_000; i++) {
            mb.send(i);
        }
        assertEquals(10_000, mb.size());
        assertEquals(Integer.MAX_VALUE, mb.capacity());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, mb.receive());
        }
        assertEquals(ReceiveResult.empty(), mb.tryReceive());
    }

    @Test
    void secondConcurrentReaderIsRefused() throws Exception {
        Mailbox<String> mb = Channel.mailbox();
        CountDownLatch parked = new CountDownLatch(1);
        AtomicReference<String> got = new AtomicReference<>();
        Thread first = Thread.startVirtualThread(() -> {
            try {
                parked.countDown();
                got.set(mb.receive());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        parked.await();
        while (first.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // observable state: the first reader is parked in receive()
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, mb::tryReceive);
        assertTrue(e.getMessage().contains("single reader"), e.getMessage());
        mb.send("x");
        first.join();
        assertEquals("x", got.get());
        assertEquals(ReceiveResult.empty(), mb.tryReceive()); // sequential readers on other threads are fine
    }

    @Test
    void manyProducersOneReaderLoseNothingAndKeepPerSenderOrder() throws Exception {
        Mailbox<long[]> mb = Channel.mailbox(64);
        int producers = 8;
        int each = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        mb.send(new long[]{id, i});
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        long[] next = new long[producers];
        for (int n = 0; n < producers * each; n++) {
            long[] v = mb.receive();
            assertEquals(next[(int) v[0]]++, v[1], "per-sender order");
        }
        for (Thread t : threads) {
            t.join();
        }
        for (long n : next) {
            assertEquals(each, n);
        }
    }

    @Test
    void closeDrainsThenReportsClosed() throws InterruptedException {
        Mailbox<Integer> mb = Channel.mailbox(4);
        mb.send(1);
        mb.send(2);
        assertTrue(mb.close());
        assertFalse(mb.close());
        assertThrows(ChannelClosedException.class, () -> mb.send(3));
        assertEquals(1, mb.receive());
        assertEquals(new ReceiveResult.Received<>(2), mb.receiveOrClosed());
        assertEquals(ReceiveResult.closed(null), mb.receiveOrClosed());
        assertThrows(ChannelClosedException.class, mb::receive);
    }

    @Test
    void closeWakesParkedReader() throws Exception {
        Mailbox<Integer> mb = Channel.mailbox();
        AtomicReference<ReceiveResult<Integer>> got = new AtomicReference<>();
        Thread reader = Thread.startVirtualThread(() -> {
            try {
                got.set(mb.receiveOrClosed());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (reader.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        mb.close();
        reader.join();
        assertEquals(ReceiveResult.closed(null), got.get());
    }

    @Test
    void boundedBlockWaitsForRoomAndCloseWakesBlockedSenders() throws Exception {
        Mailbox<Integer> mb = Channel.mailbox(1);
        mb.send(0);
        assertFalse(mb.trySend(1));
        assertFalse(mb.send(1, Duration.ofMillis(1)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = Thread.startVirtualThread(() -> {
            try {
                mb.send(1);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        while (sender.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        mb.close();
        sender.join();
        assertTrue(failure.get() instanceof ChannelClosedException, String.valueOf(failure.get()));
        assertEquals(0, mb.receive());
        assertEquals(ReceiveResult.closed(null), mb.receiveOrClosed()); // the blocked sender's value was not delivered
    }

    @Test
    void failPolicyThrowsMailboxFullException() throws InterruptedException {
        Mailbox<Integer> mb = Mailbox.create(2, Mailbox.Overflow.FAIL, null);
        mb.send(1);
        mb.send(2);
        assertThrows(MailboxFullException.class, () -> mb.send(3));
        assertEquals(1, mb.receive());
        mb.send(3);
    }

    @Test
    void dropNewestAndDropOldestHandTheDroppedValueToTheHook() throws InterruptedException {
        List<Integer> dead = new CopyOnWriteArrayList<>();
        Mailbox<Integer> newest = Mailbox.create(2, Mailbox.Overflow.DROP_NEWEST, dead::add);
        for (int i = 1; i <= 4; i++) {
            newest.send(i);
        }
        assertEquals(List.of(3, 4), dead);
        assertEquals(1, newest.receive());
        assertEquals(2, newest.receive());

        dead.clear();
        Mailbox<Integer> oldest = Mailbox.create(2, Mailbox.Overflow.DROP_OLDEST, dead::add);
        for (int i = 1; i <= 4; i++) {
            oldest.send(i);
        }
        assertEquals(List.of(1, 2), dead);
        assertEquals(3, oldest.receive());
        assertEquals(4, oldest.receive());
    }

    @Test
    void drainToTakesAtMostTheLimitInOrder() throws InterruptedException {
        Mailbox<Integer> mb = Channel.mailbox();
        for (int i = 0; i < 10; i++) {
            mb.send(i);
        }
        List<Integer> got = new ArrayList<>();
        assertEquals(4, mb.drainTo(got::add, 4));
        assertEquals(6, mb.drainTo(got::add, 100));
        assertEquals(0, mb.drainTo(got::add, 100));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), got);
    }

    @Test
    void interruptedReceiveTakesNothing() throws Exception {
        Mailbox<Integer> mb = Channel.mailbox();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = Thread.startVirtualThread(() -> {
            try {
                mb.receive();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        while (reader.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        reader.interrupt();
        reader.join();
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        mb.send(7);
        assertEquals(7, mb.receive(Duration.ofSeconds(10)));
        assertNull(mb.receive(Duration.ZERO));
    }

    @Test
    void onDemandReaderSeesEveryValueOnceOneAtATimeThenClosedOnce() throws Exception {
        int producers = 16;
        int each = 5_000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        long[] sum = new long[1]; // plain: only the reader touches it
        AtomicInteger closedCalls = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        SendChannel<Integer> mb = Mailbox.onDemand(Integer.MAX_VALUE, Mailbox.Overflow.BLOCK, null, VIRTUAL,
                new Mailbox.Reader<Integer>() {
                    @Override
                    public void onValue(Integer v) {
                        if (inside.incrementAndGet() != 1) {
                            overlap.incrementAndGet();
                        }
                        sum[0] += v;
                        inside.decrementAndGet();
                    }

                    @Override
                    public void onClosed() {
                        closedCalls.incrementAndGet();
                        closed.countDown();
                    }
                });
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.startVirtualThread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        mb.send(1);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        mb.close();
        closed.await();
        assertEquals(0, overlap.get());
        assertEquals((long) producers * each, sum[0]);
        assertEquals(1, closedCalls.get());
        assertThrows(ChannelClosedException.class, () -> mb.send(1));
    }

    @Test
    void onDemandMailboxHasNoReceiveSide() {
        SendChannel<Integer> mb = Mailbox.onDemand(Integer.MAX_VALUE, Mailbox.Overflow.BLOCK, null, VIRTUAL,
                new Mailbox.Reader<Integer>() {
                    @Override
                    public void onValue(Integer value) {
                    }

                    @Override
                    public void onClosed() {
                    }
                });
        assertFalse(mb instanceof ReceiveChannel<?> rc && canReceive(rc));
    }

    private static boolean canReceive(ReceiveChannel<?> rc) {
        try {
            rc.tryReceive();
            return true;
        } catch (IllegalStateException expected) {
            return false;
        }
    }

    @Test
    void capacityIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Channel.mailbox(0));
        assertThrows(IllegalArgumentException.class, () -> Channel.mailbox(-1));
        assertThrows(IllegalArgumentException.class, () -> Channel.mailbox(Integer.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mailbox.create(Channel.MAX_BUFFERED_CAPACITY + 1, Mailbox.Overflow.FAIL, null));
        assertTrue(e.getMessage().contains(String.valueOf(Channel.MAX_BUFFERED_CAPACITY + 1)));
        assertThrows(NullPointerException.class, () -> Channel.<Integer>mailbox().send(null));
    }
}
