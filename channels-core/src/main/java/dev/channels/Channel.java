package dev.channels;

import dev.channels.internal.ChannelImpl;

/**
 * A typed conduit between threads: Go's {@code chan T}, for virtual threads.
 *
 * <ul>
 *   <li>{@link #unbuffered()}: Go's {@code make(chan T)}. A send waits until a receiver takes the value
 *       (a rendezvous).</li>
 *   <li>{@link #buffered(int) buffered(n)}: Go's {@code make(chan T, n)}. A send waits only while the buffer
 *       of {@code n} values is full.</li>
 *   <li>{@link #unbounded()}: no Go counterpart; a send never waits.</li>
 * </ul>
 *
 * <p>A channel is safe for any number of concurrent senders and receivers. Closing follows Go:
 * see {@link SendChannel#close()}. Hand a producer {@link #sendOnly()} and a consumer {@link #receiveOnly()}
 * to get Go's direction-typed {@code chan<- T} and {@code <-chan T}.
 *
 * <p>Example: a producer on a virtual thread, a consumer ranging over the channel.
 * <pre>{@code
 * Channel<Integer> ch = Channel.buffered(16);
 * Thread.startVirtualThread(() -> {
 *     try {
 *         for (int i = 0; i < 100; i++) ch.send(i);
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     } finally {
 *         ch.close();
 *     }
 * });
 * for (int v : ch) System.out.println(v);   // for v := range ch
 * }</pre>
 *
 * @param <T> the element type
 */
public interface Channel<T> extends SendChannel<T>, ReceiveChannel<T> {

    /** The largest buffer {@link #buffered(int)} accepts; use {@link #unbounded()} beyond it. */
    int MAX_BUFFERED_CAPACITY = 1 << 30;

    /**
     * Creates an unbuffered (rendezvous) channel: Go's {@code make(chan T)}.
     *
     * @param <T> the element type
     * @return a new open channel
     */
    static <T> Channel<T> unbuffered() {
        return new ChannelImpl<>(0);
    }

    /**
     * Creates a channel with a buffer of {@code capacity} values: Go's {@code make(chan T, capacity)}.
     * A capacity of 0 gives an unbuffered channel, as in Go.
     *
     * @param capacity the buffer size, 0 to {@link #MAX_BUFFERED_CAPACITY}
     * @param <T>      the element type
     * @return a new open channel
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link #MAX_BUFFERED_CAPACITY}
     */
    static <T> Channel<T> buffered(int capacity) {
        if (capacity < 0 || capacity > MAX_BUFFERED_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 0 and " + MAX_BUFFERED_CAPACITY
                    + " (use Channel.unbounded() for more), got " + capacity);
        }
        return new ChannelImpl<>(capacity);
    }

    /**
     * Creates a channel whose buffer grows as needed, so that a send never waits. Useful where a producer must
     * not be slowed by its consumer; there is no backpressure, so memory is the limit.
     *
     * @param <T> the element type
     * @return a new open channel
     */
    static <T> Channel<T> unbounded() {
        return new ChannelImpl<>(Integer.MAX_VALUE);
    }

    /**
     * A view of this channel that can only send: Go's {@code chan<- T}. The view cannot be cast back to
     * {@link Channel} or {@link ReceiveChannel}; it can be used in {@link Select}.
     *
     * @return the send-only view
     */
    SendChannel<T> sendOnly();

    /**
     * A view of this channel that can only receive: Go's {@code <-chan T}. The view cannot be cast back to
     * {@link Channel} or {@link SendChannel} (so it cannot close the channel); it can be used in {@link Select}.
     *
     * @return the receive-only view
     */
    ReceiveChannel<T> receiveOnly();
}
