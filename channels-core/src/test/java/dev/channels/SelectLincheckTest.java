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
 * Linearizability of select with a default case, mixed with trySend, tryReceive and close, over two buffered
 * channels (capacities 1 and 2). Ordered mode makes the sequential specification deterministic; the random
 * choice is covered by {@link SelectFairnessTest}.
 */
@Timeout(300)
@Param(name = "v", gen = IntGen.class, conf = "1:3")
public class SelectLincheckTest {
    private final Channel<Integer> a = Channel.buffered(1);
    private final Channel<Integer> b = Channel.buffered(2);

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
        return a.tryReceive().orElse(null);
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

    /** select { case b <- v; case a <- v; default } in declaration order. */
    @Operation
    public String selectSend(@Param(name = "v") int v) throws InterruptedException {
        return Select.<String>builder().ordered()
                .onSend(b, v, () -> "b")
                .onSend(a, v, () -> "a")
                .onDefault(() -> "default").select();
    }

    /** Scenario count: small in the default run, 10x under -Pstress. */
    private static final int ITERATIONS = 10 * Integer.getInteger("stress.factor", 1);

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

    /** The sequential model: two bounded FIFO queues with a closed flag each. */
    public static final class Spec {
        private final Model a = new Model(1);
        private final Model b = new Model(2);

        public boolean trySendA(int v) {
            return a.trySend(v);
        }

        public boolean trySendB(int v) {
            return b.trySend(v);
        }

        public Integer tryReceiveA() {
            return a.tryReceive();
        }

        public boolean closeA() {
            return a.close();
        }

        public boolean closeB() {
            return b.close();
        }

        public String selectReceive() {
            if (!a.queue.isEmpty() || a.closed) {
                Integer v = a.queue.poll();
                return v == null ? "a-closed" : "a" + v;
            }
            if (!b.queue.isEmpty() || b.closed) {
                Integer v = b.queue.poll();
                return v == null ? "b-closed" : "b" + v;
            }
            return "default";
        }

        public String selectSend(int v) {
            if (b.closed || b.queue.size() < b.capacity) {
                if (b.closed) {
                    throw new ClosedChannelException("send on closed channel", null);
                }
                b.queue.add(v);
                return "b";
            }
            if (a.closed || a.queue.size() < a.capacity) {
                if (a.closed) {
                    throw new ClosedChannelException("send on closed channel", null);
                }
                a.queue.add(v);
                return "a";
            }
            return "default";
        }
    }

    /** One buffered channel, sequentially. */
    static final class Model {
        final int capacity;
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        boolean closed;

        Model(int capacity) {
            this.capacity = capacity;
        }

        boolean trySend(int v) {
            if (closed) {
                throw new ClosedChannelException("send on closed channel", null);
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
                throw new ClosedChannelException("receive on closed channel", null);
            }
            return v;
        }

        boolean close() {
            boolean was = closed;
            closed = true;
            return !was;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Model m && m.closed == closed && m.queue.stream().toList()
                    .equals(queue.stream().toList());
        }

        @Override
        public int hashCode() {
            return queue.stream().toList().hashCode() * 31 + (closed ? 1 : 0);
        }
    }

}
