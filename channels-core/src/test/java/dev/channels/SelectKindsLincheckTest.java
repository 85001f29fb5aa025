package dev.channels;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;

/**
 * Linearizability of select with a default case on the channel kinds {@link SelectLincheckTest} does not use:
 * an unbuffered channel {@code a} (with only non-blocking operations no partner ever waits, so its cases are
 * ready only once it is closed) and an unbounded channel {@code b} (its send case is always ready until
 * closed). Mixed with trySend, tryReceive and close on both; ordered mode keeps the specification deterministic.
 */
@Timeout(300)
@Param(name = "v", gen = IntGen.class, conf = "1:3")
public class SelectKindsLincheckTest {
    private final Channel<Integer> a = Channel.unbuffered();
    private final Channel<Integer> b = Channel.unbounded();

    public SelectKindsLincheckTest() {
    }

    @Operation
    public boolean trySendA(@Param(name = "v") int v) {
        return a.trySend(v);
    }

    @Operation
    public boolean trySendB(@Param(name = "v") int v) {
        return b.trySend(v);
    }

    @Operation
    public Integer tryReceiveB() {
        return b.tryReceive().orElse(null);
    }

    @Operation
    public boolean closeA() {
        return a.close();
    }

    @Operation
    public boolean closeB() {
        return b.close();
    }

    /** select { case v, ok := <-a; case v, ok := <-b; default } in declaration order. */
    @Operation
    public String selectReceive() throws InterruptedException {
        return Select.<String>builder().ordered()
                .onReceiveOrClosed(a, v -> v.map(x -> "a" + x).orElse("a-closed"))
                .onReceiveOrClosed(b, v -> v.map(x -> "b" + x).orElse("b-closed"))
                .onDefault(() -> "default").select();
    }

    /** select { case a <- v; case b <- v; default } in declaration order. */
    @Operation
    public String selectSend(@Param(name = "v") int v) throws InterruptedException {
        return Select.<String>builder().ordered()
                .onSend(a, v, () -> "a")
                .onSend(b, v, () -> "b")
                .onDefault(() -> "default").select();
    }

    /** Scenario count: small in the default run (SelectLincheckTest already runs 10), 10x under -Pstress. */
    private static final int ITERATIONS = 2 * Integer.getInteger("stress.factor", 1);

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(ITERATIONS).invocationsPerIteration(300).threads(3).actorsPerThread(3)
                .sequentialSpecification(Spec.class).check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(ITERATIONS).invocationsPerIteration(2_000).threads(3).actorsPerThread(3)
                .sequentialSpecification(Spec.class).check(getClass());
    }

    /** The sequential model: an unbuffered channel nobody waits on, and an unbounded FIFO. */
    public static final class Spec {
        private boolean aClosed;
        private final ArrayDeque<Integer> b = new ArrayDeque<>();
        private boolean bClosed;

        public Spec() {
        }

        public boolean trySendA(int v) {
            if (aClosed) {
                throw new ClosedChannelException("send on closed channel", null);
            }
            return false;
        }

        public boolean trySendB(int v) {
            if (bClosed) {
                throw new ClosedChannelException("send on closed channel", null);
            }
            b.add(v);
            return true;
        }

        public Integer tryReceiveB() {
            Integer v = b.poll();
            if (v == null && bClosed) {
                throw new ClosedChannelException("receive on closed channel", null);
            }
            return v;
        }

        public boolean closeA() {
            boolean first = !aClosed;
            aClosed = true;
            return first;
        }

        public boolean closeB() {
            boolean first = !bClosed;
            bClosed = true;
            return first;
        }

        public String selectReceive() {
            if (aClosed) {
                return "a-closed";
            }
            if (!b.isEmpty()) {
                return "b" + b.poll();
            }
            return bClosed ? "b-closed" : "default";
        }

        public String selectSend(int v) {
            if (aClosed || bClosed) {
                throw new ClosedChannelException("send on closed channel", null); // a closed case is ready
            }
            b.add(v);
            return "b";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && s.aClosed == aClosed && s.bClosed == bClosed
                    && s.b.stream().toList().equals(b.stream().toList());
        }

        @Override
        public int hashCode() {
            return b.stream().toList().hashCode() * 31 + (aClosed ? 2 : 0) + (bClosed ? 1 : 0);
        }
    }
}
