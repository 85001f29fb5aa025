package dev.channels.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Timer channels without a thread per timer: the deliveries of {@code Channels.after} and {@code Ticker}, Go 1.23's
 * timers.
 *
 * <h2>Overview of implementation</h2>
 * A timer is a {@link Task}: a deadline on {@link Deadlines#now()} and a <em>weak</em> reference to the channel it
 * delivers to. Outside test bubbles all tasks wait in one set ordered by deadline, served by one virtual thread
 * that exists only while the set is not empty: it parks ({@link Park#parkUntil}) until the earliest deadline, fires
 * the due tasks outside the lock, and ends when nothing is left. Inside a bubble the bubble keeps its own tasks
 * and fires them when its virtual clock reaches them ({@link Bubble#schedule}).
 *
 * <p>Why weak: as in Go 1.23, a pending timer whose channel nobody references any more must not keep anything
 * alive. The channel is reachable only through the program (the caller's reference, a select, a thread blocked on
 * it), never through the timer; once it is collected its task is removed at the next schedule or wake-up (its
 * reference is enqueued in {@link #COLLECTED}), so a loop that makes a fresh {@code after(10 min)} per iteration
 * leaves no garbage behind (before Go 1.23, and in this library before this class, each pending one held a
 * goroutine or a 2 KB virtual thread until it fired).
 *
 * <p>Invariants (under {@link #LOCK}):
 * <ol>
 *   <li>A task is in {@link #PENDING} at most once, from its schedule until it fires, is cancelled, or its channel
 *       is collected.</li>
 *   <li>{@link #worker} is non-null while {@link #PENDING} is not empty: schedule starts one if there is none, and
 *       the worker clears the field (and ends) only after finding the set empty under the lock; whoever empties the set
 *       otherwise (a cancel, a collected channel) unparks the worker so that no idle thread is left.</li>
 *   <li>A task fires outside the lock: its delivery takes the channel's lock, and a periodic task is rescheduled
 *       only if it was not cancelled meanwhile (cancel clears {@link Task#active}).</li>
 * </ol>
 */
public final class Timers {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final TreeSet<Task> PENDING = new TreeSet<>(Timers::compare);
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final AtomicLong SEQ = new AtomicLong();
    private static Thread worker;

    private Timers() {
    }

    /**
     * A timer: delivers to its channel at its deadline (and again every period, if periodic).
     */
    public abstract static class Task {
        final Target target;
        final long seq = SEQ.incrementAndGet();
        /** The next deadline on the clock of the thread that scheduled it. */
        volatile long deadline;
        /** Cleared by {@link #cancel}; a fired one-shot task clears it too. */
        volatile boolean active = true;
        /** The bubble that holds this task, or null when the global timer thread does; set before it is shared. */
        volatile Bubble bubble;

        /**
         * A task for {@code channel}, firing first at {@code deadline}.
         *
         * @param channel  the channel it delivers to, held weakly
         * @param deadline the first deadline, from {@link Deadlines#deadline(long)}
         */
        protected Task(Object channel, long deadline) {
            this.target = new Target(channel, this);
            this.deadline = deadline;
        }

        /**
         * Delivers at {@code at} to {@code channel}.
         *
         * @param channel the channel, still reachable
         * @param at      the time of this firing (virtual in a bubble)
         * @param now     the clock reading of this firing, on the clock of the task's deadline
         * @return the next deadline if {@link #periodic()}; ignored otherwise
         */
        protected abstract long fire(Object channel, Instant at, long now);

        /** Whether the task fires again after {@link #fire} (then {@link #fire} returns the next deadline). */
        protected abstract boolean periodic();

        /**
         * The channel this task delivers to, or null once it was collected.
         *
         * @return the channel or null
         */
        public final Object channel() {
            return target.get();
        }

        /**
         * The next deadline.
         *
         * @return the deadline on the scheduling thread's clock
         */
        public final long deadline() {
            return deadline;
        }

        /**
         * Whether it may still fire.
         *
         * @return false once cancelled or fired for the last time
         */
        public final boolean isActive() {
            return active;
        }

        /**
         * Fires once at {@code at}/{@code now} for a bubble, which keeps the ordering itself.
         *
         * @param at  the instant delivered
         * @param now the clock reading
         * @return whether to reschedule it (at {@link #deadline()}, already updated)
         */
        public final boolean runOnce(Instant at, long now) {
            Object ch = target.get();
            if (ch == null || !active) {
                active = false;
                return false;
            }
            long next = fire(ch, at, now);
            if (!periodic() || !active) {
                active = false;
                return false;
            }
            deadline = next;
            return true;
        }

        /**
         * The order of deadlines, ties by creation.
         *
         * @param other another task
         * @return negative, zero or positive
         */
        public final int compareDeadline(Task other) {
            return compare(this, other);
        }
    }

    /** The weak reference to a task's channel; enqueued in {@link #COLLECTED} when the channel is collected. */
    static final class Target extends WeakReference<Object> {
        final Task task;

        Target(Object channel, Task task) {
            super(channel, COLLECTED);
            this.task = task;
        }
    }

    private static int compare(Task a, Task b) {
        int c = Long.compare(a.deadline - b.deadline, 0L); // by subtraction, as for System.nanoTime
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    /**
     * Schedules {@code task} on the calling thread's clock: in its bubble if it has one, else on the global timer
     * thread.
     *
     * @param task a new task
     */
    public static void schedule(Task task) {
        if (Bubble.anyActive()) {
            Bubble b = Bubble.current();
            if (b != null) {
                task.bubble = b;
                b.schedule(task);
                return;
            }
        }
        LOCK.lock();
        try {
            purgeCollected();
            PENDING.add(task);
            if (worker == null) {
                // Not a bubble thread even if a stray thread schedules: no inherited mark, no bubble factory.
                worker = Thread.ofVirtual().name("channels-timer").inheritInheritableThreadLocals(false)
                        .unstarted(Timers::serve);
                worker.start();
            } else if (PENDING.first() == task) {
                Park.unpark(worker); // earlier than what it sleeps for
            }
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Cancels {@code task}: it will not fire after this returns (a firing already under way may still complete).
     *
     * @param task the task
     */
    public static void cancel(Task task) {
        task.active = false;
        Bubble b = task.bubble;
        if (b != null) {
            b.cancel(task);
            return;
        }
        LOCK.lock();
        try {
            if (PENDING.remove(task)) {
                wakeWorkerIfEmpty();
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** Lets the worker end now rather than at the deadline it sleeps for, once nothing is pending. Under the lock. */
    private static void wakeWorkerIfEmpty() {
        if (PENDING.isEmpty() && worker != null) {
            Park.unpark(worker);
        }
    }

    /**
     * The tasks waiting on the global timer thread; for tests.
     *
     * @return the number of pending tasks, after removing those whose channel was collected
     */
    public static int pending() {
        LOCK.lock();
        try {
            purgeCollected();
            return PENDING.size();
        } finally {
            LOCK.unlock();
        }
    }

    /** The global timer thread, or null when none is needed; for tests. */
    static Thread worker() {
        LOCK.lock();
        try {
            return worker;
        } finally {
            LOCK.unlock();
        }
    }

    /** Removes the tasks whose channel was collected. Caller holds the lock. */
    private static void purgeCollected() {
        boolean removed = false;
        for (Object r; (r = COLLECTED.poll()) != null; ) {
            Task t = ((Target) r).task;
            t.active = false;
            removed |= PENDING.remove(t);
        }
        if (removed) {
            wakeWorkerIfEmpty();
        }
    }

    /** The global timer thread's loop (invariant 2). */
    private static void serve() {
        for (;;) {
            Task due = null;
            long wait = 0L;
            LOCK.lock();
            try {
                purgeCollected();
                if (PENDING.isEmpty()) {
                    worker = null;
                    return;
                }
                Task first = PENDING.first();
                wait = Deadlines.remaining(first.deadline); // the real clock: this thread is in no bubble
                if (wait <= 0L) {
                    PENDING.pollFirst();
                    due = first;
                }
            } finally {
                LOCK.unlock();
            }
            if (due == null) {
                Park.parkUntil(Timers.class, Deadlines.deadline(wait));
                Thread.interrupted(); // nobody should interrupt it; never let a stray interrupt spin the loop
                continue;
            }
            boolean again;
            try {
                again = due.runOnce(Deadlines.instant(), Deadlines.now());
            } catch (RuntimeException | Error e) {
                again = false; // a delivery never throws (trySend on a closed channel is caught by the task)
            }
            if (again) {
                LOCK.lock();
                try {
                    if (due.active && due.target.get() != null) {
                        PENDING.add(due);
                    }
                } finally {
                    LOCK.unlock();
                }
            }
        }
    }

    /**
     * A ticker's next deadline after firing at {@code now}: the next multiple of the period after the previous
     * deadline that is still in the future (ticks whose time passed during a long pause are skipped, so the phase
     * does not drift).
     *
     * @param previous the deadline that just fired
     * @param period   the period in nanoseconds, positive
     * @param now      the clock reading of the firing
     * @return the next deadline
     */
    public static long nextTick(long previous, long period, long now) {
        long next = previous + period;
        if (next - now <= 0L) {
            next += ((now - next) / period + 1L) * period;
        }
        return next;
    }
}
