package dev.channels;

import java.time.Duration;

/**
 * The sending side of a channel: Go's {@code chan<- T}.
 *
 * <p>A method that can block parks the calling thread with {@link java.util.concurrent.locks.LockSupport}, so
 * a blocked virtual thread releases its carrier. Blocking methods follow {@link java.util.concurrent.BlockingQueue}:
 * they throw {@link InterruptedException} when the thread is interrupted while waiting, and an interrupted send
 * has delivered nothing.
 *
 * <p>{@code null} is never a valid element: every send refuses it with {@link NullPointerException}.
 *
 * @param <T> the element type
 */
public interface SendChannel<T> {

    /**
     * Sends {@code value}, blocking until a receiver takes it (unbuffered channel) or there is room in the
     * buffer. Go: {@code ch <- value}. Senders blocked on a full channel are served in arrival order.
     *
     * @param value the value, not null
     * @throws ChannelClosedException if the channel is closed, or is closed while this call waits; the value
     *                                was not delivered
     * @throws InterruptedException   if interrupted while waiting; the value was not delivered
     * @throws NullPointerException   if {@code value} is null
     */
    void send(T value) throws InterruptedException;

    /**
     * Sends {@code value} if that is possible now, without waiting: a receiver is waiting, or the buffer has
     * room. Go: {@code select { case ch <- value: ... default: ... }}. It never waits for a receiver or for room;
     * like Go's, it may briefly take the channel's lock, which other operations hold for a few steps and never
     * while parked.
     *
     * @param value the value, not null
     * @return true if the value was delivered or buffered, false if the send would have to wait
     * @throws ChannelClosedException if the channel is closed
     * @throws NullPointerException   if {@code value} is null
     */
    boolean trySend(T value);

    /**
     * Sends {@code value}, waiting at most {@code timeout} for a receiver or for room in the buffer, like
     * {@link java.util.concurrent.BlockingQueue#offer(Object, long, java.util.concurrent.TimeUnit)}.
     *
     * @param value   the value, not null
     * @param timeout how long to wait; zero or negative means do not wait
     * @return true if the value was delivered or buffered, false if the time ran out (nothing was delivered)
     * @throws ChannelClosedException if the channel is closed, or is closed while this call waits
     * @throws InterruptedException   if interrupted while waiting; the value was not delivered
     * @throws NullPointerException   if {@code value} or {@code timeout} is null
     */
    boolean send(T value, Duration timeout) throws InterruptedException;

    /**
     * Closes the channel. Go: {@code close(ch)}, except that closing twice is allowed and answers false.
     *
     * <p>After close, every send throws {@link ChannelClosedException}; senders blocked at the moment of
     * closing wake with it and their values are not delivered. Receivers first drain what is buffered, then
     * see the channel closed.
     *
     * @return true if this call closed the channel, false if it was already closed
     */
    boolean close();

    /**
     * Closes the channel with an error, which receivers see once the buffer is drained: a receive throws
     * {@link ChannelClosedException} with {@code cause} as its cause, and so does iteration;
     * {@link ReceiveChannel#receiveOrClosed()} and {@link ReceiveChannel#tryReceive()} return
     * {@link ReceiveResult.Closed} carrying it. An error is never mistaken for a normal end of the stream.
     *
     * @param cause the error, not null
     * @return true if this call closed the channel, false if it was already closed (the cause is then ignored)
     * @throws NullPointerException if {@code cause} is null
     */
    boolean close(Throwable cause);

    /**
     * Whether the channel has been closed. Values sent before the close may still be waiting in the buffer.
     *
     * @return true once {@link #close()} or {@link #close(Throwable)} has taken effect
     */
    boolean isClosed();

    /**
     * The number of values in the buffer: Go's {@code len(ch)}. A snapshot that may be stale by the time it
     * is read when other threads use the channel; always 0 for an unbuffered channel.
     *
     * @return the buffered element count
     */
    int size();

    /**
     * The buffer capacity: Go's {@code cap(ch)}. 0 for an unbuffered channel, {@link Integer#MAX_VALUE} for an
     * unbounded one.
     *
     * @return the capacity
     */
    int capacity();
}
