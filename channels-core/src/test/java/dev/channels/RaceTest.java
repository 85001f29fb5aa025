package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Races: close against blocked senders and receivers; interrupts and timeouts against hand-offs. Every value is
 * accounted for: each attempted send ends either delivered (the send returned true/normally) or rejected
 * (ChannelClosedException, InterruptedException, or a timed send that returned false), and at the end every
 * delivered value was received exactly once and no rejected value was received at all.
 */
class RaceTest {
    private static final int SENDERS = 4;
    private static final int RECEIVERS = 3;
    private static final int PER_SENDER = 64;

    /** Per value: 0 not yet attempted / pending, 1 delivered, 2 rejected. */
    private static final int DELIVERED = 1;
    private static final int REJECTED = 2;

    private static final class Ledger {
        final AtomicIntegerArray outcome = new AtomicIntegerArray(SENDERS * PER_SENDER);
        final AtomicIntegerArray received = new AtomicIntegerArray(SENDERS * PER_SENDER);
        final AtomicInteger receivedTotal = new AtomicInteger();

        /** Adds this round's counts to {@code totals} = {delivered, rejected}. */
        void tally(long[] totals) {
            for (int v = 0; v < outcome.length(); v++) {
                totals[outcome.get(v) == DELIVERED ? 0 : 1]++;
            }
        }

        void check(String label) {
            int delivered = 0;
            int rejected = 0;
            int got = 0;
            for (int v = 0; v < outcome.length(); v++) {
                int o = outcome.get(v);
                int r = received.get(v);
                got += r;
                if (o == DELIVERED) {
                    delivered++;
                    if (r != 1) {
                        fail(label + ": delivered value " + v + " received " + r + " times (lost or duplicated)");
                    }
                } else if (o == REJECTED) {
                    rejected++;
                    if (r != 0) {
                        fail(label + ": rejected value " + v + " was received " + r + " times (phantom)");
                    }
                } else {
                    fail(label + ": send of " + v + " has no outcome");
                }
            }
            if (delivered + rejected != outcome.length() || got != delivered) {
                fail(label + ": sent " + outcome.length() + " != received " + got + " + rejected " + rejected);
            }
        }
    }

