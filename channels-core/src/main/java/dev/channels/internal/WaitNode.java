package dev.channels.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One registration of a waiter in one channel's send or receive queue.
 *
 * <p>A plain blocking send or receive is its own waiter ({@code waiter == this}), so it allocates one object.
 * A select shares one {@link Waiter} among one node per case. Links and {@code queue} are guarded by the lock of
 * the channel whose queue holds the node.
 */
final class WaitNode extends Waiter {
    /** The waiter this registration belongs to; {@code this} for a plain operation. */
    final Waiter waiter;
    /** The select case index, or -1 for a plain operation. */
    final int caseIndex;
    /** Send: the value offered (set before linking). Receive: the value handed over (set before firing). */
    Object item;

    WaitNode prev;
    WaitNode next;
    /** The queue this node is linked in, or null once unlinked. */
    WaitQueue queue;

    /** A plain operation's node, its own waiter. */
    WaitNode(Object item) {
        this.waiter = this;
        this.caseIndex = -1;
        this.item = item;
    }

    /**
     * Parks the owner of this plain operation's node, linked in {@code queue} (guarded by {@code lock}), until it
     * fires, is told to retry, times out or is interrupted, after spinning for {@code spinOn}'s adaptive budget
     * if it is not null; a node that timed out or was interrupted is unlinked before this returns or throws, so
     * it leaves no registration behind.
     *
     * @return this node (fired), {@link Waiter#RETRY} (the claimer unlinked it) or {@link Waiter#CANCELLED}
     * @throws InterruptedException if interrupted before anyone claimed it
     */
    Object park(WaitQueue queue, ReentrantLock lock, boolean timed, long deadline, ChannelImpl<?> spinOn)
            throws InterruptedException {
        Object outcome;
        try {
            outcome = await(timed, deadline, spinOn);
        } catch (InterruptedException e) {
            unlink(queue, lock);
            throw e;
        }
        if (outcome == CANCELLED) {
            unlink(queue, lock);
        }
        return outcome;
    }

    private void unlink(WaitQueue queue, ReentrantLock lock) {
        lock.lock();
        try {
            queue.unlink(this);
        } finally {
            lock.unlock();
        }
    }

    /** A select case's node. */
    WaitNode(Waiter waiter, int caseIndex, Object item) {
        this.waiter = waiter;
        this.caseIndex = caseIndex;
        this.item = item;
    }

    /**
     * What the owner waits for, for thread dumps and a test bubble's deadlock report: for example
     * {@code "receive on Channel[unbuffered, size=0]"}, or {@code "select case 2: send on ..."}. Read without the
     * lock: a diagnostic snapshot.
     */
    @Override
    public String toString() {
        WaitQueue q = queue;
        String what = q == null ? "a channel (no longer linked)" : q.operation + " on " + (q.channel == null ? "a mailbox" : q.channel);
        return caseIndex < 0 ? what : "select case " + caseIndex + ": " + what;
    }
}
