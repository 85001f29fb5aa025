package dev.channels.hazelcast.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * Go's {@code for v := range ch} over a distributed channel: {@code hasNext()} receives (blocking in slices) and
 * holds the value for {@code next()}. As for a local channel, an interrupt re-asserts the interrupt status and
 * surfaces as {@link CancellationException} (nothing was taken), and a close with a cause makes {@code hasNext()}
 * throw the {@link dev.channels.ChannelClosedException} carrying it.
 *
 * @param <T> the element type
 */
final class HzIterator<T> implements Iterator<T> {
    private final HzChannel<T> channel;
    private Object next;
    private boolean done;

    HzIterator(HzChannel<T> channel) {
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
        if (v instanceof HzChannel.Closed c) {
            done = true;
            if (c.withCause()) {
                throw channel.receiveClosed(c);
            }
            return false;
        }
        next = v;
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("channel closed and drained");
        }
        Object v = next;
        next = null;
        return HzChannel.cast(v);
    }
}
