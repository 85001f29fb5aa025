package dev.channels.test;

import dev.channels.internal.Bubble;
import dev.channels.internal.Deadlines;
import dev.channels.test.internal.BubbleImpl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

/**
 * Deterministic tests for concurrent code built on this library: Go 1.25's {@code testing/synctest} for virtual
 * threads.
 *
 * <pre>{@code
 * void cacheEntryExpires() {                                 // a JUnit test
 *     SyncTest.run(() -> {                                   // Go: synctest.Test(t, func(t *testing.T)
 *         var cache = new Cache(Duration.ofMinutes(5));
 *         cache.put("k", "v");
 *         SyncTest.sleep(Duration.ofMinutes(5).plusNanos(1)); //     time.Sleep(5*time.Minute + 1)
 *         SyncTest.awaitIdle();                              //     synctest.Wait()
 *         assertNull(cache.get("k"));                        //     no real time passed
 *     });
 * }
 * }</pre>
 *
 * <h2>The bubble</h2>
 * {@link #run} runs its body on a new virtual thread inside a <em>bubble</em>. Every thread started in the bubble
 * through the library ({@code Scope.go}, {@code WaitGroup.go}, {@code Channels.generate}, {@code merge},
 * {@code workerPool}, the reader threads of actors whose messages are sent from the bubble) or through
 * {@link #threadFactory()} belongs to it. Inside a bubble:
 * <ul>
 *   <li><b>Time is virtual.</b> Every timed operation of the library uses the bubble's clock: timed
 *       {@code send}/{@code receive}, {@code Select.onTimeout}, {@code Channels.after} and {@code ticker},
 *       {@code WaitGroup.await(Duration)}, the actors' timed {@code ask}, and {@link #sleep}. The clock starts at
 *       midnight UTC on January 1st 2000 (as Go's), so runs are reproducible; {@link #now()} reads it.</li>
 *   <li><b>Time moves only when every bubble thread is durably blocked</b>, meaning parked inside a library
 *       operation (a channel operation, a select, {@code WaitGroup.await}, an actor's mailbox, {@link #sleep}). It
 *       then jumps to the earliest pending timer. A thread blocked outside the library (I/O, a
 *       {@code synchronized} monitor, a {@code java.util.concurrent} lock or latch, {@code Thread.sleep}) is
 *       <em>not</em> durably blocked and holds time still (Go has the same rule). {@code Thread.sleep} cannot be
 *       intercepted: it sleeps in real time while the virtual clock stands still; use {@link #sleep}.</li>
 *   <li><b>Timer channels are Go 1.23's</b>: a pending {@code Channels.after} or ticker moves the clock only while
 *       some bubble thread is blocked receiving from it; otherwise it fires when the clock passes it for another
 *       reason.</li>
 *   <li><b>Deadlocks are reported</b>: when every bubble thread is durably blocked and no timer can wake one, the
 *       run fails with a {@link DeadlockError} naming each thread, its operation and its channel (Go: "all
 *       goroutines are asleep"), instead of hanging. The bubble then interrupts its threads so that they end.</li>
 * </ul>
 *
 * <h2>Rules (each broken one is an {@link IllegalStateException})</h2>
 * Bubbles do not nest; {@link #awaitIdle}, {@link #sleep}, {@link #now} and {@link #threadFactory} must be called
 * from a bubble thread; only one thread may wait in {@link #awaitIdle} at a time; a channel belongs to the bubble
 * that created it. The last rule is checked when an operation <em>blocks</em> on a channel of another bubble (or,
 * from outside every bubble, on a channel of a bubble), not on operations that complete at once: the check then
 * costs nothing outside bubbles, and an operation that does not wait cannot be woken by the wrong clock. Such a
 * block, and a thread started inside the bubble without {@link #threadFactory()} that then blocks or reads the
 * clock in the library, fail the run with an {@link IllegalStateException} that says so.
 *
 * <p>Outside bubbles nothing changes: each seam of the library pays one static volatile read.
 */
public final class SyncTest {
    private SyncTest() {
    }

    /**
     * The body of a bubble: {@link SyncTest#run}'s argument.
     */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the test inside the bubble.
         *
         * @throws Exception on failure; {@link SyncTest#run} rethrows it
         */
        void run() throws Exception;
    }

