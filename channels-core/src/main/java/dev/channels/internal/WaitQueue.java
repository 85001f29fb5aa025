package dev.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A FIFO of {@link WaitNode}s: the senders or the receivers parked on one channel (Go's {@code sendq} and
 * {@code recvq}).
 *
 * <p>All mutation happens under the owning channel's lock. The list is doubly linked so that a select that
 * lost, or a waiter that timed out, unlinks its node in O(1). {@link #size()} is a volatile mirror that the
 * channel reads without the lock for its lock-free "nobody waits" decision (see {@link ChannelImpl}).
 *
 * <p>Lock-free readers: {@link #firstLive()} walks from {@code head} along {@code next} without the lock, for
 * the unbuffered channel's lock-free claim. Every write of {@code head} and {@code next} is a release store and
 * that walk uses acquire loads, so a reader that reaches a node also sees the fields written before it was
 * linked (a send node's {@code item}). Invariants the walk relies on:
 * <ol>
 *   <li>Nodes are appended at the tail only, and an unlinked node is never linked again; so any value ever
 *       read from {@code head} or {@code x.next} is a node linked after every node it skips, and every skipped
 *       node had been unlinked when that value was written.</li>
 *   <li>A node is unlinked only once its waiter has left WAITING, or by a thread holding the lock that
 *       claims it before unlocking (poll, then CAS).</li>
 *   <li>A node fired without the lock stays linked until a locked operation drops it: {@link #add} and
 *       {@link #pruneStaleHead} unlink the prefix of nodes whose waiter is no longer WAITING. Such a node is
 *       always inside that prefix (every node before it was seen not WAITING when it was claimed, states never
 *       return to WAITING, and new nodes go behind it), so one locked operation removes all of them.</li>
 * </ol>
 */
final class WaitQueue {
    private static final VarHandle SIZE;
    private static final VarHandle HEAD;
    private static final VarHandle NEXT;
    /** How many not-WAITING nodes {@link #firstLive()} steps over before it gives up (the caller takes the lock). */
    private static final int MAX_SKIPS = 8;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(WaitQueue.class, "size", int.class);
            HEAD = l.findVarHandle(WaitQueue.class, "head", WaitNode.class);
            NEXT = l.findVarHandle(WaitNode.class, "next", WaitNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The channel that owns this queue, or null; for descriptions and the test bubble's checks. */
    final ChannelImpl<?> channel;
    /** "send" or "receive": what the nodes linked here wait to do. */
    final String operation;

    /** Written under the lock with release stores; read without it by {@link #firstLive()}. */
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

    /**
     * The oldest node whose waiter is still WAITING, read without the lock; null if there is none, or if more
     * than a few nodes that are no longer WAITING come first, or if the walk met a node being unlinked. A
     * non-null answer was WAITING when read and is a candidate for a claim CAS, nothing more; null means only
     * "take the lock".
     */
    WaitNode firstLive() {
        WaitNode n = (WaitNode) HEAD.getAcquire(this);
        for (int skipped = 0; n != null; skipped++) {
            if (n.waiter.state() == null) {
                return n;
            }
            if (skipped == MAX_SKIPS) {
                return null;
            }
            n = (WaitNode) NEXT.getAcquire(n);
        }
        return null;
    }

    /**
     * The number of linked nodes minus the leading nodes whose waiter is no longer WAITING (what lock-free
     * claims leave behind), read without the lock: a snapshot, between 0 and {@link #size()}.
     */
    int sizeWithoutStaleHead() {
        int n = size;
        WaitNode h = (WaitNode) HEAD.getAcquire(this);
        while (h != null && n > 0 && h.waiter.state() != null) {
            n--;
            h = (WaitNode) NEXT.getAcquire(h);
        }
        return n;
    }

    /**
     * Unlinks the nodes at the head whose waiter is no longer WAITING (nodes fired without the lock, and stale
     * nodes whose owners will unlink them anyway; unlinking twice is a no-op). Caller holds the lock.
     */
    void pruneStaleHead() {
        WaitNode h;
        while ((h = head) != null && h.waiter.state() != null) {
            unlink(h);
        }
    }

    /** Links {@code node} at the tail, after dropping the stale nodes at the head. Caller holds the lock. */
    void add(WaitNode node) {
        pruneStaleHead();
        node.queue = this;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            HEAD.setRelease(this, node);
        } else {
            NEXT.setRelease(tail, node);
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
            HEAD.setRelease(this, n);
        } else {
            NEXT.setRelease(p, n);
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        NEXT.setRelease(node, (WaitNode) null);
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
