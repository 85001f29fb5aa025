package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Go's {@code <-chan T}: a wrapper that exposes only the receiving side. It is a separate object, so a caller
 * holding it cannot cast it to {@link dev.channels.SendChannel} (and so cannot close the channel). It forwards
 * to any {@link Channel}: the local channel and the distributed one ({@code dev.channels.hazelcast}) share it;
 * select unwraps it in {@link ChannelImpl#of}.
 *
 * @param <T> the element type
 */
public final class ReceiveOnlyView<T> implements ReceiveChannel<T> {
    final Channel<T> channel;

    /**
     * Creates the view; a channel makes one and hands it out from {@link Channel#receiveOnly()}.
     *
     * @param channel the channel to receive from
     */
    public ReceiveOnlyView(Channel<T> channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
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
        return "ReceiveOnly" + channel;
    }
}
