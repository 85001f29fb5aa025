package dev.channels.actors;

import java.io.Serial;

/**
 * Thrown by {@code tell} and {@code ask} on an actor that is stopping or terminated, and the cause with which a
 * pending ask fails when its actor stops: an ask still queued behind a failure, and, at termination, every reply a
 * handler kept to answer later and had not answered. When the actor was stopped by a failure, that failure is
 * this exception's {@linkplain #getCause() cause}. Go's counterpart is a send on a closed channel.
 */
public class ActorStoppedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param actorName the actor's name, used in the message
     * @param cause     the failure that stopped it, or {@code null} if it was stopped normally
     */
    public ActorStoppedException(String actorName, Throwable cause) {
        super("actor '" + actorName + "' is stopped" + (cause == null ? "" : " (failed: " + cause + ")"), cause);
    }
}
