package dev.channels.actors;

import java.io.Serial;

/**
 * Thrown by a tell (or ask) on an actor whose bounded mailbox is full under {@link Overflow#FAIL}: the sender
 * learns at once that the actor is behind, instead of waiting. An ask dropped by {@link Overflow#DROP_NEWEST} or
 * {@link Overflow#DROP_OLDEST} fails with it too. Go has no counterpart; the nearest is
 * {@code select { case ch <- v: default: return errFull }}.
 *
 * <p>Unchecked: it reports load, not a programming error, but a caller that chose {@code FAIL} expects it.
 */
public class MailboxFullException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param capacity the capacity of the mailbox that was full, named in the message
     */
    public MailboxFullException(int capacity) {
        super("mailbox full (capacity " + capacity + ")");
    }

    /**
     * Creates the exception for a mailbox with a known owner.
     *
     * @param owner    whose mailbox was full, named in the message (for example {@code "actor 'orders'"})
     * @param capacity the capacity of the mailbox that was full, named in the message
     */
    public MailboxFullException(String owner, int capacity) {
        super("mailbox of " + owner + " is full (capacity " + capacity + ")");
    }
}
