package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Row "timeouts": send(v, Duration) / receive(Duration) like BlockingQueue.offer/poll with a timeout. */
class TimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(20);
    private static final Duration LONG = Duration.ofMinutes(5);

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedReceiveReturnsNullWhenTimeRunsOutAndTakesNothing(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        assertNull(ch.receive(SHORT));
        assertNull(ch.receive(Duration.ZERO));
        assertNull(ch.receive(Duration.ofSeconds(-1)));
        assertEquals(0, Conc.impl(ch).waitingReceivers(), "a timed-out receiver leaves no registration behind");
        // A later value is not swallowed by the expired receiver.
        if (kind.unbuffered()) {
            Conc.Task<Integer> r = Conc.start(ch::receive);
            Conc.awaitBlockedReceiver(ch, 1, r.thread);
            assertTrue(ch.trySend(3));
            assertEquals(3, r.join());
        } else {
            assertTrue(ch.trySend(3));
            assertEquals(new ReceiveResult.Received<>(3), ch.tryReceive());
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedSendReturnsFalseWhenTimeRunsOutAndDeliversNothing(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            assertTrue(ch.send(1, SHORT));
            assertTrue(ch.send(2, Duration.ZERO), "room is always available: no wait needed");
            assertEquals(2, ch.size());
            return;
        }
        Conc.fill(ch, kind, 0);
        assertFalse(ch.send(-1, SHORT));
        assertFalse(ch.send(-2, Duration.ZERO));
        assertFalse(ch.send(-3, Duration.ofSeconds(-1)));
        assertEquals(0, Conc.impl(ch).waitingSenders(), "a timed-out sender leaves no registration behind");
        assertEquals(kind.capacity, ch.size());
        for (int i = 0; i < kind.capacity; i++) {
            assertEquals(i, ch.receive());
        }
        assertNull(ch.receive(SHORT), "none of the timed-out values was delivered");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedReceiveReturnsTheValueThatArrivesInTime(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(() -> ch.receive(LONG));
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        Conc.await("a timed park", () -> receiver.thread.getState() == Thread.State.TIMED_WAITING);
        ch.send(11);
        assertEquals(11, receiver.join());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedSendSucceedsWhenRoomAppearsInTime(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            assertTrue(ch.send(1, LONG));
            assertEquals(1, ch.receive());
            return;
        }
        Conc.fill(ch, kind, 0);
        Conc.Task<Boolean> sender = Conc.start(() -> ch.send(kind.capacity, LONG));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        Conc.await("a timed park", () -> sender.thread.getState() == Thread.State.TIMED_WAITING);
        for (int i = 0; i <= kind.capacity; i++) {
            assertEquals(i, ch.receive());
        }
        assertTrue(sender.join());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void zeroTimeoutSendHandsToAWaitingReceiver(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        assertTrue(ch.send(8, Duration.ZERO));
        assertEquals(8, receiver.join());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedOpsObserveClose(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(() -> ch.receive(LONG));
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        ch.close();
        assertInstanceOf(ChannelClosedException.class, receiver.joinFailure());
        assertThrows(ChannelClosedException.class, () -> ch.receive(SHORT));
        assertThrows(ChannelClosedException.class, () -> ch.receive(Duration.ZERO));
        assertThrows(ChannelClosedException.class, () -> ch.send(1, SHORT));
        assertThrows(ChannelClosedException.class, () -> ch.send(1, Duration.ZERO));
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedSendBlockedAtCloseThrowsAndDeliversNothing(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Conc.fill(ch, kind, 0);
        Conc.Task<Boolean> sender = Conc.start(() -> ch.send(-1, LONG));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        ch.close();
        assertInstanceOf(ChannelClosedException.class, sender.joinFailure());
        for (int i = 0; i < kind.capacity; i++) {
            assertEquals(i, ch.receive());
        }
        assertThrows(ChannelClosedException.class, () -> ch.receive(SHORT));
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void hugeTimeoutsDoNotOverflow(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(() -> ch.receive(Duration.ofSeconds(Long.MAX_VALUE)));
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        assertTrue(ch.send(4, Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(4, receiver.join());
        assertNull(ch.receive(Duration.ofSeconds(Long.MIN_VALUE)), "a hugely negative timeout means do not wait");
    }
}
