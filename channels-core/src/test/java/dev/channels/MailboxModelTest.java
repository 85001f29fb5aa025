package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based: any sequence of non-blocking operations on a bounded mailbox, under each overflow policy, matches a
 * FIFO model of the same capacity.
 */
@Timeout(120)
class MailboxModelTest {

    @Test
    void anySequenceOfOperationsMatchesABoundedFifoModel() {
        qt().withExamples(300 * Integer.getInteger("stress.factor", 1))
                .forAll(lists().of(integers().between(0, 99)).ofSizeBetween(0, 300),
                        integers().between(1, 9),
                        integers().between(0, Mailbox.Overflow.values().length - 1))
                .checkAssert((ops, capacity, policyIndex) -> {
                    Mailbox.Overflow policy = Mailbox.Overflow.values()[policyIndex];
                    List<Integer> dead = new ArrayList<>();
                    Mailbox<Integer> mb = Mailbox.create(capacity, policy, dead::add);
                    Deque<Integer> model = new ArrayDeque<>();
                    List<Integer> modelDead = new ArrayList<>();
                    int next = 0;
                    for (int op : ops) {
                        if (op < 50) { // send a new value with the policy, or trySend under BLOCK (never waits)
                            int v = next++;
                            boolean full = model.size() == capacity;
                            switch (policy) {
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
                            Integer head = model.pollFirst();
                            assertEquals(head == null ? ReceiveResult.empty() : new ReceiveResult.Received<>(head),
                                    mb.tryReceive());
                        } else {
                            assertEquals(model.size(), mb.size());
                        }
                        assertEquals(modelDead, dead);
                    }
                    mb.close();
                    while (!model.isEmpty()) {
                        assertEquals(new ReceiveResult.Received<>(model.pollFirst()), mb.tryReceive());
                    }
                    assertEquals(ReceiveResult.closed(null), mb.tryReceive());
                });
    }

    private static void send(Mailbox<Integer> mb, int v) {
        try {
            mb.send(v);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
