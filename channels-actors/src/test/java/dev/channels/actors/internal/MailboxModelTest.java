package dev.channels.actors.internal;

import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based: any sequence of sends, takes and size checks on a bounded or unbounded mailbox, under each
 * overflow policy, matches a FIFO model of the same capacity, dead letters included; after close the reader
 * drains exactly the model's values and then sees closed.
 */
@Timeout(120)
class MailboxModelTest {

    @Test
    void anySequenceOfOperationsMatchesABoundedFifoModel() {
        qt().withExamples(300 * Integer.getInteger("stress.factor", 1))
                .forAll(lists().of(integers().between(0, 99)).ofSizeBetween(0, 300),
                        integers().between(1, 10),
                        integers().between(0, Overflow.values().length - 1))
                .checkAssert((ops, cap, policyIndex) -> {
                    Overflow policy = Overflow.values()[policyIndex];
                    int capacity = cap == 10 ? Integer.MAX_VALUE : cap; // 10 stands for unbounded
                    List<Integer> dead = new ArrayList<>();
                    PulledMailbox<Integer> mb = new PulledMailbox<>(capacity, policy, dead::add);
                    Deque<Integer> model = new ArrayDeque<>();
                    List<Integer> modelDead = new ArrayList<>();
                    int next = 0;
                    for (int op : ops) {
                        if (op < 50) { // send a new value with the policy; trySend under BLOCK (never waits)
                            int v = next++;
                            boolean full = model.size() == capacity;
                            switch (capacity == Integer.MAX_VALUE ? Overflow.FAIL : policy) {
                                case BLOCK -> {
                                    assertEquals(!full, mb.trySend(v));
                                    if (!full) {
                                        model.addLast(v);
                                    }
                                }
                                case FAIL -> {
                                    if (full) {
                                        assertThrows(MailboxFullException.class, () -> send(mb, v));
                                    } else {
                                        send(mb, v);
                                        model.addLast(v);
                                    }
                                }
                                case DROP_NEWEST -> {
                                    send(mb, v);
                                    if (full) {
                                        modelDead.add(v);
                                    } else {
                                        model.addLast(v);
                                    }
                                }
                                case DROP_OLDEST -> {
                                    send(mb, v);
                                    if (full) {
                                        modelDead.add(model.removeFirst());
                                    }
                                    model.addLast(v);
                                }
                            }
                        } else if (op < 90) {
                            assertEquals(model.pollFirst(), mb.tryTake());
                        } else {
                            assertEquals(model.size(), mb.size());
                        }
                        assertEquals(modelDead, dead);
                    }
                    mb.close();
                    while (!model.isEmpty()) {
                        assertEquals(model.pollFirst(), mb.tryTake());
                    }
                    assertSame(PulledMailbox.CLOSED_MARK, mb.tryTake());
                    assertEquals(0, mb.size());
                });
    }

    private static void send(PulledMailbox<Integer> mb, int v) {
        try {
            mb.send(v);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
