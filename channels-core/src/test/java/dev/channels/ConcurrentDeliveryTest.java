package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * N producers x M consumers on virtual threads: nothing lost, nothing duplicated, each producer's values arrive in
 * its send order (as seen by every consumer). Includes Go's TestChan "multiple senders/receivers" shape.
 */
class ConcurrentDeliveryTest {

    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;

    /** Receives until closed and drained using one of four receive forms, checking per-producer order. */
    private static Conc.Task<Integer> consumer(Channel<Integer> ch, int form, int perProducer,
                                               AtomicIntegerArray receipts) {
        return Conc.start(() -> {
            int[] last = new int[PRODUCERS];
            java.util.Arrays.fill(last, -1);
            int count = 0;
            for (;;) {
                Integer v;
                switch (form) {
                    case 0 -> {
                        v = ch.receiveOrClosed().orElse(null);
                    }
                    case 1 -> {
                        try {
                            v = ch.receive();
                        } catch (ChannelClosedException e) {
                            v = null;
                        }
                    }
                    case 2 -> {
                        try {
                            v = ch.receive(Duration.ofMinutes(5));
                            if (v == null) {
                                fail("timed receive expired: a value or the close was lost");
                            }
                        } catch (ChannelClosedException e) {
                            v = null;
                        }
                    }
                    default -> {
                        // tryReceive first, blocking receive when empty (exercises the fast path under load)
                        ReceiveResult<Integer> r = ch.tryReceive();
                        v = r.isReceived() || r.isClosed() ? r.orElse(null) : ch.receiveOrClosed().orElse(null);
                    }
                }
                if (v == null) {
                    return count;
                }
                int producer = v / perProducer;
                int seq = v % perProducer;
                if (seq <= last[producer]) {
                    fail("producer " + producer + ": value " + seq + " arrived after " + last[producer]);
                }
                last[producer] = seq;
                receipts.incrementAndGet(v);
                count++;
            }
        });
    }

    private static Conc.Task<Void> producer(Channel<Integer> ch, int id, int perProducer) {
        return Conc.run(() -> {
            for (int i = 0; i < perProducer; i++) {
                int v = id * perProducer + i;
                switch (id % 3) {
                    case 0 -> ch.send(v);
                    case 1 -> assertTrue(ch.send(v, Duration.ofMinutes(5)), "timed send expired");
                    default -> {
                        if (!ch.trySend(v)) {
                            ch.send(v);
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void producersAndConsumersLoseNothingDuplicateNothingAndKeepPerProducerOrder(ChannelKind kind)
            throws Exception {
        int perProducer = 20_000 * Conc.STRESS;
        for (int round = 0; round < 3; round++) {
            Channel<Integer> ch = kind.create();
            AtomicIntegerArray receipts = new AtomicIntegerArray(PRODUCERS * perProducer);
            List<Conc.Task<Integer>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(consumer(ch, c, perProducer, receipts));
            }
            List<Conc.Task<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(producer(ch, p, perProducer));
            }
            for (Conc.Task<Void> p : producers) {
                p.join();
            }
            assertTrue(ch.close());
            int total = 0;
            for (Conc.Task<Integer> c : consumers) {
                total += c.join();
            }
            assertEquals(PRODUCERS * perProducer, total, kind + " round " + round);
            for (int v = 0; v < receipts.length(); v++) {
                if (receipts.get(v) != 1) {
                    fail(kind + " round " + round + ": value " + v + " received " + receipts.get(v) + " times");
                }
            }
            assertEquals(0, ch.size());
        }
    }

    /** Go's test/chan TestChan, "Test multiple send/recv": P senders of 0..L-1, P receivers ranging. */
    private static void goTestChanMultipleSendersReceivers(Channel<Integer> ch, String label) throws Exception {
        final int p = 4;
        final int l = 1000;
        List<Conc.Task<Void>> senders = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            senders.add(Conc.run(() -> {
                for (int v = 0; v < l; v++) {
                    ch.send(v);
                }
            }));
        }
        List<Conc.Task<Map<Integer, Integer>>> receivers = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            receivers.add(Conc.start(() -> {
                Map<Integer, Integer> recv = new HashMap<>();
                for (int v : ch) {
                    recv.merge(v, 1, Integer::sum);
                }
                return recv;
            }));
        }
        for (Conc.Task<Void> s : senders) {
            s.join();
        }
        ch.close();
        int[] total = new int[l];
        for (Conc.Task<Map<Integer, Integer>> r : receivers) {
            r.join().forEach((v, n) -> total[v] += n);
        }
        for (int v = 0; v < l; v++) {
            if (total[v] != p) {
                fail(label + ": chan[" + v + "] = " + total[v] + ", want " + p);
            }
        }
    }

    @Test
    void goTestChanEveryValueReceivedOncePerSenderForManyCapacities() throws Exception {
        int[] capacities = Conc.STRESS > 1
                ? IntStream.range(0, 200).toArray()
                : new int[] {0, 1, 2, 3, 7, 16, 64, 199};
        for (int cap : capacities) {
            goTestChanMultipleSendersReceivers(Channel.buffered(cap), "cap " + cap);
        }
        goTestChanMultipleSendersReceivers(Channel.unbounded(), "unbounded");
    }

    /** Go's TestChan "Send 100 integers, receive them non-corrupted in FIFO order", for each capacity. */
    @Test
    void goTestChanFifoOfOneSenderForManyCapacities() throws Exception {
        int[] capacities = Conc.STRESS > 1
                ? IntStream.range(0, 200).toArray()
                : new int[] {0, 1, 2, 3, 7, 16, 64, 199};
        for (int cap : capacities) {
            Channel<Integer> c = Channel.buffered(cap);
            Conc.Task<Void> sender = Conc.run(() -> {
                for (int i = 0; i < 100; i++) {
                    c.send(i);
                }
            });
            for (int i = 0; i < 100; i++) {
                int v = c.receive();
                if (v != i) {
                    fail("chan[" + cap + "]: received " + v + ", expected " + i);
                }
            }
            sender.join();
            // Go: len(c) == 0 and cap(c) == cap after the exchange.
            assertEquals(0, c.size());
            assertEquals(cap, c.capacity());
        }
    }
}
