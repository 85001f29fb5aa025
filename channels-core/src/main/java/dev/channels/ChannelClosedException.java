package dev.channels;

import java.io.Serial;

/**
 * Thrown by an operation on a closed channel: a send on a channel that is closed (Go panics with
 * "send on closed channel"), or a receive that finds the channel closed and drained.
 *
 * <p>Unchecked, because in Go it is a programming error to send on a closed channel, and the receive forms that
 * expect closure ({@link ReceiveChannel#receiveOrClosed()}, for-each) do not throw it for a plain close.
 * When the channel was closed with {@link SendChannel#close(Throwable)}, that throwable is this exception's
 * {@linkplain #getCause() cause}.
 */
public class ChannelClosedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was attempted, for example {@code "send on closed channel"}
     * @param cause   the throwable the channel was closed with, or {@code null} for a plain close
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
