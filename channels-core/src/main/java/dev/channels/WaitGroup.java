package dev.channels;

import dev.channels.internal.Deadlines;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits for a collection of tasks to finish: Go's {@code sync.WaitGroup}.
 *
 * <pre>{@code
 * // Go:                                   // Java:
 * // var wg sync.WaitGroup                 var wg = new WaitGroup();
 * // for _, url := range urls {            for (String url : urls) {
 * //     wg.Add(1)                             wg.add(1);
 * //     go func() {                           Thread.startVirtualThread(() -> {
 * //         defer wg.Done()                       try { fetch(url); } finally { wg.done(); }
 * //         fetch(url)                        });
 * //     }()                               }
 * // }                                     wg.await();
 * // wg.Wait()
 * }</pre>
 * {@link #go(Scope.Task)} does the {@code add(1)}, the start and the {@code done()} in one call (Go 1.25's
 * {@code wg.Go(f)}).
 *
 * <p>Rules, as in Go: call {@link #add} with a positive delta before starting the task it counts (before
 * {@link #await} could observe zero); a counter that would go negative is a bug and throws
 * {@link IllegalStateException} (Go panics), leaving the counter unchanged. When the counter reaches zero, every
 * thread blocked in {@link #await} at that moment is released, even if the counter rises again right after;
 * the group can then be reused.
 */
public final class WaitGroup {
    /*
     * Implementation. The counter is an AtomicLong: add and done are one CAS and never take a lock unless the
     * counter reaches zero while threads wait. Waiters park on a Condition of a ReentrantLock (so a waiting
     * virtual thread releases its carrier), and a generation number, bumped at each transition to zero, tells a
     * woken waiter that its zero happened even if the counter has risen since. No lost wake-up: a waiter
     * registers (waiters, volatile) and then reads the counter, while the thread that brings the counter to zero
     * writes it and then reads waiters; at least one of them sees the other.
     */
    private final AtomicLong count = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    /** Threads inside the slow path of await; written under the lock, read by the zero transition without it. */
    private volatile int waiters;
    /** Transitions to zero so far; written and read under the lock. */
    private long generation;

    /** Creates a group with a counter of zero. Go: {@code var wg sync.WaitGroup}. */
    public WaitGroup() {
    }

    /**
     * Adds {@code delta}, which may be negative, to the counter. Go: {@code wg.Add(delta)}. When the counter
     * reaches zero, all threads blocked in {@link #await} are released.
     *
     * @param delta the change; a positive delta must be added before the task it counts is started
     * @throws IllegalStateException if the counter would become negative (or overflow); the counter is then
     *                               unchanged
     */
    public void add(long delta) {
        long c;
        long next;
        do {
            c = count.get();
            next = c + delta;
            if (next < 0L) {
                if (delta > 0L) {
                    throw new IllegalStateException("WaitGroup counter overflow: " + c + " + " + delta);
                }
                throw new IllegalStateException("negative WaitGroup counter: " + c + " + (" + delta + ") = " + next);
            }
        } while (!count.compareAndSet(c, next));
        if (next == 0L && c != 0L && waiters != 0) { // LoadLoad after the CAS: Dekker with await's registration
            releaseWaiters();
        }
    }

    /**
     * Decrements the counter by one: Go's {@code wg.Done()}, usually in a {@code finally} block.
     *
     * @throws IllegalStateException if the counter is already zero
     */
    public void done() {
        add(-1L);
    }

    /**
     * Blocks until the counter is zero: Go's {@code wg.Wait()}. Returns at once if it is zero now.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        awaitNanos(false, 0L);
    }

    /**
     * Blocks until the counter is zero or the time is up. Go has no timed wait; its idiom is a {@code select}
     * over a channel closed after {@code wg.Wait()} and {@code time.After(timeout)}.
     *
     * @param timeout how long to wait at most; zero or negative only checks
     * @return true if the counter reached zero, false if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "WaitGroup.await: timeout is null");
        return awaitNanos(true, Deadlines.nanos(timeout, "WaitGroup.await: timeout is null"));
    }

    /**
     * Runs {@code task} on a new virtual thread counted by this group: {@code add(1)}, start, and
     * {@code done()} when the task ends, normally or not. Go 1.25: {@code wg.Go(f)}.
     *
     * <p>The task may throw (so it can call blocking channel operations without a try/catch). As with any
     * thread, what it throws goes to the thread's uncaught exception handler: an unchecked exception as it is, a
     * checked one wrapped in a {@link CompletionException}; an
     * {@link InterruptedException} only re-asserts the thread's interrupt status. To collect failures and
     * cancel the other tasks instead, use {@link Scope} (Go's errgroup).
     *
     * @param task the task
     * @return the started virtual thread
     * @throws NullPointerException if {@code task} is null
     */
    public Thread go(Scope.Task task) {
        Objects.requireNonNull(task, "WaitGroup.go: task is null");
        add(1L);
        try {
            return Thread.ofVirtual().start(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                } finally {
                    done();
                }
            });
        } catch (RuntimeException | Error e) { // could not start (out of memory): the task will never call done
            done();
            throw e;
        }
    }

    /**
     * The current counter: a snapshot, stale as soon as it is read when other threads use the group.
     *
     * @return the counter
     */
    public long count() {
        return count.get();
    }

    /** The waiters' lock; for tests that must hold waiters back while the counter moves. */
    ReentrantLock waiterLock() {
        return lock;
    }

    /** Threads in the slow path of await (registered or parked); for tests. */
    int waiting() {
        return waiters;
    }

    @Override
    public String toString() {
        return "WaitGroup[count=" + count.get() + "]";
    }

    private boolean awaitNanos(boolean timed, long nanos) throws InterruptedException {
        if (count.get() == 0L) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timed && nanos <= 0L) {
            return false;
        }
        lock.lockInterruptibly();
        try {
            waiters = waiters + 1; // volatile store, then the counter load below: the Dekker pairing with add
            try {
                long g = generation;
                while (count.get() != 0L && generation == g) {
                    if (!timed) {
                        zero.await();
                    } else {
                        if (nanos <= 0L) {
                            return false;
                        }
                        nanos = zero.awaitNanos(nanos);
                    }
                }
                return true;
            } finally {
                waiters = waiters - 1;
            }
        } finally {
            lock.unlock();
        }
    }

    private void releaseWaiters() {
        lock.lock();
        try {
            generation++;
            zero.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
