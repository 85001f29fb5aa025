package dev.channels;

import dev.channels.internal.FinishingThreads;
import dev.channels.internal.Threads;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Structured concurrency on plain virtual threads: Go's {@code errgroup.Group} (with its context), without
 * preview APIs.
 *
 * <pre>{@code
 * // Go:                                        // Java:
 * // g, ctx := errgroup.WithContext(ctx)        try (var scope = Scope.open()) {
 * // for _, url := range urls {                     for (String url : urls) {
 * //     g.Go(func() error {                            scope.go(() -> fetch(url));
 * //         return fetch(ctx, url)                 }
 * //     })                                     }   // close(): joins all, rethrows the first failure
 * // }
 * // if err := g.Wait(); err != nil { ... }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #go(Task)} starts the task on a new virtual thread. A task may throw any exception, so it can
 *       call blocking channel operations without a try/catch.</li>
 *   <li>{@link #close()} waits for every thread started in the scope, including threads that tasks started
 *       in it, then rethrows the first failure. If it is interrupted while waiting, it cancels the scope, keeps
 *       waiting (the threads must end before close returns), and returns with the interrupt status set.</li>
 *   <li>The first failure cancels the scope: every other thread of the scope is interrupted (Go: the
 *       errgroup's context is cancelled). {@link #cancel()} does the same without a failure.</li>
 *   <li>Failures caused by that cancellation are not failures: after the scope is cancelled, an
 *       {@link InterruptedException} (or a {@link CancellationException}, or any exception whose cause chain
 *       holds an {@code InterruptedException}, such as the one a channel iterator throws when interrupted) is
 *       dropped. Any other later failure is added to the first one as {@linkplain Throwable#getSuppressed()
 *       suppressed}.</li>
 *   <li>What {@link #close()} throws: the first failure itself if it is unchecked (a {@link RuntimeException}
 *       or {@link Error}); a checked exception wrapped in a {@link CompletionException} whose cause it is.
 *       So {@code close()} declares no checked exception and a try-with-resources block needs no catch.</li>
 * </ul>
 *
 * <p>A scope is opened and closed by one owner thread; {@link #go} may be called by the owner and by the scope's
 * own tasks while the scope is open. A task started after the scope was cancelled starts with its interrupt
 * status set, so it stops at its first blocking call.
 */
public final class Scope implements AutoCloseable {

    /**
     * The body of a task started with {@link Scope#go}: Go's {@code func() error}. Returning normally is
     * success; throwing is failure.
     */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs the task.
         *
         * @throws Exception on failure; it cancels the scope and is rethrown by {@link Scope#close()}
         */
        void run() throws Exception;
    }

    private static final ThreadFactory THREADS = Threads.virtual();

    private final WaitGroup running = new WaitGroup();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Threads whose task has ended; close() joins them so that none is alive when it returns. */
    private final FinishingThreads finishing = new FinishingThreads();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Throwable> laterFailures = new ConcurrentLinkedQueue<>();
    private volatile boolean cancelled;
    private volatile boolean closed;
    /** Built by the first close() that finds a failure; owner thread only. */
    private Throwable thrownByClose;

    private Scope() {
    }

    /**
     * Opens a scope. Go: {@code var g errgroup.Group}.
     *
     * @return a new open scope; close it with try-with-resources
     */
    public static Scope open() {
        return new Scope();
    }

    /**
     * Starts {@code task} on a new virtual thread of this scope: Go's {@code g.Go(func() error { ... })}, the
     * {@code go} statement with its error collected.
     *
     * @param task the task
     * @throws NullPointerException  if {@code task} is null
     * @throws IllegalStateException if the scope is closed
     */
    public void go(Task task) {
        Objects.requireNonNull(task, "Scope.go: task is null");
        if (closed) {
            throw new IllegalStateException("scope is closed");
        }
        running.add(1L);
        Thread thread = THREADS.newThread(() -> run(task));
        threads.add(thread); // before start: cancel() must see every thread that can still run
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            threads.remove(thread);
            running.done();
            throw e;
        }
    }

    /**
     * Cancels the scope: interrupts every thread still running in it, and marks it so that tasks started later
     * begin interrupted. Go: the {@code cancel()} of the errgroup's context. Interruptions that follow are not
     * reported as failures. Idempotent.
     */
    public void cancel() {
        cancelled = true; // before the interrupts: a thread that starts later sees the flag (see run)
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /**
     * Whether the scope was cancelled, by a failure, {@link #cancel()} or an interrupted {@link #close()}.
     * A long computation without blocking calls can poll it (Go: {@code ctx.Err() != nil}).
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits for every thread of the scope to end, then rethrows the first failure with the later ones
     * suppressed: Go's {@code g.Wait()}. Closing twice waits again and rethrows again.
     *
     * @throws RuntimeException      the first failure, if unchecked
     * @throws Error                 the first failure, if an error
     * @throws CompletionException   wrapping the first failure, if it is a checked exception
     * @throws IllegalStateException if called by one of the scope's own tasks (it would wait for itself)
     */
    @Override
    public void close() {
        if (threads.contains(Thread.currentThread())) {
            throw new IllegalStateException("a task cannot close its own scope: it would wait for itself");
        }
        boolean interrupted = false;
        for (;;) {
            try {
                running.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the owner is being cancelled: cancel the children, still wait for them
                cancel();
            }
        }
        closed = true;
        interrupted |= finishing.joinAll(); // every task has ended; now no thread of the scope is alive either
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = outcome();
        if (thrown == null) {
            return;
        }
        if (thrown instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) thrown;
    }

    /** The exception close() throws, built once (the owner thread is the only caller). */
    private Throwable outcome() {
        Throwable first = firstFailure.get();
        if (first == null) {
            return null;
        }
        if (thrownByClose == null) {
            thrownByClose = first instanceof RuntimeException || first instanceof Error
                    ? first
                    : new CompletionException(first);
        }
        for (Throwable later; (later = laterFailures.poll()) != null; ) {
            thrownByClose.addSuppressed(later);
        }
        return thrownByClose;
    }

    private void run(Task task) {
        Thread me = Thread.currentThread();
        try {
            if (cancelled) {
                me.interrupt(); // started after cancel() walked the threads: see cancel
            }
            task.run();
        } catch (Throwable t) {
            fail(t);
        } finally {
            finishing.addCurrent(); // before done(): close() must find it to join it
            threads.remove(me);
            running.done();
        }
    }

    private void fail(Throwable t) {
        if (cancelled && causedByCancellation(t)) {
            return;
        }
        if (firstFailure.compareAndSet(null, t)) {
            cancel();
        } else {
            laterFailures.add(t);
        }
    }

    private static boolean causedByCancellation(Throwable t) {
        if (t instanceof CancellationException) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Scope[running=" + running.count() + (cancelled ? ", cancelled" : "") + (closed ? ", closed]" : "]");
    }
}
