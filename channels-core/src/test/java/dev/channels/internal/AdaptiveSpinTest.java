package dev.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import dev.channels.Select;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The learning rule of {@link AdaptiveSpin}, step by step, and on a real channel whose waiters always park.
 * Spinning is on by default on more than one CPU; these tests need it on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdaptiveSpinTest {
    /** The hint as a channel keeps it, driven through the rule. */
    private int hint;

    @BeforeEach
    void spinningIsOn() {
        assumeTrue(AdaptiveSpin.MAX >= 4 * AdaptiveSpin.PROBE,
                "spinning is off here (one CPU, or -Ddev.channels.spins set low): " + AdaptiveSpin.MAX);
    }

    /** What a wait does with the hint before it spins: the budget, counting down the interval if it is 0. */
    private int budget() {
        int b = AdaptiveSpin.budget(hint);
        if (b == 0) {
            hint = AdaptiveSpin.skipped(hint);
        }
        return b;
    }

    private void spun(int budget, boolean success) {
        hint = AdaptiveSpin.spun(budget, success);
    }

    @Test
    void aNewChannelProbes() {
        assertEquals(AdaptiveSpin.PROBE, budget());
    }

    @Test
    void successDoublesTheBudgetUpToTheMaximum() {
        int budget = budget();
        int expected = AdaptiveSpin.PROBE;
        for (int i = 0; i < 20; i++) {
            assertEquals(expected, budget, "after " + i + " successes");
            spun(budget, true);
            expected = Math.min(AdaptiveSpin.MAX, expected * 2);
            budget = budget();
        }
        assertEquals(AdaptiveSpin.MAX, budget);
    }

    @Test
    void failureHalvesTheBudgetThenSwitchesSpinningOffForAnInterval() {
        int budget = budget();
        while (budget < AdaptiveSpin.MAX) {
            spun(budget, true);
            budget = budget();
        }
        int expected = AdaptiveSpin.MAX;
        while (expected >= AdaptiveSpin.PROBE) {
            assertEquals(expected, budget);
            spun(budget, false);
            expected /= 2;
            budget = budget();
        }
        // below the probe budget: no spinning for PROBE_INTERVAL waits (this call was the first), then one probe
        assertEquals(0, budget);
        for (int i = 1; i < AdaptiveSpin.PROBE_INTERVAL; i++) {
            assertEquals(0, budget(), "wait " + i + " of the interval");
        }
        assertEquals(AdaptiveSpin.PROBE, budget(), "the probe after the interval");
    }

    @Test
    void aProbeThatSucceedsStartsSpinningAgain() {
        spun(budget(), false); // the first probe fails: off
        for (int i = 0; i < AdaptiveSpin.PROBE_INTERVAL; i++) {
            assertEquals(0, budget());
        }
        int probe = budget();
        assertEquals(AdaptiveSpin.PROBE, probe);
        spun(probe, true);
        assertEquals(2 * AdaptiveSpin.PROBE, budget());
    }

    /**
     * A receiver whose sender only sends once the receiver is parked: every spin fails, so the channel stops
     * spinning (the hint turns negative) and the values still arrive in order.
     */
    @Test
    void aChannelWhoseWaitersAlwaysParkStopsSpinning() throws Exception {
        ChannelImpl<Integer> ch = new ChannelImpl<>(0);
        receiveWhileParkedBeforeEachSend(ch, () -> ch.receive());
        assertTrue(ch.spinHint() < 0, "spinning should be off after " + ROUNDS + " parked waits, hint "
                + ch.spinHint());
    }

    /** A select with an unbuffered case learns on that case's channel, as a plain wait does. */
    @Test
    void aSelectLearnsOnItsFirstUnbufferedChannel() throws Exception {
        ChannelImpl<Integer> buffered = new ChannelImpl<>(1);
        ChannelImpl<Integer> unbuffered = new ChannelImpl<>(0);
        Select<Integer> select = Select.builder().onReceive(buffered, v -> -1).onReceive(unbuffered, v -> v);
        receiveWhileParkedBeforeEachSend(unbuffered, select::select);
        assertTrue(unbuffered.spinHint() < 0, "hint " + unbuffered.spinHint());
        assertEquals(0, buffered.spinHint(), "a buffered channel keeps no hint");
    }

    /** Buffered and unbounded channels park at once: their waits never touch the hint. */
    @Test
    void bufferedChannelsNeverSpin() throws Exception {
        for (int capacity : new int[] {1, 16, Integer.MAX_VALUE}) {
            ChannelImpl<Integer> ch = new ChannelImpl<>(capacity);
            receiveWhileParkedBeforeEachSend(ch, () -> ch.receive());
            assertEquals(0, ch.spinHint(), "capacity " + capacity);
        }
    }

    private static final int ROUNDS = 8;

    /** Something that receives one value, blocking. */
    private interface Receive {
        Integer run() throws InterruptedException;
    }

    /**
     * A platform thread receives {@link #ROUNDS} values with {@code receive}; each is sent on {@code ch} only once
     * the receiver is registered on it and parked, so every spin before those parks ran out.
     */
    private static void receiveWhileParkedBeforeEachSend(ChannelImpl<Integer> ch, Receive receive) throws Exception {
        FutureTask<Void> receiving = new FutureTask<>(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                assertEquals(i, receive.run());
            }
            return null;
        });
        Thread receiver = Thread.ofPlatform().start(receiving);
        for (int i = 0; i < ROUNDS; i++) {
            while (ch.waitingReceivers() == 0 || receiver.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
                if (receiving.isDone()) {
                    receiving.get(); // the receiver failed: report why
                    throw new AssertionError("the receiver ended early");
                }
            }
            ch.send(i);
        }
        receiving.get(); // rethrows what the receiver failed with
    }
}
