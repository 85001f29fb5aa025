package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Rows "close" and "close with cause". */
class CloseTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeReturnsTrueOnlyForTheCallThatClosed(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        assertTrue(ch.close());
        assertTrue(ch.isClosed());
        assertFalse(ch.close());
        assertFalse(ch.close(new RuntimeException("late")));
        assertFalse(ch.sendOnly().close());
        assertTrue(ch.sendOnly().isClosed());
        assertTrue(ch.receiveOnly().isClosed());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void concurrentClosesCloseExactlyOnce(ChannelKind kind) throws Exception {
        for (int round = 0; round < 200 * Conc.STRESS; round++) {
            Channel<Integer> ch = kind.create();
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Conc.Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                boolean withCause = i % 2 == 0;
                tasks.add(Conc.run(() -> {
                    go.await();
                    boolean won = withCause ? ch.close(new RuntimeException("c")) : ch.close();
                    if (won) {
                        winners.incrementAndGet();
                    }
                }));
            }
            go.countDown();
            for (Conc.Task<Void> t : tasks) {
                t.join();
            }
            assertEquals(1, winners.get(), "round " + round);
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sendAfterCloseThrowsChannelClosedException(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        ch.close();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.send(1));
        assertNull(e.getCause(), "a plain close has no cause");
        assertThrows(ChannelClosedException.class, () -> ch.trySend(1));
        assertThrows(ChannelClosedException.class, () -> ch.send(1, Duration.ofSeconds(1)));
        assertThrows(ChannelClosedException.class, () -> ch.send(1, Duration.ZERO));
        assertThrows(ChannelClosedException.class, () -> ch.sendOnly().send(1));
        assertThrows(ChannelClosedException.class, () -> ch.sendOnly().trySend(1));
        assertEquals(0, ch.size(), "nothing was buffered");
        assertThrows(ChannelClosedException.class, ch::receive);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWakesBlockedSendersAndTheirValuesAreNotDelivered(ChannelKind kind) throws Exception {
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, 0);
        List<Conc.Task<Void>> senders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int v = 1000 + i;
            Conc.Task<Void> s = Conc.run(() -> ch.send(v));
            Conc.awaitBlockedSender(ch, i + 1, s.thread);
            senders.add(s);
        }
        assertTrue(ch.close());
        for (Conc.Task<Void> s : senders) {
            assertInstanceOf(ChannelClosedException.class, s.joinFailure());
        }
        assertEquals(0, Conc.impl(ch).waitingSenders());
        for (int i = 0; i < kind.capacity; i++) {
            assertEquals(i, ch.receive(), "values buffered before the close are still delivered");
        }
        assertThrows(ChannelClosedException.class, ch::receive, "the blocked senders' values were not delivered");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWakesBlockedReceiversWithClosed(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> plain = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, plain.thread);
        Conc.Task<ReceiveResult<Integer>> orClosed = Conc.start(ch::receiveOrClosed);
        Conc.awaitBlockedReceiver(ch, 2, orClosed.thread);
        Conc.Task<List<Integer>> ranging = Conc.start(() -> {
            List<Integer> got = new ArrayList<>();
            for (int v : ch) {
                got.add(v);
            }
            return got;
        });
        Conc.awaitBlockedReceiver(ch, 3, ranging.thread);
        assertTrue(ch.close());
        ChannelClosedException e = assertInstanceOf(ChannelClosedException.class, plain.joinFailure());
        assertNull(e.getCause());
        assertEquals(ReceiveResult.closed(null), orClosed.join());
        assertEquals(List.of(), ranging.join());
        assertEquals(0, Conc.impl(ch).waitingReceivers());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void receiversDrainBufferedValuesThenSeeClosed(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        int n = kind.unbuffered() ? 0 : Math.min(kind.capacity, 50);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        ch.close();
        assertTrue(ch.isClosed(), "closed, though values remain");
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
                assertEquals(i, ch.receive());
            } else if (i % 3 == 1) {
                assertEquals(new ReceiveResult.Received<>(i), ch.tryReceive());
            } else {
                assertEquals(new ReceiveResult.Received<>(i), ch.receiveOrClosed());
            }
        }
        assertThrows(ChannelClosedException.class, ch::receive);
        assertEquals(ReceiveResult.closed(null), ch.tryReceive(), "a poll learns about the close without an exception");
        assertThrows(ChannelClosedException.class, () -> ch.receive(Duration.ofMillis(1)));
        assertEquals(ReceiveResult.closed(null), ch.receiveOrClosed());
        assertEquals(ReceiveResult.closed(null), ch.receiveOrClosed(), "closed and drained is final");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWithCauseIsSeenAsTheCauseOnceDrained(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        int n = kind.unbuffered() ? 0 : Math.min(kind.capacity, 3);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        IllegalStateException cause = new IllegalStateException("producer failed");
        assertTrue(ch.close(cause));
        assertFalse(ch.close(new RuntimeException("second")), "the first cause stays");
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.receive(), "buffered values come before the error");
        }
        assertSame(cause, assertThrows(ChannelClosedException.class, ch::receive).getCause());
        assertEquals(new ReceiveResult.Closed<>(cause), ch.receiveOrClosed(), "the result carries the cause");
        assertEquals(new ReceiveResult.Closed<>(cause), ch.tryReceive(), "the result carries the cause");
        ChannelClosedException thrown = assertThrows(ChannelClosedException.class,
                () -> ch.tryReceive().orElseThrow());
        assertSame(cause, thrown.getCause());
        assertTrue(thrown.getMessage().contains("producer failed"), "the message names the cause: " + thrown);
        assertSame(cause, assertThrows(ChannelClosedException.class,
                () -> ch.receive(Duration.ofMillis(1))).getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.iterator().hasNext()).getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.stream().count()).getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.send(1)).getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.receiveOnly().receive()).getCause());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWithCauseWakesBlockedReceiversWithTheCause(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Integer> plain = Conc.start(ch::receive);
        Conc.awaitBlockedReceiver(ch, 1, plain.thread);
        Conc.Task<ReceiveResult<Integer>> orClosed = Conc.start(ch::receiveOrClosed);
        Conc.awaitBlockedReceiver(ch, 2, orClosed.thread);
        Conc.Task<Integer> ranging = Conc.start(() -> {
            int count = 0;
            for (int ignored : ch) {
                count++;
            }
            return count;
        });
        Conc.awaitBlockedReceiver(ch, 3, ranging.thread);
        RuntimeException cause = new RuntimeException("boom");
        ch.close(cause);
        assertSame(cause, plain.joinFailure().getCause());
        assertEquals(new ReceiveResult.Closed<>(cause), orClosed.join(), "receiveOrClosed returns the cause");
        assertSame(cause, ranging.joinFailure().getCause());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWithCauseWakesBlockedSendersWithClosed(ChannelKind kind) throws Exception {
        assumeFalse(kind.unbounded(), "a send on an unbounded channel never blocks");
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, 0);
        Conc.Task<Void> sender = Conc.run(() -> ch.send(-1));
        Conc.awaitBlockedSender(ch, 1, sender.thread);
        RuntimeException cause = new RuntimeException("stop");
        ch.close(cause);
        ChannelClosedException e = assertInstanceOf(ChannelClosedException.class, sender.joinFailure());
        assertSame(cause, e.getCause());
    }
}
