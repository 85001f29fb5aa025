package dev.channels.actors.internal;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mailbox queue ({@link MailboxSends#useQueueForTest}) whose offer of one chosen value throws once, as an
 * {@link OutOfMemoryError} creating a queue chunk would. Multi-producer safe; never refuses otherwise.
 */
final class FailingQueue extends ConcurrentLinkedQueue<Object> {
    private volatile Object failOn;
    private volatile Error error;

    /** The next offer of {@code value} throws {@code e} (once). */
    void failOfferOf(Object value, Error e) {
        error = e;
        failOn = value;
    }

    @Override
    public boolean offer(Object o) {
        Object f = failOn;
        if (f != null && f.equals(o)) {
            failOn = null;
            throw error;
        }
        return super.offer(o);
    }
}
