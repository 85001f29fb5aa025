package dev.channels;

import dev.channels.internal.ChannelImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent select shapes from Go's own test suite, with exact accounting: selects racing plain operations
 * and other selects on the same channels.
 */
@Timeout(300)
class SelectStressTest {
    private static final int FACTOR = Integer.getInteger("stress.factor", 1);

    /**
     * Go's TestSelectStress: channels of capacity 0, 0, 2, 3; on each a plain sender and a plain receiver; plus
     * one select-sender and one select-receiver over all four. Every value arrives exactly once.
     */
    @Test
    void goSelectStressShape() throws Exception {
        int n = 12_500 * FACTOR; // per producer per channel: 4 channels x 2 producers x n = 100,000 values
        int[] caps = {0, 0, 2, 3};
        List<Channel<Integer>> chans = new ArrayList<>();
        for (int cap : caps) {
            chans.add(Channel.buffered(cap));
        }
        int kinds = 2 * caps.length; // value = (producer kind) * n + i; producers: plain k, select-sender k
        AtomicIntegerArray seen = new AtomicIntegerArray(kinds * n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < caps.length; k++) {
            Channel<Integer> ch = chans.get(k);
            int base = k * n;
            threads.add(start(failure, () -> {
                for (int i = 0; i < n; i++) {
                    ch.send(base + i);
                }
            }));
            threads.add(start(failure, () -> {
                for (int i = 0; i < n; i++) {
                    seen.incrementAndGet(ch.receive());
                }
            }));
        }
        threads.add(start(failure, () -> { // select-sender: n values to each channel, picking at random
            int[] sent = new int[caps.length];
            int remaining = caps.length * n;
            while (remaining > 0) {
                Select<Integer> sel = Select.create();
                for (int k = 0; k < caps.length; k++) {
                    if (sent[k] < n) {
                        int kk = k;
                        sel.onSend(chans.get(k), (caps.length + k) * n + sent[k], () -> kk);
                    }
                }
                sent[sel.select()]++;
                remaining--;
            }
        }));
        threads.add(start(failure, () -> { // select-receiver: n values from each channel
            int[] got = new int[caps.length];
            int remaining = caps.length * n;
            while (remaining > 0) {
                Select<Integer> sel = Select.create();
                for (int k = 0; k < caps.length; k++) {
                    if (got[k] < n) {
                        int kk = k;
                        sel.onReceive(chans.get(k), v -> {
                            seen.incrementAndGet(v);
                            return kk;
                        });
                    }
                }
                got[sel.select()]++;
                remaining--;
            }
        }));
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get());
        for (int v = 0; v < seen.length(); v++) {
            assertEquals(1, seen.get(v), "value " + v);
        }
        for (Channel<Integer> ch : chans) {
            assertEquals(0, ch.size());
            assertEquals(0, ((ChannelImpl<?>) ch).waitingSenders() + ((ChannelImpl<?>) ch).waitingReceivers());
        }
    }

    /**
     * Go's doubleselect: a sender selects over four unbuffered channels; four forwarders, themselves selects
     * over their input and a quit channel, move values into one channel. No value arrives twice.
     */
    @Test
    void goDoubleSelectShape() throws Exception {
        int n = 100_000 * FACTOR;
        List<Channel<Integer>> in = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            in.add(Channel.unbuffered());
        }
        Channel<Integer> out = Channel.buffered(16);
        Channel<Integer> quit = Channel.unbuffered();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = start(failure, () -> {
            for (int i = 0; i < n; i++) {
                Select<Void> s = Select.create();
                for (Channel<Integer> c : in) {
                    s.onSend(c, i, () -> null);
                }
                s.select();
            }
            quit.close();
        });
        List<Thread> forwarders = new ArrayList<>();
        AtomicInteger open = new AtomicInteger(4);
        for (Channel<Integer> c : in) {
            forwarders.add(start(failure, () -> {
                Select<Boolean> sel = Select.builder()
                        .onReceive(c, v -> {
                            try {
                                out.send(v);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return true;
                        })
                        .onReceiveOrClosed(quit, v -> false);
                while (sel.select()) {
                    // forward until quit closes
                }
                if (open.decrementAndGet() == 0) {
                    out.close();
                }
            }));
        }
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int v : out) {
            assertTrue(!seen[v], "value " + v + " arrived twice");
            seen[v] = true;
            count++;
        }
        sender.join();
        for (Thread f : forwarders) {
            f.join();
        }
        assertNull(failure.get());
        assertEquals(n, count, "every value arrived");
    }

    /**
     * Go's TestNonblockSelectRace: at every instant one of two channels holds a value, so a select with default
     * must never take the default.
     */
    @Test
    void selectWithDefaultNeverMissesAnAlwaysReadyChannel() throws Exception {
        int n = 20_000 * FACTOR;
        for (int i = 0; i < n; i++) {
            Channel<Integer> c1 = Channel.buffered(1);
            Channel<Integer> c2 = Channel.buffered(1);
            c1.send(1);
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<String> r = new AtomicReference<>();
            Thread t = Thread.ofVirtual().start(() -> {
                started.countDown();
                try {
                    r.set(Select.builder().onReceive(c1, v -> "c1").onReceive(c2, v -> "c2")
                            .onDefault(() -> "default").select());
                } catch (InterruptedException e) {
                    r.set("interrupted");
                }
            });
            started.await();
            c2.send(1);
            Select.builder().onReceive(c1, v -> "took c1").onDefault(() -> "none").select();
            t.join();
            assertTrue(!"default".equals(r.get()), "iteration " + i + ": select took default");
        }
    }

    /**
     * Cleanup: many selects that register on X and lose (Y fires) leave no stale node on X, and while they run
     * X never holds more stale nodes than there are selecting threads.
     */
    @Test
    void losingSelectsLeaveNoRegistrations() throws Exception {
        int selectors = 4;
        int perSelector = 50_000 * FACTOR;
        Channel<Integer> x = Channel.unbuffered();
        Channel<Integer> y = Channel.unbuffered();
        ChannelImpl<?> xi = (ChannelImpl<?>) x;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger maxStale = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < selectors; s++) {
            threads.add(start(failure, () -> {
                Select<Integer> sel = Select.builder().onReceive(x, v -> -1).onReceive(y, v -> v);
                for (int i = 0; i < perSelector; i++) {
                    int v = sel.select();
                    if (v < 0) {
                        throw new AssertionError("x fired without a sender");
                    }
                    maxStale.accumulateAndGet(xi.waitingReceivers(), Math::max);
                }
            }));
        }
        Thread producer = start(failure, () -> {
            for (int i = 0; i < selectors * perSelector; i++) {
                y.send(i);
            }
        });
        producer.join();
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get());
        assertEquals(0, xi.waitingReceivers(), "no registration remains on the losing channel");
        assertTrue(maxStale.get() <= selectors, "stale nodes on x peaked at " + maxStale.get());
    }

    /** Selects racing closes: each select fires exactly one case; closed cases fire as closed. */
    @Test
    void selectsRacingClosesFireExactlyOneCase() throws Exception {
        int rounds = 2_000 * FACTOR;
        for (int round = 0; round < rounds; round++) {
            Channel<Integer> a = Channel.unbuffered();
            Channel<Integer> b = Channel.buffered(1);
            ConcurrentHashMap<String, Integer> fired = new ConcurrentHashMap<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread s1 = start(failure, () -> fired.merge(Select.builder()
                    .onReceiveOrClosed(a, v -> v.isReceived() ? "a" : "a-closed")
                    .onReceiveOrClosed(b, v -> v.isReceived() ? "b" : "b-closed").select(), 1, Integer::sum));
            Thread s2 = start(failure, () -> {
                try {
                    fired.merge(Select.builder().onSend(a, 1, () -> "sent-a").select(), 1, Integer::sum);
                } catch (ChannelClosedException e) {
                    fired.merge("send-closed", 1, Integer::sum);
                }
            });
            a.close();
            b.close();
            s1.join();
            s2.join();
            assertNull(failure.get());
            int total = fired.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(2, total, "each select fired once: " + fired);
            if (fired.containsKey("sent-a")) {
                assertEquals(1, fired.get("a"), "a send completed only by pairing with the receive: " + fired);
            }
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static Thread start(AtomicReference<Throwable> failure, Body body) {
        return Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
    }
}
