package dev.channels;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The answer of a receive that does not throw for "closed": {@link ReceiveChannel#tryReceive()},
 * {@link ReceiveChannel#receiveOrClosed()} and {@link Select#onReceiveOrClosed}. Each answer has one meaning
 * across the API:
 * <ul>
 *   <li>{@link Received}: a value was taken from the channel;</li>
 *   <li>{@link Empty}: nothing was available at that moment (only {@code tryReceive} answers this);</li>
 *   <li>{@link Closed}: the channel is closed and drained, and nothing more will arrive; its
 *       {@linkplain Closed#cause() cause} is the throwable given to {@link SendChannel#close(Throwable)}, or
 *       {@code null} for a plain {@link SendChannel#close()}.</li>
 * </ul>
 *
 * <p>Go's {@code v, ok := <-ch} is {@code receiveOrClosed()}: {@code ok == false} is {@code Closed}. A pattern
 * {@code switch} handles every answer, and the compiler checks that none is missed:
 * <pre>{@code
 * switch (ch.tryReceive()) {
 *     case ReceiveResult.Received<String>(String v) -> handle(v);
 *     case ReceiveResult.Empty<String>() -> doSomethingElse();
 *     case ReceiveResult.Closed<String>(Throwable cause) -> finish(cause);
 * }
 * }</pre>
 * For the common cases the default methods read shorter: {@link #isReceived()}, {@link #isClosed()},
 * {@link #orElse(Object)} and {@link #orElseThrow()}.
 *
 * <p>Why a result type and not {@link java.util.Optional} or an exception: an empty {@code Optional} cannot say
 * whether the channel is empty for now or closed for good, and a polling loop should learn about the close
 * without catching an exception. Jox ({@code ChannelClosed} values among the results) and Kotlin
 * ({@code ChannelResult} with {@code isSuccess}/{@code isClosed}) answer the same way; a sealed interface of
 * records is the Java form of that idea, with exhaustive pattern matching and the close cause as a component.
 * The value of {@code Received} is never {@code null} (channels refuse {@code null} elements).
 *
 * @param <T> the element type
 */
public sealed interface ReceiveResult<T> permits ReceiveResult.Received, ReceiveResult.Empty, ReceiveResult.Closed {

    /**
     * A value was received.
     *
     * @param value the received value, not null
     * @param <T>   the element type
     */
    record Received<T>(T value) implements ReceiveResult<T> {
        /**
         * Creates the result.
         *
         * @param value the received value
         * @throws NullPointerException if {@code value} is null
         */
        public Received {
            Objects.requireNonNull(value, "ReceiveResult.Received: value is null");
        }
    }

    /**
     * Nothing was available at the moment of a {@link ReceiveChannel#tryReceive()}; the channel is open, or
     * closed with values still buffered that another receiver took first. All instances are equal;
     * {@link ReceiveResult#empty()} returns a shared one.
     *
     * @param <T> the element type
     */
    record Empty<T>() implements ReceiveResult<T> {
        private static final Empty<?> SHARED = new Empty<>();
    }

    /**
     * The channel is closed and drained: no value was taken, and none will arrive.
     *
     * @param cause the throwable the channel was closed with ({@link SendChannel#close(Throwable)}), or
     *              {@code null} for a plain {@link SendChannel#close()}
     * @param <T>   the element type
     */
    record Closed<T>(Throwable cause) implements ReceiveResult<T> {
        private static final Closed<?> PLAIN = new Closed<>(null);
    }

    /**
     * The shared "nothing available now" result; no allocation.
     *
     * @param <T> the element type
     * @return an {@link Empty}
     */
    @SuppressWarnings("unchecked")
    static <T> ReceiveResult<T> empty() {
        return (ReceiveResult<T>) Empty.SHARED;
    }

    /**
     * A "closed and drained" result; for a {@code null} cause, a shared instance (no allocation).
     *
     * @param cause the close cause, or {@code null} for a plain close
     * @param <T>   the element type
     * @return a {@link Closed} carrying {@code cause}
     */
    @SuppressWarnings("unchecked")
    static <T> ReceiveResult<T> closed(Throwable cause) {
        return cause == null ? (ReceiveResult<T>) Closed.PLAIN : new Closed<>(cause);
    }

    /**
     * Whether a value was received. Go: {@code ok} of {@code v, ok := <-ch}.
     *
     * @return true for {@link Received}
     */
    default boolean isReceived() {
        return this instanceof Received<T>;
    }

    /**
     * Whether the channel was found closed and drained.
     *
     * @return true for {@link Closed}
     */
    default boolean isClosed() {
        return this instanceof Closed<T>;
    }

    /**
     * The received value, or {@code other} if nothing was received (empty or closed).
     *
     * @param other the value to return when nothing was received; may be null
     * @return the received value or {@code other}
     */
    default T orElse(T other) {
        return this instanceof Received<T>(T value) ? value : other;
    }

    /**
     * The received value, or an exception saying why there is none.
     *
     * @return the received value
     * @throws NoSuchElementException if this is {@link Empty} (nothing was available)
     * @throws ChannelClosedException if this is {@link Closed}; its cause is the close cause
     */
    default T orElseThrow() {
        return switch (this) {
            case Received<T>(T value) -> value;
            case Empty<T>() -> throw new NoSuchElementException("ReceiveResult.orElseThrow: nothing was received");
            case Closed<T>(Throwable cause) -> throw new ChannelClosedException("receive on closed channel", cause);
        };
    }
}
