package dev.channels.hazelcast.internal;

import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes this node's receivers waiting on one queue when an item is added anywhere in the cluster: one item
 * listener (without values) per queue and node, registered on the first wait.
 *
 * <p>Invariants: {@link #generation()} counts the "item added" events seen so far. A receiver reads the
 * generation, then looks at the queue, then waits only while the generation is unchanged; an item added after
 * the look raises the generation when its event arrives, so the wait ends then. Events are asynchronous and may
 * be lost (a client reconnecting), so every wait is also bounded by the channel's wait slice, after which the
 * receiver looks again: a lost event costs at most one slice of latency, never a value.
 */
final class ItemSignal implements ItemListener<Object> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    /** Written under the lock. */
    private volatile long generation;

    /** @return the number of "item added" events seen so far */
    long generation() {
        return generation;
    }

    /**
     * Waits until an item-added event arrives after {@code seen} was read, or {@code nanos} pass.
     *
     * @param seen  a value of {@link #generation()} read before the caller looked at the queue
     * @param nanos the longest wait, in nanoseconds
     * @throws InterruptedException if the caller is interrupted while waiting (nothing was taken)
     */
    void await(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (generation == seen && left > 0L) {
                left = added.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void itemAdded(ItemEvent<Object> event) {
        lock.lock();
        try {
            generation++;
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void itemRemoved(ItemEvent<Object> event) {
        // receivers wait only for additions
    }
}
