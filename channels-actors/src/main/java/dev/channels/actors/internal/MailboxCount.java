package dev.channels.actors.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The mailbox's count word: how many values are accepted and not yet released by the reader, and whether the
 * mailbox is closed. The first layer of the mailbox ({@link MailboxCount} &lt; {@link MailboxSends} &lt;
 * {@link Mailbox}, one object, one idea per layer, as JCTools splits its queues into field classes).
 *
 * <h2>Overview</h2>
 * {@code ctl} holds the closed bit in bit 63 and the count in bits 0..62. A send counts itself by CAS
 * ({@link #reserve(long)}: count + 1, failing once closed or at the limit) before it offers its value to the
 * queue; close sets the bit with one atomic OR. Because both live in one word, a send and a close are ordered:
 * a send is counted before the close (and its value will be delivered) or it sees the bit and fails.
 *
 * <p>Invariants:
 * <ol>
 *   <li>The count only falls through {@link #release(long)}, and {@code release} always ends by calling
 *       {@link #afterRelease()} (which moves blocked senders into the freed places, then signals the reader).
 *       No path can lower the count and forget to wake the reader: the fault of issue 12 item 1 (an evicting
 *       send that lowered the count after a close and woke nobody) cannot be written.</li>
 *   <li>Closed and drained is final: once the bit is set no send is counted, and the count only falls, so
 *       {@code ctl == CLOSED_BIT} ({@link #closedAndDrained()}) never becomes false again.</li>
 *   <li>A send is never counted after the close (a CAS, not an atomic add that would count a failing send for a
 *       moment): {@link #size()} and {@link #closedAndDrained()} never see a value that no send delivered.</li>
 *   <li>The close cause is stored (once, by CAS) before the bit, so whoever sees the bit can read the cause.</li>
 * </ol>
 */
abstract class MailboxCount {
    static final long CLOSED_BIT = Long.MIN_VALUE;
    static final long COUNT_MASK = Long.MAX_VALUE;

    /** Results of {@link #reserve(long)}. */
    static final int SENT = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;

    /** Close cause placeholder for a plain close. */
    static final Object NO_CAUSE = new Object();

    private static final VarHandle CTL;
    private static final VarHandle CLOSE_STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CTL = l.findVarHandle(MailboxCount.class, "ctl", long.class);
            CLOSE_STATE = l.findVarHandle(MailboxCount.class, "closeState", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Closed bit and accepted-value count; see the class comment. */
    private volatile long ctl;
    /** null while open; then NO_CAUSE or the close cause. Set (once, by CAS) before the closed bit. */
    private volatile Object closeState;

    /**
     * casCtl: count + 1 unless closed or the count is at {@code limit}. The send's linearization point when it
     * returns {@link #SENT} (the value is then accepted), or when it returns {@link #FULL} / {@link #CLOSED}.
     *
     * @param limit the capacity, or {@link #COUNT_MASK} for an unbounded mailbox
     * @return {@link #SENT}, {@link #FULL} or {@link #CLOSED}
     */
    final int reserve(long limit) {
        for (;;) {
            long c = (long) CTL.getVolatile(this); // LoadLoad: sees the closed bit and the reader's releases
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

    /**
     * Lowers the count by {@code n} (the reader took {@code n} values, or a counted send gives its place back),
     * then runs {@link #afterRelease()}. The only way the count falls: invariant 1.
     *
     * @param n the number of places freed, at least 1
     */
    final void release(long n) {
        CTL.getAndAdd(this, -n); // full fence: the blocked-sender and reader loads in afterRelease come after it
        afterRelease();
    }

    /**
     * Runs after every {@link #release(long)}: hands freed places to blocked senders (bounded BLOCK), then signals
     * the reader, which may now be closed and drained. The reader itself calls {@code release}; its signal then
     * finds the reader role held and does nothing.
     */
    abstract void afterRelease();

    /**
     * Sets the closed bit, recording {@code cause} if this is the first close.
     *
     * @param cause {@link #NO_CAUSE} or the close cause
     * @return true if this call closed the mailbox
     */
    final boolean markClosed(Object cause) {
        boolean won = CLOSE_STATE.compareAndSet(this, null, cause); // invariant 4: the cause before the bit
        CTL.getAndBitwiseOr(this, CLOSED_BIT); // losers set it too, so isClosed() holds when close() returns
        return won;
    }

    /** lvCtl: whether the mailbox is closed (values may remain to drain). */
    final boolean isClosed() {
        return (long) CTL.getVolatile(this) < 0L;
    }

    /** lvCtl: closed, and every accepted value released by the reader; final (invariant 2). */
    final boolean closedAndDrained() {
        return (long) CTL.getVolatile(this) == CLOSED_BIT;
    }

    /**
     * lvCtl: the accepted values not yet released by the reader: values in the queue, values whose sender is
     * between its reserve and its offer, and (unbounded) values the reader took in its current batch; a snapshot.
     *
     * @return the count
     */
    final long count() {
        return (long) CTL.getVolatile(this) & COUNT_MASK;
    }

    final int size() {
        long n = (long) CTL.getVolatile(this) & COUNT_MASK;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The close cause, or null while open or after a plain close. */
    final Throwable closeCause() {
        return closeState instanceof Throwable t ? t : null;
    }
}
