package dev.channels;

import dev.channels.internal.ChannelImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static dev.channels.Blocking.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Select's semantics, one test per rule of the select issue. */
@Timeout(60)
class SelectTest {

    @Test
    void receiveCaseFiresWithTheValue() throws InterruptedException {
        Channel<String> a = Channel.buffered(1);
        Channel<String> b = Channel.buffered(1);
        b.send("hello");
        String r = Select.builder().onReceive(a, v -> "a:" + v).onReceive(b, v -> "b:" + v).select();
        assertEquals("b:hello", r);
        assertEquals(0, b.size());
    }

    @Test
    void exactlyOneOfSeveralReadyReceiveCasesFires() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        Channel<Integer> c = Channel.buffered(1);
        for (int i = 0; i < 1000; i++) {
            a.trySend(1);
            b.trySend(2);
            c.trySend(3);
            int before = a.size() + b.size() + c.size();
            Select.builder().onReceive(a, v -> v).onReceive(b, v -> v).onReceive(c, v -> v).select();
            assertEquals(before - 1, a.size() + b.size() + c.size(), "exactly one receive took a value");
        }
    }

    @Test
    void exactlyOneOfSeveralReadySendCasesFiresAndTheOthersDeliverNothing() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Channel<Integer> a = Channel.buffered(1);
            Channel<Integer> b = Channel.buffered(1);
            String r = Select.builder().onSend(a, 1, () -> "a").onSend(b, 2, () -> "b").select();
            assertEquals(1, a.size() + b.size());
            assertEquals(r.equals("a") ? 1 : 0, a.size());
            assertEquals(r.equals("b") ? 1 : 0, b.size());
        }
    }

    @Test
    void sendCaseHandsTheValueToAWaitingReceiver() throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        CompletableFuture<Integer> got = new CompletableFuture<>();
        Thread r = Thread.ofVirtual().start(() -> {
            try {
                got.complete(ch.receive());
            } catch (Throwable e) {
                got.completeExceptionally(e);
            }
        });
        awaitParked(r);
        assertEquals("sent", Select.builder().onSend(ch, 42, () -> "sent").select());
        assertEquals(42, got.get());
    }

    @Test
    void blocksUntilACaseBecomesReady() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.buffered(4);
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.complete(Select.builder().onReceive(a, v -> "a" + v).onReceive(b, v -> "b" + v)
                        .select());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        awaitParked(t);
        assertFalse(result.isDone());
        b.send(7);
        assertEquals("b7", result.get());
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers(), "the losing registration was removed");
    }

    @Test
    void defaultFiresOnlyWhenNothingIsReady() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        assertEquals("default", Select.builder().onReceive(a, v -> "a").onDefault(() -> "default").select());
        a.send(1);
        assertEquals("a", Select.builder().onReceive(a, v -> "a").onDefault(() -> "default").select());
        Channel<Integer> full = Channel.buffered(1);
        full.send(1);
        assertEquals("default", Select.builder().onSend(full, 2, () -> "sent").onDefault(() -> "default")
                .select());
        assertEquals(1, full.size(), "the default left the full channel untouched");
    }

    @Test
    void timeoutFiresWhenNothingArrives() throws InterruptedException {
        Channel<Integer> a = Channel.unbuffered();
        String r = Select.builder().onReceive(a, v -> "a").onTimeout(Duration.ofMillis(20), () -> "timeout")
                .select();
        assertEquals("timeout", r);
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers());
        assertFalse(a.trySend(1), "no receiver is left registered after the timeout");
    }

    @Test
    void timeoutDoesNotFireWhenACaseIsReady() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        a.send(5);
        assertEquals("a5", Select.builder().onReceive(a, v -> "a" + v)
                .onTimeout(Duration.ZERO, () -> "timeout").select());
    }

    @Test
    void receiveCaseOnClosedDrainedChannelIsReadyAndThrows() {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> never = Channel.unbuffered();
        a.close();
        ChannelClosedException e = assertThrows(ChannelClosedException.class,
                () -> Select.builder().onReceive(never, v -> "never").onReceive(a, v -> "a").select());
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void receiveOrClosedCaseReportsClosed() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(2);
        a.send(1);
        a.close();
        var sel = Select.builder().onReceiveOrClosed(a, v -> v);
        assertEquals(new ReceiveResult.Received<>(1), sel.select(), "drains first");
        assertEquals(ReceiveResult.closed(null), sel.select(), "then reports closed");
    }

    @Test
    void receiveOrClosedCaseOnChannelClosedWithCausePassesTheCause() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(2);
        IllegalStateException cause = new IllegalStateException("producer failed");
        a.close(cause);
        assertEquals(new ReceiveResult.Closed<>(cause), Select.builder().onReceiveOrClosed(a, v -> v).select());
    }

    @Test
    void closingWakesABlockedSelect() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.unbuffered();
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.complete(Select.builder().onReceive(a, v -> "a")
                        .onReceiveOrClosed(b, v -> v.isReceived() ? "b" : "b closed").select());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        awaitParked(t);
        b.close();
        assertEquals("b closed", result.get());
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers());
    }

    @Test
    void sendCaseOnClosedChannelIsReadyAndThrowsIfChosen() {
        Channel<Integer> a = Channel.buffered(1);
        RuntimeException cause = new RuntimeException("shut down");
        a.close(cause);
        ChannelClosedException e = assertThrows(ChannelClosedException.class,
                () -> Select.builder().onSend(a, 1, () -> "sent").select());
        assertSame(cause, e.getCause());
        assertEquals(0, a.size());
    }

    @Test
    void blockedSendCaseThrowsWhenItsChannelCloses() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Select.builder().onSend(a, 1, () -> "sent").select();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitParked(t);
        a.close();
        t.join();
        assertInstanceOf(ChannelClosedException.class, thrown.get());
    }

    @Test
    void sameChannelInSeveralCases() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(2);
        a.send(1);
        a.send(2);
        var sel = Select.builder().onReceive(a, v -> "first" + v).onReceive(a, v -> "second" + v).ordered();
        assertEquals("first1", sel.select());
        assertEquals("first2", sel.select());
    }

    @Test
    void sendAndReceiveOnTheSameUnbufferedChannelNeverPairWithEachOther() throws InterruptedException {
        Channel<Integer> a = Channel.unbuffered();
        for (int i = 0; i < 200; i++) {
            String r = Select.builder().onSend(a, 1, () -> "sent").onReceive(a, v -> "received")
                    .onTimeout(Duration.ofNanos(1), () -> "timeout").select();
            assertEquals("timeout", r);
        }
        assertEquals(0, ((ChannelImpl<?>) a).waitingSenders());
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers());
    }

    @Test
    void selfPairingSelectStillPairsWithAnotherThread() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.complete(Select.builder().onSend(a, 1, () -> "sent")
                        .onReceive(a, v -> "received" + v).select());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        awaitParked(t);
        assertEquals(1, a.receive());
        assertEquals("sent", result.get());
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers(), "its receive registration was removed");
    }

    @Test
    void interruptedSelectThrowsAndNoCaseFired() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.unbuffered();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Select.builder().onReceive(a, v -> "a").onSend(b, 9, () -> "b").select();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitParked(t);
        t.interrupt();
        t.join();
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertFalse(a.trySend(1), "the receive case is no longer registered");
        assertEquals(ReceiveResult.empty(), b.tryReceive(), "the send case delivered nothing");
        assertEquals(0, ((ChannelImpl<?>) a).waitingReceivers());
        assertEquals(0, ((ChannelImpl<?>) b).waitingSenders());
    }

    @Test
    void selectOverAListOfChannelsBuiltAtRunTime() throws InterruptedException {
        int n = 37;
        java.util.List<Channel<Integer>> chans = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            chans.add(Channel.buffered(1));
        }
        chans.get(23).send(230);
        Select<String> sel = Select.create();
        for (int i = 0; i < n; i++) {
            int index = i;
            sel.onReceive(chans.get(i), v -> index + ":" + v);
        }
        assertEquals("23:230", sel.select());
    }

    @Test
    void receiveOnlyAndSendOnlyViewsWorkInSelect() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        assertEquals("sent", Select.builder().onSend(a.sendOnly(), 3, () -> "sent").select());
        assertEquals("got3", Select.builder().onReceive(a.receiveOnly(), v -> "got" + v).select());
    }

    @Test
    void timeoutUsesATimedParkNotAThreadPerSelect() throws Exception {
        int selects = 2_000;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int before = mx.getThreadCount();
        Channel<Integer> never = Channel.unbuffered();
        Channel<Integer> release = Channel.unbuffered();
        Thread[] threads = new Thread[selects];
        for (int i = 0; i < selects; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    Select.builder().onReceive(never, v -> "never")
                            .onReceiveOrClosed(release, v -> "released")
                            .onTimeout(Duration.ofHours(1), () -> "timeout").select();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (Thread t : threads) {
            awaitParked(t);
        }
        int during = mx.getThreadCount();
        release.close();
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(during - before < 50, "platform threads grew from " + before + " to " + during);
        assertEquals(0, ((ChannelImpl<?>) never).waitingReceivers());
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void selectWithNoCasesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Select.create().select());
        assertThrows(IllegalArgumentException.class, () -> Select.actions().select());
    }

    @Test
    void nullChannelOrHandlerIsRefused() {
        Channel<Integer> a = Channel.unbuffered();
        assertNpe("Select.onReceive: channel is null", () -> Select.builder().onReceive(null, v -> "x"));
        assertNpe("Select.onReceive: handler is null", () -> Select.builder().onReceive(a, null));
        assertNpe("Select.onSend: value is null", () -> Select.builder().onSend(a, null, () -> "x"));
        assertNpe("Select.onSend: channel is null", () -> Select.builder().onSend(null, 1, () -> "x"));
        assertNpe("Select.onSendFrom: values is null", () -> Select.builder().onSendFrom(a, null, () -> "x"));
        assertNpe("Select.onDefault: handler is null", () -> Select.builder().onDefault(null));
        assertNpe("Select.onTimeout: timeout is null", () -> Select.builder().onTimeout(null, () -> "x"));
        assertNpe("Select.random: random is null", () -> Select.builder().random(null));
        assertNpe("Select.onReceive: handler is null", () -> Select.actions().onReceive(a, null));
        assertNpe("Select.onDefault: handler is null", () -> Select.actions().onDefault(null));
    }

    private static void assertNpe(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void twoDefaultsOrTwoTimeoutsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Select.builder().onDefault(() -> "a").onDefault(() -> "b"));
        assertTrue(e.getMessage().contains("default"));
        assertThrows(IllegalArgumentException.class, () -> Select.builder()
                .onTimeout(Duration.ZERO, () -> "a").onTimeout(Duration.ZERO, () -> "b"));
    }

    @Test
    void foreignChannelImplementationIsRefused() {
        ReceiveChannel<Integer> foreign = new ReceiveChannel<>() {
            public Integer receive() {
                return 1;
            }

            public ReceiveResult<Integer> receiveOrClosed() {
                return new ReceiveResult.Received<>(1);
            }

            public ReceiveResult<Integer> tryReceive() {
                return new ReceiveResult.Received<>(1);
            }

            public Integer receive(Duration timeout) {
                return 1;
            }

            public boolean isClosed() {
                return false;
            }

            public int size() {
                return 0;
            }

            public int capacity() {
                return 0;
            }

            public java.util.Iterator<Integer> iterator() {
                return java.util.List.of(1).iterator();
            }

            public java.util.stream.Stream<Integer> stream() {
                return java.util.stream.Stream.of(1);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Select.builder().onReceive(foreign, v -> "x"));
    }
}
