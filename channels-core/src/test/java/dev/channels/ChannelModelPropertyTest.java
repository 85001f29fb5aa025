package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based property: any single-threaded sequence of operations that cannot block behaves exactly like a FIFO
 * queue of the channel's capacity with Go's close rules. QuickTheories shrinks a failure to a minimal sequence
 * and reports it; the seed is printed and can be replayed with {@code -Dqt.seed=N}.
 */
class ChannelModelPropertyTest {
    private static final int UNBOUNDED = -1;

    /** The sequential specification: Go's channel without blocking. */
    static final class Model {
        final int capacity; // Integer.MAX_VALUE for unbounded
        final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        boolean closed;

        Model(int capacity) {
            this.capacity = capacity;
        }

        boolean hasRoom() {
            return buffer.size() < capacity;
        }
    }

    enum OpKind { TRY_SEND, TRY_RECEIVE, SEND_ZERO_TIMEOUT, RECEIVE_ZERO_TIMEOUT, SEND_IF_ROOM, RECEIVE_IF_READY,
        RECEIVE_OR_CLOSED_IF_READY, SIZE, IS_CLOSED, CLOSE }

    /** Decodes a generated int into an operation: mostly sends and receives, rarely a close. */
    static OpKind kindOf(int code) {
        int bucket = Math.floorMod(code, 100);
        if (bucket < 30) {
            return OpKind.TRY_SEND;
        } else if (bucket < 55) {
            return OpKind.TRY_RECEIVE;
        } else if (bucket < 62) {
            return OpKind.SEND_ZERO_TIMEOUT;
        } else if (bucket < 68) {
            return OpKind.RECEIVE_ZERO_TIMEOUT;
        } else if (bucket < 78) {
            return OpKind.SEND_IF_ROOM;
        } else if (bucket < 85) {
            return OpKind.RECEIVE_IF_READY;
        } else if (bucket < 90) {
            return OpKind.RECEIVE_OR_CLOSED_IF_READY;
        } else if (bucket < 95) {
            return OpKind.SIZE;
        } else if (bucket < 98) {
            return OpKind.IS_CLOSED;
        }
        return OpKind.CLOSE;
    }

    static Channel<Integer> create(int capacity) {
        return capacity == UNBOUNDED ? Channel.unbounded() : Channel.buffered(capacity);
    }

    /** Runs {@code codes} against a fresh channel and the model; any difference fails with the step named. */
    static void runAgainstModel(int capacity, List<Integer> codes) throws InterruptedException {
        Channel<Integer> ch = create(capacity);
        Model m = new Model(capacity == UNBOUNDED ? Integer.MAX_VALUE : capacity);
        for (int step = 0; step < codes.size(); step++) {
            int code = codes.get(step);
            int value = code; // distinct enough; equality of values is what the FIFO check needs
            OpKind op = kindOf(code);
            String at = "step " + step + " " + op + " in " + codes.subList(0, step + 1);
            switch (op) {
                case TRY_SEND, SEND_ZERO_TIMEOUT -> {
                    if (m.closed) {
                        assertThrows(ChannelClosedException.class,
                                () -> send(ch, op, value), at);
                    } else {
                        boolean ok = send(ch, op, value);
                        assertEquals(m.hasRoom(), ok, at);
                        if (ok) {
                            m.buffer.addLast(value);
                        }
                    }
                }
                case SEND_IF_ROOM -> {
                    if (m.closed) {
                        assertThrows(ChannelClosedException.class, () -> ch.send(value), at);
                    } else if (m.hasRoom()) {
                        ch.send(value);
                        m.buffer.addLast(value);
                    }
                }
                case TRY_RECEIVE, RECEIVE_ZERO_TIMEOUT -> {
                    if (m.buffer.isEmpty() && m.closed && op == OpKind.RECEIVE_ZERO_TIMEOUT) {
                        assertThrows(ChannelClosedException.class, () -> receive(ch, op), at);
                    } else {
                        assertEquals(expected(m), receive(ch, op), at);
                    }
                }
                case RECEIVE_IF_READY -> {
                    if (!m.buffer.isEmpty()) {
                        assertEquals(m.buffer.pollFirst(), ch.receive(), at);
                    } else if (m.closed) {
                        assertThrows(ChannelClosedException.class, ch::receive, at);
                    }
                }
                case RECEIVE_OR_CLOSED_IF_READY -> {
                    if (!m.buffer.isEmpty() || m.closed) {
                        assertEquals(expected(m), ch.receiveOrClosed(), at);
                    }
                }
                case SIZE -> {
                    assertEquals(m.buffer.size(), ch.size(), at);
                    assertEquals(m.capacity, ch.capacity(), at);
                }
                case IS_CLOSED -> assertEquals(m.closed, ch.isClosed(), at);
                case CLOSE -> {
                    assertEquals(!m.closed, ch.close(), at);
                    m.closed = true;
                }
            }
        }
    }

    private static boolean send(Channel<Integer> ch, OpKind op, int value) throws InterruptedException {
        return op == OpKind.TRY_SEND ? ch.trySend(value) : ch.send(value, Duration.ZERO);
    }

    private static ReceiveResult<Integer> receive(Channel<Integer> ch, OpKind op) throws InterruptedException {
        if (op == OpKind.TRY_RECEIVE) {
            return ch.tryReceive();
        }
        Integer v = ch.receive(Duration.ZERO);
        return v == null ? ReceiveResult.empty() : new ReceiveResult.Received<>(v);
    }

    /** What a non-throwing receive answers on the model: its head, else closed (plain close) or empty. */
    private static ReceiveResult<Integer> expected(Model m) {
        Integer head = m.buffer.pollFirst();
        if (head != null) {
            return new ReceiveResult.Received<>(head);
        }
        return m.closed ? ReceiveResult.closed(null) : ReceiveResult.empty();
    }

    @ParameterizedTest(name = "capacity {0} (-1 = unbounded)")
    @ValueSource(ints = {0, 1, 2, 16, UNBOUNDED})
    void anyNonBlockingSequenceBehavesLikeABoundedFifo(int capacity) {
        long seed = Long.getLong("qt.seed", System.nanoTime());
        System.out.println("ChannelModelPropertyTest capacity " + capacity + " seed " + seed
                + " (replay with -Dqt.seed=" + seed + ")");
        qt().withFixedSeed(seed)
                .withExamples(400 * Conc.STRESS)
                .forAll(lists().of(integers().between(0, 9_999)).ofSizeBetween(0, 120))
                .checkAssert(codes -> {
                    try {
                        runAgainstModel(capacity, codes);
                    } catch (InterruptedException e) {
                        throw new AssertionError("interrupted (seed " + seed + ")", e);
                    } catch (AssertionError e) {
                        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
                    }
                });
    }
}
