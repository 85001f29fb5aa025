package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import dev.channels.internal.Deadlines;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jctools.queues.varhandle.MpscChunkedVarHandleArrayQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * How the mailbox accepts sends: the queue, the four {@link Overflow} policies, close, and the reader's
 * {@link #take()}. The second layer of the mailbox (see {@link MailboxCount}); the reader that {@link #signal()}
 * wakes is the subclass's business.
 *
 * <h2>Overview</h2>
 * Every accepted value follows one sequence, written once: {@link #reserve} (count + 1, {@link MailboxCount}),
 * {@link #offerCounted} (into the queue), {@link #signal()} (tell the reader). The queue is JCTools'
 * multi-producer single-consumer linked-array queue (producers claim a slot by CAS on the producer index; the
 * consumer sees a slot filled when its element is non-null, FastFlow-style): {@code MpscUnboundedVarHandleArrayQueue},
 * or {@code MpscChunkedVarHandleArrayQueue} capped at the power of two at or above the capacity. The first send
 * creates it, so a mailbox that never received a value costs no queue.
 *
 * <p>When a bounded mailbox is full: {@link Overflow#BLOCK} parks the sender in {@link BlockedSenders};
 * {@link Overflow#FAIL} throws {@link MailboxFullException}; {@link Overflow#DROP_NEWEST} hands the new value to
 * the dead-letter hook; {@link Overflow#DROP_OLDEST} replaces the oldest value (below).
 *
 * <p>Invariants:
 * <ol>
 *   <li>Only the holder of the reader role calls {@link #take()} (JCTools' single-consumer rule), except under
 *       {@code DROP_OLDEST}, where every poll (the reader's and an evicting sender's) and every count change of
 *       an accepted value happens under {@code evictLock}.</li>
 *   <li>The queue never refuses an offer: at most {@code capacity} values are counted, and the queue holds at
 *       most the counted values. An offer that returns false anyway is a broken invariant and fails loudly
 *       (it gives its place back first, so the mailbox can still be drained and closed).</li>
 *   <li>{@code DROP_OLDEST} is one step under {@code evictLock}: there, the count equals the number of values in
 *       the queue (offers and the reader's poll-and-release happen under the lock), so a full mailbox always
 *       yields its oldest value; the send swaps it for the new value without changing the count and never
 *       spins. Its linearization point is the {@link #reserve} that saw the mailbox open and full: a send that
 *       throws {@link ChannelClosedException} evicted nothing, and a value evicted by a send that returned was
 *       accepted before the close by a send that was itself accepted before it (issue 12 items 1, 2 and 10).</li>
 *   <li>A value goes to the dead-letter hook only from a send that returns normally (the hook runs on that
 *       sender's thread, after the lock is released), or after a failed reader start or a failed reader task
 *       ({@link Mailbox} invariants 4 and 5; a value whose place could not be freed, {@link #take()}).</li>
 *   <li>Unbounded: the reader releases the values it took in batches ({@link #releaseTaken()}), always before it
 *       checks {@link #closedAndDrained()} or gives up the role; bounded: each value as it is taken, since the
 *       place may be what a blocked or failing sender waits for.</li>
 * </ol>
 *
 * @param <T> the element type
 */
abstract class MailboxSends<T> extends MailboxCount {
    static final int UNBOUNDED = Integer.MAX_VALUE;
    /** The first chunk of the queue; small because idle mailboxes are the common case. */
    private static final int INITIAL_CHUNK = 16;

    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(MailboxSends.class, "queue", Queue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int capacity;
    final Overflow overflow;
    private final Consumer<? super T> deadLetters;
    /** BLOCK (bounded) only. Package-private for the tests that hold its lock to order a race. */
    final BlockedSenders blocked;
    /** DROP_OLDEST only: invariant 3. */
    private final ReentrantLock evictLock;
    /** The MPSC queue, created by the first send (lvQueue / casQueue). */
    private volatile Queue<Object> queue;
    /** Unbounded: values the reader took and has not released yet. Reader only. */
    private long unreleased;

    /**
     * @param capacity    1 to 2^30, or {@link #UNBOUNDED}
     * @param overflow    the policy when full (ignored when unbounded)
     * @param deadLetters the hook for dropped values, or null to discard them
     */
    MailboxSends(int capacity, Overflow overflow, Consumer<? super T> deadLetters) {
        this.capacity = capacity;
        boolean bounded = capacity != UNBOUNDED;
        this.overflow = bounded ? overflow : Overflow.BLOCK;
        this.deadLetters = deadLetters;
        this.blocked = bounded && overflow == Overflow.BLOCK ? new BlockedSenders() : null;
        this.evictLock = bounded && overflow == Overflow.DROP_OLDEST ? new ReentrantLock() : null;
    }

    /**
     * Tells the reader there is something to see: a value, or closed and drained. Called after every accepted
     * offer, every {@link #release}, and close.
     */
    abstract void signal();

    // ---------------------------------------------------------------------------------------------- sending

    /**
     * Sends {@code value}, applying the overflow policy when full.
     *
     * @throws ChannelClosedException if closed (nothing was accepted or dropped)
     * @throws MailboxFullException   if full under {@link Overflow#FAIL}
     * @throws InterruptedException   if interrupted while waiting under {@link Overflow#BLOCK} (nothing sent)
     */
    final void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        if (capacity == UNBOUNDED) {
            if (reserve(COUNT_MASK) == CLOSED) {
                throw closedForSend();
            }
            offerCounted(value);
            signal();
            return;
        }
        switch (overflow) {
            case BLOCK -> {
                if (blocked.size() != 0 || !tryAccept(value)) { // FIFO behind parked senders (BlockedSenders 4)
                    sendBlocking(value, false, 0L);
                }
            }
            case FAIL -> {
                if (!tryAccept(value)) {
                    throw new MailboxFullException(capacity);
                }
            }
            case DROP_NEWEST -> {
                if (!tryAccept(value)) {
                    deadLetter(value);
                }
            }
            case DROP_OLDEST -> sendEvictingOldest(value);
        }
    }

    /**
     * Sends, waiting up to {@code timeout} for room. Only {@link Overflow#BLOCK} waits; the other policies act at
     * once, as {@link #send(Object)} does.
     *
     * @return false if the time ran out (nothing sent)
     */
    final boolean send(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        long nanos = Deadlines.nanos(timeout, "timeout");
        if (blocked == null) {
            send(value);
            return true;
        }
        if (blocked.size() == 0 && tryAccept(value)) {
            return true;
        }
        if (nanos <= 0L) {
            if (isClosed()) {
                throw closedForSend();
            }
            return false;
        }
        return sendBlocking(value, true, Deadlines.deadline(nanos));
    }

    /**
     * Sends if there is room now; never waits, fails or drops, whatever the policy.
     *
     * @return false if full (or, under BLOCK, if other senders wait ahead)
     * @throws ChannelClosedException if closed
     */
    final boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        if (capacity == UNBOUNDED) {
            if (reserve(COUNT_MASK) == CLOSED) {
                throw closedForSend();
            }
            offerCounted(value);
            signal();
            return true;
        }
        if (blocked != null && blocked.size() != 0) {
            if (isClosed()) {
                throw closedForSend();
            }
            return false;
        }
        if (evictLock != null) {
            evictLock.lock();
            try {
                if (!tryAccept(value)) {
                    return false;
                }
            } finally {
                evictLock.unlock();
            }
            return true;
        }
        return tryAccept(value);
    }

    /**
     * The one accept sequence of a bounded send: reserve, offer, signal.
     *
     * @return true if accepted, false if full
     * @throws ChannelClosedException if closed
     */
    private boolean tryAccept(Object value) {
        int r = reserve(capacity);
        if (r == SENT) {
            offerCounted(value);
            signal();
            return true;
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        return false;
    }

    /** Reserves a place in a bounded mailbox; for {@link BlockedSenders#pumpLocked}. */
    final int reserveBounded() {
        return reserve(capacity);
    }

    /**
     * Offers a value whose place is already counted. If the offer throws (out of memory creating the queue or a
     * chunk) or returns false (invariant 2 broken), the place is given back through {@link #release} first, so
     * the mailbox can still be drained and closed.
     */
    final void offerCounted(Object value) {
        boolean offered = false;
        try {
            offered = queue().offer(value);
        } finally {
            if (!offered) {
                release(1L);
            }
        }
        if (!offered) {
            throw new IllegalStateException("mailbox queue refused a counted value (capacity " + capacity
                    + "): invariant broken");
        }
    }

    /** Bounded BLOCK: wait in FIFO order until a place is handed to this value (see {@link BlockedSenders}). */
    private boolean sendBlocking(Object value, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            BlockedSenders.Node node = null;
            blocked.lock.lock();
            try {
                int r = FULL;
                if (blocked.size() == 0) {
                    r = reserve(capacity);
                    if (r == SENT) {
                        offerCounted(value);
                    }
                }
                if (r == CLOSED || (r == FULL && isClosed())) {
                    throw closedForSend();
                }
                if (r == FULL) {
                    if (timed && Deadlines.remaining(deadline) <= 0L) {
                        return false;
                    }
                    node = blocked.link(value);
                    try {
                        blocked.pumpLocked(this); // a place freed before we were linked goes to the oldest sender
                    } catch (RuntimeException | Error e) {
                        if (!blocked.settleAfterFailedPump(node)) {
                            throw e; // our value was not accepted, and our node is unlinked
                        }
                        // our value was placed (BlockedSenders invariant 5): the send succeeded
                    }
                }
            } finally {
                blocked.lock.unlock();
            }
            signal();
            if (node == null) {
                return true;
            }
            switch (blocked.await(node, timed, deadline)) {
                case BlockedSenders.PLACED -> {
                    return true;
                }
                case BlockedSenders.CLOSED -> throw closedForSend();
                case BlockedSenders.WAITING -> {
                    return false; // timed out and unlinked: nothing sent
                }
                default -> { } // RETRY: the pump could not offer; run again and meet the error here
            }
        }
    }

    /** Bounded DROP_OLDEST: one step under {@code evictLock} (invariant 3); the hook runs after it. */
    private void sendEvictingOldest(Object value) {
        Object evicted = null;
        evictLock.lock();
        try {
            int r = reserve(capacity);
            if (r == CLOSED) {
                throw closedForSend();
            }
            if (r == FULL) { // open and full at the reserve: this send is linearized there, before any close
                evicted = queue().poll();
                if (evicted == null) {
                    throw new IllegalStateException("mailbox full under DROP_OLDEST but its queue is empty: "
                            + "invariant broken");
                }
                boolean offered = false;
                try {
                    offered = queue().offer(value); // takes the evicted value's place: the count is unchanged
                } finally {
                    if (!offered) {
                        release(1L); // the evicted value's place is now empty
                    }
                }
            } else {
                offerCounted(value);
            }
        } finally {
            evictLock.unlock();
        }
        signal();
        if (evicted != null) {
            deadLetter(evicted);
        }
    }

    @SuppressWarnings("unchecked")
    private void deadLetter(Object value) {
        if (deadLetters != null) {
            ((Consumer<Object>) deadLetters).accept(value);
        }
    }

    /** Hands {@code value} to the dead-letter hook; for the failed reader start in {@link Mailbox}. */
    final void deadLetterAfterClose(Object value) {
        deadLetter(value);
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * Takes the next value, or null if no value is accepted and untaken now. Reader role only (invariant 1).
     * Bounded: the value's place is released at once; unbounded: by the next {@link #releaseTaken()}. If
     * releasing the place throws (the pump could not offer a blocked sender's value), the taken value goes to
     * the dead letters and the exception propagates: the reader fails ({@link Mailbox} invariant 5).
     *
     * <p>IMPLEMENTATION NOTES: a send is accepted at its {@link #reserve} and only then offers its value (and the
     * first send creates the queue), so for a moment the count holds a value the queue does not show. A reader
     * that answered "empty" then would contradict a {@link #size()} read in between (Lincheck found exactly that:
     * {@code size() == 1}, then {@code take() == null}). So when the poll finds nothing while the count says a
     * value is accepted and not taken, the reader waits for the in-flight offer, as JCTools' {@code poll} waits for
     * an element whose producer index is already claimed. The wait is short and always ends: the sender is
     * between two steps that cannot block, and an offer that fails gives its place back ({@link #offerCounted}).
     */
    final Object take() {
        for (int spins = 1; ; spins++) {
            Object v = pollOnce();
            if (v != null || count() - unreleased <= 0L) {
                return v;
            }
            if ((spins & 63) == 0) {
                Thread.yield(); // the sender may wait for this carrier
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private Object pollOnce() {
        Queue<Object> q = queue;
        if (q == null) {
            return null; // nothing was offered yet (a first send may be creating the queue: see take)
        }
        if (evictLock != null) {
            evictLock.lock();
            try {
                Object v = q.poll();
                if (v != null) {
                    releaseTakenValue(v); // under the lock: invariant 3
                }
                return v;
            } finally {
                evictLock.unlock();
            }
        }
        Object v = q.poll();
        if (v != null) {
            if (capacity == UNBOUNDED) {
                unreleased++;
            } else {
                releaseTakenValue(v);
            }
        }
        return v;
    }

    /**
     * Frees the place of the value the reader just took. If that throws (the pump could not move a blocked
     * sender's value into the freed place), {@code v} goes to the dead letters before the exception propagates,
     * so that it is not lost: the reader then fails ({@link Mailbox} invariant 5) and dead-letters the rest.
     */
    private void releaseTakenValue(Object v) {
        try {
            release(1L);
        } catch (RuntimeException | Error e) {
            try {
                deadLetter(v);
            } catch (RuntimeException | Error hookFailure) {
                e.addSuppressed(hookFailure);
            }
            throw e;
        }
    }

    /** Releases the values taken since the last call (unbounded; a no-op otherwise). Reader role only. */
    final void releaseTaken() {
        long n = unreleased;
        if (n != 0L) {
            unreleased = 0L;
            release(n);
        }
    }

    /** Whether the queue holds no value now (a sender between reserve and offer is not seen). */
    final boolean queueEmpty() {
        Queue<Object> q = queue;
        return q == null || q.isEmpty();
    }

    @Override
    final void afterRelease() {
        BlockedSenders b = blocked;
        if (b != null && b.size() != 0) { // after the volatile RMW in release: BlockedSenders invariant 3
            b.pump(this);
        }
        signal();
    }

    // ----------------------------------------------------------------------------------------------- close

    /**
     * Closes: sends fail from now on; the reader drains what was accepted, then sees closed and drained.
     *
     * @param cause {@link #NO_CAUSE} or the cause
     * @return true if this call closed the mailbox
     */
    final boolean closeWith(Object cause) {
        if (!markClosed(cause)) {
            return false;
        }
        if (blocked != null) {
            blocked.closeAll(); // each re-reads closed and throws; their values were never accepted
        }
        signal(); // the reader may now be closed and drained
        return true;
    }

    final ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on closed mailbox", closeCause());
    }

    /**
     * Tests only: makes {@code q} this mailbox's queue, before the first send, so that a test can make an offer
     * fail (as an {@link OutOfMemoryError} creating a chunk would). {@code q} must take concurrent offers and one
     * poller, and never refuse an offer (invariant 2).
     *
     * @throws IllegalStateException if the queue already exists
     */
    final void useQueueForTest(Queue<Object> q) {
        if (!QUEUE.compareAndSet(this, null, Objects.requireNonNull(q, "q"))) {
            throw new IllegalStateException("the mailbox queue already exists");
        }
    }

    private Queue<Object> queue() {
        Queue<Object> q = queue;
        return q != null ? q : createQueue();
    }

    @SuppressWarnings("unchecked")
    private Queue<Object> createQueue() {
        Queue<Object> q;
        if (capacity != UNBOUNDED) {
            int max = Math.max(4, roundToPowerOfTwo(capacity));
            q = new MpscChunkedVarHandleArrayQueue<>(Math.min(INITIAL_CHUNK, max / 2), max);
        } else {
            q = new MpscUnboundedVarHandleArrayQueue<>(INITIAL_CHUNK);
        }
        Object witness = QUEUE.compareAndExchange(this, null, q);
        return witness == null ? q : (Queue<Object>) witness;
    }

    private static int roundToPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
