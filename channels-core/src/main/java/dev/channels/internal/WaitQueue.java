package dev.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A FIFO of {@link WaitNode}s: the senders or the receivers parked on one channel (Go's {@code sendq} and
 * {@code recvq}).
 *
 * <p>All mutation happens under the owning channel's lock. The list is doubly linked so that a select that
 * lost, or a waiter that timed out, unlinks its node in O(1). {@link #size()} is a volatile mirror that the
 * channel reads without the lock for its one lock-free decision (see {@link ChannelImpl}).
 */
final class WaitQueue {
    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(WaitQueue.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The channel that owns this queue, or null; for descriptions and the test bubble's checks. */
    final ChannelImpl<?> channel;
    /** "send" or "receive": what the nodes linked here wait to do. */
    final String operation;

    private WaitNode head;
    private WaitNode tail;
    /** Linked nodes, live or stale. Written under the lock, read anywhere. */
    private volatile int size;

    /** A queue of senders outside any channel (the mailbox's blocked senders). */
    WaitQueue() {
        this(null, "send");
    }

    WaitQueue(ChannelImpl<?> channel, String operation) {
        this.channel = channel;
        this.operation = operation;
    }

    /** lvSize: the number of linked nodes (load volatile). */
    int size() {
        return size;
    }

    /** The oldest linked node, or null. Caller holds the lock. */
    WaitNode head() {
        return head;
    }

    /** Links {@code node} at the tail. Caller holds the lock. */
    void add(WaitNode node) {
        node.queue = this;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        SIZE.setVolatile(this, size + 1);
    }

    /** Unlinks {@code node} if it is linked here; a no-op otherwise. Caller holds the lock. */
    void unlink(WaitNode node) {
        if (node.queue != this) {
            return;
        }
        WaitNode p = node.prev;
        WaitNode n = node.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        node.next = null;
        node.queue = null;
        SIZE.setRelease(this, size - 1);
    }

    /** Unlinks and returns the oldest node, or null. Caller holds the lock. */
    WaitNode poll() {
        WaitNode h = head;
        if (h != null) {
            unlink(h);
        }
        return h;
    }
}
