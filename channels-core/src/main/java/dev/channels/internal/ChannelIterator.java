package dev.channels.internal;

import dev.channels.ChannelClosedException;
import dev.channels.ReceiveChannel;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Go's {@code for v := range ch}: receives until the channel is closed and drained. It works over any
 * {@link ReceiveChannel}: the local channel and the distributed one ({@code dev.channels.hazelcast}) share it.
 *
 * <p>{@code hasNext()} performs the (blocking) {@link ReceiveChannel#receive()} and holds the value for
 * {@code next()}. Closed and drained ends the iteration: after a plain close {@code hasNext()} returns false;
 * after a close with a cause it throws, once, the {@link ChannelClosedException} the receive threw (carrying the
 * cause, as Go's {@code range} cannot but an error-aware loop must), and returns false afterwards. An interrupt
 * while blocked re-asserts the interrupt status and surfaces as {@link CancellationException}, since
 * {@link Iterator} cannot throw {@link InterruptedException}; nothing was taken from the channel.
 *
 * @param <T> the element type
 */
public final class ChannelIterator<T> implements Iterator<T> {
    private final ReceiveChannel<T> channel;
    private T next;
    private boolean done;

    /**
     * Creates an iterator; a channel makes one for each {@link ReceiveChannel#iterator()} call.
     *
     * @param channel the channel to receive from
     */
    public ChannelIterator(ReceiveChannel<T> channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = channel.receive(); // never null: channels refuse null values
            return true;
        } catch (ChannelClosedException closed) { // closed and drained: final
            done = true;
            if (closed.getCause() != null) {
                throw closed;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while iterating over a channel");
            ce.initCause(e);
            throw ce;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("channel closed and drained");
        }
        T v = next;
        next = null;
        return v;
    }
}
