package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, items 1, 2 and 10 (mailbox parts). Each test failed on the mailbox before its rebuild (then in
 * channels-core, through {@code dev.channels.Mailbox}; item 1 in its channel form, which had a parked receive:
 * "reader stranded on Mailbox[bounded(1, DROP_OLDEST), size=0, closed]" in round 144; item 2: the failed send had
 * dead-lettered the accepted value; item 10: the send threw the executor's exception and onClosed never ran).
 */
@Timeout(120)
class MailboxRegressionTest {

    /** Item 1: an evicting send lowered the count after a close and woke nobody; the reader never saw the end. */
    @Test
    void dropOldestSenderRacingCloseNeverStrandsTheReader() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            CountDownLatch closed = new CountDownLatch(1);
            Mailbox<Integer> mb = new Mailbox<>(1, Overflow.DROP_OLDEST, v -> { }, Thread::startVirtualThread,
                    new Mailbox.Reader<>() {
                        @Override
                        public void onValue(Integer value) {
                        }

                        @Override
                        public void onClosed() {
                            closed.countDown();
                        }
                    }, round % 2 == 0 ? 0L : Mailbox.LINGER_NANOS);
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; ; i++) {
                        mb.send(i);
                    }
                } catch (ChannelClosedException e) {
                    // the close won
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            for (int i = 0; i < round % 64; i++) {
                Thread.onSpinWait(); // vary where the close lands
            }
            mb.close();
            sender.join();
            assertTrue(closed.await(30, TimeUnit.SECONDS), "round " + round + ": reader stranded on " + mb);
        }
    }

    /**
     * Item 2: a send that evicted the oldest value and then found the mailbox closed threw, and the evicted value
     * (accepted before the close) went to the dead letters. The rule now: a DROP_OLDEST send is one step, before
     * or after the close; a send that throws evicted nothing, so the reader drains the oldest value.
     */
    @Test
    void aSendThatFailsOnCloseEvictsNothing() throws Exception {
        AtomicInteger hook = new AtomicInteger();
        List<Integer> dead = new CopyOnWriteArrayList<>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        PulledMailbox<Integer>[] box = new PulledMailbox[1];
        box[0] = new PulledMailbox<>(1, Overflow.DROP_OLDEST, v -> {
            dead.add(v);
            if (hook.getAndIncrement() == 0) {
                box[0].close(); // a slow hook: the close lands while the evicting send is still running
            }
        });
        PulledMailbox<Integer> mb = box[0];
        mb.send(1);
        boolean threw = false;
        try {
            mb.send(2);
        } catch (ChannelClosedException e) {
            threw = true;
        }
        Object drained = mb.tryTake();
        if (threw) {
            assertEquals(List.of(), dead, "the failed send evicted an accepted value");
            assertEquals(1, drained);
        } else {
            assertEquals(List.of(1), dead);
            assertEquals(2, drained);
        }
        assertSame(PulledMailbox.CLOSED_MARK, mb.tryTake());
    }

    /**
     * Item 10: an executor that refuses the reader task left the accepted value stranded, the send threw after
     * its value was accepted, and close() threw. The rule now (Mailbox invariant 4): the mailbox closes with the
     * executor's exception as its cause; accepted values go to the dead letters; onClosed runs once; the send
     * that met the refusal returns normally (its value is among the dead letters); close() does not throw.
     */
    @Test
    void aRefusingExecutorClosesTheMailboxAndStrandsNothing() throws Exception {
        RejectedExecutionException refusal = new RejectedExecutionException("no");
        List<Integer> handled = new CopyOnWriteArrayList<>();
        List<Integer> dead = new CopyOnWriteArrayList<>();
        AtomicInteger closedCalls = new AtomicInteger();
        Mailbox<Integer> mb = Mailbox.onDemand(Integer.MAX_VALUE, Overflow.BLOCK, dead::add,
                task -> { throw refusal; }, new Mailbox.Reader<>() {
                    @Override
                    public void onValue(Integer value) {
                        handled.add(value);
                    }

                    @Override
                    public void onClosed() {
                        closedCalls.incrementAndGet();
                    }
                });
        mb.send(1);
        assertTrue(mb.isClosed());
        assertSame(refusal, mb.closeCause());
        ChannelClosedException later = assertThrows(ChannelClosedException.class, () -> mb.send(2));
        assertSame(refusal, later.getCause());
        assertFalse(mb.close()); // already closed; must not throw
        assertEquals(1, closedCalls.get());
        assertEquals(List.of(), handled);
        assertEquals(List.of(1), dead);
        assertEquals(0, mb.size());
    }
}
