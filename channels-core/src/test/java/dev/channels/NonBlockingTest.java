package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row "non-blocking": trySend/tryReceive never block. Each call runs on the test thread itself, so a call that
 * blocked would hang the test (caught by the default timeout) instead of returning.
 */
class NonBlockingTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void trySendOnFullChannelReturnsFalseAndDeliversNothing(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            for (int i = 0; i < 10_000; i++) {
                assertTrue(ch.trySend(i), "an unbounded channel always has room");
            }
            return;
        }
        Conc.fill(ch, kind, 0);
        for (int i = 0; i < 1000; i++) {
            assertFalse(ch.trySend(-1));
        }
        assertEquals(kind.capacity, ch.size());
        for (int i = 0; i < kind.capacity; i++) {
            assertEquals(new ReceiveResult.Received<>(i), ch.tryReceive());
        }
        assertEquals(ReceiveResult.empty(), ch.tryReceive(), "the refused values were not delivered");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void tryReceiveOnEmptyChannelReturnsEmpty(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        for (int i = 0; i < 1000; i++) {
            assertEquals(ReceiveResult.empty(), ch.tryReceive());
        }
        assertEquals(0, Conc.impl(ch).waitingReceivers(), "tryReceive never queues itself");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void trySendHandsToAWaitingReceiver(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        assertTrue(ch.trySend(5));
        assertEquals(5, receiver.join());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void tryReceiveTakesFromAWaitingSender(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            assertTrue(ch.trySend(9));
            assertEquals(new ReceiveResult.Received<>(9), ch.tryReceive());
            return;
        }
        Conc.fill(ch, kind, 0);
        Conc.Task<Void> sender = Conc.run(() -> ch.send(kind.capacity));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        for (int i = 0; i <= kind.capacity; i++) {
            assertEquals(new ReceiveResult.Received<>(i), ch.tryReceive(), "the waiting sender's value is available now");
        }
        sender.join();
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void trySendThatFindsNoRoomNeverQueuesItself(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        if (!kind.unbounded()) {
            Conc.fill(ch, kind, 0);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(kind.unbounded(), ch.trySend(-1));
        }
        assertEquals(0, Conc.impl(ch).waitingSenders(), "trySend never queues itself");
    }
}
