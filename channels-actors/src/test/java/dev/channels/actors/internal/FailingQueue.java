package dev.channels.actors.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mailbox queue ({@link MailboxSends#useQueueForTest}) whose offer of chosen values throws once each, as an
 * {@link OutOfMemoryError} creating a queue chunk would. Multi-producer safe; never refuses otherwise.
 */
final class FailingQueue extends ConcurrentLinkedQueue<Object> {
    private final Set<Object> failOn = ConcurrentHashMap.newKeySet();
    private volatile Error error;

    /** The next offer of each of {@code values} throws {@code e} (once per value). */
    void failOffersOf(Error e, Object... values) {
        error = e;
        failOn.addAll(Set.of(values));
    }

    @Override
    public boolean offer(Object o) {
        if (failOn.remove(o)) {
            throw error;
        }
        return super.offer(o);
    }
}
