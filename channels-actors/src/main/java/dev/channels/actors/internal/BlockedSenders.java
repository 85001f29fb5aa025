package dev.channels.actors.internal;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The senders parked on a full bounded {@link dev.channels.actors.Overflow#BLOCK BLOCK} mailbox, oldest first,
 * and how a freed place reaches them: the mailbox's own waiting (core's channel waiters know nothing of it).
 *
 * <h2>Overview</h2>
 * A sender that finds the mailbox full, or finds others already waiting, links a {@link Node} holding its value
 * and parks. Whoever frees a place (the reader's {@code release}, or the sender itself just after linking) calls
 * {@link #pump}, which, under {@code lock}, reserves the place for the oldest node, offers that node's value to
 * the queue, and only then marks the node PLACED and unparks its sender, as Go's runtime moves a parked sender's
 * value into the buffer. Close marks every node CLOSED.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Every change of a node's state and every link/unlink happens under {@code lock}, and a node leaves the
 *       deque exactly when its state leaves WAITING. A sender that gives up (interrupt, timeout) takes the lock
 *       and unlinks its node only if it is still WAITING; so a pumped value is never also cancelled, and a
 *       cancelled node is never pumped. No node in the deque is stale, so a reserved place always finds a
 *       sender.</li>
 *   <li>A node is marked PLACED after its value is in the queue: a sender that returns has its value delivered
 *       ahead of anything it sends next (order per sender).</li>
 *   <li>No lost place (a Dekker pair): a releaser lowers the count (a volatile RMW) and then reads
 *       {@link #size()}; a sender links its node (volatile size store) and then pumps, which reads the count.
 *       At least one of them sees the other and moves the value.</li>
 *   <li>FIFO: a send that finds {@code size() != 0} queues behind the waiting senders instead of taking a place
 *       a pump is about to hand to the oldest of them.</li>
 *   <li>A failed pump leaves no stale node and no ambiguous send. The node whose offer threw is unlinked and
 *       marked RETRY (its value was not accepted: the offer gave its place back); its sender re-runs the send.
 *       The give-back's own {@code release} pumps again (the lock is reentrant), so newer nodes may be PLACED,
 *       or RETRY, before the exception reaches the caller. A sender whose own pump threw
 *       ({@link #settleAfterFailedPump}) therefore returns normally if its node was PLACED, and otherwise unlinks
 *       its node (if still WAITING) and throws: every send either returned and is delivered or dead-lettered
 *       once, or threw and is never delivered.</li>
 * </ol>
 */
final class BlockedSenders {
    static final int WAITING = 0;
    static final int PLACED = 1;
    static final int CLOSED = 2;
    /** The pump could not offer the value (out of memory creating the queue): the sender re-runs its send. */
    static final int RETRY = 3;

    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(BlockedSenders.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One parked sender. */
    static final class Node {
        final Thread thread = Thread.currentThread();
        final Object value;
        /** WAITING, PLACED or CLOSED; written under the lock, read by the parked sender without it. */
        volatile int state;

        Node(Object value) {
            this.value = value;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Node> nodes = new ArrayDeque<>();
    /** Linked nodes; written under the lock, read anywhere. */
    private volatile int size;

    /** lvSize: the number of waiting senders. */
    int size() {
        return size;
    }

    /** Links a new node for the current thread's {@code value}. Caller holds the lock. */
    Node link(Object value) {
        Node n = new Node(value);
        nodes.addLast(n);
        SIZE.setVolatile(this, size + 1); // StoreLoad before the caller's pump reads the count (invariant 3)
        return n;
    }

    /**
     * Moves waiting senders' values into free places, oldest first (invariant 2). Caller holds the lock; the
     * caller signals the reader after unlocking.
     *
     * @return true if a value was moved
     */
    boolean pumpLocked(MailboxSends<?> mailbox) {
        boolean moved = false;
        Node n;
        while ((n = nodes.peekFirst()) != null && mailbox.reserveBounded() == MailboxCount.SENT) {
            nodes.pollFirst();
            SIZE.setRelease(this, size - 1);
            try {
                mailbox.offerCounted(n.value); // gives the place back itself if it throws
            } catch (RuntimeException | Error e) {
                n.state = RETRY; // the sender re-runs and meets the error on its own thread
                Park.unpark(n.thread);
                throw e;
            }
            n.state = PLACED; // after the offer: invariant 2
            Park.unpark(n.thread);
            moved = true;
        }
        return moved;
    }

    /**
     * After {@link #pumpLocked} threw in the sender that owns {@code node} (invariant 5): unlinks the node if it
     * is still WAITING. Caller holds the lock.
     *
     * @return true if the node's value was placed (the send succeeded), false if it was not accepted (the
     *         caller rethrows)
     */
    boolean settleAfterFailedPump(Node node) {
        int s = node.state;
        if (s == WAITING && nodes.removeFirstOccurrence(node)) {
            SIZE.setRelease(this, size - 1);
        }
        return s == PLACED;
    }

    /** Takes the lock and pumps; for releasers that saw {@code size() != 0}. */
    boolean pump(MailboxSends<?> mailbox) {
        lock.lock();
        try {
            return pumpLocked(mailbox);
        } finally {
            lock.unlock();
        }
    }

    /** Marks every waiting sender CLOSED and wakes it: its value was never accepted. */
    void closeAll() {
        lock.lock();
        try {
            Node n;
            while ((n = nodes.pollFirst()) != null) {
                n.state = CLOSED;
                Park.unpark(n.thread);
            }
            SIZE.setRelease(this, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks until {@code node} is PLACED or CLOSED, the deadline passes, or the thread is interrupted.
     *
     * @return PLACED, CLOSED, RETRY, or WAITING when the time ran out (the node is then unlinked)
     * @throws InterruptedException if interrupted while still WAITING (the node is then unlinked; nothing was
     *                              sent). If the value was placed meanwhile, PLACED is returned and the interrupt
     *                              status kept.
     */
    int await(Node node, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            int s = node.state;
            if (s != WAITING) {
                return s;
            }
            boolean interrupted = Thread.interrupted();
            if (interrupted || (timed && Deadlines.remaining(deadline) <= 0L)) {
                int outcome = giveUp(node);
                if (outcome == WAITING && interrupted) {
                    throw new InterruptedException();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt(); // the send happened (or closed); keep the status
                }
                return outcome;
            }
            if (timed) {
                Park.parkUntil(this, deadline);
            } else {
                Park.park(this);
            }
        }
    }

    /** Unlinks {@code node} if still WAITING (invariant 1); returns its state as seen under the lock. */
    private int giveUp(Node node) {
        lock.lock();
        try {
            int s = node.state;
            if (s == WAITING && nodes.removeFirstOccurrence(node)) {
                SIZE.setRelease(this, size - 1);
            }
            return s;
        } finally {
            lock.unlock();
        }
    }
}
