package dev.channels.test.internal;

import dev.channels.internal.Bubble;
import dev.channels.internal.ChannelImpl;
import dev.channels.internal.FinishingThreads;
import dev.channels.internal.Timers;
import dev.channels.test.DeadlockError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bubble: a set of threads whose library operations run on a virtual clock that moves only when every one of
 * them is durably blocked (Go 1.25's {@code testing/synctest}).
 *
 * <h2>Overview of implementation</h2>
 * Every member thread is either <em>runnable</em> (running, or blocked anywhere outside the library: I/O, a monitor,
 * a {@code java.util.concurrent} lock, {@code Thread.sleep}) or <em>durably blocked</em>: parked through the
 * library's park seam, which lands in {@link #park}. {@code running} counts the runnable members. A member that
 * parks marks itself blocked (with its blocker, and a timer if the park is timed) and decrements {@code running};
 * whoever brings {@code running} to zero runs {@link #idleLocked()}, which, in this order:
 * <ol>
 *   <li>wakes a blocked member whose interrupt status is set (an interrupt wakes a park, but no seam sees it);</li>
 *   <li>releases the thread waiting in {@link #awaitIdle} (Go's {@code synctest.Wait}), without moving time;</li>
 *   <li>else moves the clock to the earliest <em>live</em> timer (a timed park, or a timer channel somebody is
 *       blocked receiving from, as Go 1.23 timers only run while a goroutine waits on them) and wakes or fires
 *       every timer due by then;</li>
 *   <li>else reports a deadlock: every member is durably blocked and no timer can ever wake one.</li>
 * </ol>
 *
 * <p>Invariants (all state is guarded by {@code lock}; the bubble is a test tool, so one lock is simple and cheap
 * enough):
 * <ol>
 *   <li>{@code running} = members not blocked + deliveries in progress. A member is counted from its creation
 *       (before it is started) until its task ended, so a thread that was started but has not run yet keeps time
 *       still.</li>
 *   <li>"A unparks B, then A parks": {@link #unpark} marks B runnable (or, if B is not blocked yet, gives it a
 *       permit its next park consumes) under the lock <em>before</em> A can park, so {@code running} never
 *       reaches zero in between.</li>
 *   <li>Time never moves backwards and moves only in {@link #idleLocked()} with {@code running == 0}.</li>
 *   <li>Timer channels are fired outside the lock (a delivery takes the channel's lock and unparks through
 *       {@link #unpark}; channel locks are taken before this lock, never after), by the thread that moved the
 *       clock, which counts as runnable until the deliveries are done.</li>
 *   <li>The clock starts at {@link #EPOCH} (Go's bubbles start at midnight UTC 2000-01-01), so runs are
 *       reproducible.</li>
 * </ol>
 */
public final class BubbleImpl extends Bubble {
    /** The virtual clock's start: midnight UTC, January 1st 2000, as in Go's bubbles. */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    /** Deadlocks after which the bubble stops interrupting its threads and gives up on them. */
    private static final int MAX_DEADLOCKS = 3;
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private final Map<Thread, Member> members = new LinkedHashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>();
    private final Map<Timers.Task, Timer> taskTimers = new HashMap<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final FinishingThreads finishing = new FinishingThreads();
    private final ThreadFactory userThreads = Thread.ofVirtual().name("synctest-", 1).factory();
    /** Virtual nanoseconds since {@link #EPOCH}; written under the lock. */
    private volatile long now;
    private long seq;
    private int running;
    private Member idleWaiter;
    private int deadlocks;
    private boolean abandoned;
    private boolean open = true;

    private BubbleImpl() {
    }

    /** One member thread's state; guarded by the bubble's lock. */
    private static final class Member {
        Thread thread;
        boolean blocked;
        Object blocker;
        Timer timer;
        /** An unpark arrived while the member was runnable: its next park returns at once. */
        boolean permit;
        /** Set when {@link #idleLocked()} released this member from {@link #awaitIdle}. */
        boolean idleReleased;
    }

    /** A pending timer: a timed park of {@code member}, or a timer channel's {@code task}. */
    private record Timer(long deadline, long seq, Member member, Timers.Task task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline); // virtual time never wraps: plain comparison
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** The body of a member thread. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the body.
         *
         * @throws Exception a failure of the bubble
         */
        void run() throws Exception;
    }

    // -------------------------------------------------------------------------------------------- entry

    /**
     * Runs {@code body} in a new bubble and waits until every thread of the bubble has ended.
     *
     * @param body the body
     * @return the failures in the order they happened (empty if none)
     */
    public static List<Throwable> runBubble(Body body) {
        BubbleImpl b = new BubbleImpl();
        activate();
        OPEN.incrementAndGet();
        try {
            Thread root = b.newMember(Thread.ofVirtual().name("synctest-main").factory(), body);
            root.start();
            b.awaitEnd();
            if (!b.abandoned && b.finishing.joinAll()) {
                Thread.currentThread().interrupt();
            }
        } finally {
            OPEN.decrementAndGet();
            deactivate();
        }
        b.lock.lock();
        try {
            return new ArrayList<>(b.failures);
        } finally {
            b.lock.unlock();
        }
    }

    /** Bubbles running now in this JVM; for leak tests. */
    public static int openBubbles() {
        return OPEN.get();
    }

    /**
     * The current thread's bubble.
     *
     * @param what the calling method, for the message
     * @return the bubble
     * @throws IllegalStateException if the current thread is in no bubble
     */
    public static BubbleImpl current(String what) {
        if (Bubble.ofCurrentThread() instanceof BubbleImpl b) {
            return b;
        }
        throw new IllegalStateException(what + " was called outside a bubble: call it from a thread of "
                + "SyncTest.run (the body, or a thread started there through the library or SyncTest.threadFactory())");
    }

    private void awaitEnd() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!members.isEmpty() && !abandoned) {
                try {
                    ended.await();
                } catch (InterruptedException e) {
                    if (interrupted) { // interrupted twice: stop waiting for threads that ignore interrupts
                        failLocked(new CancellationException("SyncTest.run was interrupted; "
                                + members.size() + " bubble thread(s) abandoned"));
                        abandonLocked();
                        break;
                    }
                    interrupted = true;
                    for (Member m : members.values()) {
                        m.thread.interrupt();
                    }
                }
            }
            open = false;
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ members

    private Thread newMember(ThreadFactory plain, Body body) {
        Member m = new Member();
        Thread t = plain.newThread(() -> runMember(m, body));
        m.thread = t;
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("this SyncTest bubble has ended: no thread can join it");
            }
            members.put(t, m);
            running++;
        } finally {
            lock.unlock();
        }
        join(t);
        return t;
    }

    private void runMember(Member m, Body body) {
        markCurrentThread();
        try {
            body.run();
        } catch (Throwable e) {
            fail(e);
        } finally {
            finishing.addCurrent();
            exit(m);
            unmarkCurrentThread();
        }
    }

    private void exit(Member m) {
        List<Timers.Task> due;
        lock.lock();
        try {
            members.remove(m.thread);
            leave(m.thread);
            if (m.timer != null) {
                timers.remove(m.timer);
                m.timer = null;
            }
            if (idleWaiter == m) {
                idleWaiter = null;
            }
            running--;
            due = idleLocked();
            if (members.isEmpty()) {
                ended.signalAll();
            }
        } finally {
            lock.unlock();
        }
        deliver(due);
    }

    @Override
    protected Thread newThread(ThreadFactory plain, Runnable task) {
        return newMember(plain, task::run);
    }

    /**
     * A factory of threads that belong to this bubble, for the user's own threads.
     *
     * @return the factory
     */
    public ThreadFactory threadFactory() {
        return task -> newMember(userThreads, task::run);
    }

    // -------------------------------------------------------------------------------------------- clock

    @Override
    protected long now() {
        return now;
    }

    @Override
    protected Instant instant() {
        return EPOCH.plusNanos(now);
    }

    /**
     * The virtual time elapsed since {@link #EPOCH}.
     *
     * @return the elapsed virtual time
     */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    // ------------------------------------------------------------------------------------------ parking

    @Override
    protected void park(Object blocker, boolean timed, long deadline) {
        Member m;
        List<Timers.Task> due;
        lock.lock();
        try {
            m = members.get(Thread.currentThread()); // never null: the seam found this thread in the registry
            if (m.permit) {
                m.permit = false;
                return;
            }
            if (timed && deadline - now <= 0L) {
                return;
            }
            Bubble creator = creatorOf(blocker);
            if (creator != null && creator != this) {
                failLocked(new IllegalStateException("thread '" + nameOf(m.thread) + "' blocked on " + blocker
                        + ", a channel created in another SyncTest bubble: a channel belongs to the bubble that "
                        + "created it"));
            }
            blockLocked(m, blocker, timed, deadline);
            due = idleLocked();
        } finally {
            lock.unlock();
        }
        deliver(due);
        awaitWoken(m, blocker);
    }

    /** Marks {@code m} durably blocked. Caller holds the lock. */
    private void blockLocked(Member m, Object blocker, boolean timed, long deadline) {
        m.blocked = true;
        m.blocker = blocker;
        if (timed) {
            m.timer = new Timer(deadline, seq++, m, null);
            timers.add(m.timer);
        }
        running--;
    }

    /** Parks for real until the bubble marks {@code m} runnable, or its thread is interrupted. */
    private void awaitWoken(Member m, Object blocker) {
        for (;;) {
            lock.lock();
            try {
                if (!m.blocked) {
                    return;
                }
                if (m.thread.isInterrupted()) {
                    wakeLocked(m, false);
                    return;
                }
            } finally {
                lock.unlock();
            }
            LockSupport.park(blocker);
        }
    }

    /** Makes a blocked member runnable (invariant 1). Caller holds the lock. */
    private void wakeLocked(Member m, boolean unpark) {
        m.blocked = false;
        m.blocker = null;
        if (m.timer != null) {
            timers.remove(m.timer);
            m.timer = null;
        }
        running++;
        if (unpark) {
            LockSupport.unpark(m.thread);
        }
    }

    @Override
    protected void unpark(Thread member) {
        lock.lock();
        try {
            Member m = members.get(member);
            if (m == null) {
                LockSupport.unpark(member); // it has just left the bubble
            } else if (m.blocked) {
                wakeLocked(m, true);
            } else {
                m.permit = true; // invariant 2: it has not parked yet; its next park returns at once
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sleeps on the virtual clock.
     *
     * @param nanos the duration, saturated, positive
     * @throws InterruptedException if interrupted
     */
    public void sleep(long nanos) throws InterruptedException {
        long deadline = now + nanos;
        Object blocker = new Described("SyncTest.sleep(" + Duration.ofNanos(nanos) + ")");
        while (deadline - now > 0L) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            park(blocker, true, deadline);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * Go's {@code synctest.Wait}: returns once every other member is durably blocked. Time does not move.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitIdle() throws InterruptedException {
        Object blocker = new Described("SyncTest.awaitIdle");
        for (;;) {
            Member m;
            List<Timers.Task> due;
            lock.lock();
            try {
                m = members.get(Thread.currentThread());
                if (idleWaiter != null && idleWaiter != m) {
                    throw new IllegalStateException("SyncTest.awaitIdle: thread '" + nameOf(idleWaiter.thread)
                            + "' is already waiting for idle in this bubble; only one thread may (as in Go)");
                }
                if (Thread.interrupted()) {
                    idleWaiter = null;
                    throw new InterruptedException();
                }
                if (m.idleReleased) {
                    m.idleReleased = false;
                    idleWaiter = null;
                    return;
                }
                m.permit = false; // a stale library wake-up is not a reason to return from awaitIdle
                idleWaiter = m;
                blockLocked(m, blocker, false, 0L);
                due = idleLocked();
            } finally {
                lock.unlock();
            }
            deliver(due);
            awaitWoken(m, blocker);
        }
    }

    // --------------------------------------------------------------------------------------------- idle

    /**
     * Runs when {@code running} may have reached zero; see the class comment. Caller holds the lock.
     *
     * @return timer channel tasks the caller must fire outside the lock (then {@code running} counts the caller
     *         until it has fired them, invariant 4); empty otherwise
     */
    private List<Timers.Task> idleLocked() {
        if (running > 0 || members.isEmpty() || abandoned) {
            return List.of();
        }
        boolean woke = false;
        for (Member m : members.values()) {
            if (m.blocked && m.thread.isInterrupted()) {
                wakeLocked(m, true);
                woke = true;
            }
        }
        if (woke) {
            return List.of();
        }
        if (idleWaiter != null) {
            Member w = idleWaiter;
            idleWaiter = null;
            w.idleReleased = true;
            wakeLocked(w, true);
            return List.of();
        }
        Timer next = null;
        for (Timer t : timers) {
            if (t.member != null || live(t.task)) {
                next = t;
                break;
            }
        }
        if (next == null) {
            deadlockLocked();
            return List.of();
        }
        if (next.deadline > now) {
            now = next.deadline;
        }
        List<Timers.Task> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.first().deadline <= now) {
            Timer t = timers.pollFirst();
            if (t.member != null) {
                t.member.timer = null;
                wakeLocked(t.member, true);
            } else {
                taskTimers.remove(t.task);
                due.add(t.task);
            }
        }
        if (!due.isEmpty()) {
            running++; // the caller, until it has fired them
        }
        return due;
    }

    /** Whether a timer channel's firing could wake someone: a thread is blocked receiving from it. */
    private static boolean live(Timers.Task task) {
        return task.channel() instanceof ChannelImpl<?> ch && ch.waitingReceivers() > 0;
    }

    /** Fires timer channel tasks outside the lock (invariant 4), then re-runs the idle check. */
    private void deliver(List<Timers.Task> due) {
        while (!due.isEmpty()) {
            for (Timers.Task task : due) {
                boolean again;
                try {
                    again = task.runOnce(EPOCH.plusNanos(task.deadline()), now);
                } catch (RuntimeException | Error e) {
                    fail(e);
                    again = false;
                }
                if (again) {
                    lock.lock();
                    try {
                        if (task.isActive() && open) {
                            scheduleLocked(task);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
            lock.lock();
            try {
                running--;
                due = idleLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    protected void schedule(Timers.Task task) {
        lock.lock();
        try {
            scheduleLocked(task);
        } finally {
            lock.unlock();
        }
    }

    private void scheduleLocked(Timers.Task task) {
        Timer t = new Timer(task.deadline(), seq++, null, task);
        timers.add(t);
        taskTimers.put(task, t);
    }

    @Override
    protected void cancel(Timers.Task task) {
        lock.lock();
        try {
            Timer t = taskTimers.remove(task);
            if (t != null) {
                timers.remove(t);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------ failure

    private void deadlockLocked() {
        deadlocks++;
        StringBuilder report = new StringBuilder("deadlock: every thread of the SyncTest bubble is blocked and "
                + "no timer can wake one (virtual time " + instant() + "):");
        for (Member m : members.values()) {
            report.append("\n  ").append(nameOf(m.thread)).append(": ").append(m.blocker);
            StackTraceElement at = userFrame(m.thread);
            if (at != null) {
                report.append("\n      at ").append(at);
            }
        }
        failLocked(new DeadlockError(report.toString()));
        if (deadlocks > MAX_DEADLOCKS) {
            abandonLocked(); // its threads ignore interrupts and block again: give them up
            return;
        }
        for (Member m : members.values()) {
            m.thread.interrupt(); // unwinds them; awaitWoken and the next idle check count them runnable again
        }
    }

    /**
     * Gives up on the remaining members: they stay parked, but leave the registry (so that nothing of this bubble
     * outlives {@link #runBubble}) and {@code run} returns. Caller holds the lock.
     */
    private void abandonLocked() {
        abandoned = true;
        for (Member m : members.values()) {
            leave(m.thread);
        }
        ended.signalAll();
    }

    /** The first frame of the blocked thread's stack that is not the JDK's or the library's. */
    private static StackTraceElement userFrame(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
                    || c.startsWith("dev.channels.internal.") || c.startsWith("dev.channels.actors.internal.")
                    || c.startsWith("dev.channels.test.internal.") || c.startsWith("dev.channels.test.SyncTest")
                    || inPackage(c, "dev.channels") || inPackage(c, "dev.channels.actors"))) {
                return e;
            }
        }
        return null;
    }

    private static boolean inPackage(String className, String pkg) {
        return className.startsWith(pkg + ".") && className.indexOf('.', pkg.length() + 1) < 0;
    }

    private static String nameOf(Thread t) {
        return t.getName().isEmpty() ? "virtual-thread-" + t.threadId() : t.getName();
    }

    private void fail(Throwable e) {
        lock.lock();
        try {
            failLocked(e);
        } finally {
            lock.unlock();
        }
    }

    private void failLocked(Throwable e) {
        if (deadlocks > 0 && causedByInterrupt(e)) {
            return; // the bubble interrupted its threads to end them after reporting the deadlock
        }
        failures.add(e);
    }

    private static boolean causedByInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void stray(Thread thread) {
        lock.lock();
        try {
            if (open) {
                failLocked(new IllegalStateException("thread '" + nameOf(thread) + "' was started inside a "
                        + "SyncTest bubble without SyncTest.threadFactory() (for example by Thread.ofVirtual() or an "
                        + "executor) and then used a blocking channel operation, a timeout, a timer or a library "
                        + "thread: it would run on real time and the bubble could not see it block. Start the "
                        + "bubble's threads with "
                        + "SyncTest.threadFactory() or through the library (Scope, WaitGroup.go, Channels)"));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void foreignWait(Thread thread, Object blocker) {
        lock.lock();
        try {
            if (open) {
                failLocked(new IllegalStateException("thread '" + nameOf(thread) + "', outside this SyncTest "
                        + "bubble, blocked on " + blocker + ", a channel created inside the bubble: a channel "
                        + "belongs to the bubble that created it"));
            }
        } finally {
            lock.unlock();
        }
    }

    /** A blocker that is only a description. */
    private record Described(String what) {
        @Override
        public String toString() {
            return what;
        }
    }
}
