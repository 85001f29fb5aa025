package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.ClosedChannelException;
import dev.channels.ReceiveChannel;
import dev.channels.SendChannel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * The channel: unbuffered (capacity 0), buffered (1..2^30) and unbounded ({@link Integer#MAX_VALUE}).
 *
 * <h2>Overview of implementation</h2>
 * Go's runtime guards each channel with one lock. Here the buffer is a lock-free JCTools MPMC array queue and
 * the common buffered operations never take the lock; the lock guards only the two wait queues (parked senders
 * and parked receivers) and close, and it is never held while a thread parks. Parking and the exactly-once
 * claim live in {@link Waiter}; select reuses the same queues with one shared waiter per select.
 *
 * <p>State:
 * <ul>
 *   <li>{@code ctl}, one long: bit 63 is "closed"; bits 0..62 count buffer slots in use (values in the buffer
 *       plus slots reserved by a sender that has not finished its offer). A sender reserves a slot by CAS on
 *       {@code ctl} before offering, and that CAS fails once closed, so a send and a close are ordered on one
 *       word. A receiver polls first and releases the slot after (so the buffer never holds more than
 *       {@code capacity} values, and a JCTools queue rounded up to a power of two never overflows).</li>
 *   <li>{@code senders}, {@code receivers}: FIFO {@link WaitQueue}s, guarded by {@code lock}; their sizes are
 *       volatile so that the fast paths can see whether anyone waits.</li>
 * </ul>
 *
 * <p>Invariants (Go's, restated for a lock-free buffer):
 * <ol>
 *   <li>Closed is final, and so is "closed and drained": once the closed bit is set no slot can be reserved,
 *       and the count only falls, so a receiver that reads count 0 with the bit set has seen every value sent
 *       before the close.</li>
 *   <li>No lost wake-up. Waiters publish themselves (volatile write of the queue size) and then re-read
 *       {@code ctl}, under the lock; a fast-path operation changes {@code ctl} (CAS) and then reads the opposite
 *       queue's size. Each pair is a store followed by a load on two volatile locations, so at least one side
 *       sees the other: either the waiter sees the new state and does not park, or the fast path sees the waiter
 *       and takes the lock to serve it ({@link #pumpLocked}).</li>
 *   <li>After {@link #pumpLocked} returns: no live receiver waits while the buffer holds a value, and no live
 *       sender waits while the buffer has room. Every path that could break this (a fast send seeing receivers, a
 *       fast receive seeing senders, a locked send or receive) runs the pump under the lock.</li>
 *   <li>FIFO among waiting senders: a new sender does not take the fast path while senders wait, and a receiver
 *       that frees a slot hands it to the oldest waiting sender (Go moves that sender's value into the
 *       buffer). A sender that read an empty queue just before another sender parked may still go first; that
 *       is a linearization order, not a reordering of waiters.</li>
 *   <li>A waiter is fired only by a thread holding this channel's lock, after unlinking its node; a stale node
 *       (its waiter fired elsewhere, timed out or was interrupted) fails the claim and is unlinked on the way,
 *       so finding the next live waiter is O(1) amortised and a channel holds at most as many stale nodes as
 *       there are selects in the middle of returning.</li>
 *   <li>Unbuffered: every hand-off goes through the lock, as in Go; a sender hands its value to the oldest
 *       waiting receiver, or a receiver takes the oldest waiting sender's value.</li>
 * </ol>
 *
 * <p>The one wait that is not parking: a receiver that reads a count above zero but polls nothing waits, with
 * {@link Thread#onSpinWait()}, for another thread to finish a two-step publication already under way (a sender
 * between its slot reservation and its offer, or a receiver between its poll and its release). This is the
 * same window JCTools' own {@code poll} spins on; it spans a few instructions of a running thread.
 *
 * @param <T> the element type
 */
public final class ChannelImpl<T> implements Channel<T> {
    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final long COUNT_MASK = Long.MAX_VALUE;
    private static final AtomicLong IDS = new AtomicLong();

    /** Result of the internal send attempts. */
    static final int SENT = 0;
    static final int WOULD_BLOCK = 1;
    static final int CLOSED = 2;
    /** The fast path cannot decide: threads are parked, so the attempt must be made under the lock. */
    static final int NEEDS_LOCK = 3;

    /** Results of the internal receive attempts, besides the value itself. */
    static final Object EMPTY = new Object();
    static final Object CLOSED_MARK = new Object();
    static final Object NEEDS_LOCK_MARK = new Object();

    private static final VarHandle CTL;

    static {
        try {
            CTL = MethodHandles.lookup().findVarHandle(ChannelImpl.class, "ctl", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Unique, increasing: the order in which a select takes channel locks (Go sorts by address). */
    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    final WaitQueue senders = new WaitQueue();
    final WaitQueue receivers = new WaitQueue();

    private final int capacity;
    /** null for an unbuffered channel. */
    private final Queue<Object> buffer;
    /** Closed bit and slot count; see the class comment. */
    private volatile long ctl;
    /** Written under the lock before the closed bit is set; read after the bit is seen. */
    private Throwable closeCause;

    private SendChannel<T> sendView;
    private ReceiveChannel<T> receiveView;

    /**
     * Creates a channel. Callers validate {@code capacity}: 0 unbuffered, {@link Integer#MAX_VALUE} unbounded.
     *
     * @param capacity the buffer capacity
     */
    public ChannelImpl(int capacity) {
        this.capacity = capacity;
        if (capacity == 0) {
            this.buffer = null;
        } else if (capacity == Integer.MAX_VALUE) {
            this.buffer = new ConcurrentLinkedQueue<>();
        } else {
            this.buffer = new MpmcVarHandleArrayQueue<>(Math.max(2, capacity));
        }
    }

    /**
     * The channel behind {@code channel} or one of its views, for select.
     *
     * @param channel a channel made by {@link Channel}'s factories, or a view of one
     * @return the implementation
     * @throws IllegalArgumentException if {@code channel} is some other implementation
     */
    public static ChannelImpl<?> of(Object channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel instanceof ChannelImpl<?> c) {
            return c;
        }
        if (channel instanceof SendOnlyView<?> v) {
            return v.channel;
        }
        if (channel instanceof ReceiveOnlyView<?> v) {
            return v.channel;
        }
        throw new IllegalArgumentException("not a channel created by Channel's factories: " + channel.getClass());
    }

    // ------------------------------------------------------------------------------------------------ send

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        sendBlocking(value, false, 0L);
    }

    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        long nanos = toNanos(timeout);
        if (nanos <= 0L) {
            return trySend(value);
        }
        return sendBlocking(value, true, System.nanoTime() + nanos);
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        int r = sendFast(value);
        if (r == NEEDS_LOCK) {
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

    private boolean mayHaveWaiters() {
        return receivers.size() != 0 || senders.size() != 0;
    }

    private boolean sendBlocking(Object value, boolean timed, long deadline) throws InterruptedException {
        int r = sendFast(value);
        if (r == SENT) {
            return true;
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        for (int i = 0; r == WOULD_BLOCK && i < Waiter.SPINS; i++) { // full: a receiver may be about to take
            Thread.onSpinWait();
            r = sendFast(value);
        }
        if (r == SENT) {
            return true;
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        for (;;) {
            WaitNode node;
            lock.lock();
            try {
                r = trySendLocked(value);
                if (r == SENT) {
                    return true;
                }
                if (r == CLOSED) {
                    throw closedForSend();
                }
                if (timed && deadline - System.nanoTime() <= 0L) {
                    return false;
                }
                node = new WaitNode(value);
                senders.add(node);
                if (sendReadyAfterPublish()) {
                    senders.unlink(node);
                    continue;
                }
            } finally {
                lock.unlock();
            }
            Object outcome;
            try {
                outcome = node.await(timed, deadline);
            } catch (InterruptedException e) {
                unlinkLocked(node, senders);
                throw e;
            }
            if (outcome == node) {
                return true;
            }
            if (outcome == Waiter.CANCELLED) {
                unlinkLocked(node, senders);
                return false;
            }
            // RETRY: the channel closed or a slot was freed; the claimer unlinked the node
        }
    }

    /**
     * The lock-free send: reserve a slot, offer, then serve any receiver that parked meanwhile.
     *
     * @return {@link #SENT}, {@link #CLOSED}, {@link #WOULD_BLOCK} (full, or unbuffered with no receiver), or
     *         {@link #NEEDS_LOCK} when threads are parked and only a locked attempt can decide
     */
    private int sendFast(Object value) {
        if (buffer == null) {
            if (receivers.size() != 0) {
                return NEEDS_LOCK;
            }
            // No receiver parked at the moment the size was read, and closed is monotonic, so reading ctl after
            // it tells whether the channel was closed at that moment too: both facts hold at one instant.
            return isClosedWord((long) CTL.getVolatile(this)) ? CLOSED : WOULD_BLOCK;
        }
        if (mayHaveWaiters()) {
            return NEEDS_LOCK; // parked senders go first; parked receivers are served directly
        }
        int r = reserveSlot();
        if (r != SENT) {
            return r;
        }
        buffer.offer(value); // cannot fail: at most `capacity` values are ever in the buffer
        if (receivers.size() != 0) { // LoadLoad after the CAS in reserveSlot: Dekker with receiver registration
            lock.lock();
            try {
                pumpLocked();
            } finally {
                lock.unlock();
            }
        }
        return SENT;
    }

    /** casCtl: count + 1 unless closed or full. */
    private int reserveSlot() {
        for (;;) {
            long c = (long) CTL.getVolatile(this);
            if (isClosedWord(c)) {
                return CLOSED;
            }
            if ((c & COUNT_MASK) >= capacity) {
                return WOULD_BLOCK;
            }
            if (CTL.compareAndSet(this, c, c + 1L)) {
                return SENT;
            }
        }
    }

    /**
     * A send attempt under the lock: serve waiting receivers first, else buffer the value.
     * Used by blocking sends and by select. Caller holds the lock.
     */
    int trySendLocked(Object value) {
        if (isClosedWord((long) CTL.getVolatile(this))) {
            return CLOSED;
        }
        if (buffer != null && mayHaveWaiters()) {
            pumpLocked(); // older senders go first; buffered values go to waiting receivers first
        }
        WaitNode r;
        while ((r = receivers.poll()) != null) {
            r.item = value;
            if (r.waiter.tryFire(r)) {
                return SENT;
            }
            r.item = null; // stale: fired elsewhere or cancelled
        }
        if (buffer == null || senders.size() != 0) {
            return WOULD_BLOCK;
        }
        int res = reserveSlot();
        if (res == SENT) {
            buffer.offer(value); // no receiver can be parked: we hold the lock and the queue is empty
        }
        return res;
    }

    /** After linking a sender node: must it re-run instead of parking? Caller holds the lock. */
    boolean sendReadyAfterPublish() {
        long c = (long) CTL.getVolatile(this); // after the volatile size store in WaitQueue.add
        return isClosedWord(c) || (buffer != null && (c & COUNT_MASK) < capacity);
    }

    // --------------------------------------------------------------------------------------------- receive

    @Override
    public T receive() throws InterruptedException {
        Object v = receiveBlocking(false, 0L);
        if (v == CLOSED_MARK) {
            throw closedForReceive();
        }
        return cast(v);
    }

    @Override
    public T receive(Duration timeout) throws InterruptedException {
        long nanos = toNanos(timeout);
        Object v = nanos <= 0L ? receiveNow() : receiveBlocking(true, System.nanoTime() + nanos);
        if (v == CLOSED_MARK) {
            throw closedForReceive();
        }
        return v == EMPTY ? null : cast(v);
    }

    @Override
    public Optional<T> receiveOrClosed() throws InterruptedException {
        Object v = receiveBlocking(false, 0L);
        if (v == CLOSED_MARK) {
            if (closeCause != null) {
                throw closedForReceive();
            }
            return Optional.empty();
        }
        return Optional.of(cast(v));
    }

    @Override
    public Optional<T> tryReceive() {
        Object v = receiveNow();
        if (v == CLOSED_MARK) {
            throw closedForReceive();
        }
        return v == EMPTY ? Optional.empty() : Optional.of(cast(v));
    }

    /** A non-blocking receive: a value, {@link #EMPTY} or {@link #CLOSED_MARK}. */
    private Object receiveNow() {
        Object v = receiveFast();
        if (v == NEEDS_LOCK_MARK) {
            lock.lock();
            try {
                v = tryReceiveLocked();
            } finally {
                lock.unlock();
            }
        }
        return v;
    }

    /**
     * A blocking receive.
     *
     * @return a value, {@link #CLOSED_MARK}, or {@link #EMPTY} when a timed wait ran out
     */
    Object receiveBlocking(boolean timed, long deadline) throws InterruptedException {
        Object v = receiveFast();
        for (int i = 0; v == EMPTY && buffer != null && i < Waiter.SPINS; i++) { // a sender may be about to offer
            Thread.onSpinWait();
            v = receiveFast();
        }
        if (v != EMPTY && v != NEEDS_LOCK_MARK) {
            return v;
        }
        for (;;) {
            WaitNode node;
            lock.lock();
            try {
                v = tryReceiveLocked();
                if (v != EMPTY) {
                    return v;
                }
                if (timed && deadline - System.nanoTime() <= 0L) {
                    return EMPTY;
                }
                node = new WaitNode(null);
                receivers.add(node);
                if (receiveReadyAfterPublish()) {
                    receivers.unlink(node);
                    continue;
                }
            } finally {
                lock.unlock();
            }
            Object outcome;
            try {
                outcome = node.await(timed, deadline);
            } catch (InterruptedException e) {
                unlinkLocked(node, receivers);
                throw e;
            }
            if (outcome == node) {
                return node.item;
            }
            if (outcome == Waiter.CANCELLED) {
                unlinkLocked(node, receivers);
                return EMPTY;
            }
            // RETRY: closed, or a value appeared that someone else took first
        }
    }

    /**
     * The lock-free receive from the buffer.
     *
     * @return a value, {@link #CLOSED_MARK}, {@link #EMPTY}, or {@link #NEEDS_LOCK_MARK} when a parked sender
     *         must be served under the lock
     */
    private Object receiveFast() {
        if (buffer == null) {
            if (senders.size() != 0) {
                return NEEDS_LOCK_MARK; // a parked sender: take its value under the lock
            }
            return isClosedWord((long) CTL.getVolatile(this)) ? CLOSED_MARK : EMPTY;
        }
        for (;;) {
            long c = (long) CTL.getVolatile(this);
            if ((c & COUNT_MASK) == 0L) {
                if (isClosedWord(c)) {
                    return CLOSED_MARK;
                }
                return senders.size() != 0 ? NEEDS_LOCK_MARK : EMPTY;
            }
            Object v = buffer.poll();
            if (v != null) {
                releaseSlot();
                return v;
            }
            Thread.onSpinWait(); // a reservation or release is half done; see the class comment
        }
    }

    /** After taking a value from the buffer: free its slot, then let a waiting sender fill it. */
    private void releaseSlot() {
        CTL.getAndAdd(this, -1L);
        if (senders.size() != 0) { // after the volatile add: Dekker with sender registration
            lock.lock();
            try {
                pumpLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A receive attempt under the lock. Used by blocking receives and by select. Caller holds the lock.
     *
     * @return a value, {@link #EMPTY} or {@link #CLOSED_MARK}
     */
    Object tryReceiveLocked() {
        if (buffer != null) {
            if (mayHaveWaiters()) {
                pumpLocked();
            }
            Object v = pollReservedLocked();
            if (v != null) {
                return v;
            }
        } else {
            WaitNode s;
            while ((s = senders.poll()) != null) {
                Object v = s.item;
                if (s.waiter.tryFire(s)) {
                    return v;
                }
            }
        }
        return isClosedWord((long) CTL.getVolatile(this)) ? CLOSED_MARK : EMPTY;
    }

    /** Takes a buffered value and refills the slot from a waiting sender, or returns null if none is buffered. */
    private Object pollReservedLocked() {
        for (;;) {
            long c = (long) CTL.getVolatile(this);
            if ((c & COUNT_MASK) == 0L) {
                return null;
            }
            Object v = buffer.poll();
            if (v != null) {
                CTL.getAndAdd(this, -1L);
                if (senders.size() != 0) {
                    pumpLocked();
                }
                return v;
            }
            Thread.onSpinWait();
        }
    }

    /** After linking a receiver node: must it re-run instead of parking? Caller holds the lock. */
    boolean receiveReadyAfterPublish() {
        long c = (long) CTL.getVolatile(this); // after the volatile size store in WaitQueue.add
        return isClosedWord(c) || (c & COUNT_MASK) != 0L;
    }

    /**
     * Restores invariant 3 (buffered channels): hand buffered values to waiting receivers, and free slots to
     * waiting senders, oldest first. Caller holds the lock.
     */
    private void pumpLocked() {
        boolean progress;
        do {
            progress = false;
            WaitNode r;
            while (((long) CTL.getVolatile(this) & COUNT_MASK) != 0L && (r = receivers.poll()) != null) {
                if (!r.waiter.tryClaim()) {
                    continue; // stale
                }
                Object v = buffer.poll();
                while (v == null && ((long) CTL.getVolatile(this) & COUNT_MASK) != 0L) {
                    Thread.onSpinWait(); // a half-done publication; see the class comment
                    v = buffer.poll();
                }
                if (v == null) {
                    r.waiter.complete(Waiter.RETRY); // a fast receiver took it first; let this one re-run
                    break;
                }
                CTL.getAndAdd(this, -1L);
                r.item = v;
                r.waiter.complete(r);
                progress = true;
            }
            while (senders.size() != 0) {
                if (reserveSlot() != SENT) {
                    break; // full, or closed (close wakes the senders itself)
                }
                WaitNode s;
                boolean moved = false;
                while ((s = senders.poll()) != null) {
                    if (s.waiter.tryClaim()) {
                        buffer.offer(s.item); // before the sender learns its send completed
                        s.waiter.complete(s);
                        moved = true;
                        break;
                    }
                }
                if (!moved) {
                    CTL.getAndAdd(this, -1L); // only stale senders: give the slot back
                    break;
                }
                progress = true;
            }
        } while (progress && receivers.size() != 0);
    }

    // ----------------------------------------------------------------------------------------------- close

    @Override
    public boolean close() {
        return closeWith(null);
    }

    @Override
    public boolean close(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause"));
    }

    private boolean closeWith(Throwable cause) {
        lock.lock();
        try {
            if (isClosedWord((long) CTL.getVolatile(this))) {
                return false;
            }
            closeCause = cause;
            CTL.getAndBitwiseOr(this, CLOSED_BIT);
            WaitNode n;
            while ((n = senders.poll()) != null) {
                n.waiter.tryRetry(); // re-run: sees closed, throws; its value was never taken
            }
            while ((n = receivers.poll()) != null) {
                n.waiter.tryRetry(); // re-run: drains the buffer, then sees closed
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return isClosedWord((long) CTL.getVolatile(this));
    }

    /** The close cause, or null; meaningful once {@link #isClosed()} is true. */
    Throwable closeCause() {
        return closeCause;
    }

    // ------------------------------------------------------------------------------------------- inspection

    @Override
    public int size() {
        if (buffer == null) {
            return 0;
        }
        long n = (long) CTL.getVolatile(this) & COUNT_MASK;
        return (int) Math.min(n, Integer.MAX_VALUE);
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
        long c = (long) CTL.getVolatile(this);
        String kind = capacity == 0 ? "unbuffered" : capacity == Integer.MAX_VALUE ? "unbounded"
                : "buffered(" + capacity + ")";
        return "Channel[" + kind + ", size=" + size() + (isClosedWord(c) ? ", closed]" : "]");
    }

    // -------------------------------------------------------------------------------------------- helpers

    void unlinkLocked(WaitNode node, WaitQueue queue) {
        lock.lock();
        try {
            queue.unlink(node);
        } finally {
            lock.unlock();
        }
    }

    ClosedChannelException closedForSend() {
        return new ClosedChannelException("send on closed channel", closeCause);
    }

    ClosedChannelException closedForReceive() {
        return new ClosedChannelException("receive on closed channel", closeCause);
    }

    private static boolean isClosedWord(long c) {
        return c < 0L;
    }

    static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException overflow) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE / 2;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object v) {
        return (T) v;
    }
}
