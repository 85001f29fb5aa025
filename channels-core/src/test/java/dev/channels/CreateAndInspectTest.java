package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows "create", "elements" and "len/cap" of the semantics table. */
class CreateAndInspectTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, -1000, Integer.MIN_VALUE, Channel.MAX_BUFFERED_CAPACITY + 1, Integer.MAX_VALUE})
    void bufferedRejectsNegativeOrAbsurdCapacityNamingTheValue(int capacity) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.buffered(capacity));
        assertTrue(e.getMessage().contains(Integer.toString(capacity)),
                "message should name the rejected value " + capacity + ": " + e.getMessage());
    }

    @Test
    void bufferedZeroIsUnbuffered() throws Exception {
        Channel<Integer> ch = Channel.buffered(0);
        assertEquals(0, ch.capacity());
        assertFalse(ch.trySend(1), "a rendezvous channel has no room without a receiver");
        Conc.Task<Integer> receiver = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        assertTrue(ch.trySend(7), "a waiting receiver makes trySend succeed");
        assertEquals(7, receiver.join());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 16, 1000})
    void bufferedAcceptsExactlyCapacityValues(int capacity) {
        Channel<Integer> ch = Channel.buffered(capacity);
        assertEquals(capacity, ch.capacity());
        for (int i = 0; i < capacity; i++) {
            assertTrue(ch.trySend(i), "send " + i + " of " + capacity);
        }
        assertFalse(ch.trySend(-1), "the buffer holds exactly " + capacity + " values");
        assertEquals(capacity, ch.size());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void capacityReportsTheKind(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        assertEquals(kind.capacity, ch.capacity());
        assertEquals(kind.capacity, ch.sendOnly().capacity());
        assertEquals(kind.capacity, ch.receiveOnly().capacity());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sizeCountsBufferedValues(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        assertEquals(0, ch.size());
        int n = kind.unbuffered() ? 0 : Math.min(kind.capacity, 100);
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i));
            assertEquals(i + 1, ch.size());
            assertEquals(i + 1, ch.sendOnly().size());
            assertEquals(i + 1, ch.receiveOnly().size());
        }
        for (int i = n; i > 0; i--) {
            ch.receive();
            assertEquals(i - 1, ch.size());
        }
        if (kind.unbuffered()) {
            // A sender parked on a rendezvous channel is not "in the buffer".
            Conc.Task<Void> sender = Conc.run(() -> ch.send(1));
            Conc.awaitBlockedSender(ch, 1, sender.thread);
            assertEquals(0, ch.size());
            assertEquals(1, ch.receive());
            sender.join();
        }
        ch.close();
        assertEquals(0, ch.size());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sizeKeepsBufferedValuesAfterClose(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        int n = kind.unbuffered() ? 0 : Math.min(kind.capacity, 5);
        for (int i = 0; i < n; i++) {
            ch.trySend(i);
        }
        assertTrue(ch.close());
        assertEquals(n, ch.size());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void nullIsRefusedAtTheCallSite(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(NullPointerException.class, () -> ch.trySend(null));
        assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ch.send(1, null));
        assertThrows(NullPointerException.class, () -> ch.receive(null));
        assertThrows(NullPointerException.class, () -> ch.close(null));
        assertThrows(NullPointerException.class, () -> ch.sendOnly().send(null));
        assertThrows(NullPointerException.class, () -> ch.sendOnly().trySend(null));
        // Nothing was sent and the channel is still open and empty.
        assertFalse(ch.isClosed());
        assertEquals(0, ch.size());
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
        // Null is refused even on a closed channel: the argument is checked first.
        ch.close();
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(NullPointerException.class, () -> ch.trySend(null));
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void newChannelIsOpenAndEmpty(ChannelKind kind) {
        Channel<String> ch = kind.create();
        assertFalse(ch.isClosed());
        assertEquals(0, ch.size());
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
    }
}