    /**
     * Runs {@code body} on a new virtual thread inside a new bubble and returns when the body and every thread of
     * the bubble have ended. Go: {@code synctest.Test(t, f)}.
     *
     * <p>Failures: the body's exception, any exception that escapes a bubble thread, a {@link DeadlockError}, and
     * the rule violations above. The first is thrown, the later ones are added to it as
     * {@linkplain Throwable#getSuppressed() suppressed}: as it is if unchecked (so a JUnit assertion failure shows
     * as one), wrapped in a {@link CompletionException} if checked. A pending timer never keeps a bubble alive: once
     * every thread has ended, the run returns.
     *
     * @param body the test
     * @throws NullPointerException  if {@code body} is null
     * @throws IllegalStateException if called from inside a bubble (bubbles do not nest), or the first failure
     * @throws DeadlockError         if the first failure is a deadlock
     * @throws CompletionException   wrapping the first failure, if it is a checked exception
     */
    public static void run(Body body) {
        Objects.requireNonNull(body, "body");
        if (Bubble.ofCurrentThread() != null) {
            throw new IllegalStateException("SyncTest.run was called inside a bubble: bubbles do not nest "
                    + "(Go's synctest.Test panics the same way); run the inner body directly");
        }
        List<Throwable> failures = BubbleImpl.runBubble(body::run);
        if (failures.isEmpty()) {
            return;
        }
        Throwable first = failures.get(0);
        Throwable thrown = first instanceof RuntimeException || first instanceof Error
                ? first
                : new CompletionException(first);
        for (Throwable later : failures.subList(1, failures.size())) {
            if (later != first) {
                thrown.addSuppressed(later);
            }
        }
        if (thrown instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) thrown;
    }

    /**
     * Waits until every other thread of the bubble is durably blocked: Go's {@code synctest.Wait()}. Time does not
     * move while it waits, and a state where every thread is blocked counts as idle here even if no timer is
     * pending (that would otherwise be a deadlock). Typical use: start work, {@code awaitIdle()}, then assert on
     * what the other threads did by now.
     *
     * @throws IllegalStateException if called outside a bubble, or while another thread of the bubble waits in it
     * @throws InterruptedException  if interrupted while waiting
     */
    public static void awaitIdle() throws InterruptedException {
        BubbleImpl.current("SyncTest.awaitIdle").awaitIdle();
    }

    /**
     * Sleeps for {@code duration} of virtual time: Go's {@code time.Sleep} inside a bubble. The calling thread is
     * durably blocked meanwhile, so the clock moves as soon as every other thread is blocked too. Use it instead of
     * {@link Thread#sleep}, which cannot be intercepted and sleeps in real time while the virtual clock stands
     * still.
     *
     * @param duration how long; zero or negative returns at once
     * @throws NullPointerException  if {@code duration} is null
     * @throws IllegalStateException if called outside a bubble
     * @throws InterruptedException  if interrupted while sleeping
     */
    public static void sleep(Duration duration) throws InterruptedException {
        long nanos = Deadlines.nanos(duration, "duration");
        BubbleImpl b = BubbleImpl.current("SyncTest.sleep");
        if (nanos > 0L) {
            b.sleep(nanos);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * The bubble's virtual clock: Go's {@code time.Now()} inside a bubble. It starts at
     * {@code 2000-01-01T00:00:00Z} and moves only as described in the class comment.
     *
     * @return the current virtual time
     * @throws IllegalStateException if called outside a bubble
     */
    public static Instant now() {
        BubbleImpl.current("SyncTest.now");
        return Deadlines.instant();
    }

    /**
     * A factory of virtual threads that belong to the calling thread's bubble, for threads the test starts itself
     * (Go: a plain {@code go} statement inside the bubble). Threads are named {@code synctest-1},
     * {@code synctest-2}, ... A thread counts as runnable from its creation, so create it just before starting
     * it. The factory may be handed to an executor ({@code Executors.newThreadPerTaskExecutor(factory)}).
     *
     * @return the factory; it throws {@link IllegalStateException} once the bubble has ended
     * @throws IllegalStateException if called outside a bubble
     */
    public static ThreadFactory threadFactory() {
        return BubbleImpl.current("SyncTest.threadFactory").threadFactory();
    }
}
