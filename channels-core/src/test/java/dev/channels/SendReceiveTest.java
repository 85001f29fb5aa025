package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Rows "send" and "receive": blocking, FIFO among waiting senders, per-sender order. */
class SendReceiveTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sendBlocksUntilAReceiverTakesOrRoomExists(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            // No Go counterpart: a send never waits, however many values are buffered.
            for (int i = 0; i < 100_000; i++) {
                ch.send(i);
            }
            assertEquals(100_000, ch.size());
            return;
        }
        Conc.fill(ch, kind, 0);
        int blocked = kind.capacity;
        Conc.Task<Void> sender = Conc.run(() -> ch.send(blocked));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        assertFalse(sender.isDone(), "the send must wait: no receiver and no room");
        for (int i = 0; i <= blocked; i++) {
            assertEquals(i, ch.receive(), "values arrive in send order, the waiting sender's last");
        }
        sender.join();
        assertEquals(0, ch.size());
        assertEquals(0, Conc.impl(ch).waitingSenders());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void receiveBlocksUntilAValueArrives(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> receiver = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        assertFalse(receiver.isDone(), "nothing was sent: the receive must wait");
        ch.send(42);
        assertEquals(42, receiver.join());
        assertEquals(0, Conc.impl(ch).waitingReceivers());
        assertEquals(0, ch.size(), "the value went to the waiting receiver, not into the buffer");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void blockedReceiversAreServedByLaterSendsOneValueEach(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        int n = 8;
        List<Conc.Task<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Conc.Task<Integer> r = Conc.start(ch::receive);
            Conc.awaitBlockedReceiver(ch, i + 1, r.thread);
            receivers.add(r);
        }
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        boolean[] seen = new boolean[n];
        for (Conc.Task<Integer> r : receivers) {
            int v = r.join();
            assertFalse(seen[v], "value " + v + " delivered twice");
            seen[v] = true;
        }
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void waitingSendersAreServedInArrivalOrder(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        if (kind.unbounded()) {
            // Senders never wait on an unbounded channel; FIFO among senders is then plain send order.
            for (int i = 0; i < 1000; i++) {
                assertTrue(ch.trySend(i));
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, ch.receive());
            }
            return;
        }
        Conc.fill(ch, kind, 0);
        int base = kind.capacity;
        int n = 10;
        List<Conc.Task<Void>> senders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int v = base + i;
            Conc.Task<Void> s = Conc.run(() -> ch.send(v));
            Conc.awaitBlockedSender(ch, i + 1, s.thread); // sender i is queued before sender i+1 starts
            senders.add(s);
        }
        for (int i = 0; i < base + n; i++) {
            assertEquals(i, ch.receive(), "buffered values first, then the waiting senders oldest first");
        }
        for (Conc.Task<Void> s : senders) {
            s.join();
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void newSenderDoesNotOvertakeWaitingSenders(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        assumeFalse(kind.unbounded(), "no sender ever waits on an unbounded channel");
        Conc.fill(ch, kind, 0);
        int base = kind.capacity;
        Conc.Task<Void> waiting = Conc.run(() -> ch.send(base));
        Conc.awaitBlockedSender(ch, 1, waiting.thread);
        // A receive frees a slot; the waiting sender must get it, so a trySend right after finds no room
        // (buffered) or no receiver (unbuffered).
        assertEquals(0, ch.receive());
        waiting.join();
        assertFalse(ch.trySend(-1), "the freed slot belongs to the sender that was waiting");
        for (int i = 1; i <= base; i++) {
            assertEquals(i, ch.receive());
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void valuesFromOneSenderArriveInSendOrder(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        int n = 20_000;
        Conc.Task<Void> sender = Conc.run(() -> {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.receive());
        }
        sender.join();
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void eachSendersOrderIsKeptWhenSendersInterleave(ChannelKind kind) throws Exception {
        Channel<long[]> ch = kind.create();
        int senders = 4;
        int per = 5_000;
        List<Conc.Task<Void>> tasks = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            tasks.add(Conc.run(() -> {
                for (int i = 0; i < per; i++) {
                    ch.send(new long[] {id, i});
                }
            }));
        }
        int[] next = new int[senders];
        for (int k = 0; k < senders * per; k++) {
            long[] v = ch.receive();
            int id = (int) v[0];
            assertEquals(next[id], v[1], "sender " + id + " out of order");
            next[id]++;
        }
        for (Conc.Task<Void> t : tasks) {
            t.join();
        }
        assertEquals(ReceiveResult.empty(), ch.tryReceive());
    }
}
