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
 *   <li>Closed is final and is set under the lock, after every waiter present is woken to re-run (senders
 *       then throw, receivers drain the buffer and then see closed); no waiter can register afterwards without
 *       seeing it. So once {@code closed} reads true, no node of this channel is WAITING any more.</li>
 *   <li>A locked claimer unlinks a node before it fires it; a stale node (its waiter fired through another
 *       channel or without the lock, timed out or was interrupted) fails the claim and is unlinked on the way,
 *       so finding the next live waiter skips only nodes of operations that are in the middle of returning.
 *       The one claim without the lock is the fast path below.</li>
 *   <li>A value leaves a sender exactly once: a waiting sender's value is taken (or moved into the buffer) only
 *       by the thread that won the claim on its waiter, and a receiver is handed a value only through a won
 *       claim; a cancelled (timed-out or interrupted) waiter lost the claim, so nothing was delivered or taken.</li>
 * </ol>
 *
 * <h2>The lock-free claim (unbuffered only)</h2>
 * A plain (non-select) send or receive on an unbuffered channel first looks, without the lock, for the oldest
 * WAITING node in the opposite queue ({@link WaitQueue#firstLive()}) and claims it with the same one CAS a locked
 * claimer uses ({@link #trySendFast}, {@link #tryReceiveFast}); if there is no such node, or it belongs to a
 * select waiting to receive, or the CAS fails, the operation takes the locked path above unchanged. Select,
 * close, registration, timeouts, interrupts and buffered channels never take it. This is what
 * {@code SynchronousQueue} does (the partner claims a published waiter with one CAS), kept on Go's queues so
 * that select, close and O(1) cleanup stay as they are. Argument, case by case:
 * <ul>
 *   <li><b>Exactly once.</b> The claim is the CAS that moves the waiter out of WAITING; the owner's cancel
 *       (timeout, interrupt), close's RETRY, a locked claimer and other lock-free claimers CAS the same field, so
 *       exactly one wins. A lock-free claimer writes nothing before its CAS: a sender puts the value into the
 *       waiter's state itself ({@link Waiter#tryFireWith}; only plain receive nodes, whose owner knows to read
 *       it there), a receiver reads the send node's {@code item}, written once before the node was linked. A
 *       loser therefore leaves no trace; a locked claimer that lost to it resets only its own item write, which
 *       the owner ignores because its state is not its node.</li>
 *   <li><b>Close.</b> {@link #closeWith} fires every WAITING node with RETRY before it publishes
 *       {@code closed}, under the lock, and nodes register only under the lock after checking {@code closed}.
 *       A lock-free claim therefore succeeds only while {@code closed} is still false: its CAS precedes the
 *       volatile write of {@code closed} (close's linearization point), so the send (receive) is linearized
 *       before the close, and no send that succeeds can follow an {@link #isClosed()} that returned true or a
 *       close that returned. Had close published {@code closed} first, a claim between the two steps would have
 *       succeeded with {@code closed} already visible.</li>
 *   <li><b>Interrupt and timeout.</b> The owner leaves WAITING by its own CAS to CANCELLED; if it wins, the
 *       claimer's CAS fails and the claimer goes on (nothing was handed over); if the claimer wins, the owner
 *       reports the hand-off and keeps the interrupt status, as with a locked claim.</li>
 *   <li><b>No self-pairing.</b> Only a plain operation claims without the lock, and it has no node linked
 *       anywhere while it does; a select claims only in its locked pass 1, before its own nodes are linked.</li>
 *   <li><b>FIFO.</b> The claimed node is the first node in queue order seen WAITING: every node before it was
 *       seen not WAITING (final) or had been unlinked (see {@link WaitQueue}). A select receive node first in
 *       line sends the sender to the locked path rather than being overtaken. The exception is a waiter
 *       cancelling at that very moment, which a locked claim can also meet.</li>
 *   <li><b>Cleanup.</b> The claimed node stays linked; it is inside the queue's prefix of non-WAITING nodes, which
 *       every locked registration and every locked claim drops first ({@link WaitQueue#add}, {@code poll}), so
 *       a queue holds at most the live waiters plus the nodes claimed since its last locked operation, and a
 *       select's losing nodes are still unlinked by the select itself in O(1).
 *       {@link #waitingSenders()}/{@link #waitingReceivers()} do not count that prefix.</li>
 *   <li><b>Memory model.</b> A sender's value reaches the receiver through the waiter's volatile state: the
 *       sender's writes happen-before its CAS, which synchronizes-with the owner's volatile read of the state.
 *       A send node's item is written before the release store that links it, and the lock-free receiver
 *       reaches the node through acquire loads of {@code head}/{@code next}, so it reads the item; its claim
 *       CAS then publishes "taken" to the sender through the state. {@code closed} is volatile.</li>
 * </ul>
 *
 * <p>One departure from Go: a waiter on an unbuffered channel re-checks its state for an adaptive budget before
 * it parks ({@link AdaptiveSpin}, {@link #spinUntilFired}), because parking a virtual thread costs microseconds
 * and a partner on another carrier is usually much closer than that. Spinning happens after the node is linked
 * and the lock released, and only reads the waiter's state, so it changes no invariant below: it only decides
 * whether the owner parks at all.
 *
 * <p>Reads without the lock: {@link #size()} and {@link #isClosed()} read volatile mirrors written under the
 * lock. Besides the claim above, one lock-free decision is on an unbuffered channel: a non-blocking send
 * (receive) with no linked receiver (sender) node reads the queue size and then the closed flag; both held at
 * the moment the size was read, because closed never reverts, so "would block" or "closed" is a linearizable
 * answer without the lock. (Before the claim is tried, only its success is ever answered without the lock.)
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
        } else if (buffer == null && trySendFast(value)) {
            return true;
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
        if (buffer == null && trySendFast(value)) {
            return true;
        }
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
     * The lock-free claim of an unbuffered send (see the class comment): hands {@code value} to the oldest
     * waiting receiver if that is a plain receive, by one CAS on its waiter. Called without the lock, on an
     * unbuffered channel only.
     *
     * @return true if the value was handed over; false means nothing happened: take the locked path
     */
    private boolean trySendFast(Object value) {
        if (closed) {
            return false; // the locked path throws
        }
        WaitNode r = receivers.firstLive();
        // A select waiting to receive is served by the locked path (its node's item is written under the lock);
        // skipping it for a later plain receive would break FIFO.
        return r != null && r.waiter == r && r.tryFireWith(value);
    }

    /**
     * The lock-free claim of an unbuffered receive (see the class comment): takes the value of the oldest
     * waiting sender, plain or select, by one CAS on its waiter. Called without the lock, on an unbuffered
     * channel only.
     *
     * @return the value, or {@link #EMPTY} if nothing happened: take the locked path
     */
    private Object tryReceiveFast() {
        WaitNode s = senders.firstLive();
        if (s != null) {
            Object v = s.item; // written before the node was linked; never changed for a send node
            if (s.waiter.tryFire(s)) {
                return v;
            }
        }
        return EMPTY;
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
        if (buffer == null) {
            if (senders.size() == 0) {
                return closed ? CLOSED_MARK : EMPTY; // see the class comment: linearizable without the lock
            }
            Object v = tryReceiveFast();
            if (v != EMPTY) {
                return v;
            }
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
        if (buffer == null) {
            Object v = tryReceiveFast();
            if (v != EMPTY) {
                return v;
            }
        }
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
            if (outcome != Waiter.RETRY) {
                return outcome; // a lock-free sender's value (Waiter.tryFireWith); the node stays linked
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
            // Fire every waiter BEFORE publishing closed (invariant 3): a lock-free claim can then succeed only
            // while closed still reads false, so it is linearized before this close (class comment, "Close").
            // The woken waiters re-run under the lock, so they see closed all the same.
            WaitNode n;
            while ((n = senders.poll()) != null) {
                n.waiter.tryRetry(); // re-run: sees closed, throws; its value was never taken
            }
            while ((n = receivers.poll()) != null) {
                n.waiter.tryRetry(); // re-run: the buffer is empty (invariant 1), so it sees closed
            }
            closed = true;
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

    /**
     * The number of linked sender nodes, live or stale, not counting the prefix of nodes that lock-free claims
     * leave linked (for tests of select cleanup and the test bubble). A snapshot read without the lock: the test
     * bubble calls it under its own lock, and channel locks are always taken before that one, never after.
     */
    public int waitingSenders() {
        return senders.sizeWithoutStaleHead();
    }

    /**
     * The number of linked receiver nodes, live or stale, not counting the prefix of nodes that lock-free claims
     * leave linked (for tests of select cleanup and the test bubble). A snapshot read without the lock, as
     * {@link #waitingSenders()}.
     */
    public int waitingReceivers() {
        return receivers.sizeWithoutStaleHead();
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
