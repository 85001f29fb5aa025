package dev.channels.hazelcast.internal;

import dev.channels.SendChannel;

import java.time.Duration;

/**
 * The send-only view of a distributed channel: Go's {@code chan<- T}. It cannot be cast back to the channel.
 *
 * @param <T> the element type
 */
final class HzSendView<T> implements SendChannel<T> {
    private final HzChannel<T> channel;

    HzSendView(HzChannel<T> channel) {
        this.channel = channel;
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
        return "send-only " + channel;
    }
}
