package dev.channels.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * Go's {@code for v := range ch}: receives until the channel is closed and drained.
 *
 * <p>{@code hasNext()} performs the (blocking) receive and holds the value for {@code next()}. An interrupt while
 * blocked re-asserts the interrupt status and surfaces as {@link CancellationException}, since
 * {@link Iterator} cannot throw {@link InterruptedException}; nothing was taken from the channel.
 *
 * @param <T> the element type
 */
final class ChannelIterator<T> implements Iterator<T> {
    private final ChannelImpl<T> channel;
    private Object next;
    private boolean done;

    ChannelIterator(ChannelImpl<T> channel) {
        this.channel = channel;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        Object v;
        try {
            v = channel.receiveBlocking(false, 0L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while iterating over a channel");
            ce.initCause(e);
            throw ce;
        }
        if (v == ChannelImpl.CLOSED_MARK) {
            done = true;
            if (channel.closeCause() != null) {
                throw channel.closedForReceive();
            }
            return false;
        }
        next = v;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("channel closed and drained");
        }
        Object v = next;
        next = null;
        return (T) v;
    }
}
