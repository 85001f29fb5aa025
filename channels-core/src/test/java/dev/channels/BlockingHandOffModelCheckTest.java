package dev.channels;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lincheck's model checker on the blocking hand-offs (send/receive that park), in small scenarios that always
 * terminate in a correct channel (sends and receives balance, or a close wakes everyone). The model checker
 * explores the thread interleavings systematically: a lost wake-up shows up as a deadlock it reports, a lost or
 * duplicated value as a failure of {@link ConservationVerifier}.
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES) // Lincheck bounds its own runs; -Pstress runs long
class BlockingHandOffModelCheckTest {

    /** Operations whose results name the values, so that the verifier can account for every one. */
    public abstract static class HandOffOps {
        private final Channel<Integer> ch;

        HandOffOps(Channel<Integer> ch) {
            this.ch = ch;
        }

        @Operation(blocking = true)
        public String send(int value) throws InterruptedException {
            try {
                ch.send(value);
                return "sent:" + value;
            } catch (ChannelClosedException e) {
                return "rejected:" + value;
            }
        }

        @Operation(blocking = true)
        public String receive() throws InterruptedException {
            try {
                return "recv:" + ch.receive();
            } catch (ChannelClosedException e) {
                return "closed";
            }
        }

        @Operation
        public String close() {
            return "close:" + ch.close();
        }

        @Operation
        public String trySend(int value) {
            try {
                return ch.trySend(value) ? "sent:" + value : "rejected:" + value;
            } catch (ChannelClosedException e) {
                return "rejected:" + value;
            }
        }

        /** Post-part: takes what is left, without blocking. */
        @Operation
        public String drain() {
            StringBuilder sb = new StringBuilder("drain");
            ReceiveResult<Integer> v;
            for (v = ch.tryReceive(); v.isReceived(); v = ch.tryReceive()) {
                sb.append(" recv:").append(v.orElseThrow());
            }
            if (v.isClosed()) {
                sb.append(" closed");
            }
            return sb.toString();
        }
    }

    public static class Unbuffered extends HandOffOps {
        public Unbuffered() {
            super(Channel.unbuffered());
        }
    }

    public static class Buffered1 extends HandOffOps {
        public Buffered1() {
            super(Channel.buffered(1));
        }
    }

    public static class Unbounded extends HandOffOps {
        public Unbounded() {
            super(Channel.unbounded());
        }
    }

    /** Every value whose send returned was received exactly once; no rejected value was received. */
    public static class ConservationVerifier implements Verifier {
        public ConservationVerifier(Class<?> sequentialSpecification) {
        }

        @Override
        public boolean verifyResults(ExecutionScenario scenario, ExecutionResult results) {
            List<String> tokens = new ArrayList<>();
            results.getInitResults().forEach(r -> tokens.add(String.valueOf(r)));
            for (List<ResultWithClock> thread : results.getParallelResultsWithClock()) {
                thread.forEach(r -> tokens.add(String.valueOf(r.getResult())));
            }
            results.getPostResults().forEach(r -> tokens.add(String.valueOf(r)));
            Map<String, Integer> sent = new HashMap<>();
            Map<String, Integer> received = new HashMap<>();
            List<String> rejected = new ArrayList<>();
            for (String result : tokens) {
                for (String t : result.split(" ")) {
                    if (t.startsWith("sent:")) {
                        sent.merge(t.substring(5), 1, Integer::sum);
                    } else if (t.startsWith("recv:")) {
                        received.merge(t.substring(5), 1, Integer::sum);
                    } else if (t.startsWith("rejected:")) {
                        rejected.add(t.substring(9));
                    }
                }
            }
            if (Boolean.getBoolean("handoff.debug")) {
                System.err.println("handoff results " + tokens + " sent " + sent + " received " + received);
            }
            if (!sent.equals(received)) {
                return false;
            }
            for (String v : rejected) {
                if (received.containsKey(v)) {
                    return false;
                }
            }
            return true;
        }
    }

    enum Kind {
        UNBUFFERED(Unbuffered.class), BUFFERED_1(Buffered1.class), UNBOUNDED(Unbounded.class);

        final Class<? extends HandOffOps> ops;

        Kind(Class<? extends HandOffOps> ops) {
            this.ops = ops;
        }
    }

    private static Actor actor(String name, Object... args) {
        for (Method m : HandOffOps.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                boolean blocking = name.equals("send") || name.equals("receive");
                // (method, args, cancelOnSuspension, blocking, causesBlocking, promptCancellation, isSuspendable)
                return new Actor(m, List.of(args), false, blocking, false, false, false);
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * Four scenarios, checked in one Lincheck run per kind (Lincheck's set-up dominates the cost of a run):
     * <ol>
     *   <li>two senders, one receiver receiving twice: no lost wake-up on either side;</li>
     *   <li>two receivers, one sender sending twice;</li>
     *   <li>close racing a sender that sends twice and a receiver that receives twice: both wake, every value
     *       whose send returned is received exactly once, no rejected value is received;</li>
     *   <li>trySend and close racing a blocked sender and two receives.</li>
     * </ol>
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void blockingHandOffsNeverLoseAWakeUpOrAValue(Kind kind) {
        List<ExecutionScenario> scenarios = List.of(
                new ExecutionScenario(
                        List.of(),
                        List.of(List.of(actor("send", 1)), List.of(actor("send", 2)),
                                List.of(actor("receive"), actor("receive"))),
                        List.of(actor("drain")),
                        null),
                new ExecutionScenario(
                        List.of(),
                        List.of(List.of(actor("receive")), List.of(actor("receive")),
                                List.of(actor("send", 1), actor("send", 2))),
                        List.of(actor("drain")),
                        null),
                new ExecutionScenario(
                        List.of(),
                        List.of(List.of(actor("send", 1), actor("send", 2)),
                                List.of(actor("receive"), actor("receive")),
                                List.of(actor("close"))),
                        List.of(actor("drain")),
                        null),
                new ExecutionScenario(
                        List.of(),
                        List.of(List.of(actor("send", 1)),
                                List.of(actor("receive"), actor("receive")),
                                List.of(actor("trySend", 2), actor("close"))),
                        List.of(actor("drain")),
                        null));
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(400 * Conc.STRESS)
                .verifier(ConservationVerifier.class);
        for (ExecutionScenario scenario : scenarios) {
            options.addCustomScenario(scenario);
        }
        options.check(kind.ops);
    }
}
