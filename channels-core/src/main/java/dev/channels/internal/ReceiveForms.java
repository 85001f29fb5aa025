package dev.channels.internal;

import dev.channels.ChannelClosedException;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;

import java.time.Duration;

/**
 * The four receive forms of {@link ReceiveChannel} ({@code receive}, {@code receive(Duration)},
 * {@code receiveOrClosed}, {@code tryReceive}) written once over two primitives, so that a channel and a
 * mailbox map "closed" and "nothing yet" onto the public API the same way.
 *
 * @param <T> the element type
 */
abstract class ReceiveForms<T> implements ReceiveChannel<T> {
    /** A primitive's answer when nothing was available (or a timed wait ran out). */
    static final Object EMPTY = new Object();
    /** A primitive's answer when the channel is closed and drained. */
    static final Object CLOSED_MARK = new Object();

    /**
     * Receives, blocking.
     *
     * @return a value, {@link #CLOSED_MARK}, or {@link #EMPTY} when a timed wait ran out
     */
    abstract Object receiveBlocking(boolean timed, long deadline) throws InterruptedException;

    /** Receives without waiting: a value, {@link #EMPTY} or {@link #CLOSED_MARK}. */
    abstract Object receiveNow();

    /** Whether the channel was closed with a cause; meaningful once closed. */
    abstract boolean closedWithCause();

    /** The close cause, or null for a plain close; meaningful once closed. */
    abstract Throwable closeCause();

    /** The exception a receive on the closed, drained channel throws (carrying the close cause). */
    abstract ChannelClosedException closedForReceive();

    @Override
    public final T receive() throws InterruptedException {
        Object v = receiveBlocking(false, 0L);
        if (v == CLOSED_MARK) {
            throw closedForReceive();
        }
        return cast(v);
    }

    @Override
    public final T receive(Duration timeout) throws InterruptedException {
        long nanos = Deadlines.nanos(timeout, "Channel.receive: timeout is null");
        Object v = nanos <= 0L ? receiveNow() : receiveBlocking(true, Deadlines.deadline(nanos));
        if (v == CLOSED_MARK) {
            throw closedForReceive();
        }
        return v == EMPTY ? null : cast(v);
    }

    @Override
    public final ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        Object v = receiveBlocking(false, 0L);
        return v == CLOSED_MARK ? closedResult() : new ReceiveResult.Received<>(cast(v));
    }

    @Override
    public final ReceiveResult<T> tryReceive() {
        Object v = receiveNow();
        if (v == CLOSED_MARK) {
            return closedResult();
        }
        return v == EMPTY ? ReceiveResult.empty() : new ReceiveResult.Received<>(cast(v));
    }

    private ReceiveResult<T> closedResult() {
        return ReceiveResult.closed(closedWithCause() ? closeCause() : null);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object v) {
        return (T) v;
    }
}
