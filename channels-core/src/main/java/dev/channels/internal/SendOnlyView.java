package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.SendChannel;

import java.time.Duration;
import java.util.Objects;

/**
 * Go's {@code chan<- T}: a wrapper that exposes only the sending side. It is a separate object, so a caller
 * holding it cannot cast it to {@link dev.channels.ReceiveChannel} or {@link Channel}. It forwards to any
 * {@link Channel}: the local channel and the distributed one ({@code dev.channels.hazelcast}) share it; select
 * unwraps it in {@link ChannelImpl#of}.
 *
 * @param <T> the element type
 */
public final class SendOnlyView<T> implements SendChannel<T> {
    final Channel<T> channel;

    /**
     * Creates the view; a channel makes one and hands it out from {@link Channel#sendOnly()}.
     *
     * @param channel the channel to send to
     */
    public SendOnlyView(Channel<T> channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public void send(T value) throws InterruptedException {
        channel.send(value);
    }

    @Override
    public boolean trySend(T value) {
        return channel.trySend(value);
    }

    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        return channel.send(value, timeout);
    }

    @Override
    public boolean close() {
        return channel.close();
    }

    @Override
    public boolean close(Throwable cause) {
        return channel.close(cause);
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
    public String toString() {
        return "SendOnly" + channel;
    }
}
