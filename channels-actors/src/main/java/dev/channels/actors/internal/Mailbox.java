package dev.channels.actors.internal;

import dev.channels.actors.Overflow;
import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An actor's mailbox: many senders, and a reader task started on demand. The third layer of the mailbox (sends
 * and close are {@link MailboxSends}, the count {@link MailboxCount}); this one holds the on-demand reader:
 * scheduling, linger, hand-over.
 *
 * <h2>Overview</h2>
 * No thread waits on an idle mailbox. A send (or close, or release) that finds the reader role free takes it
 * (CAS IDLE to ACTIVE) and starts a reader task on the executor; the task gives each value to the
 * {@link Reader}, and when the queue is empty it lingers, parked, for {@link #LINGER_NANOS}, then releases the
 * role and ends. This is the scheduling Akka's dispatcher applies to its mailboxes (a status CAS when a message
 * reaches an idle mailbox), on a virtual thread per busy period.
 *
 * <p>{@code rs}, the reader state: {@code null} (IDLE: no task), {@code ACTIVE} (a task holds the role), a
 * {@link Thread} (the task holds the role and is parked, lingering) or {@code TERMINATED} (the task saw closed
 * and drained and called {@link Reader#onClosed()}; the role is never released again).
 *
 * <p>Invariants:
 * <ol>
 *   <li>A reader task exists if and only if {@code rs} is ACTIVE or a Thread. It is started only by the CAS IDLE
 *       to ACTIVE, and it ends only after storing IDLE and losing the re-check, or after TERMINATED. So at most
 *       one task runs, and successive tasks are ordered by the volatile store that releases the role and the CAS
 *       that takes it: each {@link Reader} call happens-after the previous one.</li>
 *   <li>No lost wake-up (a Dekker pair): every sender after its offer, every {@code release} and every close
 *       calls {@link #signal()}, which loads {@code rs}. A task that stops reading first stores {@code rs} (its
 *       Thread, or IDLE), then re-checks the queue and {@link #closedAndDrained()}. Both sides are a volatile
 *       store followed by a volatile load of the other's location, so at least one side sees the other: the task
 *       re-checks and keeps going, or the signaller sees the parked Thread (and unparks it) or IDLE (and starts
 *       a task). If both act, the CAS on {@code rs} lets only one of them own the role.</li>
 *   <li>{@link Reader#onClosed()} runs once, from the holder of the role that stores TERMINATED, after every
 *       accepted value was given to {@link Reader#onValue} (or, after a refused start or a failed task, to the dead
 *       letters).</li>
 *   <li>A refused start (the executor throws): the mailbox closes with the executor's exception as its cause,
 *       and the thread that was refused, still holding the role, hands every accepted value to the dead-letter
 *       hook (never to the reader, which must run on its own task) and then calls {@link Reader#onClosed()};
 *       every later start is done the same way, without the executor. The send that met the refusal returns
 *       normally (its value was accepted, and is among the dead letters) and close() does not throw; later
 *       sends fail with {@link dev.channels.ChannelClosedException} whose cause is the executor's exception.
 *       No accepted value is stranded (issue 12 item 10).</li>
 *   <li>A failed reader task: an Error or RuntimeException that escapes the task outside the {@link Reader}'s
 *       calls (which catch their own) cannot leave the role held. It comes from freeing a taken value's place,
 *       whose pump moves a blocked sender's value into the queue and may fail (an {@link OutOfMemoryError}
 *       creating a queue chunk), from a park, or from logging. The task, still holding the role, logs it once,
 *       closes the mailbox with it as the cause and finishes as after a refused start (invariant 4): every
 *       accepted value goes to the dead letters (the value it had just taken too, {@link MailboxSends#take()}),
 *       then {@link Reader#onClosed()} runs, and no reader task starts again. {@link #terminate()} runs outside
 *       that guard, so onClosed never runs twice.</li>
 * </ol>
 *
 * <h2>Linger</h2>
 * {@link #LINGER_NANOS} is read once, when this class is initialized, from the system property
 * {@code dev.channels.actors.lingerNanos} (nanoseconds, at least 0; default 20000). A sender that comes back
 * within the linger unparks the task instead of starting a new one (a new virtual thread costs about 400 bytes and
 * a thread start, an unpark neither). 0 makes every busy period end as soon as the queue is empty, which forces a
 * reader hand-over as often as possible: the actor tests run once that way.
 *
 * @param <T> the element type
 */
final class Mailbox<T> extends MailboxSends<T> {
    private static final System.Logger LOG = System.getLogger("dev.channels.actors");

    /** The system property that sets {@link #LINGER_NANOS}. */
    static final String LINGER_PROPERTY = "dev.channels.actors.lingerNanos";
    /** How long an idle reader task waits for more work before it ends, in nanoseconds; see the class comment. */
    static final long LINGER_NANOS = lingerFromProperty();

    /**
     * Checks of the queue a lingering reader makes, with {@link Thread#onSpinWait()} between them, before it
     * parks: a sender that comes back within about a microsecond then costs neither an unpark nor a park.
     */
    private static final int LINGER_SPINS = 128;
    /** Values a reader task handles before it lets other virtual threads run. */
    private static final int BATCH = 64;

    /** Reader role held; see the class comment. IDLE is null. */
    private static final Object ACTIVE = new Object();
    /** Closed, drained and {@code onClosed} delivered; the role is never released again. */
    private static final Object TERMINATED = new Object();

    private static final VarHandle RS;

    static {
        try {
            RS = MethodHandles.lookup().findVarHandle(Mailbox.class, "rs", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The reader of a mailbox. Its methods are called by one thread at a time (so the state it touches needs no
     * lock), each call happening-after the previous one.
     *
     * @param <T> the element type
     */
    interface Reader<T> {
        /**
         * Handles one value, in the mailbox's order. An exception thrown here is logged and the next value is
         * delivered; handle failures inside if they matter.
         *
         * @param value the value received
         */
        void onValue(T value);

        /** Called once, after the mailbox is closed and every accepted value was handled (or dead-lettered). */
        void onClosed();
    }

    private final Executor executor;
    private final Reader<? super T> reader;
    private final long lingerNanos;

    /** Reader state: null (IDLE), ACTIVE, TERMINATED or a lingering reader Thread. */
    private volatile Object rs;
    /**
     * What the executor threw when it refused a reader task, or what escaped a reader task (invariants 4 and 5);
     * from then on the role holder drains inline.
     */
    private volatile Throwable failure;

    Mailbox(int capacity, Overflow overflow, Consumer<? super T> deadLetters, Executor executor,
            Reader<? super T> reader, long lingerNanos) {
        super(capacity, overflow, deadLetters);
        this.executor = executor;
        this.reader = reader;
        this.lingerNanos = lingerNanos;
    }

    /**
     * Creates a mailbox with no waiting reader: a send that finds it idle starts a reader task on
     * {@code executor}, which gives each value to {@code reader} and ends when the mailbox stays empty. After
     * {@link #close()}, the task delivers what was accepted, then calls {@link Reader#onClosed()} once.
     *
     * @param capacity    1 to {@link dev.channels.Channel#MAX_BUFFERED_CAPACITY}, or {@link Integer#MAX_VALUE}
     *                    for unbounded
     * @param overflow    what a send does when full (ignored when unbounded)
     * @param deadLetters receives values dropped by the drop policies, on the sending thread; null to discard
     * @param executor    runs reader tasks; if it throws, see invariant 4 (and 5 if a task fails)
     * @param reader      handles the values
     * @param <T>         the element type
     * @return a new open mailbox
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <T> Mailbox<T> onDemand(int capacity, Overflow overflow, Consumer<? super T> deadLetters,
                                   Executor executor, Reader<? super T> reader) {
        if (capacity != UNBOUNDED && (capacity < 1 || capacity > dev.channels.Channel.MAX_BUFFERED_CAPACITY)) {
            throw new IllegalArgumentException("mailbox capacity must be between 1 and "
                    + dev.channels.Channel.MAX_BUFFERED_CAPACITY + ", or Integer.MAX_VALUE for unbounded, got "
                    + capacity);
        }
        return new Mailbox<>(capacity, Objects.requireNonNull(overflow, "overflow"), deadLetters,
                Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(reader, "reader"),
                LINGER_NANOS);
    }

    /** Closes the mailbox; see {@link MailboxSends#closeWith}. @return true if this call closed it */
    boolean close() {
        return closeWith(NO_CAUSE);
    }

    /** Closes the mailbox with a cause that later sends report. @return true if this call closed it */
    boolean close(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause"));
    }

    // ------------------------------------------------------------------------------------------- signalling

    @Override
    void signal() {
        Object r = rs; // LoadLoad after the caller's offer or ctl update (both volatile): invariant 2
        if (r == null) {
            if (RS.compareAndSet(this, null, ACTIVE)) {
                startReader();
            }
        } else if (r instanceof Thread t && RS.compareAndSet(this, t, ACTIVE)) {
            Park.unpark(t);
        }
    }

    /** Starts a reader task for the role just taken; on a refusal, see invariant 4. */
    private void startReader() {
        if (failure == null) {
            try {
                executor.execute(this::runReader);
                return;
            } catch (RuntimeException | Error e) {
                failure = e;
                closeWith(e); // its signal finds the role held (by us) and does nothing
                log("the executor refused a mailbox reader task; the mailbox is closed and its accepted values "
                        + "go to the dead letters", e);
            }
        }
        drainRefused();
    }

    /** Invariants 4 and 5: the role holder drains to the dead letters, then terminates or hands the role over. */
    private void drainRefused() {
        for (;;) {
            Object v;
            while ((v = take()) != null) {
                try {
                    deadLetterAfterClose(v);
                } catch (RuntimeException | Error e) {
                    log("dead-letter hook failed", e);
                }
            }
            releaseTaken();
            if (closedAndDrained()) {
                terminate();
                return;
            }
            if (!handOver()) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ reader task

    /**
     * The reader task: holds the role (ACTIVE) from start to end. Whatever escapes the reading is caught here and
     * ends the mailbox (invariant 5); the hand-over, which only stores and reads volatile state, stays outside.
     */
    private void runReader() {
        for (;;) {
            boolean drained;
            try {
                drained = readUntilIdle();
            } catch (RuntimeException | Error e) {
                failReader(e);
                return;
            }
            if (drained) {
                terminate();
                return;
            }
            if (!handOver()) {
                return;
            }
        }
    }

    /**
     * Gives values to the reader until the queue stays empty past the linger, or the mailbox is closed and
     * drained. The caller holds the role throughout.
     *
     * @return true if closed and drained (the caller terminates), false if idle (the caller hands over)
     */
    private boolean readUntilIdle() {
        final Reader<? super T> rd = reader;
        for (;;) {
            int n = 0;
            Object v;
            while ((v = take()) != null) {
                deliver(rd, v);
                if (++n == BATCH) {
                    n = 0;
                    releaseTaken();
                    Thread.yield(); // let other virtual threads on this carrier run
                }
            }
            releaseTaken(); // before the closed-and-drained check (MailboxSends invariant 5)
            if (closedAndDrained()) { // final (MailboxCount invariant 2)
                return true;
            }
            if (!linger()) {
                return false;
            }
            // a value or the close arrived while lingering
        }
    }

    /**
     * Invariant 5: {@code e} escaped the reading. Logs it once, closes the mailbox with it as the cause, and
     * drains to the dead letters as after a refused start. The caller still holds the role.
     */
    private void failReader(Throwable e) {
        RS.compareAndSet(this, Thread.currentThread(), ACTIVE); // thrown while lingering: the role is ours anyway
        failure = e;
        closeWith(e); // its signal finds the role held (by us) and does nothing
        log("a mailbox reader task failed outside the reader; the mailbox is closed and its accepted values go "
                + "to the dead letters", e);
        drainRefused();
    }

    /**
     * Releases the role (IDLE), then re-checks (invariant 2).
     *
     * @return true if there was work after all and the caller took the role back; false if the caller must end
     */
    private boolean handOver() {
        RS.setVolatile(this, null); // StoreLoad, then re-check
        if (queueEmpty() && !closedAndDrained()) {
            return false; // a later send, release or close sees IDLE and starts a new task
        }
        return RS.compareAndSet(this, null, ACTIVE); // false: a signaller took the role and started a task
    }

    /**
     * Waits up to the linger as a lingering reader (invariant 2), so that a sender who comes back soon unparks
     * this task instead of starting a new one; first spins briefly ({@link #LINGER_SPINS}) while still ACTIVE.
     * The spin is safe without publishing: while {@code rs} is ACTIVE a sender's signal does nothing, and the
     * re-check after publishing below is what closes the wake-up window.
     *
     * @return true if there is work (a value, or closed and drained); the caller holds the role either way
     */
    private boolean linger() {
        if (lingerNanos <= 0L) {
            return false;
        }
        for (int i = 0; i < LINGER_SPINS; i++) { // still ACTIVE: senders do not try to wake us meanwhile
            if (!queueEmpty() || closedAndDrained()) {
                return true;
            }
            Thread.onSpinWait();
        }
        Thread me = Thread.currentThread();
        RS.setVolatile(this, me); // publish as lingering, then re-check
        if (queueEmpty() && !closedAndDrained()) {
            Park.parkUntil(this, Deadlines.deadline(lingerNanos));
        }
        RS.compareAndSet(this, me, ACTIVE); // unless a signaller did it already: either way the role is ours
        return !queueEmpty() || closedAndDrained();
    }

    private void terminate() {
        RS.setVolatile(this, TERMINATED);
        try {
            reader.onClosed();
        } catch (RuntimeException | Error e) {
            log("mailbox reader failed in onClosed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void deliver(Reader<? super T> rd, Object v) {
        try {
            rd.onValue((T) v);
        } catch (RuntimeException | Error e) {
            log("mailbox reader failed on a value; delivering the next", e);
        }
    }

    /**
     * Logs a failure at ERROR. A logger that throws (a broken handler) must not end a reader task that holds the
     * role, or the mailbox would stay unclosed (invariant 5): what the logger throws is dropped.
     */
    private static void log(String message, Throwable e) {
        try {
            LOG.log(System.Logger.Level.ERROR, message, e);
        } catch (RuntimeException | Error loggerFailure) {
            // nothing left to report it to
        }
    }

    // ------------------------------------------------------------------------------------------ inspection

    @Override
    public String toString() {
        return "Mailbox[" + (capacity == UNBOUNDED ? "unbounded" : "bounded(" + capacity + ", " + overflow + ")")
                + ", size=" + size() + (isClosed() ? ", closed]" : "]");
    }

    private static long lingerFromProperty() {
        String s = System.getProperty(LINGER_PROPERTY);
        if (s == null) {
            return 20_000L;
        }
        long v;
        try {
            v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + LINGER_PROPERTY
                    + " must be a number of nanoseconds, got '" + s + "'", e);
        }
        if (v < 0L) {
            throw new IllegalArgumentException("system property " + LINGER_PROPERTY
                    + " must be at least 0 nanoseconds, got " + v);
        }
        return v;
    }
}
