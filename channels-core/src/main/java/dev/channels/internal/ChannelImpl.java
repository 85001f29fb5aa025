package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveChannel;
import dev.channels.SendChannel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The channel: unbuffered (capacity 0), buffered (1..2^30) and unbounded ({@link Integer#MAX_VALUE}).
 *
 * <h2>Overview of implementation</h2>
 * Go's runtime design ({@code chan.go}): one lock per channel guards the buffer, the two FIFO wait queues of
 * parked senders and receivers, and the closed flag. Every operation holds the lock for O(1) work and never
 * while parking; parking and the exactly-once claim live in {@link Waiter}, and select reuses the same wait
 * queues with one waiter shared by all its cases ({@link Selector}).
 *
 * <p>Invariants (under the lock; Go states the same ones):
 * <ol>
 *   <li>If receivers wait, the buffer is empty: a send hands its value straight to the oldest live waiting
 *       receiver before it looks at the buffer.</li>
 *   <li>If senders wait, the buffer is full (or the channel is unbuffered): a receive that takes from a full
 *       buffer moves the oldest live waiting sender's value into the freed slot, so waiting senders are served
 *       in arrival order and a newcomer cannot overtake them.</li>
 *   <li>Closed is final and is set under the lock: every send after it throws, every waiter present at that
 *       moment is woken to re-run (senders then throw, receivers drain the buffer and then see closed), and
 *       no waiter can register afterwards without seeing it.</li>
 *   <li>A waiter is fired only by a thread holding this channel's lock, after unlinking its node; a stale node
 *       (its waiter fired through another channel, timed out or was interrupted) fails the claim and is
 *       unlinked on the way, so finding the next live waiter skips only nodes of operations that are in the
 *       middle of returning.</li>
 *   <li>A value leaves a sender exactly once: a waiting sender's value is taken (or moved into the buffer) only
 *       by the thread that won the claim on its waiter, and a receiver is handed a value only through a won
 *       claim; a cancelled (timed-out or interrupted) waiter lost the claim, so nothing was delivered or taken.</li>
 * </ol>
 *
 * <p>One departure from Go: a waiter on an unbuffered channel re-checks its state for an adaptive budget before
 * it parks ({@link AdaptiveSpin}, {@link #spinUntilFired}), because parking a virtual thread costs microseconds
 * and a partner on another carrier is usually much closer than that. Spinning happens after the node is linked
 * and the lock released, and only reads the waiter's state, so it changes no invariant below: it only decides
 * whether the owner parks at all.
 *
 * <p>Reads without the lock: {@link #size()} and {@link #isClosed()} read volatile mirrors written under the
 * lock. The one lock-free decision is on an unbuffered channel: a non-blocking send (receive) with no waiting
 * receiver (sender) reads the queue size and then the closed flag; both held at the moment the size was read,
 * because closed never reverts, so "would block" or "closed" is a linearizable answer without the lock.
 *
 * <p>Why not a lock-free buffer: an earlier version kept the buffer in a JCTools MPMC queue with a separate
 * slot counter. Lincheck found that the counter and the queue's order are not updated at one atomic point
 * (a completed receive still counted as occupying a slot; a reserved send was ordered by its later offer),
 * which is not linearizable. A correct lock-free buffer needs one structure whose single CAS both reserves and
 * orders, with cell states for half-done operations (Koval, Alistarh, Elizarov, PPoPP 2023); until that exists
 * and passes the same checks, this class follows Go.
 *
 * <p>Why not a lock-free claim of a waiting partner beside the lock: it was built (a plain send or receive
 * claimed the oldest waiting node by one CAS, without the lock; close woke its waiters before publishing
 * {@code closed}), passed the model checks whose negative controls it caught, and was not faster: the waiting
 * side still takes the lock to register, and the two sides meet there (issue 13;
 * {@code channels-bench/results/lockfree-claim-2026-11-30.md}, {@code handoff-profiles-2026-11-30.md}).
 *
 * @param <T> the element type
 */
public final class ChannelImpl<T> extends ReceiveForms<T> implements Channel<T> {
    private static final AtomicLong IDS = new AtomicLong();

    /** Result of the internal send attempts. */
    static final int SENT = 0;
    static final int WOULD_BLOCK = 1;
    static final int CLOSED = 2;

    /** Unique, increasing: the order in which a select takes channel locks (Go sorts by address). */
    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    final WaitQueue senders = new WaitQueue(this, "send");
    final WaitQueue receivers = new WaitQueue(this, "receive");
    /** The test bubble that created this channel, or null ({@link Bubble}; read only by bubbles). */
    final Bubble bubble = Bubble.anyActive() ? Bubble.currentMember() : null;

    private final int capacity;
    private final boolean unbounded;
    /** null for an unbuffered channel; guarded by the lock. Grows on demand up to the capacity. */
    private final ArrayDeque<Object> buffer;
    /** The number of buffered values; written under the lock, read anywhere. */
    private volatile int count;
    /** Written under the lock; never reverts. */
    private volatile boolean closed;
    /** Written under the lock before {@code closed}; read after seeing {@code closed}. */
    private Throwable closeCause;
    /** Unbuffered only: how long waiters spin before parking; plain and racy ({@link AdaptiveSpin}). */
    private int spinHint;

    private SendChannel<T> sendView;
    private ReceiveChannel<T> receiveView;

    /**
     * Creates a channel. Callers validate {@code capacity}: 0 unbuffered, {@link Integer#MAX_VALUE} unbounded.
     *
     * @param capacity the buffer capacity
     */
    public ChannelImpl(int capacity) {
        this.capacity = capacity;
        this.unbounded = capacity == Integer.MAX_VALUE;
        this.buffer = capacity == 0 ? null : new ArrayDeque<>(Math.min(capacity, 16));
    }

    /**
     * The channel behind {@code channel} or one of its views, for select.
     *
     * @param channel a channel made by {@link Channel}'s factories, or a view of one
     * @return the implementation
     * @throws IllegalArgumentException if {@code channel} is some other implementation, or a view of one (such as
     *                                  a distributed channel's); the message points to {@code Channels.merge}
     */
    public static ChannelImpl<?> of(Object channel) {
        Objects.requireNonNull(channel, "channel is null");
        if (channel instanceof ChannelImpl<?> c) {
            return c;
        }
        if (channel instanceof SendOnlyView<?> v) {
            return of(v.channel); // a view wraps a Channel, never a view: one level
        }
        if (channel instanceof ReceiveOnlyView<?> v) {
            return of(v.channel);
        }
        // Select's check: another implementation (e.g. a distributed channel) gets a pointer to the local proxy.
        throw new IllegalArgumentException("not a channel created by Channel's factories: " + channel.getClass()
                + "; select supports only local channels: to select on another implementation (such as a "
                + "distributed channel), receive through a local proxy, Channels.merge(channel), or send to a local "
                + "channel that a thread forwards");
    }

    // ------------------------------------------------------------------------------------------------ send

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "Channel.send: value is null");
        sendBlocking(value, false, 0L);
    }

    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "Channel.send: value is null");
        long nanos = Deadlines.nanos(timeout, "Channel.send: timeout is null");
        if (nanos <= 0L) {
            return trySend(value);
        }
        return sendBlocking(value, true, Deadlines.deadline(nanos));
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "Channel.trySend: value is null");
        int r;
        if (buffer == null && receivers.size() == 0) {
            r = closed ? CLOSED : WOULD_BLOCK; // see the class comment: linearizable without the lock
        } else {
            lock.lock();
            try {
                r = trySendLocked(value);
            } finally {
                lock.unlock();
            }
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        return r == SENT;
    }

    private boolean sendBlocking(Object value, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            WaitNode node;
            lock.lock();
            try {
                int r = trySendLocked(value);
                if (r == SENT) {
                    return true;
                }
                if (r == CLOSED) {
                    throw closedForSend();
                }
                if (timed && Deadlines.remaining(deadline) <= 0L) {
                    return false;
                }
                node = new WaitNode(value);
                senders.add(node);
            } finally {
                lock.unlock();
            }
            Object outcome = node.park(senders, lock, timed, deadline, this);
            if (outcome == node) {
                return true;
            }
            if (outcome == Waiter.CANCELLED) {
                return false;
            }
            // RETRY: the channel closed; the closer unlinked the node
        }
    }

    /**
     * A send attempt: hand the value to the oldest live waiting receiver, else buffer it if there is room.
     * Used by every send and by select. Caller holds the lock.
     *
     * @return {@link #SENT}, {@link #WOULD_BLOCK} or {@link #CLOSED}
     */
    int trySendLocked(Object value) {
        if (closed) {
            return CLOSED;
        }
        WaitNode r;
        while ((r = receivers.poll()) != null) { // invariant 1: receivers wait only on an empty buffer
            r.item = value;
            if (r.waiter.tryFire(r)) {
                return SENT;
            }
            r.item = null; // stale: fired elsewhere or cancelled
        }
        if (buffer != null && (unbounded || count < capacity)) {
            buffer.addLast(value);
            count = count + 1;
            return SENT;
        }
        return WOULD_BLOCK;
    }

    // --------------------------------------------------------------------------------------------- receive

    @Override
    Object receiveNow() {
        if (buffer == null && senders.size() == 0) {
            return closed ? CLOSED_MARK : EMPTY; // see the class comment: linearizable without the lock
        }
        lock.lock();
        try {
            return tryReceiveLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    Object receiveBlocking(boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            WaitNode node;
            lock.lock();
            try {
                Object v = tryReceiveLocked();
                if (v != EMPTY) {
                    return v;
                }
                if (timed && Deadlines.remaining(deadline) <= 0L) {
                    return EMPTY;
                }
                node = new WaitNode(null);
                receivers.add(node);
            } finally {
                lock.unlock();
            }
            Object outcome = node.park(receivers, lock, timed, deadline, this);
            if (outcome == node) {
                return node.item;
            }
            if (outcome == Waiter.CANCELLED) {
                return EMPTY;
            }
            // RETRY: the channel closed; the closer unlinked the node
        }
    }

    /**
     * A receive attempt: take the oldest buffered value (refilling its slot from the oldest live waiting
     * sender), else take a waiting sender's value directly (unbuffered). Used by every receive and by select.
     * Caller holds the lock.
     *
     * @return a value, {@link #EMPTY} or {@link #CLOSED_MARK}
     */
    Object tryReceiveLocked() {
        if (buffer != null && count != 0) {
            Object v = buffer.pollFirst();
            WaitNode s;
            while ((s = senders.poll()) != null) { // invariant 2: senders wait only on a full buffer
                if (s.waiter.tryFire(s)) {
                    buffer.addLast(s.item); // the slot passes to the oldest waiting sender; count unchanged
                    return v;
                }
            }
            count = count - 1;
            return v;
        }
        WaitNode s;
        while ((s = senders.poll()) != null) {
            Object v = s.item;
            if (s.waiter.tryFire(s)) {
                return v;
            }
        }
        return closed ? CLOSED_MARK : EMPTY;
    }

    // ----------------------------------------------------------------------------------------------- close

    @Override
    public boolean close() {
        return closeWith(null);
    }

    @Override
    public boolean close(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "Channel.close: cause is null"));
    }

    private boolean closeWith(Throwable cause) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closeCause = cause;
            closed = true;
            WaitNode n;
            while ((n = senders.poll()) != null) {
                n.waiter.tryRetry(); // re-run: sees closed, throws; its value was never taken
            }
            while ((n = receivers.poll()) != null) {
                n.waiter.tryRetry(); // re-run: the buffer is empty (invariant 1), so it sees closed
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The close cause, or null; meaningful once {@link #isClosed()} is true. */
    Throwable closeCause() {
        return closeCause;
    }

    @Override
    boolean closedWithCause() {
        return closeCause != null;
    }

    // ------------------------------------------------------------------------------------------- inspection

    @Override
    public int size() {
        return count;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** The number of linked sender nodes, live or stale (for tests of select cleanup). */
    public int waitingSenders() {
        return senders.size();
    }

    /** The number of linked receiver nodes, live or stale (for tests of select cleanup). */
    public int waitingReceivers() {
        return receivers.size();
    }

    @Override
    public SendChannel<T> sendOnly() {
        SendChannel<T> v = sendView;
        if (v == null) {
            sendView = v = new SendOnlyView<>(this);
        }
        return v;
    }

    @Override
    public ReceiveChannel<T> receiveOnly() {
        ReceiveChannel<T> v = receiveView;
        if (v == null) {
            receiveView = v = new ReceiveOnlyView<>(this);
        }
        return v;
    }

    @Override
    public Iterator<T> iterator() {
        return new ChannelIterator<>(this);
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public String toString() {
        String kind = capacity == 0 ? "unbuffered" : capacity == Integer.MAX_VALUE ? "unbounded"
                : "buffered(" + capacity + ")";
        return "Channel[" + kind + ", size=" + size() + (closed ? ", closed]" : "]");
    }

    // -------------------------------------------------------------------------------------------- helpers

    /**
     * Spins on {@code waiter}, registered on this channel, for the channel's current budget, and records whether
     * its partner came in time ({@link AdaptiveSpin}); returns at once on a buffered channel, which never spins.
     * Called without the lock.
     */
    void spinUntilFired(Waiter waiter) {
        if (AdaptiveSpin.MAX == 0 || buffer != null) {
            return;
        }
        int h = spinHint;
        int budget = AdaptiveSpin.budget(h);
        if (budget == 0) {
            spinHint = AdaptiveSpin.skipped(h);
            return;
        }
        for (int i = 0; i < budget && waiter.state() == null; i++) {
            Thread.onSpinWait();
        }
        spinHint = AdaptiveSpin.spun(budget, waiter.state() != null);
    }

    /** The adaptive spin hint, for tests. */
    int spinHint() {
        return spinHint;
    }

    void unlinkLocked(WaitNode node, WaitQueue queue) {
        lock.lock();
        try {
            queue.unlink(node);
        } finally {
            lock.unlock();
        }
    }

    ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on closed channel", closeCause);
    }

    @Override
    ChannelClosedException closedForReceive() {
        return new ChannelClosedException("receive on closed channel", closeCause);
    }


}
