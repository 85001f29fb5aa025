package dev.channels;

import java.io.Serial;

/**
 * Thrown by a send on a full bounded {@link Mailbox} whose overflow policy is {@link Mailbox.Overflow#FAIL}:
 * the sender learns at once that the reader is behind, instead of waiting (Go has no counterpart; the nearest
 * is {@code select { case ch <- v: default: return errFull }}).
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
