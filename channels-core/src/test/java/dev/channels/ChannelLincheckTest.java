package dev.channels;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Linearizability of the non-blocking operations (trySend, tryReceive, close, isClosed, size) on every channel
 * kind, against a sequential FIFO specification with the channel's capacity, in Lincheck's model-checking mode
 * (systematic thread switches at shared-memory accesses) and stress mode (real threads).
 *
 * <p>With only non-blocking operations no receiver ever waits, so on an unbuffered channel trySend is false (or
 * throws once closed) and tryReceive is empty (or closed once closed); the specification says exactly that.
 * tryReceive's result is reported as the value, {@code null} for empty and {@link #CLOSED} for closed.
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES) // Lincheck bounds its own runs; -Pstress runs long
class ChannelLincheckTest {

    // --------------------------------------------------------------------------------- the tested operations

    /** tryReceive's "closed and drained" answer as a Lincheck result (the tested values are 1 to 4). */
    static final int CLOSED = -1;

    /** A {@link ReceiveResult} as a Lincheck result: the value, null for empty, {@link #CLOSED} for closed. */
    static Integer code(ReceiveResult<Integer> r) {
        return switch (r) {
            case ReceiveResult.Received<Integer>(Integer v) -> v;
            case ReceiveResult.Empty<Integer>() -> null;
            case ReceiveResult.Closed<Integer>(Throwable cause) -> CLOSED;
        };
    }

    /** The operations under test; one subclass per channel kind gives Lincheck a no-argument constructor. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public abstract static class ChannelOps {
        private final Channel<Integer> ch;

        ChannelOps(Channel<Integer> ch) {
            this.ch = ch;
        }

        @Operation
        public boolean trySend(@Param(name = "value") int value) {
            return ch.trySend(value);
        }

        @Operation
        public Integer tryReceive() {
            return code(ch.tryReceive());
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public boolean isClosed() {
            return ch.isClosed();
        }

        @Operation
        public int size() {
            return ch.size();
        }
    }

    public static class Unbuffered extends ChannelOps {
        public Unbuffered() {
            super(Channel.unbuffered());
        }
    }

    public static class Buffered1 extends ChannelOps {
        public Buffered1() {
            super(Channel.buffered(1));
        }
    }

    public static class Buffered2 extends ChannelOps {
        public Buffered2() {
            super(Channel.buffered(2));
        }
    }

    public static class Unbounded extends ChannelOps {
        public Unbounded() {
            super(Channel.unbounded());
        }
    }

    // ------------------------------------------------------------------------------ the sequential specification

    /** Go's channel restricted to non-blocking operations: a FIFO of the given capacity with close. */
    public abstract static class FifoSpec {
        private final int capacity;
        private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        private boolean closed;

        FifoSpec(int capacity) {
            this.capacity = capacity;
        }

        public boolean trySend(int value) {
            if (closed) {
                throw new ChannelClosedException("send on closed channel", null);
            }
            if (buffer.size() >= capacity) {
                return false;
            }
            buffer.addLast(value);
            return true;
        }

        public Integer tryReceive() {
            if (buffer.isEmpty() && closed) {
                return CLOSED;
            }
            return buffer.pollFirst();
        }

        public boolean close() {
            boolean first = !closed;
            closed = true;
            return first;
        }

        public boolean isClosed() {
            return closed;
        }

        public int size() {
            return buffer.size();
        }
    }

    public static class UnbufferedSpec extends FifoSpec {
        public UnbufferedSpec() {
            super(0);
        }
    }

    public static class Buffered1Spec extends FifoSpec {
        public Buffered1Spec() {
            super(1);
        }
    }

    public static class Buffered2Spec extends FifoSpec {
        public Buffered2Spec() {
            super(2);
        }
    }

    public static class UnboundedSpec extends FifoSpec {
        public UnboundedSpec() {
            super(Integer.MAX_VALUE);
        }
    }

    enum Kind {
        UNBUFFERED(Unbuffered.class, UnbufferedSpec.class),
        BUFFERED_1(Buffered1.class, Buffered1Spec.class),
        BUFFERED_2(Buffered2.class, Buffered2Spec.class),
        UNBOUNDED(Unbounded.class, UnboundedSpec.class);

        final Class<? extends ChannelOps> ops;
        final Class<? extends FifoSpec> spec;

        Kind(Class<? extends ChannelOps> ops, Class<? extends FifoSpec> spec) {
            this.ops = ops;
            this.spec = spec;
        }
    }

