package dev.channels.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hook through which a deterministic test bubble (module {@code dev.channels.test}, Go's
 * {@code testing/synctest}) takes over the library's clock, parking, thread creation and timers for the threads
 * that belong to it. The core only knows this abstract class; the test module implements it.
 *
 * <h2>Cost outside bubbles</h2>
 * Every hook is guarded by one static volatile read, {@link #anyActive()}, which is false unless some bubble is
 * running in the JVM; only then does a seam look the current (or target) thread up in {@link #MEMBERS}. So an
 * untimed operation outside bubbles pays one load of a static field at each park and unpark (each of which costs
 * microseconds anyway), and a timed one the same load at each clock read.
 *
 * <p>Invariants:
 * <ol>
 *   <li>A thread is in {@link #MEMBERS} exactly while it belongs to a running bubble: from the moment a bubble
 *       creates it (before it is started, so that it counts as runnable from the start) until its task has
 *       ended. Only the bubble adds and removes entries.</li>
 *   <li>{@link #anyActive()} is true while any bubble has been {@linkplain #activate() activated} and not yet
 *       {@linkplain #deactivate() deactivated}; a bubble activates before its first member exists and
 *       deactivates after its last member left, so a member always sees it true.</li>
 *   <li>{@link #MARK} is inheritable: a thread started by a member without the bubble's thread factory inherits it
 *       but is not a member. Such a "stray" thread is treated as outside every bubble, and its first clock read or
 *       park is reported to the bubble ({@link #stray}), which fails the run: its operations would run on real
 *       time and could wake members behind the bubble's back.</li>
 * </ol>
 */
public abstract class Bubble {
    /** Bubble members: thread to its bubble. */
    private static final Map<Thread, Bubble> MEMBERS = new ConcurrentHashMap<>();
    /** The bubble a thread was started in, inherited by the threads it starts (see invariant 3). */
    private static final InheritableThreadLocal<Bubble> MARK = new InheritableThreadLocal<>();
    private static final AtomicInteger ACTIVE_COUNT = new AtomicInteger();
    /** ACTIVE_COUNT != 0, as one volatile boolean read by every seam. */
    private static volatile boolean active;

    /** For subclasses. */
    protected Bubble() {
    }

    // ---------------------------------------------------------------------------------------- registry

    /** Whether any bubble is running in this JVM; the one check every seam makes first. */
    static boolean anyActive() {
        return active;
    }

    /**
     * The bubble of the current thread, or null; also reports a stray thread (invariant 3) and returns null for
     * it. Call only when {@link #anyActive()}.
     */
    static Bubble current() {
        Thread t = Thread.currentThread();
        Bubble b = MEMBERS.get(t);
        if (b == null) {
            Bubble origin = MARK.get();
            if (origin != null) {
                MARK.remove(); // reported once per thread
                origin.stray(t);
            }
        }
        return b;
    }

    /**
     * The bubble of the current thread, or null, without reporting a stray thread (for bookkeeping such as a new
     * channel's creator, which is not a use of the bubble's clock or parking). Call only when {@link #anyActive()}.
     */
    static Bubble currentMember() {
        return MEMBERS.get(Thread.currentThread());
    }

    /** The bubble {@code thread} belongs to, or null. Call only when {@link #anyActive()}. */
    static Bubble of(Thread thread) {
        return MEMBERS.get(thread);
    }

    /**
     * The current thread's bubble, or null outside bubbles; for the test module's entry points.
     *
     * @return the bubble, or null
     */
    public static Bubble ofCurrentThread() {
        return active ? current() : null;
    }

    /** Marks the start of a bubble; call before its first member is created. */
    protected static void activate() {
        if (ACTIVE_COUNT.getAndIncrement() == 0) {
            active = true;
        }
    }

    /** Marks the end of a bubble; call after its last member has left. */
    protected static void deactivate() {
        if (ACTIVE_COUNT.decrementAndGet() == 0) {
            active = false; // a racing activate() sets it true after its increment, or we see its count here:
            if (ACTIVE_COUNT.get() != 0) {
                active = true;
            }
        }
    }

    /**
     * Adds {@code thread} to this bubble (invariant 1); call before starting it.
     *
     * @param thread the new member
     */
    protected final void join(Thread thread) {
        MEMBERS.put(thread, this);
    }

    /**
     * Removes {@code thread} from this bubble; call once its task has ended.
     *
     * @param thread the member that leaves
     */
    protected final void leave(Thread thread) {
        MEMBERS.remove(thread, this);
    }

    /** Sets the inheritable mark on the current thread (a new member's first step). */
    protected final void markCurrentThread() {
        MARK.set(this);
    }

    /** Clears the current thread's mark (a member's last step). */
    protected static void unmarkCurrentThread() {
        MARK.remove();
    }

    /** The number of threads in any bubble; for leak tests. */
    public static int memberCount() {
        return MEMBERS.size();
    }

    /**
     * The bubble that created the channel {@code blocker} waits on, if the blocker is a channel wait that knows
     * it; null otherwise or for a channel made outside bubbles.
     *
     * @param blocker a blocker passed to {@link Park}
     * @return the creating bubble, or null
     */
    protected static Bubble creatorOf(Object blocker) {
        if (blocker instanceof WaitNode n) {
            WaitQueue q = n.queue;
            if (q != null && q.channel != null) {
                return q.channel.bubble;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- hooks

    /**
     * The bubble's clock, with {@link System#nanoTime()}'s meaning; called by a member.
     *
     * @return the virtual time in nanoseconds
     */
    protected abstract long now();

    /**
     * The bubble's clock as an instant; called by a member.
     *
     * @return the virtual wall-clock time
     */
    protected abstract Instant instant();

    /**
     * Parks the current thread, a member, as durably blocked until unparked through this bubble, the deadline
     * passes on the virtual clock (if timed), or it is interrupted; may return spuriously.
     *
     * @param blocker  what it waits for
     * @param timed    whether {@code deadline} applies
     * @param deadline a deadline on {@link #now()}
     */
    protected abstract void park(Object blocker, boolean timed, long deadline);

    /**
     * Makes a member runnable: it counts as runnable from this call on (so that "A unparks B, then A parks" never
     * looks idle), and its current or next park returns.
     *
     * @param member a thread of this bubble
     */
    protected abstract void unpark(Thread member);

    /**
     * Creates a thread that belongs to this bubble; called by a member.
     *
     * @param plain the factory the library would use outside bubbles
     * @param task  the thread's task
     * @return the unstarted member thread
     */
    protected abstract Thread newThread(ThreadFactory plain, Runnable task);

    /**
     * Schedules a timer channel's task on the bubble's clock; called by a member.
     *
     * @param task the task, its deadline on {@link #now()}
     */
    protected abstract void schedule(Timers.Task task);

    /**
     * Cancels a task scheduled here; a no-op if it has fired or was cancelled.
     *
     * @param task the task
     */
    protected abstract void cancel(Timers.Task task);

    /**
     * Reports a thread that was started inside this bubble without its thread factory and then used the
     * library's clock or parking (invariant 3).
     *
     * @param thread the stray thread
     */
    protected abstract void stray(Thread thread);

    /**
     * Reports a thread outside this bubble that blocks on a channel this bubble created.
     *
     * @param thread  the outside thread
     * @param blocker what it blocks on
     */
    protected abstract void foreignWait(Thread thread, Object blocker);
}
