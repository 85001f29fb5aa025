package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A throwable that escapes the reader task or a sender outside the user's calls: the pump that moves a blocked
 * sender's value into the queue fails (Mailbox invariant 5, BlockedSenders invariant 5). The failure is injected
 * through {@link FailingQueue}; every value is accounted for exactly: a send that returned normally is delivered
 * or dead-lettered exactly once, a send that threw is never delivered.
 */
@Timeout(60)
class MailboxReaderFailureTest {
    private final OutOfMemoryError injected = new OutOfMemoryError("injected: no memory for a queue chunk");
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private final List<Object> dead = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedCalls = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch firstHandled = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicReference<Thread> readerThread = new AtomicReference<>();

    /** A bounded BLOCK mailbox of capacity 1 on a failing queue; its reader holds value 0 until {@link #gate}. */
    private Mailbox<Integer> mailbox(FailingQueue q) {
        Mailbox<Integer> mb = new Mailbox<>(1, Overflow.BLOCK, dead::add, task -> {
            Thread t = Thread.ofPlatform().unstarted(task);
            readerThread.set(t);
            t.start();
        }, new Mailbox.Reader<>() {
            @Override
            public void onValue(Integer value) {
                handled.add(value);
                if (value == 0) {
                    firstHandled.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }

            @Override
            public void onClosed() {
                closedCalls.incrementAndGet();
                closed.countDown();
            }
        }, 0L);
        mb.useQueueForTest(q);
        return mb;
    }

    /** Records how a send ended: null if it returned normally, else what it threw. */
    private static Thread sender(Mailbox<Integer> mb, int value, AtomicReference<Throwable> outcome) {
        return Thread.ofPlatform().start(() -> {
            try {
                mb.send(value);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long spins = 0;
        while (!condition.getAsBoolean()) {
            if (++spins % 1_000 == 0) {
                Thread.yield();
            }
            Thread.onSpinWait();
            if (spins > 20_000_000_000L) {
                fail("never: " + what);
            }
        }
    }

    /** Every accepted value ended exactly once; a send that threw delivered nothing. */
    private void assertAccounted(int value, Throwable outcome) {
        long times = handled.stream().filter(v -> v == value).count()
                + dead.stream().filter(v -> v.equals(value)).count();
        if (outcome == null) {
            assertEquals(1, times, "value " + value + " was sent (the send returned) but ended " + times
                    + " times; handled " + handled + ", dead " + dead);
        } else {
            assertEquals(0, times, "value " + value + " was refused (" + outcome + ") but ended " + times
                    + " times; handled " + handled + ", dead " + dead);
        }
    }

    /**
     * The reader frees a place, the pump moving the blocked sender's value into it fails: before the fix the task
     * ended with the role still held (sends accepted, never delivered, onClosed never called) and the value it had
     * just taken was lost.
     */
    @Test
    void aReaderWhosePumpFailsClosesTheMailboxAndDeadLettersWhatWasAccepted() throws Exception {
        FailingQueue q = new FailingQueue();
        Mailbox<Integer> mb = mailbox(q);
        mb.send(0);
        assertTrue(firstHandled.await(30, TimeUnit.SECONDS));
        mb.send(1); // in the queue: the mailbox is full
        AtomicReference<Throwable> blockedOutcome = new AtomicReference<>();
        Thread blockedSender = sender(mb, 2, blockedOutcome);
        awaitTrue(() -> mb.blocked.size() == 1, "the sender of 2 waits");
        q.failOffersOf(injected, 2);
        gate.countDown(); // the reader takes 1, frees its place, and pumps 2: the offer fails

        assertTrue(closed.await(30, TimeUnit.SECONDS), "the failed reader never terminated: " + mb);
        blockedSender.join();
        assertTrue(mb.isClosed());
        assertSame(injected, mb.closeCause());
        assertEquals(1, closedCalls.get());
        assertEquals(List.of(0), handled);
        assertTrue(dead.contains(1), "the value the reader had taken is lost: dead " + dead);
        assertAccounted(1, null);
        Throwable b = blockedOutcome.get();
        if (b != null) { // it re-ran its send after the close; else it re-ran before and was dead-lettered
            assertTrue(b instanceof ChannelClosedException, "" + b);
            assertSame(injected, b.getCause());
        }
        assertAccounted(2, b);
        ChannelClosedException later = assertThrows(ChannelClosedException.class, () -> mb.send(3));
        assertSame(injected, later.getCause());
        assertEquals(0, mb.size());
        assertEquals(0, mb.blocked.size());
    }

    /**
     * A sender links its node and pumps; the pump fails on an older sender's value, and the pump that the failed
     * offer's give-back runs places the sender's own value. Before the fix the send threw although its value was
     * placed: a send that threw was delivered.
     */
    @Test
    void aSenderWhosePumpFailsOnAnOlderValueReturnsIfItsOwnValueWasPlaced() throws Exception {
        Throwable newer = pumpFailsInANewerSender(2);
        assertNull(newer, "the newer sender's value was placed; its send must return");
    }

    /** As above, but the newer sender's own value fails too: its send throws and nothing of it is delivered. */
    @Test
    void aSenderWhosePumpFailsOnItsOwnValueThrowsAndDeliversNothing() throws Exception {
        Throwable newer = pumpFailsInANewerSender(2, 3);
        assertSame(injected, newer);
    }

    /**
     * Value 2 waits in a full mailbox; the sender of 3 links behind it and pumps into a place the reader freed;
     * the offers of {@code failing} throw. Checks the exact accounting and that no node is left.
     *
     * @return how the send of 3 ended (null: returned normally)
     */
    private Throwable pumpFailsInANewerSender(Object... failing) throws Exception {
        FailingQueue q = new FailingQueue();
        Mailbox<Integer> mb = mailbox(q);
        mb.send(0);
        assertTrue(firstHandled.await(30, TimeUnit.SECONDS));
        mb.send(1); // the mailbox is full
        AtomicReference<Throwable> olderOutcome = new AtomicReference<>();
        Thread older = sender(mb, 2, olderOutcome);
        awaitTrue(() -> mb.blocked.size() == 1, "the sender of 2 waits");

        // order the race: the newer sender queues for the lock first, then the reader frees a place and queues
        AtomicReference<Throwable> newerOutcome = new AtomicReference<>();
        Thread newer;
        mb.blocked.lock.lock();
        try {
            newer = sender(mb, 3, newerOutcome);
            awaitTrue(() -> mb.blocked.lock.hasQueuedThread(newer), "the sender of 3 waits for the lock");
            q.failOffersOf(injected, failing);
            gate.countDown(); // the reader takes 1 and frees its place, then waits for the lock to pump
            awaitTrue(() -> readerThread.get() != null && mb.blocked.lock.hasQueuedThread(readerThread.get()),
                    "the reader waits for the lock");
        } finally {
            mb.blocked.lock.unlock(); // the sender of 3 links and pumps 2 into the freed place: the offer fails
        }
        newer.join();
        older.join(); // its node was marked RETRY: it re-ran its send
        assertEquals(0, mb.blocked.size(), "a stale node is left");
        assertNull(olderOutcome.get(), "the older sender re-ran its send and it succeeded");
        mb.close();
        assertTrue(closed.await(30, TimeUnit.SECONDS), "never terminated: " + mb);
        assertNull(mb.closeCause(), "a sender's failure does not close the mailbox");
        assertEquals(List.of(), dead);
        assertAccounted(0, null);
        assertAccounted(1, null);
        assertAccounted(2, null);
        Throwable n = newerOutcome.get();
        assertAccounted(3, n);
        return n;
    }

    /**
     * A logger that throws (a broken handler) must not end the reader task: before the fix, onValue(0) failing
     * made the reader log, the log threw, the failure path logged again and threw again, and the task died
     * holding the role (value 1 never delivered, the mailbox never closed, onClosed never called). Now a
     * throwing logger is ignored and the reader goes on, as after any failure of the handler.
     */
    @Test
    void aLoggerThatThrowsCannotLeaveTheMailboxStuck() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.channels.actors");
        Error logFailure = new Error("injected: the log handler fails");
        java.util.logging.Handler throwing = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                throw logFailure;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(throwing);
        try {
            Mailbox<Integer> mb = new Mailbox<>(16, Overflow.BLOCK, dead::add, task -> Thread.ofPlatform().start(task),
                    new Mailbox.Reader<>() {
                        @Override
                        public void onValue(Integer value) {
                            if (value == 0) {
                                throw new IllegalStateException("injected: the handler fails on 0");
                            }
                            handled.add(value);
                        }

                        @Override
                        public void onClosed() {
                            closedCalls.incrementAndGet();
                            closed.countDown();
                        }
                    }, 0L);
            mb.send(0);
            mb.send(1);
            awaitTrue(() -> handled.contains(1), "value 1 handled after the handler and the logger failed on 0");
            mb.send(2);
            awaitTrue(() -> handled.contains(2), "value 2 handled: the reader keeps going");
            assertTrue(mb.close());
            assertTrue(closed.await(30, TimeUnit.SECONDS), "never terminated: " + mb);
            assertEquals(1, closedCalls.get());
            assertEquals(List.of(1, 2), handled);
            assertEquals(List.of(), dead);
        } finally {
            jul.removeHandler(throwing);
        }
    }
}
