package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayDeque;

/**
 * Linearizability of the mailbox's sends under each overflow policy, the reader's take, close, isClosed and
 * size, against a sequential specification (a FIFO of the mailbox's capacity applying the same policy, dead
 * letters included), with close racing every policy. Within the mailbox's contract: one reader (take runs on one
 * Lincheck thread) and order per sender (sends run on one Lincheck thread at a time); close, isClosed and size
 * run on any thread. A send reports what it did: "ok", "full", "closed", or "dropped:v" with the value it sent
 * to the dead letters.
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class MailboxLincheckTest {

    private static final int STRESS = Integer.getInteger("stress.factor", 1);

    /** The operations under test; one subclass per kind gives Lincheck a no-argument constructor. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public abstract static class Ops {
        private final PulledMailbox<Integer> mailbox;
        /** The value the current send dropped; sends run one at a time, on the sending thread. */
        private Integer dropped;

        Ops(int capacity, Overflow overflow) {
            this.mailbox = new PulledMailbox<>(capacity, overflow, v -> dropped = v);
        }

        @Operation(nonParallelGroup = "sender")
        public String send(@Param(name = "value") int value) {
            dropped = null;
            try {
                if (mailbox.overflow == Overflow.BLOCK && mailbox.capacity != Integer.MAX_VALUE) {
                    return mailbox.trySend(value) ? "ok" : "full"; // a blocking send would wait
                }
                mailbox.send(value);
            } catch (ChannelClosedException e) {
                return "closed";
            } catch (MailboxFullException e) {
                return "full";
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return dropped == null ? "ok" : "dropped:" + dropped;
        }

        @Operation(nonParallelGroup = "reader")
        public String take() {
            return String.valueOf(mailbox.tryTake());
        }

        @Operation
        public boolean close() {
            return mailbox.close();
        }

        @Operation
        public boolean isClosed() {
            return mailbox.isClosed();
        }

        @Operation
        public int size() {
            return mailbox.size();
        }
    }

    /** The mailbox restricted to these operations: a FIFO of the capacity, applying the policy when full. */
    public abstract static class Spec {
        private final int capacity;
        private final Overflow overflow;
        private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        private boolean closed;

        Spec(int capacity, Overflow overflow) {
            this.capacity = capacity;
            this.overflow = overflow;
        }

        public String send(int value) {
            if (closed) {
                return "closed";
            }
            if (buffer.size() < capacity) {
                buffer.addLast(value);
                return "ok";
            }
            return switch (overflow) {
                case BLOCK, FAIL -> "full";
                case DROP_NEWEST -> "dropped:" + value;
                case DROP_OLDEST -> {
                    int oldest = buffer.removeFirst();
                    buffer.addLast(value);
                    yield "dropped:" + oldest;
                }
            };
        }

        public String take() {
            if (buffer.isEmpty()) {
                return closed ? "CLOSED" : "null";
            }
            return String.valueOf(buffer.pollFirst());
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

    public static class DropOldest1 extends Ops { public DropOldest1() { super(1, Overflow.DROP_OLDEST); } }
    public static class DropOldest2 extends Ops { public DropOldest2() { super(2, Overflow.DROP_OLDEST); } }
    public static class DropNewest1 extends Ops { public DropNewest1() { super(1, Overflow.DROP_NEWEST); } }
    public static class DropNewest2 extends Ops { public DropNewest2() { super(2, Overflow.DROP_NEWEST); } }
    public static class Fail2 extends Ops { public Fail2() { super(2, Overflow.FAIL); } }
    public static class Block2 extends Ops { public Block2() { super(2, Overflow.BLOCK); } }
    public static class Unbounded extends Ops { public Unbounded() { super(Integer.MAX_VALUE, Overflow.BLOCK); } }

    public static class DropOldest1Spec extends Spec { public DropOldest1Spec() { super(1, Overflow.DROP_OLDEST); } }
    public static class DropOldest2Spec extends Spec { public DropOldest2Spec() { super(2, Overflow.DROP_OLDEST); } }
    public static class DropNewest1Spec extends Spec { public DropNewest1Spec() { super(1, Overflow.DROP_NEWEST); } }
    public static class DropNewest2Spec extends Spec { public DropNewest2Spec() { super(2, Overflow.DROP_NEWEST); } }
    public static class Fail2Spec extends Spec { public Fail2Spec() { super(2, Overflow.FAIL); } }
    public static class Block2Spec extends Spec { public Block2Spec() { super(2, Overflow.BLOCK); } }
    public static class UnboundedSpec extends Spec {
        public UnboundedSpec() {
            super(Integer.MAX_VALUE, Overflow.BLOCK);
        }
    }

    enum Kind {
        DROP_OLDEST_1(DropOldest1.class, DropOldest1Spec.class),
        DROP_OLDEST_2(DropOldest2.class, DropOldest2Spec.class),
        DROP_NEWEST_1(DropNewest1.class, DropNewest1Spec.class),
        DROP_NEWEST_2(DropNewest2.class, DropNewest2Spec.class),
        FAIL_2(Fail2.class, Fail2Spec.class),
        BLOCK_2(Block2.class, Block2Spec.class),
        UNBOUNDED(Unbounded.class, UnboundedSpec.class);

        final Class<? extends Ops> ops;
        final Class<? extends Spec> spec;

        Kind(Class<? extends Ops> ops, Class<? extends Spec> spec) {
            this.ops = ops;
            this.spec = spec;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sendsTakesAndCloseAreLinearizableUnderModelChecking(Kind kind) {
        new ModelCheckingOptions()
                .iterations(5 * STRESS)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(kind.spec)
                .check(kind.ops);
    }

    /** Real threads; the evicting policies only (the others share their code paths with them or with BLOCK). */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"DROP_OLDEST_1", "DROP_OLDEST_2", "DROP_NEWEST_1", "UNBOUNDED"})
    void sendsTakesAndCloseAreLinearizableUnderStress(Kind kind) {
        new StressOptions()
                .iterations(8 * STRESS)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(kind.spec)
                .check(kind.ops);
    }
}
