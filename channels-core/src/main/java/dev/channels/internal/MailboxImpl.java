package dev.channels.internal;

import dev.channels.ChannelClosedException;
import dev.channels.Mailbox;
import dev.channels.MailboxFullException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Queue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jctools.queues.varhandle.MpscChunkedVarHandleArrayQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * The single-reader mailbox: many senders, one reader at a time, on a JCTools MPSC queue (VarHandle flavour).
 *
 * <h2>Overview of implementation</h2>
 * Two words decide everything, and each has one job:
 * <ul>
 *   <li>{@code ctl}: bit 63 "closed", bits 0..62 the number of <i>accepted</i> values not yet taken by the
 *       reader (values in the queue plus values whose sender reserved a place and has not finished its offer).
 *       A send first changes {@code ctl} by CAS (count + 1, failing once closed and, when bounded, at
 *       capacity), then offers to the queue. Because the closed bit lives in the same word, a send and a close are
 *       ordered: a send either is counted before the close (and will be delivered) or sees the bit and fails.</li>
 *   <li>{@code rs}, the reader state: {@code null} (IDLE, nobody reads), {@code ACTIVE} (one reader holds the
 *       reader role), a {@link Thread} (the reader holds the role and is parked, waiting for a value), or
 *       {@code TERMINATED} (on-demand only: the reader saw closed-and-drained; the role is never released).
 *       The role is taken by CAS from IDLE, which is how a second concurrent reader is detected.</li>
 * </ul>
 *
 * <p>Two ways to read. A channel-mode reader calls the receive operations and parks in {@code rs} as its Thread
 * when the mailbox is empty. An on-demand mailbox ({@link Mailbox#onDemand}) has no reader until a send finds it
 * IDLE: that sender takes the role (CAS IDLE to ACTIVE) and starts a reader task, which hands each value to the
 * {@link Mailbox.Reader}, lingers parked for {@link #LINGER_NANOS}, and releases the role when nothing came. This is
 * the scheduling Akka's dispatcher applies to its mailboxes (a status CAS when a message reaches an idle
 * mailbox), on a virtual thread per busy period. The queue is JCTools' multi-producer single-consumer linked-array
 * queue (producers claim a slot by CAS on the producer index; the consumer sees a slot filled when its element is
 * non-null, FastFlow-style): {@code MpscUnboundedVarHandleArrayQueue}, or {@code MpscChunkedVarHandleArrayQueue}
 * capped at the power of two at or above the capacity. It is created by the first send.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Only the holder of the reader role polls the queue (JCTools' single-consumer rule), except under
 *       {@code DROP_OLDEST}, where every poll (reader and evicting sender) happens under {@code evictLock};
 *       successive holders are ordered by the volatile write that releases the role and the CAS that takes it.</li>
 *   <li>Closed and drained is final: once the bit is set no send is counted, and the count only falls, so a
 *       reader that reads count 0 with the bit set has taken every accepted value.</li>
 *   <li>No lost wake-up (the Dekker pairing): after it changes the queue or {@code ctl}, every sender, closer,
 *       and failed sender that undoes its count calls {@link #signal()}, which loads {@code rs}. A reader that
 *       stops reading first stores {@code rs} (its Thread, or IDLE), then re-checks the queue and {@code ctl}.
 *       Both sides are a volatile store followed by a volatile load of the other's location, so at least one
 *       side sees the other: the reader re-checks and keeps going, or the signaller sees the parked Thread (and
 *       unparks it) or IDLE (and, on demand, takes the role and starts a reader task). If both act, the CAS on
 *       {@code rs} lets only one of them own the role.</li>
 *   <li>On demand, a reader task exists if and only if {@code rs} is ACTIVE or a Thread (the task lingering,
 *       parked, before it ends): it is started only by the CAS IDLE to ACTIVE, and it ends only after storing IDLE
 *       and losing the re-check (or after TERMINATED).
 *       {@link Mailbox.Reader#onClosed()} runs once, from the task that stores TERMINATED.</li>
 *   <li>Bounded {@code BLOCK}: parked senders wait in a FIFO {@link WaitQueue} under {@code lock}. A reader that
 *       frees a place decrements {@code ctl} and then reads the queue's size; a sender links its node (volatile
 *       size store) and then reads {@code ctl} under the lock (another Dekker pair), and whichever sees the other
 *       moves the oldest waiting sender's value into the queue on its behalf ({@link #pumpLocked()}), as Go's
 *       runtime moves a parked sender's value into the buffer. A sender that arrives while others wait queues
 *       behind them.</li>
 * </ol>
 *
 * <p>The one wait that is not parking: a bounded send under {@code DROP_OLDEST} that finds every place
 * reserved by senders that have not finished their offer spins ({@link Thread#onSpinWait()}) until one does,
 * the same few-instruction window JCTools' own {@code poll} spins on.
 *
 * @param <T> the element type
 */
public final class MailboxImpl<T> extends ReceiveForms<T> implements Mailbox<T> {
    private static final System.Logger LOG = System.getLogger(Mailbox.class.getName());

    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final long COUNT_MASK = Long.MAX_VALUE;

    /** Reader role held; see the class comment. IDLE is null. */
    private static final Object ACTIVE = new Object();
    /** On demand: closed, drained and {@code onClosed} delivered; the role is never released again. */
    private static final Object TERMINATED = new Object();
    /** Close cause placeholder for a plain close. */
    private static final Object NO_CAUSE = new Object();


    /** Results of {@link #reserveSlot()}. */
    private static final int SENT = 0;
    private static final int FULL = 1;
    private static final int CLOSED = 2;

    /** Values an on-demand reader handles before it lets other virtual threads run. */
    private static final int BATCH = 64;
    /** How long an on-demand reader task waits for more work before it ends; see {@link #linger()}. */
    private static final long LINGER_NANOS = 20_000L;
    /** The first chunk of the queue; small because idle mailboxes are the common case. */
    private static final int INITIAL_CHUNK = 16;

    private static final VarHandle CTL;
    private static final VarHandle RS;
    private static final VarHandle CLOSE_STATE;
    private static final VarHandle QUEUE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CTL = l.findVarHandle(MailboxImpl.class, "ctl", long.class);
            RS = l.findVarHandle(MailboxImpl.class, "rs", Object.class);
            CLOSE_STATE = l.findVarHandle(MailboxImpl.class, "closeState", Object.class);
            QUEUE = l.findVarHandle(MailboxImpl.class, "queue", Queue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final Overflow overflow;
    private final Consumer<? super T> deadLetters;
    /**
     * The MPSC queue, created by the first send (lvQueue / casQueue): an idle mailbox that never received a value
     * costs no queue, which is most of a JCTools queue's size (its padding). The Dekker argument of invariant 3
     * still holds: a reader that reads null here read it before the sender's CAS that installs the queue, so that
     * sender's later load of {@code rs} sees the reader's earlier store.
     */
    private volatile Queue<Object> queue;
    /** BLOCK (bounded) only: guards {@code senders}. */
    private final ReentrantLock lock;
    /** BLOCK (bounded) only: parked senders, FIFO. */
    private final WaitQueue senders;
    /** DROP_OLDEST only: every poll happens under it, so an evicting sender can poll too. */
    private final ReentrantLock evictLock;
    /** On demand only: runs reader tasks. */
    private final Executor executor;
    /** On demand only: receives the values. */
    private final Reader<? super T> reader;

    /** Closed bit and accepted-value count; see the class comment. */
    private volatile long ctl;
    /** Reader state: null (IDLE), ACTIVE, TERMINATED or a parked reader Thread. */
    private volatile Object rs;
    /** null while open; then NO_CAUSE or the close cause. Set (once, by CAS) before the closed bit. */
    private volatile Object closeState;

    /**
     * Creates a mailbox. Use the factories in {@link Mailbox} and {@link dev.channels.Channel}, which validate
     * the arguments.
     *
     * @param capacity    1..2^30, or {@link Integer#MAX_VALUE} for unbounded
     * @param overflow    the policy when full
     * @param deadLetters the hook for dropped values, or null
     * @param executor    on demand: runs reader tasks; null for a mailbox read through the receive operations
     * @param reader      on demand: the reader; null otherwise
     */
    public MailboxImpl(int capacity, Overflow overflow, Consumer<? super T> deadLetters, Executor executor,
                       Reader<? super T> reader) {
        this.capacity = capacity;
        boolean bounded = capacity != Integer.MAX_VALUE;
        this.overflow = bounded ? overflow : Overflow.BLOCK;
        this.deadLetters = deadLetters;
        this.executor = executor;
        this.reader = reader;
        boolean blocking = bounded && overflow == Overflow.BLOCK;
        this.lock = blocking ? new ReentrantLock() : null;
        this.senders = blocking ? new WaitQueue() : null;
        this.evictLock = bounded && overflow == Overflow.DROP_OLDEST ? new ReentrantLock() : null;
    }

    // ------------------------------------------------------------------------------------------------ send

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        if (capacity == Integer.MAX_VALUE) {
            sendUnbounded(value);
            return;
        }
        int r = senders != null && senders.size() != 0 ? FULL : reserveSlot(); // FIFO behind parked senders
        if (r == SENT) {
            offerReserved(value); // the queue never overflows: at most `capacity` values are counted
            signal();
            return;
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        switch (overflow) {
            case BLOCK -> sendBlocking(value, false, 0L);
            case FAIL -> throw new MailboxFullException(capacity);
            case DROP_NEWEST -> deadLetter(value);
            case DROP_OLDEST -> sendEvictingOldest(value);
        }
    }

    /**
     * Sends, waiting up to {@code timeout} for room. Only {@link Overflow#BLOCK} waits; the other policies act at
     * once, as {@link #send(Object)} does.
     */
    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        long nanos = Deadlines.nanos(timeout, "timeout");
        if (capacity == Integer.MAX_VALUE || overflow != Overflow.BLOCK) {
            send(value);
            return true;
        }
        if (senders.size() == 0) {
            int r = reserveSlot();
            if (r == SENT) {
                offerReserved(value);
                signal();
                return true;
            }
            if (r == CLOSED) {
                throw closedForSend();
            }
        }
        if (nanos <= 0L) {
            return false;
        }
        return sendBlocking(value, true, Deadlines.deadline(nanos));
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        if (capacity == Integer.MAX_VALUE) {
            sendUnbounded(value);
            return true;
        }
        if (senders != null && senders.size() != 0) {
            if (isClosed()) {
                throw closedForSend();
            }
            return false; // others wait ahead of this value
        }
        int r = reserveSlot();
        if (r == SENT) {
            offerReserved(value);
            signal();
            return true;
        }
        if (r == CLOSED) {
            throw closedForSend();
        }
        return false;
    }

    /**
     * The unbounded send: one CAS on {@code ctl} (count + 1 unless closed), one offer, one load of the reader
     * state. A CAS and not an atomic add: an add that finds the closed bit would count the failed send for a
     * moment before undoing it, and in that moment {@code size()} reports a value that no send delivered and a
     * receive on the closed, drained mailbox answers "empty" instead of "closed" (Lincheck found both,
     * {@code MailboxLincheckTest}).
     */
    private void sendUnbounded(Object value) {
        if (reserveSlot() == CLOSED) { // count first: a close after this waits for our value; never FULL here
            throw closedForSend();
        }
        offerReserved(value);
        signal();
    }

    /**
     * Offers a value whose place is already counted in {@code ctl}. If the offer throws (only creating the queue
     * can: out of memory), the place is given back, so that the mailbox can still be drained and closed.
     */
    private void offerReserved(Object value) {
        try {
            queue().offer(value);
        } catch (RuntimeException | Error e) {
            CTL.getAndAdd(this, -1L);
            if (senders != null && senders.size() != 0) {
                lock.lock();
                try {
                    pumpLocked();
                } finally {
                    lock.unlock();
                }
            }
            signal(); // the give-back may have drained a closed mailbox
            throw e;
        }
    }

    /** casCtl: count + 1 unless closed or at capacity (an unbounded mailbox's only limit is the count's width). */
    private int reserveSlot() {
        long limit = capacity == Integer.MAX_VALUE ? COUNT_MASK : capacity;
        for (;;) {
            long c = (long) CTL.getVolatile(this);
            if (c < 0L) {
                return CLOSED;
            }
            if (c >= limit) {
                return FULL;
            }
            if (CTL.compareAndSet(this, c, c + 1L)) {
                return SENT;
            }
        }
    }

    /** Bounded BLOCK: wait in FIFO order until a place is handed to this value. */
    private boolean sendBlocking(Object value, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            WaitNode node;
            boolean sent = false;
            lock.lock();
            try {
                if (isClosed()) {
                    throw closedForSend();
                }
                if (senders.size() == 0 && reserveSlot() == SENT) {
                    offerReserved(value);
                    sent = true;
                    node = null;
                } else {
                    if (timed && Deadlines.remaining(deadline) <= 0L) {
                        return false;
                    }
                    node = new WaitNode(value);
                    senders.add(node); // volatile size store, then pumpLocked reads ctl: Dekker with release
                    pumpLocked();      // a place freed before we were visible goes to the oldest sender
                }
            } finally {
                lock.unlock();
            }
            if (sent) {
                signal();
                return true;
            }
            Object outcome = node.park(senders, lock, timed, deadline, null);
            if (outcome == node) {
                return true; // the pumper offered our value and signalled the reader
            }
            if (outcome == Waiter.CANCELLED) {
                return false;
            }
            // RETRY: closed; the top of the loop throws
        }
    }

    /**
     * Moves waiting senders' values into free places, oldest first, then signals the reader. Caller holds
     * {@code lock}.
     */
    private void pumpLocked() {
        boolean moved = false;
        while (senders.size() != 0) {
            if (reserveSlot() != SENT) {
                break; // full, or closed (close wakes the senders itself)
            }
            WaitNode s;
            boolean placed = false;
            while ((s = senders.poll()) != null) {
                if (s.waiter.tryClaim()) {
                    try {
                        queue().offer(s.item); // before the sender learns its send completed
                    } catch (RuntimeException | Error e) { // cannot create the queue (out of memory)
                        s.waiter.complete(Waiter.RETRY);    // the sender re-runs and meets the error itself
                        CTL.getAndAdd(this, -1L);
                        signal();
                        throw e;
                    }
                    s.waiter.complete(s);
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                CTL.getAndAdd(this, -1L); // only stale (cancelled) senders: give the place back
                moved = true;             // the give-back may have drained a closed mailbox: signal below
                break;
            }
            moved = true;
        }
        if (moved) {
            signal();
        }
    }

    /** Bounded DROP_OLDEST: evict the oldest value until this one fits. */
    private void sendEvictingOldest(Object value) {
        for (;;) {
            int r = reserveSlot();
            if (r == SENT) {
                offerReserved(value);
                signal();
                return;
            }
            if (r == CLOSED) {
                throw closedForSend();
            }
            Object oldest;
            evictLock.lock(); // the reader polls under it too, so this poll is a single consumer
            try {
                oldest = queue().poll();
            } finally {
                evictLock.unlock();
            }
            if (oldest != null) {
                CTL.getAndAdd(this, -1L);
                deadLetter(oldest);
            } else {
                Thread.onSpinWait(); // every place is reserved by a sender mid-offer; see the class comment
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deadLetter(Object value) {
        if (deadLetters != null) {
            ((Consumer<Object>) deadLetters).accept(value);
        }
    }

    /**
     * Tells the reader that there is something to see (a value, or closed-and-drained); see invariant 3.
     * Channel mode: unpark a parked reader. On demand: start a reader task if none runs.
     */
    private void signal() {
        Object r = rs; // LoadLoad after the caller's offer or ctl update (both volatile): Dekker with the reader
        if (r == null) {
            if (executor != null && RS.compareAndSet(this, null, ACTIVE)) {
                startReaderTask();
            }
        } else if (r instanceof Thread t && RS.compareAndSet(this, t, ACTIVE)) {
            Park.unpark(t);
        }
    }

    private void startReaderTask() {
        try {
            executor.execute(this::runReader);
        } catch (RuntimeException | Error e) {
            RS.setVolatile(this, null); // no task runs: give the role back so that a later send can retry
            throw e;
        }
    }

    // ----------------------------------------------------------------------------------- on-demand reader

    /** The on-demand reader task: holds the role (ACTIVE) from start to end. */
    private void runReader() {
        final Reader<? super T> rd = reader;
        for (;;) {
            int n = 0;
            Object v;
            while ((v = pollValue()) != null) {
                deliver(rd, v);
                if (++n == BATCH) {
                    n = 0;
                    Thread.yield(); // let other virtual threads on this carrier run
                }
            }
            long c = (long) CTL.getVolatile(this);
            if (c == CLOSED_BIT) { // closed and drained: final (invariant 2)
                RS.setVolatile(this, TERMINATED);
                try {
                    rd.onClosed();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "mailbox reader failed in onClosed", e);
                }
                return;
            }
            if (linger()) {
                continue; // a value or the close arrived while lingering
            }
            RS.setVolatile(this, null); // release the role: StoreLoad, then re-check (invariant 3)
            if (isEmptyQueue() && (long) CTL.getVolatile(this) != CLOSED_BIT) {
                return; // a later send or close sees IDLE and starts a new task
            }
            if (!RS.compareAndSet(this, null, ACTIVE)) {
                return; // a signaller took the role and started a new task
            }
        }
    }

    /**
     * Before the on-demand reader task ends, it waits {@link #LINGER_NANOS} as a parked reader (the same protocol
     * as a blocking receive, invariant 3), so that a sender who comes back soon unparks it instead of starting a
     * new task: a new virtual thread costs about 400 bytes and a thread start, an unpark neither. Idle mailboxes
     * still hold no thread once the linger is over.
     *
     * @return true if there is work (a value, or closed and drained) and the caller still holds the role
     */
    private boolean linger() {
        Thread me = Thread.currentThread();
        RS.setVolatile(this, me); // publish as a parked reader, then re-check
        if (isEmptyQueue() && (long) CTL.getVolatile(this) != CLOSED_BIT) {
            LockSupport.parkNanos(this, LINGER_NANOS);
        }
        RS.compareAndSet(this, me, ACTIVE); // unless a signaller did it already: either way the role is ours
        return !isEmptyQueue() || (long) CTL.getVolatile(this) == CLOSED_BIT;
    }

    @SuppressWarnings("unchecked")
    private static <T> void deliver(Reader<? super T> rd, Object v) {
        try {
            rd.onValue((T) v);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "mailbox reader failed on a value; delivering the next", e);
        }
    }

    // ------------------------------------------------------------------------------------------- receive

    /** Takes the next value, or null; releases its place. Caller holds the reader role. */
    private Object pollValue() {
        Queue<Object> q = queue;
        if (q == null) {
            return null; // nothing was ever sent
        }
        Object v;
        if (evictLock != null) {
            evictLock.lock();
            try {
                v = q.poll();
            } finally {
                evictLock.unlock();
            }
        } else {
            v = q.poll();
        }
        if (v != null) {
            CTL.getAndAdd(this, -1L);
            if (senders != null && senders.size() != 0) { // after the volatile add: Dekker with sendBlocking
                lock.lock();
                try {
                    pumpLocked();
                } finally {
                    lock.unlock();
                }
            }
        }
        return v;
    }

    /** The queue, created on first use by a sender (or a pumper on a sender's behalf). */
    private Queue<Object> queue() {
        Queue<Object> q = queue;
        return q != null ? q : createQueue();
    }

    private Queue<Object> createQueue() {
        Queue<Object> q;
        if (capacity != Integer.MAX_VALUE) {
            int max = Math.max(4, roundToPowerOfTwo(capacity));
            q = new MpscChunkedVarHandleArrayQueue<>(Math.min(INITIAL_CHUNK, max / 2), max);
        } else {
            q = new MpscUnboundedVarHandleArrayQueue<>(INITIAL_CHUNK);
        }
        Object witness = QUEUE.compareAndExchange(this, null, q);
        return witness == null ? q : cast(witness);
    }

    private boolean isEmptyQueue() {
        Queue<Object> q = queue;
        return q == null || q.isEmpty();
    }

    private void enterReader() {
        if (executor != null) {
            throw new IllegalStateException("this mailbox delivers its values to its on-demand reader; "
                    + "it has no receive side");
        }
        if (!RS.compareAndSet(this, null, ACTIVE)) {
            throw new IllegalStateException("a mailbox has a single reader, and another receive is in progress "
                    + "on it (reader state: " + describeReader(rs) + "); use a Channel for several consumers");
        }
    }

    private static String describeReader(Object r) {
        return r instanceof Thread t ? "parked " + t : r == null ? "idle" : "active";
    }

    private void exitReader() {
        RS.setRelease(this, null);
    }

    private boolean closedAndDrained() {
        return (long) CTL.getVolatile(this) == CLOSED_BIT;
    }

    /** A blocking receive: a value, {@link #CLOSED_MARK}, or {@link #EMPTY} when the time ran out. */
    @Override
    Object receiveBlocking(boolean timed, long deadline) throws InterruptedException {
        enterReader();
        try {
            Thread me = Thread.currentThread();
            for (;;) {
                Object v = pollValue();
                if (v != null) {
                    return v;
                }
                if (closedAndDrained()) {
                    return CLOSED_MARK;
                }
                long remaining = 0L;
                if (timed && (remaining = Deadlines.remaining(deadline)) <= 0L) {
                    return EMPTY;
                }
                RS.setVolatile(this, me); // publish, then re-check (invariant 3)
                if (!isEmptyQueue() || closedAndDrained()) {
                    RS.setVolatile(this, ACTIVE);
                    continue;
                }
                if (timed) {
                    Park.parkUntil(this, deadline);
                } else {
                    Park.park(this);
                }
                RS.setVolatile(this, ACTIVE); // whether a sender did it or not: we still hold the role
                if (Thread.interrupted()) {
                    throw new InterruptedException(); // nothing was taken
                }
            }
        } finally {
            exitReader();
        }
    }

    @Override
    Object receiveNow() {
        enterReader();
        try {
            Object v = pollValue();
            if (v != null) {
                return v;
            }
            return closedAndDrained() ? CLOSED_MARK : EMPTY;
        } finally {
            exitReader();
        }
    }

    @Override
    public int drainTo(Consumer<? super T> sink, int maxValues) {
        Objects.requireNonNull(sink, "sink");
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be at least 1, got " + maxValues);
        }
        enterReader();
        try {
            int n = 0;
            Object v;
            while (n < maxValues && (v = pollValue()) != null) {
                n++;
                sink.accept(cast(v));
            }
            return n;
        } finally {
            exitReader();
        }
    }

    // ----------------------------------------------------------------------------------------------- close

    @Override
    public boolean close() {
        return closeWith(NO_CAUSE);
    }

    @Override
    public boolean close(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause"));
    }

    private boolean closeWith(Object cause) {
        boolean won = CLOSE_STATE.compareAndSet(this, null, cause); // the cause is visible before the bit
        CTL.getAndBitwiseOr(this, CLOSED_BIT); // losers set it too, so isClosed() holds when close() returns
        if (!won) {
            return false;
        }
        if (senders != null) {
            lock.lock();
            try {
                WaitNode n;
                while ((n = senders.poll()) != null) {
                    n.waiter.tryRetry(); // re-runs, sees closed, throws; its value was never accepted
                }
            } finally {
                lock.unlock();
            }
        }
        signal(); // the reader may now be closed and drained
        return true;
    }

    @Override
    public boolean isClosed() {
        return (long) CTL.getVolatile(this) < 0L;
    }

    // ------------------------------------------------------------------------------------------ inspection

    /** The accepted values not yet taken by the reader, including sends in progress; a snapshot. */
    @Override
    public int size() {
        long n = (long) CTL.getVolatile(this) & COUNT_MASK;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                Object v;
                try {
                    v = receiveBlocking(false, 0L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException ce = new CancellationException("interrupted while waiting in hasNext()");
                    ce.initCause(e);
                    throw ce;
                }
                if (v == CLOSED_MARK) {
                    if (closeState != NO_CAUSE) {
                        throw closedForReceive();
                    }
                    return false;
                }
                next = v;
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object v = next;
                next = null;
                return cast(v);
            }
        };
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public String toString() {
        return "Mailbox[" + (capacity == Integer.MAX_VALUE ? "unbounded" : "bounded(" + capacity + ", " + overflow
                + ")") + ", size=" + size() + (isClosed() ? ", closed]" : "]");
    }

    // -------------------------------------------------------------------------------------------- helpers

    private ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on closed mailbox", cause());
    }

    @Override
    boolean closedWithCause() {
        return closeState != NO_CAUSE;
    }

    @Override
    Throwable closeCause() {
        return cause();
    }

    @Override
    ChannelClosedException closedForReceive() {
        return new ChannelClosedException("receive on closed mailbox", cause());
    }

    private Throwable cause() {
        return closeState instanceof Throwable t ? t : null;
    }

    private static int roundToPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

}
