package dev.channels;

import java.io.Serial;
import java.util.Objects;

/**
 * Thrown by an operation on a closed channel: a send on a channel that is closed (Go panics with
 * "send on closed channel"), or a receive that finds the channel closed and drained.
 *
 * <p>Unchecked, because in Go it is a programming error to send on a closed channel, and the receive forms that
 * expect closure do not throw it: {@link ReceiveChannel#receiveOrClosed()} and {@link ReceiveChannel#tryReceive()}
 * return {@link ReceiveResult.Closed}, and for-each ends (after a plain close).
 * When the channel was closed with {@link SendChannel#close(Throwable)}, that throwable is this exception's
 * {@linkplain #getCause() cause}, and the message names it, so that a log line shows why the channel closed.
 */
public class ChannelClosedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception. Its message is {@code message}, followed by {@code " (closed with " + cause + ")"}
     * when there is a cause.
     *
     * @param message what was attempted, for example {@code "send on closed channel"}
     * @param cause   the throwable the channel was closed with, or {@code null} for a plain close
     * @throws NullPointerException if {@code message} is null
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(withCause(message, cause), cause);
    }

    private static String withCause(String message, Throwable cause) {
        Objects.requireNonNull(message, "ChannelClosedException: message is null");
        return cause == null ? message : message + " (closed with " + cause + ")";
    }
}
