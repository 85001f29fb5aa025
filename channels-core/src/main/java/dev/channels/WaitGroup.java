package dev.channels;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;
import dev.channels.internal.Threads;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
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
     * counter reaches zero while threads wait. A waiter registers a node in a set guarded by a ReentrantLock (held
     * only to register, withdraw or release, never while parked) and then parks through the library's park seam
     * (Park), so a test bubble sees a waiting thread as durably blocked and a timed wait runs on its clock.
     * Invariants:
     * 1. No lost wake-up: a waiter increments waiters (volatile) and then reads the counter, under the lock; the
     *    thread that brings the counter to zero writes it (CAS) and then reads waiters; at least one of them sees
     *    the other. The release then takes the lock, so it finds every node registered before.
     * 2. A release takes every registered node at once and marks it released before unparking its thread, so
     *    every thread waiting at a transition to zero returns, even if the counter rises again right after.
     * 3. A node leaves the set exactly once: by a release (the waiter returns true) or withdrawn by its own waiter
     *    on timeout or interrupt, under the lock, only if no release took it first.
     */
    private static final ThreadFactory THREADS = Threads.virtual();

    private final AtomicLong count = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    /** The registered waiters; guarded by the lock. */
    private Set<Node> nodes = new HashSet<>();
    /** Threads inside the slow path of await; written under the lock, read by the zero transition without it. */
    private volatile int waiters;

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
            Thread t = THREADS.newThread(() -> {
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
            t.start();
            return t;
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
        long deadline = timed ? Deadlines.deadline(nanos) : 0L;
        Node node = new Node(this);
        lock.lockInterruptibly();
        try {
            waiters = waiters + 1; // volatile store, then the counter load below: the Dekker pairing with add
            if (count.get() == 0L) {
                waiters = waiters - 1;
                return true;
            }
            nodes.add(node);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            for (;;) {
                if (node.released) {
                    return true;
                }
                if (Thread.interrupted()) {
                    if (withdraw(node)) {
                        throw new InterruptedException();
                    }
                    interrupted = true; // a release won: report it, keep the status
                    continue;
                }
                if (timed) {
                    if (Deadlines.remaining(deadline) <= 0L) {
                        if (withdraw(node)) {
                            return false;
                        }
                        continue;
                    }
                    Park.parkUntil(node, deadline);
                } else {
                    Park.park(node);
                }
            }
        } finally {
            lock.lock();
            try {
                waiters = waiters - 1;
            } finally {
                lock.unlock();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes the caller's own node unless a release took it (invariant 3); true if removed. */
    private boolean withdraw(Node node) {
        lock.lock();
        try {
            return !node.released && nodes.remove(node);
        } finally {
            lock.unlock();
        }
    }

    private void releaseWaiters() {
        Set<Node> taken;
        lock.lock();
        try {
            taken = nodes;
            if (taken.isEmpty()) {
                return;
            }
            nodes = new HashSet<>();
            for (Node n : taken) {
                n.released = true; // before the unpark: a woken waiter must see it (invariant 2)
            }
        } finally {
            lock.unlock();
        }
        for (Node n : taken) {
            Park.unpark(n.thread);
        }
    }

    /** One waiting thread; also its park blocker, described for thread dumps and deadlock reports. */
    private static final class Node {
        final Thread thread = Thread.currentThread();
        final WaitGroup group;
        volatile boolean released;

        Node(WaitGroup group) {
            this.group = group;
        }

        @Override
        public String toString() {
            return "await on " + group;
        }
    }
}
