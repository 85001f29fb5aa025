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
 * The spin rule of {@link AdaptiveSpin}, step by step, and on real channels: a thread whose partner parks stops
 * spinning and probes, one whose partner runs spins, and only hand-offs count. Spinning is on by default on more
 * than one CPU; these tests need it on.
 *
 * <p>The per-thread slot is a racy hint shared by threads whose ids hash alike, so the tests on real channels
 * reset it on the thread under test, read it there right after that thread's own operations, and check the rule
 * itself on values.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdaptiveSpinTest {

    @BeforeEach
    void spinningIsOn() {
        assumeTrue(AdaptiveSpin.MAX >= 4 * AdaptiveSpin.PROBE && AdaptiveSpin.PROBE > 0,
                "spinning is off here (one CPU, or -Ddev.channels.spins set low): " + AdaptiveSpin.MAX);
    }

    @Test
    void aThreadWhosePartnerRanSpinsTheFullBudget() {
        assertEquals(AdaptiveSpin.MAX, AdaptiveSpin.budget(0));
        assertEquals(0, AdaptiveSpin.afterPartner(0, true));
        for (int h = 1; h <= AdaptiveSpin.PROBE_INTERVAL; h++) {
            assertEquals(0, AdaptiveSpin.afterPartner(h, true), "a running partner turns spinning on at once");
        }
    }

    @Test
    void aParkedPartnerTurnsSpinningOffExceptForAProbeEveryInterval() {
        int h = AdaptiveSpin.afterPartner(0, false);
        int probes = 0;
        for (int wait = 1; wait <= 4 * AdaptiveSpin.PROBE_INTERVAL; wait++) {
            int b = AdaptiveSpin.budget(h);
            if (b != 0) {
                assertEquals(AdaptiveSpin.PROBE, b, "wait " + wait);
                assertEquals(0, wait % AdaptiveSpin.PROBE_INTERVAL, "the probe comes every interval, wait " + wait);
                probes++;
            }
            h = AdaptiveSpin.afterWait(h);
            assertTrue(h >= 1 && h <= AdaptiveSpin.PROBE_INTERVAL, "slot stays in range: " + h);
            assertEquals(h, AdaptiveSpin.afterPartner(h, false), "another parked partner does not restart the count");
        }
        assertEquals(4, probes);
    }

    /**
     * A receiver whose sender only sends once the receiver is parked: its spins run out, so the receiving thread
     * stops spinning (its slot leaves 0), and the values still arrive in order.
     */
    @Test
    void aThreadWhoseWaitsAlwaysParkStopsSpinning() throws Exception {
        ChannelImpl<Integer> ch = new ChannelImpl<>(0);
        int hint = receiveWhileParkedBeforeEachSend(ch, () -> ch.receive());
        assertTrue(hint != 0, "spinning should be off after " + ROUNDS + " parked waits, slot " + hint);
    }

    /** A select with an unbuffered case spins and learns as a plain wait does. */
    @Test
    void aSelectWithAnUnbufferedCaseLearnsLikeAPlainWait() throws Exception {
        ChannelImpl<Integer> buffered = new ChannelImpl<>(1);
        ChannelImpl<Integer> unbuffered = new ChannelImpl<>(0);
        Select<Integer> select = Select.builder().onReceive(buffered, v -> -1).onReceive(unbuffered, v -> v);
        int hint = receiveWhileParkedBeforeEachSend(unbuffered, select::select);
        assertTrue(hint != 0, "slot " + hint);
    }

    /**
     * The claimer's side of the signal: a sender that hands off to a receiver it must unpark (the receiver is
     * parked, observed WAITING) learns that its partner was not running, and stops spinning.
     */
    @Test
    void aClaimerThatWakesAParkedWaiterStopsSpinning() throws Exception {
        ChannelImpl<Integer> ch = new ChannelImpl<>(0);
        FutureTask<Integer> receiving = new FutureTask<>(ch::receive);
        Thread receiver = Thread.ofPlatform().start(receiving);
        while (ch.waitingReceivers() == 0 || receiver.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        FutureTask<Integer> sending = new FutureTask<>(() -> {
            AdaptiveSpin.partner(true); // start from "spinning": the slot may hold an earlier thread's hint
            ch.send(7);
            return AdaptiveSpin.hint(); // read on the sending thread, right after its hand-off
        });
        Thread.ofPlatform().start(sending);
        assertTrue(sending.get() != 0, "a claimer that had to unpark its partner should stop spinning");
        assertEquals(7, receiving.get());
    }

    /** Buffered and unbounded channels park at once and their hand-offs are not counted: the slot stays 0. */
    @Test
    void bufferedChannelsNeverSpin() throws Exception {
        for (int capacity : new int[] {1, 16, Integer.MAX_VALUE}) {
            ChannelImpl<Integer> ch = new ChannelImpl<>(capacity);
            assertEquals(0, receiveWhileParkedBeforeEachSend(ch, () -> ch.receive()), "capacity " + capacity);
        }
    }

    private static final int ROUNDS = 8;

    /** Something that receives one value, blocking. */
    private interface Receive {
        Integer run() throws InterruptedException;
    }

    /**
     * A platform thread receives {@link #ROUNDS} values with {@code receive}; each is sent on {@code ch} only once
     * the receiver is registered on it and parked, so every spin before those parks ran out. Returns the receiving
     * thread's slot, read by that thread after its last receive.
     */
    private static int receiveWhileParkedBeforeEachSend(ChannelImpl<Integer> ch, Receive receive) throws Exception {
        FutureTask<Integer> receiving = new FutureTask<>(() -> {
            AdaptiveSpin.partner(true); // start from "spinning": the slot may hold an earlier thread's hint
            for (int i = 0; i < ROUNDS; i++) {
                assertEquals(i, receive.run());
            }
            return AdaptiveSpin.hint();
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
        return receiving.get(); // rethrows what the receiver failed with
    }
}