    private static String label(ChannelKind kind, String test, long seed, int round) {
        return test + " " + kind + " seed " + seed + " round " + round;
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeRacingBlockedSendersAndReceiversLosesAndInventsNothing(ChannelKind kind) throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] totals = new long[2];
        int rounds = 3000 * Conc.STRESS;
        for (int round = 0; round < rounds; round++) {
            String label = label(kind, "close race", seed, round);
            Channel<Integer> ch = kind.create();
            Ledger ledger = new Ledger();
            List<Conc.Task<Void>> tasks = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int id = s;
                tasks.add(Conc.run(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        int v = id * PER_SENDER + i;
                        try {
                            ch.send(v);
                            ledger.outcome.set(v, DELIVERED);
                        } catch (ChannelClosedException e) {
                            ledger.outcome.set(v, REJECTED);
                        }
                    }
                }));
            }
            // Close after a random amount of traffic, from inside the traffic: the receiver whose receipt reaches
            // the threshold closes at once, racing the other receivers and the (mostly blocked) senders.
            int closeAfter = rnd.nextInt(SENDERS * PER_SENDER / 2);
            if (closeAfter == 0) {
                tasks.add(Conc.run(ch::close));
            }
            for (int r = 0; r < RECEIVERS; r++) {
                tasks.add(Conc.run(() -> {
                    for (;;) {
                        if (!(ch.receiveOrClosed() instanceof ReceiveResult.Received<Integer>(Integer v))) {
                            return;
                        }
                        ledger.received.incrementAndGet(v);
                        if (ledger.receivedTotal.incrementAndGet() == closeAfter) {
                            ch.close();
                        }
                    }
                }));
            }
            for (Conc.Task<Void> t : tasks.subList(0, SENDERS)) {
                t.join();
            }
            ch.close(); // in case the threshold was never reached (every value delivered first)
            for (Conc.Task<Void> t : tasks) {
                t.join();
            }
            endRound(label, ch, ledger, totals);
        }
        report(kind, seed, totals);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void interruptsRacingHandOffsLoseAndInventNothing(ChannelKind kind) throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] totals = new long[2];
        int rounds = 2000 * Conc.STRESS;
        for (int round = 0; round < rounds; round++) {
            String label = label(kind, "interrupt race", seed, round);
            Channel<Integer> ch = kind.create();
            Ledger ledger = new Ledger();
            List<Conc.Task<Void>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int id = s;
                senders.add(Conc.run(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        int v = id * PER_SENDER + i;
                        try {
                            ch.send(v);
                            ledger.outcome.set(v, DELIVERED);
                        } catch (InterruptedException e) {
                            ledger.outcome.set(v, REJECTED);
                        }
                    }
                    Thread.interrupted(); // a late interrupt must not leak into the bookkeeping
                }));
            }
            List<Conc.Task<Void>> receivers = new ArrayList<>();
            for (int r = 0; r < RECEIVERS; r++) {
                receivers.add(Conc.run(() -> {
                    for (;;) {
                        try {
                            Integer v = ch.receive();
                            ledger.received.incrementAndGet(v);
                        } catch (InterruptedException e) {
                            // nothing was taken; carry on
                        } catch (ChannelClosedException e) {
                            return;
                        }
                    }
                }));
            }
            List<Thread> targets = new ArrayList<>();
            senders.forEach(t -> targets.add(t.thread));
            receivers.forEach(t -> targets.add(t.thread));
            AtomicBoolean stop = new AtomicBoolean();
            long interrupterSeed = rnd.nextLong();
            Conc.Task<Void> interrupter = Conc.run(() -> {
                SplittableRandom r = new SplittableRandom(interrupterSeed);
                while (!stop.get()) {
                    targets.get(r.nextInt(targets.size())).interrupt();
                    for (int k = r.nextInt(20); k > 0; k--) {
                        Thread.onSpinWait();
                    }
                    Thread.yield();
                }
            });
            for (Conc.Task<Void> s : senders) {
                s.join();
            }
            stop.set(true);
            interrupter.join();
            ch.close();
            for (Conc.Task<Void> r : receivers) {
                r.join();
            }
            endRound(label, ch, ledger, totals);
        }
        report(kind, seed, totals);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timeoutsRacingHandOffsLoseAndInventNothing(ChannelKind kind) throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] totals = new long[2];
        int rounds = 600 * Conc.STRESS;
        for (int round = 0; round < rounds; round++) {
            String label = label(kind, "timeout race", seed, round);
            Channel<Integer> ch = kind.create();
            Ledger ledger = new Ledger();
            long roundSeed = rnd.nextLong();
            List<Conc.Task<Void>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int id = s;
                senders.add(Conc.run(() -> {
                    SplittableRandom r = new SplittableRandom(roundSeed + id);
                    for (int i = 0; i < PER_SENDER; i++) {
                        int v = id * PER_SENDER + i;
                        // 0 to 30 microseconds: many expire just as a receiver arrives
                        Duration timeout = Duration.ofNanos(r.nextInt(30_000));
                        ledger.outcome.set(v, ch.send(v, timeout) ? DELIVERED : REJECTED);
                    }
                }));
            }
            List<Conc.Task<Void>> receivers = new ArrayList<>();
            { // one receiver for four senders: many sends time out
                receivers.add(Conc.run(() -> {
                    SplittableRandom r = new SplittableRandom(roundSeed - 1);
                    for (;;) {
                        try {
                            Integer v = ch.receive(Duration.ofNanos(r.nextInt(30_000)));
                            if (v != null) {
                                ledger.received.incrementAndGet(v);
                            }
                        } catch (ChannelClosedException e) {
                            return;
                        }
                    }
                }));
            }
            for (Conc.Task<Void> s : senders) {
                s.join();
            }
            ch.close();
            for (Conc.Task<Void> r : receivers) {
                r.join();
            }
            endRound(label, ch, ledger, totals);
        }
        report(kind, seed, totals);
    }

    /**
     * Go's TestNonblockRecvRace: a value is buffered, then a non-blocking receive races a close. The receive must
     * find the channel ready (the value, or closed once drained); it must never report "nothing available".
     */
    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = {"BUFFERED_1", "BUFFERED_16", "UNBOUNDED"})
    void nonBlockingReceiveRacingCloseAlwaysFindsTheChannelReady(ChannelKind kind) throws Exception {
        int rounds = 2000 * Conc.STRESS;
        for (int round = 0; round < rounds; round++) {
            Channel<Integer> ch = kind.create();
            ch.send(1);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            Conc.Task<String> receiver = Conc.start(() -> {
                go.await();
                return switch (ch.tryReceive()) {
                    case ReceiveResult.Received<Integer> v -> "value";
                    case ReceiveResult.Empty<Integer> e -> "not ready";
                    case ReceiveResult.Closed<Integer> c -> "closed";
                };
            });
            Conc.Task<Boolean> closer = Conc.start(() -> {
                go.await();
                return ch.close();
            });
            go.countDown();
            String r = receiver.join();
            closer.join();
            if (!r.equals("value")) {
                fail("round " + round + ": the buffered value must be received, got " + r);
            }
        }
    }

    /** A round's end: every value accounted for exactly once, counted into the totals, no waiter left. */
    private static void endRound(String label, Channel<Integer> ch, Ledger ledger, long[] totals) {
        ledger.check(label);
        ledger.tally(totals);
        if (ChannelImplWaiters.any(ch)) {
            fail(label + ": waiters left behind " + ChannelImplWaiters.describe(ch));
        }
    }

    private static void report(ChannelKind kind, long seed, long[] totals) {
        System.out.println("RaceTest " + kind + " seed " + seed + ": delivered " + totals[0]
                + ", rejected " + totals[1]);
    }
}
