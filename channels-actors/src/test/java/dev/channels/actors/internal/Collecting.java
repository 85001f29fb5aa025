package dev.channels.actors.internal;

import dev.channels.actors.Overflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test {@link Mailbox.Reader} that records every value and the close, and fails loudly if two of its calls
 * overlap or a value arrives after onClosed.
 */
class Collecting<T> implements Mailbox.Reader<T> {
    final List<T> values = Collections.synchronizedList(new ArrayList<>());
    final List<Object> dead = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger closedCalls = new AtomicInteger();
    /** Counted down when the first value reaches the reader. */
    final CountDownLatch firstValue = new CountDownLatch(1);
    private final AtomicInteger inside = new AtomicInteger();
    volatile Throwable violation;

    /** An on-demand mailbox on virtual threads read by a new collector; {@code linger} in nanoseconds. */
    static <T> Mailbox<T> mailbox(Collecting<T> reader, int capacity, Overflow overflow, long linger) {
        return new Mailbox<>(capacity, overflow, reader.dead::add, Thread::startVirtualThread, reader, linger);
    }

    @Override
    public void onValue(T value) {
        enter();
        try {
            if (closedCalls.get() != 0) {
                violation = new AssertionError("value after onClosed: " + value);
            }
            values.add(value);
            firstValue.countDown();
            handle(value);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** What the reader does with each value after recording it; nothing by default. */
    void handle(T value) {
    }

    @Override
    public void onClosed() {
        enter();
        try {
            closedCalls.incrementAndGet();
            closed.countDown();
        } finally {
            inside.decrementAndGet();
        }
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            violation = new AssertionError("two reader calls at once");
        }
    }
}
