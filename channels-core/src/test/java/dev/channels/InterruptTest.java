package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Row "interrupts": a blocked op throws InterruptedException and leaves the channel as if it never started.
 */
class InterruptTest {
    private static final Duration SHORT = Duration.ofMillis(20);

    /** Checks that a bounded channel holds exactly 0..capacity-1 and nothing else, without waiting senders. */
    private static void assertHoldsExactlyTheFill(Channel<Integer> ch, ChannelKind kind) throws Exception {
        assertEquals(0, Conc.impl(ch).waitingSenders(), "the interrupted sender left no registration");
        assertEquals(kind.capacity, ch.size());
        for (int i = 0; i < kind.capacity; i++) {
            assertEquals(new ReceiveResult.Received<>(i), ch.tryReceive());
        }
        assertEquals(ReceiveResult.empty(), ch.tryReceive(), "the interrupted send delivered nothing");
        assertNull(ch.receive(SHORT));
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedBlockedSendThrowsAndDeliversNothing(ChannelKind kind) throws Exception {
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, 0);
        Conc.Task<Boolean> sender = Conc.start(() -> {
            try {
                ch.send(-1);
                return false;
            } catch (InterruptedException e) {
                return !Thread.currentThread().isInterrupted(); // JDK convention: status cleared when thrown
            }
        });
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        sender.thread.interrupt();
        assertTrue(sender.join(), "InterruptedException with the interrupt status cleared");
        assertHoldsExactlyTheFill(ch, kind);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedTimedSendThrowsAndDeliversNothing(ChannelKind kind) throws Exception {
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, 0);
        Conc.Task<Boolean> sender = Conc.start(() -> ch.send(-1, Duration.ofMinutes(5)));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        sender.thread.interrupt();
        assertInstanceOf(InterruptedException.class, sender.joinFailure());
        assertHoldsExactlyTheFill(ch, kind);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedSenderDoesNotDisturbTheOtherWaitingSenders(ChannelKind kind) throws Exception {
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, 0);
        int c = kind.capacity;
        Conc.Task<Void> first = Conc.run(() -> ch.send(c));
        Conc.awaitBlockedSender(ch, 1, first.thread);
        Conc.Task<Void> middle = Conc.run(() -> ch.send(-1));
        Conc.awaitBlockedSender(ch, 2, middle.thread);
        Conc.Task<Void> last = Conc.run(() -> ch.send(c + 1));
        Conc.awaitBlockedSender(ch, 3, last.thread);
        middle.thread.interrupt();
        assertInstanceOf(InterruptedException.class, middle.joinFailure());
        for (int i = 0; i < c + 2; i++) {
            assertEquals(i, ch.receive(), "the interrupted sender's value never appears; order kept");
        }
        first.join();
        last.join();
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedBlockedReceiveThrowsAndTakesNothing(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Boolean> receiver = Conc.start(() -> {
            try {
                ch.receive();
                return false;
            } catch (InterruptedException e) {
                return !Thread.currentThread().isInterrupted();
            }
        });
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        receiver.thread.interrupt();
        assertTrue(receiver.join(), "InterruptedException with the interrupt status cleared");
        assertEquals(0, Conc.impl(ch).waitingReceivers(), "the interrupted receiver left no registration");
        // The next value is not swallowed by the interrupted receiver: it goes to the next receiver.
        if (kind.unbuffered()) {
            assertFalse(ch.trySend(1), "no receiver waits any more");
            Conc.Task<Integer> next = Conc.start(ch::receive);
            Conc.awaitBlockedReceiver(ch, 1, next.thread);
            ch.send(2);
            assertEquals(2, next.join());
        } else {
            assertTrue(ch.trySend(1));
            assertEquals(1, ch.size(), "the value stays buffered: nobody took it");
            assertEquals(new ReceiveResult.Received<>(1), ch.tryReceive());
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedReceiveOrClosedAndTimedReceiveThrow(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<ReceiveResult<Integer>> orClosed = Conc.start(ch::receiveOrClosed);
        Conc.awaitBlockedReceiver(ch, 1, orClosed.thread);
        Conc.Task<Integer> timed = Conc.start(() -> ch.receive(Duration.ofMinutes(5)));
        Conc.awaitBlockedReceiver(ch, 2, timed.thread);
        orClosed.thread.interrupt();
        timed.thread.interrupt();
        assertInstanceOf(InterruptedException.class, orClosed.joinFailure());
        assertInstanceOf(InterruptedException.class, timed.joinFailure());
        assertEquals(0, Conc.impl(ch).waitingReceivers());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptedIterationThrowsCancellationKeepingTheInterruptStatus(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Boolean> ranging = Conc.start(() -> {
            Iterator<Integer> it = ch.iterator();
            try {
                it.hasNext();
                return false;
            } catch (CancellationException e) {
                return Thread.currentThread().isInterrupted() && e.getCause() instanceof InterruptedException;
            }
        });
        Conc.awaitBlockedReceiver(ch, 1, ranging.thread);
        ranging.thread.interrupt();
        assertTrue(ranging.join(), "CancellationException caused by InterruptedException, status re-asserted");
        assertEquals(0, Conc.impl(ch).waitingReceivers());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void alreadyInterruptedThreadThatMustBlockThrowsAtOnce(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Boolean> receiver = Conc.start(() -> {
            Thread.currentThread().interrupt();
            try {
                ch.receive();
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        assertTrue(receiver.join());
        assertEquals(0, Conc.impl(ch).waitingReceivers());
        if (!kind.unbounded()) {
            Conc.fill(ch, kind, 0);
            Conc.Task<Boolean> sender = Conc.start(() -> {
                Thread.currentThread().interrupt();
                try {
                    ch.send(-1);
                    return false;
                } catch (InterruptedException e) {
                    return true;
                }
            });
            assertTrue(sender.join());
            assertHoldsExactlyTheFill(ch, kind);
        }
    }
}
