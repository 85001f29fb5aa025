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
 * queues with one waiter shared by all its cases ({@link Selector}). As in Go ({@code send} calls
 * {@code unlockf} before {@code goready}), a waiter is claimed under the lock and woken after the lock is
 * released ({@link #takeClaimedLocked()}, {@link #wake}), and only if it has announced that it parks
 * ({@link Waiter#wake}): the unpark of a virtual thread is a scheduler submission, and a partner spinning on the
 * lock or on its waiter should not wait for it.
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
 *   <li>A waiter is claimed only by a thread holding this channel's lock, after unlinking its node (the wake-up
 *       that follows the claim, outside the lock, changes no state); a stale node
 *       (its waiter fired through another channel, timed out or was interrupted) fails the claim and is
 *       unlinked on the way, so finding the next live waiter skips only nodes of operations that are in the
 *       middle of returning.</li>
 *   <li>A value leaves a sender exactly once: a waiting sender's value is taken (or moved into the buffer) only
 *       by the thread that won the claim on its waiter, and a receiver is handed a value only through a won
 *       claim; a cancelled (timed-out or interrupted) waiter lost the claim, so nothing was delivered or taken.</li>
 * </ol>
 *
 * <p>One departure from Go: a waiter on an unbuffered channel re-checks its state before it parks, for a budget
 * chosen per thread from whether its last partner was running ({@link AdaptiveSpin}), because parking a virtual
 * thread costs microseconds and a running partner on another carrier is usually much closer than that. Spinning
 * happens after the node is linked and the lock released, and only reads the waiter's state, so it changes no
 * invariant: it only decides whether the owner parks at all.
 *
 * <p>Reads without the lock: {@link #size()} and {@link #isClosed()} read volatile mirrors written under the
 * lock. The one lock-free decision is on an unbuffered channel: a non-blocking send (receive) with no waiting
 * receiver (sender) reads the queue size and then the closed flag; both held at the moment the size was read,
 * because closed never reverts, so "would block" or "closed" is a linearizable answer without the lock.
 *
 * <p>Why no lock-free fast path yet: an uncontended lock round trip costs tens of nanoseconds, two per
 * hand-off, while a hand-off whose waiter parks costs microseconds (a virtual thread's unmount, submission and
 * remount), so the spin policy and the wake-up outside the lock come first. A lock-free claim of a waiting
 * receiver also needs a second claim step: the value must be written into the receiver's node by the claimer
 * that wins, and with a locked and a lock-free claimer both could write it before either CAS. That design is
 * left for when it can be verified like the rest.
 *
 * <p>Why not a lock-free buffer: an earlier version kept the buffer in a JCTools MPMC queue with a separate
 * slot counter. Lincheck found that the counter and the queue's order are not updated at one atomic point
 * (a completed receive still counted as occupying a slot; a reserved send was ordered by its later offer),
 * which is not linearizable. A correct lock-free buffer needs one structure whose single CAS both reserves and
 * orders, with cell states for half-done operations (Koval, Alistarh, Elizarov, PPoPP 2023); until that exists
 * and passes the same checks, this class follows Go.
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
    /**
     * The waiter that the current lock holder claimed and must wake once it has released the lock
     * ({@link #takeClaimedLocked()}); null otherwise. Guarded by the lock.
     */
    private Waiter claimed;

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
     * @throws IllegalArgumentException if {@code channel} is some other implementation
     */
    public static ChannelImpl<?> of(Object channel) {
        Objects.requireNonNull(channel, "channel is null");
        if (channel instanceof ChannelImpl<?> c) {
            return c;
        }
        if (channel instanceof SendOnlyView<?> v) {
            return v.channel;
        }
        if (channel instanceof ReceiveOnlyView<?> v) {
            return v.channel;
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
            Waiter w;
            lock.lock();
            try {
                r = trySendLocked(value);
            } finally {
                w = takeClaimedLocked();
                lock.unlock();
            }
            wake(w);
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        return r == SENT;
    }

    private boolean sendBlocking(Object value, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            WaitNode node = null;
            int r;
            Waiter w;
            lock.lock();
            try {
                r = trySendLocked(value);
                if (r == WOULD_BLOCK && !(timed && Deadlines.remaining(deadline) <= 0L)) {
                    node = new WaitNode(value);
                    senders.add(node);
                }
            } finally {
                w = takeClaimedLocked();
                lock.unlock();
            }
            if (r == SENT) {
                wake(w);
                return true;
            }
            if (r == CLOSED) {
                throw closedForSend();
            }
            if (node == null) {
                return false; // timed out
            }
            Object outcome = node.park(senders, lock, timed, deadline, buffer == null);
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
     * Used by every send and by select. Caller holds the lock, and wakes the waiter it claimed, if any
     * ({@link #takeClaimedLocked()}), after releasing it.
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
            if (r.waiter.claim(r)) {
                claimed = r.waiter;
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
        Object v;
        Waiter w;
        lock.lock();
        try {
            v = tryReceiveLocked();
        } finally {
            w = takeClaimedLocked();
            lock.unlock();
        }
        wake(w);
        return v;
    }

    @Override
    Object receiveBlocking(boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            WaitNode node = null;
            Object v;
            Waiter w;
            lock.lock();
            try {
                v = tryReceiveLocked();
                if (v == EMPTY && !(timed && Deadlines.remaining(deadline) <= 0L)) {
                    node = new WaitNode(null);
                    receivers.add(node);
                }
            } finally {
                w = takeClaimedLocked();
                lock.unlock();
            }
            if (node == null) {
                wake(w);
                return v; // a value, CLOSED_MARK, or EMPTY when the time ran out
            }
            Object outcome = node.park(receivers, lock, timed, deadline, buffer == null);
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
     * Caller holds the lock, and wakes the waiter it claimed, if any ({@link #takeClaimedLocked()}), after
     * releasing it.
     *
     * @return a value, {@link #EMPTY} or {@link #CLOSED_MARK}
     */
    Object tryReceiveLocked() {
        if (buffer != null && count != 0) {
            Object v = buffer.pollFirst();
            WaitNode s;
            while ((s = senders.poll()) != null) { // invariant 2: senders wait only on a full buffer
                if (s.waiter.claim(s)) {
                    claimed = s.waiter;
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
            if (s.waiter.claim(s)) {
                claimed = s.waiter;
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
     * The waiter claimed by the current lock holder's last attempt, or null, and forgets it. Caller holds the lock
     * and calls {@link #wake} with the result after releasing it.
     */
    Waiter takeClaimedLocked() {
        Waiter w = claimed;
        if (w != null) {
            claimed = null;
        }
        return w;
    }

    /**
     * Wakes a waiter claimed under this channel's lock, now released, and records for the spin policy whether
     * it was still running ({@link AdaptiveSpin}; only hand-offs, on an unbuffered channel, count).
     *
     * @param w a waiter from {@link #takeClaimedLocked()}, or null (nothing to do)
     */
    void wake(Waiter w) {
        if (w != null) {
            boolean running = w.wake();
            if (buffer == null) {
                AdaptiveSpin.partner(running);
            }
        }
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