    // -------------------------------------------------------------------------------------------------- tests

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonBlockingOperationsAreLinearizableUnderModelChecking(Kind kind) {
        checkUnderModelChecking(kind.ops, kind.spec);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonBlockingOperationsAreLinearizableUnderStress(Kind kind) {
        checkUnderStress(kind.ops, kind.spec);
    }

    /** Lincheck's model checking of {@code ops} against {@code spec}: 3 threads of 2 operations (also mailboxes). */
    static void checkUnderModelChecking(Class<?> ops, Class<?> spec) {
        new ModelCheckingOptions()
                .iterations(5 * Conc.STRESS)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(spec)
                .check(ops);
    }

    /** Lincheck's stress mode (real threads) on {@code ops} against {@code spec} (also mailboxes). */
    static void checkUnderStress(Class<?> ops, Class<?> spec) {
        new StressOptions()
                .iterations(8 * Conc.STRESS)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(spec)
                .check(ops);
    }

    // ---------------------------------------------------------------------------------- a targeted scenario

    private static Actor actor(String name, Object... args) {
        return actor(ChannelOps.class, name, args);
    }

    /** The Lincheck actor calling {@code opsClass}'s operation {@code name} with {@code args}. */
    static Actor actor(Class<?> opsClass, String name, Object... args) {
        for (Method m : opsClass.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return new Actor(m, List.of(args));
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * Regression (earlier lock-free buffer): a receiver that has taken a value but not yet released its slot must not make a later trySend see
     * a full buffer once that receive is (by FIFO order) already linearized: here thread 3 receives 2, which
     * forces thread 1's receive of 1 to come first, so after trySend(3) the buffer holds one value and
     * trySend(4) must succeed on a channel of capacity 2.
     */
    @Test
    void trySendDoesNotSeeASlotHeldByACompletedReceiveUnderModelChecking() {
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(actor("trySend", 1)),
                List.of(
                        List.of(actor("tryReceive")),
                        List.of(actor("trySend", 2), actor("trySend", 3), actor("trySend", 4)),
                        List.of(actor("tryReceive"))),
                List.of(actor("tryReceive"), actor("tryReceive")),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(5_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(Buffered2Spec.class)
                .check(Buffered2.class);
    }

    /**
     * The same window seen through size(): thread 2 receives 2 after thread 1 took 1 (so thread 1's receive is
     * linearized first) and then sees size() count the slot thread 1 has not yet released.
     */
    @Test
    void sizeDoesNotCountASlotHeldByACompletedReceiveUnderModelChecking() {
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(actor("trySend", 1)),
                List.of(
                        List.of(actor("tryReceive")),
                        List.of(actor("trySend", 2), actor("tryReceive"), actor("size"))),
                List.of(actor("size")),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(5_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(Buffered2Spec.class)
                .check(Buffered2.class);
    }

    /**
     * A send must be counted (by size() and by the full check) at the same moment it takes its place in FIFO
     * order. Here thread 2's trySend(3) reserves a slot and is paused before it publishes the value; thread 1's
     * size() already reports 1, which can only be thread 2's value, so thread 2's send is linearized before
     * thread 3's trySend(2) (which starts after size() returned); then 3 must be received before 2.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"BUFFERED_2", "UNBOUNDED"})
    void sizeAndFifoOrderAgreeOnWhenASendHappenedUnderModelChecking(Kind kind) {
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(),
                List.of(
                        List.of(actor("size")),
                        List.of(actor("trySend", 3)),
                        List.of(actor("trySend", 2))),
                List.of(actor("tryReceive"), actor("tryReceive")),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(5_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(kind.spec)
                .check(kind.ops);
    }

    /**
     * The same split seen without size(), on a channel of capacity 2. The failure Lincheck found in the earlier lock-free buffer: thread 1's
     * trySend(6) reserves a slot and pauses before publishing; thread 2's trySend(3) finds the channel full (5 and
     * the reserved 6), which linearizes 6 before it; thread 3 receives 5 and sends 2, which is published first.
     * FIFO order requires 6 to come out before 2; the channel yields 2, then 6.
     */
    @Test
    void fifoOrderAgreesWithTheFullCheckUnderModelChecking() {
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(),
                List.of(
                        List.of(actor("trySend", 5), actor("trySend", 6)),
                        List.of(actor("trySend", 3)),
                        List.of(actor("tryReceive"), actor("trySend", 2))),
                List.of(actor("tryReceive"), actor("tryReceive")),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(10_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(Buffered2Spec.class)
                .check(Buffered2.class);
    }
}
