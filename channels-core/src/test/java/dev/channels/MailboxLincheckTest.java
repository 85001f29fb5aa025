package dev.channels;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

/**
 * Linearizability of the mailbox's non-blocking operations against the same FIFO specification as the channel's
 * ({@link ChannelLincheckTest.FifoSpec}), within what the {@link Mailbox} contract promises: one reader at a time
 * (tryReceive runs on one Lincheck thread) and order per sender (trySend runs on one Lincheck thread, so the
 * FIFO specification is the contract). close, isClosed and size run on any thread, which is where the
 * mailbox's two-step send (count, then offer) could show: a count that the queue does not yet hold.
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class MailboxLincheckTest {

    /** The operations under test; one subclass per capacity gives Lincheck a no-argument constructor. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public abstract static class MailboxOps {
        private final Mailbox<Integer> mailbox;

        MailboxOps(Mailbox<Integer> mailbox) {
            this.mailbox = mailbox;
        }

        @Operation(nonParallelGroup = "sender")
        public boolean trySend(@Param(name = "value") int value) {
            return mailbox.trySend(value);
        }

        @Operation(nonParallelGroup = "reader")
        public Integer tryReceive() {
            return ChannelLincheckTest.code(mailbox.tryReceive());
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

    public static class Bounded1 extends MailboxOps {
        public Bounded1() {
            super(Channel.mailbox(1));
        }
    }

    public static class Bounded2 extends MailboxOps {
        public Bounded2() {
            super(Channel.mailbox(2));
        }
    }

    public static class Unbounded extends MailboxOps {
        public Unbounded() {
            super(Channel.mailbox());
        }
    }

    enum Kind {
        BOUNDED_1(Bounded1.class, ChannelLincheckTest.Buffered1Spec.class),
        BOUNDED_2(Bounded2.class, ChannelLincheckTest.Buffered2Spec.class),
        UNBOUNDED(Unbounded.class, ChannelLincheckTest.UnboundedSpec.class);

        final Class<? extends MailboxOps> ops;
        final Class<? extends ChannelLincheckTest.FifoSpec> spec;

        Kind(Class<? extends MailboxOps> ops, Class<? extends ChannelLincheckTest.FifoSpec> spec) {
            this.ops = ops;
            this.spec = spec;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonBlockingOperationsAreLinearizableUnderModelChecking(Kind kind) {
        ChannelLincheckTest.checkUnderModelChecking(kind.ops, kind.spec);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonBlockingOperationsAreLinearizableUnderStress(Kind kind) {
        ChannelLincheckTest.checkUnderStress(kind.ops, kind.spec);
    }

    /**
     * Regression: a send on a closed unbounded mailbox used to count itself (an atomic add) before it saw the
     * closed bit and undid the add; in between, size() reported a value on a closed, empty mailbox that no send
     * delivered (and a receive answered "empty" instead of "closed"). Model checking found it; this pins the
     * interleaving.
     */
    @Test
    void aSendThatFailsOnClosedIsNeverCountedUnderModelChecking() {
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(actor("close")),
                List.of(
                        List.of(actor("size"), actor("tryReceive")),
                        List.of(actor("trySend", 3))),
                List.of(actor("size")),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(5_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(ChannelLincheckTest.UnboundedSpec.class)
                .check(Unbounded.class);
    }

    private static Actor actor(String name, Object... args) {
        return ChannelLincheckTest.actor(MailboxOps.class, name, args);
    }
}
