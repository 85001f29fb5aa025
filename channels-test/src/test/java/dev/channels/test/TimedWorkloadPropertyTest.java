package dev.channels.test;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Scope;
import dev.channels.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based property with exact timing: random workloads of timed senders, timed receivers, selects with a
 * timeout and a close, each on its own thread of a bubble, give exactly the outcomes <em>and virtual completion
 * times</em> of a discrete-event model of Go's channel. Under real time such a property could only check
 * invariants; in a bubble every run is reproducible, so the whole outcome is checked.
 *
 * <p>Operation {@code i} starts at {@code 10 (i + 1)} ms; timeouts end at times {@code = 5 (mod 10)} ms and the
 * close happens at a time {@code = 7 (mod 10)} ms, so no two events that interact share an instant (two timeouts
 * may, and do not interact). QuickTheories shrinks a failure; replay with {@code -Dqt.seed=N}.
 */
@Timeout(300)
class TimedWorkloadPropertyTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    enum Kind { SEND, RECEIVE, SELECT_RECEIVE }

    record Op(Kind kind, int value, long startMs, long timeoutMs) {
        static Op decode(int index, int code) {
            Kind kind = Kind.values()[code % 3];
            long timeout = 10L * ((code / 3) % 12) + 5L;
            return new Op(kind, index, 10L * (index + 1), timeout);
        }
    }

    @Test
    void randomTimedWorkloadsMatchTheModelExactly() {
        long seed = Long.getLong("qt.seed", System.nanoTime());
        System.out.println("TimedWorkloadPropertyTest seed " + seed + " (replay with -Dqt.seed=" + seed + ")");
        qt().withFixedSeed(seed)
                .withExamples(300 * Integer.getInteger("stress.factor", 1))
                .forAll(integers().between(0, 2),
                        lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 12),
                        integers().between(-1, 14))
                .checkAssert((capacity, codes, closeSlot) -> {
                    List<Op> ops = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        ops.add(Op.decode(i, codes.get(i)));
                    }
                    long closeAt = closeSlot < 0 ? -1L : 10L * closeSlot + 7L;
                    List<String> expected = model(capacity, ops, closeAt);
                    List<String> actual = runInBubble(capacity, ops, closeAt);
                    assertEquals(expected, actual, "seed " + seed + ", capacity " + capacity + ", close at "
                            + closeAt + ", ops " + ops);
                });
    }

    // ------------------------------------------------------------------------------------------- the run

    static List<String> runInBubble(int capacity, List<Op> ops, long closeAt) {
        String[] results = new String[ops.size()];
        SyncTest.run(() -> {
            Channel<Integer> ch = Channel.buffered(capacity);
            try (Scope scope = Scope.open()) {
                for (int i = 0; i < ops.size(); i++) {
                    int index = i;
                    Op op = ops.get(i);
                    scope.go(() -> {
                        SyncTest.sleep(Duration.ofMillis(op.startMs()));
                        String r = perform(ch, op);
                        results[index] = r + "@" + Duration.between(START, SyncTest.now()).toMillis();
                    });
                }
                if (closeAt >= 0) {
                    scope.go(() -> {
                        SyncTest.sleep(Duration.ofMillis(closeAt));
                        ch.close();
                    });
                }
            }
        });
        return Arrays.asList(results);
    }

    static String perform(Channel<Integer> ch, Op op) throws InterruptedException {
        Duration timeout = Duration.ofMillis(op.timeoutMs());
        try {
            switch (op.kind()) {
                case SEND:
                    return ch.send(op.value(), timeout) ? "sent" : "timeout";
                case RECEIVE: {
                    Integer v = ch.receive(timeout);
                    return v == null ? "timeout" : "got " + v;
                }
                default:
                    return Select.<String>builder()
                            .onReceive(ch, v -> "got " + v)
                            .onTimeout(timeout, () -> "timeout")
                            .select();
            }
        } catch (ChannelClosedException e) {
            return "closed";
        }
    }

    // ----------------------------------------------------------------------------------------- the model

    /** Go's channel as a discrete-event simulation: FIFO queues of waiting senders and receivers. */
    static List<String> model(int capacity, List<Op> ops, long closeAt) {
        String[] results = new String[ops.size()];
        TreeMap<Long, List<Runnable>> events = new TreeMap<>();
        ArrayDeque<Integer> buffer = new ArrayDeque<>();
        ArrayDeque<Integer> senders = new ArrayDeque<>(); // op indexes
        ArrayDeque<Integer> receivers = new ArrayDeque<>();
        boolean[] closed = {false};
        for (int i = 0; i < ops.size(); i++) {
            int index = i;
            Op op = ops.get(i);
            long start = op.startMs();
            long deadline = start + op.timeoutMs();
            events.computeIfAbsent(start, t -> new ArrayList<>()).add(() -> {
                if (op.kind() == Kind.SEND) {
                    if (closed[0]) {
                        results[index] = "closed@" + start;
                    } else if (!receivers.isEmpty()) {
                        int r = receivers.poll();
                        results[r] = "got " + op.value() + "@" + start;
                        results[index] = "sent@" + start;
                    } else if (buffer.size() < capacity) {
                        buffer.add(op.value());
                        results[index] = "sent@" + start;
                    } else {
                        senders.add(index);
                    }
                } else {
                    if (!buffer.isEmpty()) {
                        results[index] = "got " + buffer.poll() + "@" + start;
                        if (!senders.isEmpty()) { // the oldest waiting sender's value takes the freed slot
                            int s = senders.poll();
                            buffer.add(ops.get(s).value());
                            results[s] = "sent@" + start;
                        }
                    } else if (!senders.isEmpty()) { // unbuffered: straight from the oldest sender
                        int s = senders.poll();
                        results[index] = "got " + ops.get(s).value() + "@" + start;
                        results[s] = "sent@" + start;
                    } else if (closed[0]) {
                        results[index] = "closed@" + start;
                    } else {
                        receivers.add(index);
                    }
                }
            });
            events.computeIfAbsent(deadline, t -> new ArrayList<>()).add(() -> {
                if (results[index] == null) {
                    senders.remove(index);
                    receivers.remove(index);
                    results[index] = "timeout@" + deadline;
                }
            });
        }
        if (closeAt >= 0) {
            events.computeIfAbsent(closeAt, t -> new ArrayList<>()).add(() -> {
                closed[0] = true;
                for (int s : senders) {
                    results[s] = "closed@" + closeAt;
                }
                for (int r : receivers) {
                    results[r] = "closed@" + closeAt;
                }
                senders.clear();
                receivers.clear();
            });
        }
        events.values().forEach(list -> list.forEach(Runnable::run));
        return Arrays.asList(results);
    }
}
