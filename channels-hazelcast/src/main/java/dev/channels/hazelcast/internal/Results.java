package dev.channels.hazelcast.internal;

import dev.channels.ReceiveResult;

/**
 * The one place where a receive primitive's answer (a value, {@link HzChannel#EMPTY}, or a
 * {@link HzChannel.Closed} marker) becomes the {@link ReceiveResult} of {@code tryReceive} and
 * {@code receiveOrClosed}. A close is an answer, never an exception: {@code Closed(cause)}, where the cause is the
 * original object in the closing JVM and a {@link dev.channels.hazelcast.RemoteCause} elsewhere.
 */
final class Results {
    private Results() {
    }

    /** {@code receiveOrClosed}: Received or Closed (the primitive blocked, so never Empty). */
    static <T> ReceiveResult<T> orClosed(HzChannel<T> ch, Object v) {
        return v instanceof HzChannel.Closed c ? ReceiveResult.closed(ch.closeCause(c))
                : new ReceiveResult.Received<>(HzChannel.cast(v));
    }

    /** {@code tryReceive}: Received, Empty (nothing now) or Closed (closed and drained). */
    static <T> ReceiveResult<T> now(HzChannel<T> ch, Object v) {
        if (v instanceof HzChannel.Closed c) {
            return ReceiveResult.closed(ch.closeCause(c));
        }
        return v == HzChannel.EMPTY ? ReceiveResult.empty() : new ReceiveResult.Received<>(HzChannel.cast(v));
    }
}
