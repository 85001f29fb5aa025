package dev.channels.hazelcast.internal;

import java.util.Optional;

/**
 * The one place where a receive primitive's answer (a value, {@link HzChannel#EMPTY}, or a
 * {@link HzChannel.Closed} marker) becomes the public result type of {@code tryReceive} and
 * {@code receiveOrClosed}.
 *
 * <p>Written against the current core interfaces ({@code Optional}; "closed" throws). When core's
 * {@code ReceiveResult} lands, these two methods become (and the two methods' return types change in
 * {@link HzChannel} and {@link HzReceiveView}):
 * <pre>{@code
 * static <T> ReceiveResult<T> orClosed(HzChannel<T> ch, Object v) {
 *     return v instanceof HzChannel.Closed c ? ReceiveResult.closed(ch.closeCause(c))
 *             : new ReceiveResult.Received<>(HzChannel.cast(v));
 * }
 * static <T> ReceiveResult<T> now(HzChannel<T> ch, Object v) {
 *     return v instanceof HzChannel.Closed c ? ReceiveResult.closed(ch.closeCause(c))
 *             : v == HzChannel.EMPTY ? ReceiveResult.empty() : new ReceiveResult.Received<>(HzChannel.cast(v));
 * }
 * }</pre>
 */
final class Results {
    private Results() {
    }

    /** {@code receiveOrClosed}: the value, or empty for a plain close; a close cause throws. */
    static <T> Optional<T> orClosed(HzChannel<T> ch, Object v) {
        if (v instanceof HzChannel.Closed c) {
            if (c.withCause()) {
                throw ch.receiveClosed(c);
            }
            return Optional.empty();
        }
        return Optional.of(HzChannel.cast(v));
    }

    /** {@code tryReceive}: the value, or empty if none now; closed and drained throws. */
    static <T> Optional<T> now(HzChannel<T> ch, Object v) {
        if (v instanceof HzChannel.Closed c) {
            throw ch.receiveClosed(c);
        }
        return v == HzChannel.EMPTY ? Optional.empty() : Optional.of(HzChannel.cast(v));
    }
}
