package dev.channels;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A receiver parked on an empty channel is always woken by a send (no lost wake-up between its check of the
 * buffer and the publication of its waiter). One test per channel kind; on the unbuffered channel the signal
 * retries a non-blocking send until the receiver has registered (the signal itself must not block).
 */
public final class ParkedReceiverIsWokenBySend {
    private ParkedReceiverIsWokenBySend() {
    }

    static void receive(Channel<Integer> ch) {
        try {
            ch.receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // jcstress interrupts a stale actor to clean up
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the send woke the parked receiver")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the receiver stayed parked after the send")
    @State
    public static class Unbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void receiver() {
            receive(ch);
        }

        @Signal
        public void sender() {
            while (!ch.trySend(1)) {
                Thread.onSpinWait();
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the send woke the parked receiver")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the receiver stayed parked after the send")
    @State
    public static class Buffered {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver() {
            receive(ch);
        }

        @Signal
        public void sender() {
            ch.trySend(1); // the buffer is empty: always succeeds without blocking
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the send woke the parked receiver")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the receiver stayed parked after the send")
    @State
    public static class Unbounded {
        final Channel<Integer> ch = Channel.unbounded();

        @Actor
        public void receiver() {
            receive(ch);
        }

        @Signal
        public void sender() {
            ch.trySend(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the send woke the parked select")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the select stayed parked after the send")
    @State
    public static class Select2 {
        final Channel<Integer> a = Channel.unbuffered();
        final Channel<Integer> b = Channel.buffered(1);

        @Actor
        public void selector() {
            try {
                Select.builder().onReceive(a, v -> v).onReceive(b, v -> v).select();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void sender() {
            b.trySend(1);
        }
    }
}
