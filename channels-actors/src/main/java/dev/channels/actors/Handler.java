package dev.channels.actors;

/**
 * The behaviour of a message actor: handles one message at a time, on the actor's own reader task, so the
 * handler's fields need no synchronisation. A {@code sealed interface} of records and a pattern-matching
 * {@code switch} make an exhaustive handler (see {@link MessageRef}).
 *
 * @param <M> the message type
 */
@FunctionalInterface
public interface Handler<M> {

    /**
     * Handles one message. Each message starts on a thread whose interrupt status is clear: a status this
     * method leaves set (for example after catching {@link InterruptedException} and re-interrupting) ends
     * with it, and an interrupt that reaches the actor while it is idle is discarded.
     *
     * @param message the message
     * @throws Exception anything; for a {@code tell} the actor's {@link FailurePolicy} decides what happens, for
     *                   an {@code ask} the exception goes back to the asker
     */
    void handle(M message) throws Exception;
}
