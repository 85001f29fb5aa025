package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        q.failOfferOf(2, injected);
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
}
