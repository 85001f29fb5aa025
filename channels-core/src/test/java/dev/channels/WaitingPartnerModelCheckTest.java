package dev.channels;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lincheck's model checker on the unbuffered channel with a partner already waiting: trySend, tryReceive,
 * isClosed, close and select with default racing a blocking send, receive or select, in small scenarios that
 * always terminate (a close in each wakes whoever is still waiting). Results name the values; {@link Verifier}
 * (extending {@link BlockingHandOffModelCheckTest}'s conservation verifier) checks that every value whose send
 * returned was received exactly once and that no rejected value was received. A send that starts after its
 * thread saw the channel closed (a close returned, or isClosed() said true) and then succeeds reports
 * {@code "VIOLATION"}, which the verifier does not accept.
 *
 * <p>Written for the issue 13 experiment of a lock-free claim of the waiting partner (reverted; see
 * {@code channels-bench/results/lockfree-claim-2026-11-30.md}). There, the same scenarios on a copy of the
 * hand-off core with the lock-free claim broken failed with wrong results: the hand-off written before the claim
 * lost a value, the claim without its CAS let two trySends succeed for one receive, and close publishing
 * {@code closed} before waking its waiters (with a claim that did not check it) let a trySend that followed
 * isClosed() == true succeed. Those controls went with the experiment's code (commit 981e712), because the copy
 * must mirror production; the scenarios stay as coverage of the locked hand-off against waiting partners.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // Lincheck bounds its own runs; -Pstress runs long
class WaitingPartnerModelCheckTest {

    /** Interleavings per scenario on the real channel (10x under -Pstress). */
    private static final int INVOCATIONS = 500 * Conc.STRESS;

    /** The operations a scenario uses, on either implementation. */
    interface Chan {
        void send(int v) throws InterruptedException;

        int receive() throws InterruptedException;

        boolean trySend(int v);

        /** The value, null for empty, {@link #CLOSED} once closed and drained. */
        Integer tryReceive();

        boolean close();

        boolean isClosed();
    }

    static final int CLOSED = -1;

    /** Results in the conservation verifier's vocabulary, plus the close-ordering check. */
    public abstract static class Ops {
        final Chan ch;
        /** Set once this execution has seen the channel closed; a send reads it before it starts. */
        volatile boolean closeSeen;

        Ops(Chan ch) {
            this.ch = ch;
        }

        static String sent(boolean closedBefore, int v) {
            return closedBefore ? "VIOLATION" : "sent:" + v;
        }

        @Operation(blocking = true)
        public String send(int v) throws InterruptedException {
            boolean closedBefore = closeSeen;
            try {
                ch.send(v);
                return sent(closedBefore, v);
            } catch (ChannelClosedException e) {
                closeSeen = true;
                return "rejected:" + v;
            }
        }

        @Operation(blocking = true)
        public String receive() throws InterruptedException {
            try {
                return "recv:" + ch.receive();
            } catch (ChannelClosedException e) {
                closeSeen = true;
                return "closed";
            }
        }

        @Operation
        public String trySend(int v) {
            boolean closedBefore = closeSeen;
            try {
                return ch.trySend(v) ? sent(closedBefore, v) : "rejected:" + v;
            } catch (ChannelClosedException e) {
                closeSeen = true;
                return "rejected:" + v;
            }
        }

        @Operation
        public String tryReceive() {
            Integer v = ch.tryReceive();
            if (v == null) {
                return "empty";
            }
            if (v == CLOSED) {
                closeSeen = true;
                return "closed";
            }
            return "recv:" + v;
        }

        @Operation
        public String close() {
            boolean first = ch.close();
            closeSeen = true;
            return "close:" + first;
        }

        @Operation
        public String isClosed() {
            boolean c = ch.isClosed();
            if (c) {
                closeSeen = true;
            }
            return "isClosed:" + c;
        }

        /** Post-part: takes what is left, without blocking. */
        @Operation
        public String drain() {
            StringBuilder sb = new StringBuilder("drain");
            Integer v;
            while ((v = ch.tryReceive()) != null && v != CLOSED) {
                sb.append(" recv:").append(v);
            }
            return sb.toString();
        }

        /** select { case ch <- v; default }. */
        @Operation
        public String selectSendOrDefault(int v) throws InterruptedException {
            throw new UnsupportedOperationException();
        }

        /** select { case v := <-ch; default }. */
        @Operation
        public String selectReceiveOrDefault() throws InterruptedException {
            throw new UnsupportedOperationException();
        }

        /** A blocking select { case v, ok := <-ch }: a waiting select as the partner. */
        @Operation(blocking = true)
        public String selectReceive() throws InterruptedException {
            throw new UnsupportedOperationException();
        }

        /** A blocking select { case ch <- v }: a waiting select send as the partner. */
        @Operation(blocking = true)
        public String selectSend(int v) throws InterruptedException {
            throw new UnsupportedOperationException();
        }
    }

    /** The production unbuffered channel. */
    public static class Real extends Ops {
        public Real() {
            super(real(Channel.unbuffered()));
        }

        private Channel<Integer> channel() {
            return ((RealChan) ch).ch();
        }

        @Override
        public String selectSendOrDefault(int v) throws InterruptedException {
            boolean closedBefore = closeSeen;
            try {
                return Select.builder().onSend(channel(), v, () -> sent(closedBefore, v))
                        .onDefault(() -> "rejected:" + v).select();
            } catch (ChannelClosedException e) {
                closeSeen = true;
                return "rejected:" + v;
            }
        }

        @Override
        public String selectReceiveOrDefault() throws InterruptedException {
            return Select.builder()
                    .onReceiveOrClosed(channel(), r -> r.isReceived() ? "recv:" + r.orElseThrow() : "closed")
                    .onDefault(() -> "empty").select();
        }

        @Override
        public String selectReceive() throws InterruptedException {
            return Select.builder()
                    .onReceiveOrClosed(channel(), r -> r.isReceived() ? "recv:" + r.orElseThrow() : "closed")
                    .select();
        }

        @Override
        public String selectSend(int v) throws InterruptedException {
            boolean closedBefore = closeSeen;
            try {
                return Select.builder().onSend(channel(), v, () -> sent(closedBefore, v)).select();
            } catch (ChannelClosedException e) {
                closeSeen = true;
                return "rejected:" + v;
            }
        }
    }

    /** {@link BlockingHandOffModelCheckTest.ConservationVerifier}, and no send succeeded after its thread saw close. */
    public static class Verifier extends BlockingHandOffModelCheckTest.ConservationVerifier {
        public Verifier(Class<?> sequentialSpecification) {
            super(sequentialSpecification);
        }

        @Override
        public boolean verifyResults(ExecutionScenario scenario, ExecutionResult results) {
            for (List<ResultWithClock> thread : results.getParallelResultsWithClock()) {
                for (ResultWithClock r : thread) {
                    if (String.valueOf(r.getResult()).contains("VIOLATION")) {
                        return false;
                    }
                }
            }
            return super.verifyResults(scenario, results);
        }
    }

    record RealChan(Channel<Integer> ch) implements Chan {
        public void send(int v) throws InterruptedException {
            ch.send(v);
        }

        public int receive() throws InterruptedException {
            return ch.receive();
        }

        public boolean trySend(int v) {
            return ch.trySend(v);
        }

        public Integer tryReceive() {
            return ChannelLincheckTest.code(ch.tryReceive());
        }

        public boolean close() {
            return ch.close();
        }

        public boolean isClosed() {
            return ch.isClosed();
        }
    }

    static Chan real(Channel<Integer> ch) {
        return new RealChan(ch);
    }

    // ------------------------------------------------------------------------------------------ scenarios

    private static Actor actor(String name, Object... args) {
        for (Method m : Ops.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                boolean blocking = name.equals("send") || name.equals("receive") || name.equals("selectReceive")
                        || name.equals("selectSend");
                // (method, args, cancelOnSuspension, blocking, causesBlocking, promptCancellation, isSuspendable)
                return new Actor(m, List.of(args), false, blocking, false, false, false);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ExecutionScenario scenario(List<List<Actor>> threads) {
        return new ExecutionScenario(List.of(), threads, List.of(actor("drain")), null);
    }

    /** Scenarios that use only plain operations. */
    static List<ExecutionScenario> plainScenarios() {
        return List.of(
                // two lock-free sends race for one waiting receiver; close ends the wait if both missed it
                scenario(List.of(List.of(actor("receive")), List.of(actor("trySend", 1)),
                        List.of(actor("trySend", 2), actor("close")))),
                // a send that starts after its thread saw the channel closed must not claim the waiting receiver
                scenario(List.of(List.of(actor("receive")), List.of(actor("close")),
                        List.of(actor("isClosed"), actor("trySend", 1)))),
                // two lock-free receives race for one waiting sender, one of them against close
                scenario(List.of(List.of(actor("send", 1)), List.of(actor("tryReceive"), actor("close")),
                        List.of(actor("tryReceive")))),
                // blocking partners on both sides, a lock-free receive and close
                scenario(List.of(List.of(actor("send", 1), actor("send", 2)),
                        List.of(actor("receive"), actor("tryReceive")), List.of(actor("close")))));
    }

    /** Scenarios with select: a waiting select as the partner, and select with default as the claimer. */
    static List<ExecutionScenario> selectScenarios() {
        return List.of(
                // a waiting select receive is served by the locked path; trySend and a default select race it
                scenario(List.of(List.of(actor("selectReceive")), List.of(actor("trySend", 1)),
                        List.of(actor("selectSendOrDefault", 2), actor("close")))),
                // a waiting select send is claimed by a lock-free receive, racing a select with default
                scenario(List.of(List.of(actor("selectSend", 1)), List.of(actor("tryReceive")),
                        List.of(actor("selectReceiveOrDefault"), actor("close")))),
                // a waiting plain receive and a waiting select receive; lock-free and select senders
                scenario(List.of(List.of(actor("receive")), List.of(actor("selectReceive")),
                        List.of(actor("trySend", 1), actor("selectSendOrDefault", 2), actor("close")))));
    }

    private static void check(Class<? extends Ops> ops, List<ExecutionScenario> scenarios, int invocations) {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(invocations)
                .verifier(Verifier.class);
        for (ExecutionScenario s : scenarios) {
            options.addCustomScenario(s);
        }
        options.check(ops);
    }

    // ----------------------------------------------------------------------------------------------- tests

    @Test
    void realChannelPassesPlainScenarios() {
        check(Real.class, plainScenarios(), INVOCATIONS);
    }

    @Test
    void realChannelPassesSelectScenarios() {
        check(Real.class, selectScenarios(), INVOCATIONS);
    }
}
