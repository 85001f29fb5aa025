package dev.channels;

import dev.channels.BrokenHandOff.Fault;
import dev.channels.BrokenHandOff.MiniChannel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The same wake-up tests on {@link BrokenHandOff} (channels-core's test sources), each with one production line
 * broken. These must FAIL: {@code JcstressRunTest} runs each one alone and passes only if jcstress reports it
 * failed.
 */
public final class NegativeControls {
    private NegativeControls() {
    }

    /** {@link CloseWakesEveryWaiter.Receiver} on a close that forgets its waiters: STALE must appear. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "close woke the parked receiver")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the receiver stayed parked after close (expected here)")
    @State
    public static class CloseSkipsWaiters {
        final MiniChannel ch = new MiniChannel(Fault.CLOSE_SKIPS_WAITERS);

        @Actor
        public void receiver() {
            try {
                ch.receive();
            } catch (ChannelClosedException expected) {
                // woken by close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void closer() {
            ch.close();
        }
    }

    /** {@link InterruptRacingHandOff} on a waiter whose cancel is a plain write: LOST must appear. */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "delivered and received; the interrupt status is kept")
    @Outcome(id = "-1, 0, 0", expect = ACCEPTABLE, desc = "the interrupt won: nothing delivered, nothing received")
    @Outcome(id = "-1, 1, .*", expect = FORBIDDEN, desc = "LOST: trySend delivered, the receiver threw (expected here)")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class CancelWithoutCas {
        final MiniChannel ch = new MiniChannel(Fault.CANCEL_WITHOUT_CAS);
        volatile Thread receiver;

        @Actor
        public void receiver(III_Result r) {
            receiver = Thread.currentThread();
            try {
                r.r1 = ch.receive();
            } catch (InterruptedException e) {
                r.r1 = -1;
            }
            r.r3 = Thread.interrupted() ? 1 : 0;
        }

        @Actor
        public void interrupterThenSender(III_Result r) {
            Thread t;
            while ((t = receiver) == null) {
                Thread.onSpinWait();
            }
            t.interrupt();
            r.r2 = ch.trySend(1) ? 1 : 0;
        }
    }
}
