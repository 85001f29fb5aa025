package dev.channels;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * An interrupt racing a hand-off to a parked receiver loses nothing. The second actor interrupts the receiver
 * and then offers a value with a non-blocking send, so the offer meets a receiver that may be waking up to
 * cancel: whoever wins the receiver's claim decides the outcome.
 *
 * <p>Results: r1 = the value received, or -1 if receive threw InterruptedException; r2 = 1 if trySend delivered;
 * r3 = the receiver's interrupt status afterwards (kept when the hand-off won, consumed when the interrupt won).
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "delivered and received; the interrupt status is kept")
@Outcome(id = "-1, 0, 0", expect = ACCEPTABLE, desc = "the interrupt won: nothing delivered, nothing received")
@Outcome(id = "-1, 1, .*", expect = FORBIDDEN, desc = "LOST: trySend delivered, the receiver threw")
@Outcome(id = "1, 0, .*", expect = FORBIDDEN, desc = "PHANTOM: received a value no send delivered")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class InterruptRacingHandOff {
    final Channel<Integer> ch = Channel.unbuffered();
    volatile Thread receiver;

    @Actor
    public void receiver(III_Result r) {
        receiver = Thread.currentThread();
        try {
            r.r1 = ch.receive();
        } catch (InterruptedException e) {
            r.r1 = -1;
        }
        r.r3 = Thread.interrupted() ? 1 : 0; // also clears it for the worker's next test
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
