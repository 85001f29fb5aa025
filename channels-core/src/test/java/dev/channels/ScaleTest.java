package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Row "threads": many blocked virtual threads; Go's daisy chain of goroutines. */
class ScaleTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void hundredThousandBlockedReceiversAreAllReleasedBySends(ChannelKind kind) throws Exception {
        int n = 100_000 * Conc.STRESS;
        Channel<Integer> ch = kind.create();
        AtomicIntegerArray receipts = new AtomicIntegerArray(n);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    receipts.incrementAndGet(ch.receive());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Conc.await(n + " receivers parked on " + ch, () -> Conc.impl(ch).waitingReceivers() == n);
        for (int v = 0; v < n; v++) {
            ch.send(v);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int v = 0; v < n; v++) {
            if (receipts.get(v) != 1) {
                fail("value " + v + " received " + receipts.get(v) + " times");
            }
        }
        assertEquals(0, Conc.impl(ch).waitingReceivers());
        assertEquals(0, ch.size());
    }

    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = {"UNBUFFERED", "BUFFERED_16"})
    void hundredThousandBlockedSendersAreAllReleasedByReceives(ChannelKind kind) throws Exception {
        int n = 100_000 * Conc.STRESS;
        Channel<Integer> ch = kind.create();
        Conc.fill(ch, kind, n);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int v = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    ch.send(v);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Conc.await(n + " senders parked on " + ch, () -> Conc.impl(ch).waitingSenders() == n);
        boolean[] seen = new boolean[n + kind.capacity];
        for (int k = 0; k < n + kind.capacity; k++) {
            int v = ch.receive();
            if (seen[v]) {
                fail("value " + v + " received twice");
            }
            seen[v] = true;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, Conc.impl(ch).waitingSenders());
        assertEquals(0, ch.size());
    }

    /**
     * Go's test/chan/goroutines.go and the sieve-like "whisper" chain: each virtual thread receives from its left
     * neighbour and sends one more to its right, over unbuffered channels. Values flow through all of them in
     * order, and closing the head closes the chain link by link.
     */
    @Test
    void daisyChainOfTenThousandVirtualThreads() throws Exception {
        int n = 10_000 * Conc.STRESS;
        int values = Conc.STRESS > 1 ? 20 : 100; // keeps the hand-off count near 1-2 million either way
        Channel<Integer> leftmost = Channel.unbuffered();
        Channel<Integer> left = leftmost;
        List<Thread> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Channel<Integer> right = Channel.unbuffered();
            ReceiveChannel<Integer> from = left.receiveOnly();
            SendChannel<Integer> to = right.sendOnly();
            links.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int v : from) {
                        to.send(v + 1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    to.close();
                }
            }));
            left = right;
        }
        Channel<Integer> rightmost = left;
        Conc.Task<Void> feeder = Conc.run(() -> {
            for (int v = 0; v < values; v++) {
                leftmost.send(v);
            }
            leftmost.close();
        });
        int expected = 0;
        for (int v : rightmost) {
            assertEquals(expected + n, v, "value " + expected + " through " + n + " links");
            expected++;
        }
        assertEquals(values, expected, "the close reached the end of the chain after every value");
        feeder.join();
        for (Thread t : links) {
            t.join();
        }
    }
}
