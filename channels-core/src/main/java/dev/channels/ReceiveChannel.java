package dev.channels;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The receiving side of a channel: Go's {@code <-chan T}.
 *
 * <p>Values from one sender arrive in the order that sender sent them. After the channel is closed, receivers
 * still get every value that was buffered; only then do they see "closed": {@link #receive()} throws
 * {@link ChannelClosedException}, {@link #receiveOrClosed()} and {@link #tryReceive()} return
 * {@link ReceiveResult.Closed}, and iteration ends.
 *
 * <p>A channel is {@link Iterable}: {@code for (T v : ch)} is Go's {@code for v := range ch}. The iterator
 * blocks in {@code hasNext()}; if the thread is interrupted there, it re-asserts the interrupt status and throws
 * {@link java.util.concurrent.CancellationException} with the {@link InterruptedException} as cause.
 *
 * @param <T> the element type
 */
public interface ReceiveChannel<T> extends Iterable<T> {

    /**
     * Receives a value, blocking until one is available. Go: {@code v := <-ch}.
     *
     * @return the value
     * @throws ChannelClosedException if the channel is closed and drained (its cause is the close cause, if any)
     * @throws InterruptedException   if interrupted while waiting; nothing was taken
     */
    T receive() throws InterruptedException;

    /**
     * Receives a value, blocking until one is available, or reports that the channel is closed and drained.
     * Go: {@code v, ok := <-ch}; {@link ReceiveResult.Closed} is {@code ok == false}. It never throws for a
     * closed channel: a close cause is the result's {@link ReceiveResult.Closed#cause()}.
     *
     * <pre>{@code
     * while (jobs.receiveOrClosed() instanceof ReceiveResult.Received<Job>(Job job)) {
     *     run(job);
     * }
     * }</pre>
     *
     * @return {@link ReceiveResult.Received} with the value, or {@link ReceiveResult.Closed} (never
     *         {@link ReceiveResult.Empty})
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    ReceiveResult<T> receiveOrClosed() throws InterruptedException;

    /**
     * Receives a value if one is available now, without waiting. Go:
     * {@code select { case v, ok := <-ch: ... default: ... }}. It never waits for a sender; like Go's, it may
     * briefly take the channel's lock, which other operations hold for a few steps and never while parked. It
     * never throws for a closed channel, so a polling loop learns about the close from the result.
     *
     * @return {@link ReceiveResult.Received} with the value, {@link ReceiveResult.Empty} if none is available
     *         now, or {@link ReceiveResult.Closed} (with the close cause, if any) if the channel is closed and
     *         drained
     */
    ReceiveResult<T> tryReceive();

    /**
     * Receives a value, waiting at most {@code timeout}, like
     * {@link java.util.concurrent.BlockingQueue#poll(long, java.util.concurrent.TimeUnit)}.
     *
     * @param timeout how long to wait; zero or negative means do not wait
     * @return the value, or {@code null} if the time ran out (nothing was taken)
     * @throws ChannelClosedException if the channel is closed and drained
     * @throws InterruptedException   if interrupted while waiting; nothing was taken
     * @throws NullPointerException   if {@code timeout} is null
     */
    T receive(Duration timeout) throws InterruptedException;

    /**
     * Whether the channel has been closed. Buffered values may remain to be received.
     *
     * @return true once the channel is closed
     */
    boolean isClosed();

    /**
     * The number of buffered values (Go's {@code len(ch)}); a snapshot.
     *
     * @return the buffered element count
     */
    int size();

    /**
     * The buffer capacity (Go's {@code cap(ch)}): 0 unbuffered, {@link Integer#MAX_VALUE} unbounded.
     *
     * @return the capacity
     */
    int capacity();

    /**
     * An iterator that receives until the channel is closed and drained: Go's {@code for v := range ch}.
     * Each {@code next()} removes the value from the channel. Closed with a cause: {@code hasNext()} throws
     * {@link ChannelClosedException} carrying it.
     *
     * @return a blocking iterator over the values received from this channel
     */
    @Override
    Iterator<T> iterator();

    /**
     * A sequential stream of received values that ends when the channel is closed and drained. Each element is
     * removed from the channel as the stream pulls it; the stream blocks while waiting. As with the
     * {@linkplain #iterator() iterator}, the terminal operation throws {@link ChannelClosedException} (carrying
     * the cause) if the channel was closed with a cause, and
     * {@link java.util.concurrent.CancellationException} if the thread is interrupted while waiting.
     *
     * @return a stream over the values received from this channel
     */
    Stream<T> stream();
}
