package dev.channels;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Close wakes a parked receiver, a parked sender and a parked select: none stays parked after close. */
public final class CloseWakesEveryWaiter {
    private CloseWakesEveryWaiter() {
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "close woke the parked receiver")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the receiver stayed parked after close")
    @State
    public static class Receiver {
        final Channel<Integer> ch = Channel.unbuffered();

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

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "close woke the parked sender")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the sender stayed parked after close")
    @State
    public static class UnbufferedSender {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void sender() {
            try {
                ch.send(1);
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

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "close woke the sender parked on a full buffer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the sender stayed parked after close")
    @State
    public static class BufferedSender {
        final Channel<Integer> ch = Channel.buffered(1);

        public BufferedSender() {
            ch.trySend(0); // full
        }

        @Actor
        public void sender() {
            try {
                ch.send(1);
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

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "closing one channel woke the parked select")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the select stayed parked after close")
    @State
    public static class Select2 {
        final Channel<Integer> a = Channel.unbuffered();
        final Channel<Integer> b = Channel.unbuffered();

        @Actor
        public void selector() {
            try {
                Select.builder()
                        .onReceiveOrClosed(a, v -> "a")
                        .onSend(b, 1, () -> "b")
                        .select();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void closer() {
            a.close();
        }
    }
}
