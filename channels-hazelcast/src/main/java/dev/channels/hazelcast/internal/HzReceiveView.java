package dev.channels.hazelcast.internal;

import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The receive-only view of a distributed channel: Go's {@code <-chan T}. It cannot be cast back to the channel,
 * so it cannot close it.
 *
 * @param <T> the element type
 */
final class HzReceiveView<T> implements ReceiveChannel<T> {
    private final HzChannel<T> channel;

    HzReceiveView(HzChannel<T> channel) {
        this.channel = channel;
    }

    @Override
    public T receive() throws InterruptedException {
        return channel.receive();
    }

    @Override
    public ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        return channel.receiveOrClosed();
    }

    @Override
    public ReceiveResult<T> tryReceive() {
        return channel.tryReceive();
    }

    @Override
    public T receive(Duration timeout) throws InterruptedException {
        return channel.receive(timeout);
    }

    @Override
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Override
    public int size() {
        return channel.size();
    }

    @Override
    public int capacity() {
        return channel.capacity();
    }

    @Override
    public Iterator<T> iterator() {
        return channel.iterator();
    }

    @Override
    public Stream<T> stream() {
        return channel.stream();
    }

    @Override
    public String toString() {
        return "receive-only " + channel;
    }
}
