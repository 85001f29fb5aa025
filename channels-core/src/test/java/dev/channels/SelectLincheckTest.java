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
 * Linearizability of select with a default case, mixed with trySend, tryReceive and close, over two pairs of
 * channels: buffered(1) and buffered(2); unbuffered and unbounded (with only non-blocking operations no
 * partner ever waits on the unbuffered one, so its cases are ready only once it is closed; the unbounded
 * one's send case is always ready until closed). Ordered mode makes the sequential specification
 * deterministic; the random choice is covered by {@link SelectFairnessTest}.
 */
@Timeout(300)
class SelectLincheckTest {
    /** 1 in the default run, 10 under -Pstress. */
    private static final int FACTOR = Integer.getInteger("stress.factor", 1);

    /**
     * Lincheck iterations (random scenarios): {@code defaultRun} in the default build, which keeps it within its
     * time budget, and {@code perFactor} times the stress factor under -Pstress (the full sweep).
     */
    private static int scenarios(int defaultRun, int perFactor) {
        return FACTOR == 1 ? defaultRun : perFactor * FACTOR;
    }

    @Test
    void bufferedPairModelChecking() {
        new ModelCheckingOptions().iterations(scenarios(5, 10)).invocationsPerIteration(300)
                .threads(3).actorsPerThread(3)
                .sequentialSpecification(BufferedSpec.class).check(BufferedOps.class);
    }

    @Test
    void bufferedPairStress() {
        new StressOptions().iterations(10 * FACTOR).invocationsPerIteration(2_000).threads(3).actorsPerThread(3)
                .sequentialSpecification(BufferedSpec.class).check(BufferedOps.class);
    }

    @Test
    void unbufferedAndUnboundedModelChecking() {
        new ModelCheckingOptions().iterations(scenarios(1, 2)).invocationsPerIteration(300)
                .threads(3).actorsPerThread(3)
                .sequentialSpecification(MixedSpec.class).check(MixedOps.class);
    }

    @Test
    void unbufferedAndUnboundedStress() {
        new StressOptions().iterations(2 * FACTOR).invocationsPerIteration(2_000).threads(3).actorsPerThread(3)
                .sequentialSpecification(MixedSpec.class).check(MixedOps.class);
    }

    /** The operations under test on channels {@code a} and {@code b}; subclasses choose the kinds. */
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public abstract static class Ops {
        private final Channel<Integer> a;
        private final Channel<Integer> b;

        Ops(Channel<Integer> a, Channel<Integer> b) {
            this.a = a;
            this.b = b;
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
        public Integer tryReceiveA() {
            return ChannelLincheckTest.code(a.tryReceive());
        }

        @Operation
        public Integer tryReceiveB() {
            return ChannelLincheckTest.code(b.tryReceive());
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
            return Select.builder().ordered()
                    .onReceiveOrClosed(a, v -> v.isReceived() ? "a" + v.orElseThrow() : "a-closed")
                    .onReceiveOrClosed(b, v -> v.isReceived() ? "b" + v.orElseThrow() : "b-closed")
                    .onDefault(() -> "default").select();
        }

        /** select { case a <- v; case b <- v; default } in declaration order. */
        @Operation
        public String selectSend(@Param(name = "v") int v) throws InterruptedException {
            return Select.builder().ordered()
                    .onSend(a, v, () -> "a")
                    .onSend(b, v, () -> "b")
                    .onDefault(() -> "default").select();
        }
    }

    /** buffered(1) and buffered(2). */
    public static class BufferedOps extends Ops {
        public BufferedOps() {
            super(Channel.buffered(1), Channel.buffered(2));
        }
    }

    /** unbuffered and unbounded. */
    public static class MixedOps extends Ops {
        public MixedOps() {
            super(Channel.unbuffered(), Channel.unbounded());
        }
    }

    /** The sequential model: two FIFO queues of given capacities (0 unbuffered), each with a closed flag. */
    public abstract static class Spec {
        private final Model a;
        private final Model b;

        Spec(int capacityA, int capacityB) {
            this.a = new Model(capacityA);
            this.b = new Model(capacityB);
        }

        public boolean trySendA(int v) {
            return a.trySend(v);
        }

        public boolean trySendB(int v) {
            return b.trySend(v);
        }

        public Integer tryReceiveA() {
            return a.tryReceive();
        }

        public Integer tryReceiveB() {
            return b.tryReceive();
        }

        public boolean closeA() {
            return a.close();
        }

        public boolean closeB() {
            return b.close();
        }

        public String selectReceive() {
            for (Model m : new Model[] {a, b}) {
                if (!m.queue.isEmpty() || m.closed) {
                    Integer v = m.queue.poll();
                    return (m == a ? "a" : "b") + (v == null ? "-closed" : v);
                }
            }
            return "default";
        }

        public String selectSend(int v) {
            for (Model m : new Model[] {a, b}) {
                if (m.closed) {
                    throw new ChannelClosedException("send on closed channel", null);
                }
                if (m.queue.size() < m.capacity) {
                    m.queue.add(v);
                    return m == a ? "a" : "b";
                }
            }
            return "default";
        }
    }

    /** Specification of {@link BufferedOps}. */
    public static class BufferedSpec extends Spec {
        public BufferedSpec() {
            super(1, 2);
        }
    }

    /** Specification of {@link MixedOps}. */
    public static class MixedSpec extends Spec {
        public MixedSpec() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** One channel, sequentially; with only non-blocking operations an unbuffered one never accepts a value. */
    static final class Model {
        final int capacity;
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        boolean closed;

        Model(int capacity) {
            this.capacity = capacity;
        }

        boolean trySend(int v) {
            if (closed) {
                throw new ChannelClosedException("send on closed channel", null);
            }
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(v);
            return true;
        }

        Integer tryReceive() {
            Integer v = queue.poll();
            if (v == null && closed) {
                return ChannelLincheckTest.CLOSED;
            }
            return v;
        }

        boolean close() {
            boolean was = closed;
            closed = true;
            return !was;
        }
    }
}
