package dev.channels.actors.internal;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mailbox queue ({@link MailboxSends#useQueueForTest}) whose offer of chosen values throws once each, as an
 * {@link OutOfMemoryError} creating a queue chunk would. Multi-producer safe (a {@link ConcurrentLinkedQueue}
 * underneath); never refuses otherwise.
 */
final class FailingQueue extends AbstractQueue<Object> {
    private final ConcurrentLinkedQueue<Object> values = new ConcurrentLinkedQueue<>();
    private final Set<Object> failOn = ConcurrentHashMap.newKeySet();
    private volatile Error error;

    /** The next offer of each of {@code values} throws {@code e} (once per value). */
    void failOffersOf(Error e, Object... failing) {
        error = e;
        failOn.addAll(Set.of(failing));
    }

    @Override
    public boolean offer(Object o) {
        if (failOn.remove(o)) {
            throw error;
        }
        return values.offer(o);
    }

    @Override
    public Object poll() {
        return values.poll();
    }

    @Override
    public Object peek() {
        return values.peek();
    }

    @Override
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Iterator<Object> iterator() {
        return values.iterator();
    }
}
