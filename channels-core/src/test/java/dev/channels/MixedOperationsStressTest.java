package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A long randomized run that mixes every operation on every channel kind at once: blocking, timed and
 * non-blocking sends and receives, {@code receiveOrClosed}, selects over two channels (send and receive cases,
 * with and without default, with a timeout), interrupts aimed at random producers and consumers, and closes
 * in the middle of the run. Exact accounting at the end:
 * <ul>
 *   <li>no loss: every value whose send reported success was received exactly once;</li>
 *   <li>no phantom or duplicate: every value whose send reported failure (false, default, timeout, closed,
 *       interrupted) was never received, and no value was received twice;</li>
 *   <li>per-producer order: on each channel, each consumer sees each producer's values in send order.</li>
 * </ul>
 * The default run is short (under a second here); {@code -Pstress} runs 100x the rounds with 10x the operations.
 * {@code -Dmixed.seed=<n>} replays a seed (the interleaving still varies; the choices of operation do not).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class MixedOperationsStressTest {
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 3;
    private static final int OPS_PER_PRODUCER = 3_000 * Conc.STRESS;
    /** 3 rounds of 12,000 sends by default; 300 rounds of 120,000 sends (36 million) under -Pstress. */
    private static final int ROUNDS = Conc.STRESS > 1 ? 300 : 3;

    private static final int DELIVERED = 1;
    private static final int REJECTED = 2;

    /** A value names its producer and its sequence number: producer * 2^20 + seq. */
    private static int value(int producer, int seq) {
        return (producer << 20) | seq;
    }

    private static final class Round {
        final List<Channel<Integer>> channels = List.of(
                Channel.unbuffered(), Channel.buffered(1), Channel.buffered(8), Channel.unbounded());
        final AtomicIntegerArray outcome = new AtomicIntegerArray(PRODUCERS << 20);
        final AtomicIntegerArray received = new AtomicIntegerArray(PRODUCERS << 20);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean producing = new AtomicBoolean(true);
        final String label;

        Round(String label) {
            this.label = label;
        }

        void fail(String what) {
            failure.compareAndSet(null, new AssertionError(label + ": " + what));
        }

        /** Records a received value and checks order: lastSeq[channel][producer] for this consumer. */
        void got(int ch, int v, int[][] lastSeq) {
            int producer = v >>> 20;
            int seq = v & ((1 << 20) - 1);
            if (received.incrementAndGet(v) != 1) {
                fail("value " + producer + "/" + seq + " received twice");
            }
            if (seq <= lastSeq[ch][producer]) {
                fail("channel " + ch + ": producer " + producer + "'s " + seq + " after " + lastSeq[ch][producer]);
            }
            lastSeq[ch][producer] = seq;
        }
    }

    @Test
    void everyOperationMixedLosesNothingDuplicatesNothingAndKeepsPerProducerOrder() throws Exception {
        long seed = Long.getLong("mixed.seed", System.nanoTime());
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int round = 0; round < ROUNDS; round++) {
            runRound(new Round("seed " + seed + " round " + round), seeds.split());
        }
    }

    private static void runRound(Round r, SplittableRandom rnd) throws Exception {
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int id = p;
            SplittableRandom pr = rnd.split();
            producers.add(Thread.ofVirtual().start(() -> produce(r, id, pr)));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            SplittableRandom cr = rnd.split();
            consumers.add(Thread.ofVirtual().start(() -> consume(r, cr)));
        }
        SplittableRandom ir = rnd.split();
        Thread chaos = Thread.ofVirtual().start(() -> {
            boolean closedOne = false;
            while (r.producing.get()) {
                List<Thread> targets = ir.nextBoolean() ? producers : consumers;
                targets.get(ir.nextInt(targets.size())).interrupt();
                if (!closedOne && ir.nextInt(1_000) == 0) {
                    r.channels.get(ir.nextInt(r.channels.size())).close(); // a close in mid-run
                    closedOne = true;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000 + ir.nextInt(200_000));
            }
        });
        for (Thread t : producers) {
            t.join();
        }
        r.producing.set(false);
        chaos.join();
        for (Channel<Integer> ch : r.channels) {
            ch.close();
        }
        for (Thread t : consumers) {
            t.join(); // they end once every channel is closed and drained
        }
        assertNull(r.failure.get());
        int delivered = 0;
        int rejected = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            for (int seq = 1; seq <= OPS_PER_PRODUCER; seq++) {
                int v = value(p, seq);
                int o = r.outcome.get(v);
                int got = r.received.get(v);
                if (o == DELIVERED && got != 1) {
                    fail(r.label + ": delivered value " + p + "/" + seq + " received " + got + " times (lost)");
                } else if (o == REJECTED && got != 0) {
                    fail(r.label + ": rejected value " + p + "/" + seq + " received " + got + " times (phantom)");
                } else if (o != DELIVERED && o != REJECTED) {
                    fail(r.label + ": value " + p + "/" + seq + " has no outcome");
                }
                delivered += o == DELIVERED ? 1 : 0;
                rejected += o == REJECTED ? 1 : 0;
            }
        }
        System.out.println("MixedOperationsStressTest " + r.label + ": " + delivered + " delivered and received once, "
                + rejected + " rejected and never received");
        if (delivered == 0) {
            fail(r.label + ": nothing was delivered; the run proves nothing");
        }
    }

    private static void produce(Round r, int id, SplittableRandom rnd) {
        List<Channel<Integer>> chs = r.channels;
        for (int seq = 1; seq <= OPS_PER_PRODUCER; seq++) {
            int v = value(id, seq);
            Channel<Integer> ch = chs.get(rnd.nextInt(chs.size()));
            Channel<Integer> other = chs.get(rnd.nextInt(chs.size()));
            boolean ok;
            try {
                switch (rnd.nextInt(6)) {
                    case 0 -> {
                        ch.send(v);
                        ok = true;
                    }
                    case 1 -> ok = ch.trySend(v);
                    case 2 -> ok = ch.send(v, Duration.ofNanos(rnd.nextInt(200_000)));
                    case 3 -> ok = Select.builder()
                            .onSend(ch, v, () -> true).onSend(other, v, () -> true).select();
                    case 4 -> ok = Select.builder()
                            .onSend(ch, v, () -> true).onSend(other, v, () -> true).onDefault(() -> false).select();
                    default -> ok = Select.builder().onSend(ch, v, () -> true)
                            .onTimeout(Duration.ofNanos(rnd.nextInt(200_000)), () -> false).select();
                }
            } catch (ChannelClosedException | InterruptedException e) {
                ok = false; // a closed or interrupted send delivered nothing
            } catch (Throwable t) {
                r.failure.compareAndSet(null, t);
                return;
            }
            r.outcome.set(v, ok ? DELIVERED : REJECTED);
        }
    }

    private static void consume(Round r, SplittableRandom rnd) {
        List<Channel<Integer>> chs = r.channels;
        int[][] lastSeq = new int[chs.size()][PRODUCERS];
        for (;;) {
            boolean allDone = true;
            for (Channel<Integer> ch : chs) {
                if (!ch.isClosed() || ch.size() != 0) {
                    allDone = false;
                    break;
                }
            }
            if (allDone) {
                return; // closed and drained everywhere: no value can appear any more
            }
            int i = rnd.nextInt(chs.size());
            int j = rnd.nextInt(chs.size());
            Channel<Integer> ch = chs.get(i);
            try {
                switch (rnd.nextInt(6)) {
                    case 0 -> r.got(i, ch.receive(), lastSeq);
                    case 1 -> {
                        if (ch.tryReceive() instanceof ReceiveResult.Received<Integer>(Integer v)) {
                            r.got(i, v, lastSeq);
                        }
                    }
                    case 2 -> {
                        Integer v = ch.receive(Duration.ofNanos(rnd.nextInt(200_000)));
                        if (v != null) {
                            r.got(i, v, lastSeq);
                        }
                    }
                    case 3 -> {
                        if (ch.receiveOrClosed() instanceof ReceiveResult.Received<Integer>(Integer v)) {
                            r.got(i, v, lastSeq);
                        }
                    }
                    case 4 -> Select.actions()
                            .onReceiveOrClosed(ch, res -> {
                                if (res instanceof ReceiveResult.Received<Integer>(Integer x)) {
                                    r.got(i, x, lastSeq);
                                }
                            })
                            .onReceiveOrClosed(chs.get(j), res -> {
                                if (res instanceof ReceiveResult.Received<Integer>(Integer x)) {
                                    r.got(j, x, lastSeq);
                                }
                            })
                            .select();
                    default -> Select.actions()
                            .onReceiveOrClosed(ch, res -> {
                                if (res instanceof ReceiveResult.Received<Integer>(Integer x)) {
                                    r.got(i, x, lastSeq);
                                }
                            })
                            .onDefault(() -> { })
                            .select();
                }
            } catch (ChannelClosedException | InterruptedException e) {
                // closed and drained, or interrupted: took nothing
            } catch (Throwable t) {
                r.failure.compareAndSet(null, t);
                return;
            }
        }
    }
}
