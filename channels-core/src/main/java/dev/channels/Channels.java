package dev.channels;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Threads;
import dev.channels.internal.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Go toolkit around channels: timers ({@code time.After}, {@code time.Tick}), fan-in, generators and worker
 * pools. Every helper runs its work on virtual threads it starts itself and hands back a receive-only channel,
 * as a Go function returns a {@code <-chan T}.
 *
 * <p>Common rules:
 * <ul>
 *   <li>An output channel is closed when its producer is done, and closed <em>with a cause</em>
 *       ({@link SendChannel#close(Throwable)}) when its producer failed, so a receiver never mistakes an error
 *       for the end of the stream (a receive then throws {@link ChannelClosedException} with that cause).</li>
 *   <li>Timer channels are closed once they will never deliver again (see {@link #after} and {@link Ticker}).</li>
 *   <li>As in Go, a helper whose consumer stops receiving stays blocked on its next send; a helper that owns
 *       threads says how to end them.</li>
 *   <li>Arguments are checked eagerly: {@code null} gives {@link NullPointerException}, a bad count or period
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class Channels {

    private static final ThreadFactory MERGE_THREADS = Threads.virtual("channels-merge");
    private static final ThreadFactory GENERATOR_THREADS = Threads.virtual("channels-generator");

    private Channels() {
    }

    /**
     * The body of a generator: it sends values on {@code out} and returns when done (Go: a function that
     * feeds a channel it made, on its own goroutine). Throwing is failure.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Generator<T> {
        /**
         * Produces values.
         *
         * @param out where to send them; closed by the caller when this method returns or throws
         * @throws Exception on failure; the channel is then closed with it as the cause
         */
        void generate(SendChannel<T> out) throws Exception;
    }

    /**
     * The work a pool worker does for one job (Go: the body of {@code worker(jobs <-chan J, results chan<- R)}).
     *
     * @param <J> the job type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Worker<J, R> {
        /**
         * Does one job.
         *
         * @param job the job
         * @return the result, not null (a null result fails the pool like an exception: a
         *         {@link NullPointerException} naming the job becomes the results channel's close cause)
         * @throws Exception on failure; the results channel is then closed with it as the cause
         */
        R work(J job) throws Exception;
    }

    // ------------------------------------------------------------------------------------------------ timers

    /**
     * A channel that delivers the current time once, after {@code delay}: Go's {@code time.After(d)}, typically
     * as a select case. {@link Select#onTimeout} is the cheaper way to bound a single select; {@code after}
     * is for a deadline shared by several selects, such as a loop.
     *
     * <pre>{@code
     * // Go:                                   // Java:
     * // timeout := time.After(time.Second)    var timeout = Channels.after(Duration.ofSeconds(1));
     * // for {                                 for (boolean done = false; !done; ) {
     * //     select {                              done = Select.builder()
     * //     case v := <-in: use(v)                    .onReceive(in, v -> { use(v); return false; })
     * //     case <-timeout: return                    .onReceive(timeout, t -> true)
     * //     }                                         .select();
     * // }                                     }
     * }</pre>
     *
     * <p>The channel is buffered (one value), so the timer never waits for a receiver; after delivering, the
     * channel is closed (unlike Go's, which is never closed): it will never deliver again, and a receiver that
     * comes back to it sees "closed" instead of blocking forever. In a select that may run again after the
     * value was taken, use {@link Select#onReceiveOrClosed}.
     *
     * <p>No thread per timer (Go 1.23's timers): one shared virtual thread serves every pending timer of the JVM
     * and exists only while some timer is pending. A pending timer holds its channel only weakly, so a timer
     * whose channel nobody references any more is garbage-collected with it, before it fires: a select loop
     * that makes a fresh {@code after(Duration.ofMinutes(10))} each iteration accumulates nothing. There is no way
     * to cancel it (as with Go's {@code time.After}); drop the channel instead. In a test bubble
     * ({@code dev.channels.test.SyncTest}) the delay runs on the bubble's virtual clock and the value is the
     * virtual time.
     *
     * @param delay the delay; zero or negative delivers at once (as in Go)
     * @return a receive-only channel that delivers one {@link Instant}, then closes
     * @throws NullPointerException if {@code delay} is null
     */
    public static ReceiveChannel<Instant> after(Duration delay) {
        long nanos = Deadlines.nanos(delay, "Channels.after: delay is null");
        Channel<Instant> ch = Channel.buffered(1);
        if (nanos <= 0L) {
            ch.trySend(Deadlines.instant());
            ch.close();
        } else {
            Timers.schedule(new After(ch, Deadlines.deadline(nanos)));
        }
        return ch.receiveOnly();
    }

    /** The one delivery of {@link #after}: the time, then close. */
    private static final class After extends Timers.Task {
        After(Channel<Instant> channel, long deadline) {
            super(channel, deadline);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected long fire(Object channel, Instant at, long now) {
            Channel<Instant> ch = (Channel<Instant>) channel;
            ch.trySend(at); // cannot fail: nothing else sends, and nobody else can close
            ch.close();
            return now;
        }

        @Override
        protected boolean periodic() {
            return false;
        }
    }

    /**
     * Starts a ticker that delivers the time every {@code period}: Go's {@code time.NewTicker(d)} (and
     * {@code time.Tick(d)}, whose ticker cannot be stopped). A slow receiver misses ticks instead of queueing
     * them; {@link Ticker#stop()} ends the ticker and closes its channel, and no stale tick is received after it.
     *
     * @param period the time between ticks, positive; periods longer than about 73 years are shortened to that
     * @return the running ticker; read {@link Ticker#channel()}, call {@link Ticker#stop()} when done
     * @throws NullPointerException     if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is zero or negative (Go panics)
     */
    public static Ticker ticker(Duration period) {
        return new Ticker(period); // checks and converts the period (through Deadlines)
    }

    // ---------------------------------------------------------------------------------------------- fan-in

    /**
     * Fan-in: one channel that receives every value of every input. Go's {@code fanIn(inputs ...<-chan T)}:
     * one goroutine per input that forwards into a shared channel.
     *
     * <pre>{@code
     * // Go:                                          // Java:
     * // c := fanIn(boring("Joe"), boring("Ann"))     var c = Channels.merge(boring("Joe"), boring("Ann"));
     * }</pre>
     *
     * <ul>
     *   <li>The output is unbuffered (a forwarder waits for the consumer, as in Go's fan-in); values of one input
     *       keep their order; no value is lost or duplicated.</li>
     *   <li>The output is closed when every input has been closed and drained. With no inputs it is closed at
     *       once.</li>
     *   <li>If an input is closed with a cause, the output is closed with that cause, and the other forwarders
     *       are interrupted and end (a value one of them had taken from its input and not yet delivered is
     *       dropped: the stream has failed).</li>
     * </ul>
     * Threads: one virtual thread per input. While the output is open they end only as their inputs close.
     *
     * @param inputs the channels to merge; not null, no null element
     * @param <T>    the element type
     * @return a receive-only channel with the values of all inputs
     * @throws NullPointerException if {@code inputs} or one of them is null
     */
    @SafeVarargs
    public static <T> ReceiveChannel<T> merge(ReceiveChannel<? extends T>... inputs) {
        Objects.requireNonNull(inputs, "Channels.merge: inputs is null");
        List<ReceiveChannel<? extends T>> list = new ArrayList<>(inputs.length);
        for (ReceiveChannel<? extends T> in : inputs) {
            list.add(in); // copied element by element: the array itself never escapes
        }
        return merge(list);
    }

    /**
     * Fan-in over a list of channels known at run time; see {@link #merge(ReceiveChannel[])}.
     *
     * @param inputs the channels to merge; not null, no null element
     * @param <T>    the element type
     * @return a receive-only channel with the values of all inputs
     * @throws NullPointerException if {@code inputs} or one of them is null
     */
    public static <T> ReceiveChannel<T> merge(List<? extends ReceiveChannel<? extends T>> inputs) {
        Objects.requireNonNull(inputs, "Channels.merge: inputs is null");
        List<ReceiveChannel<? extends T>> ins = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            ins.add(Objects.requireNonNull(inputs.get(i), "Channels.merge: inputs[" + i + "] is null"));
        }
        Channel<T> out = Channel.unbuffered();
        if (ins.isEmpty()) {
            out.close();
            return out.receiveOnly();
        }
        Producers group = new Producers(out, ins.size());
        for (ReceiveChannel<? extends T> in : ins) {
            group.start(MERGE_THREADS, () -> {
                for (T v; (v = nextOrNull(in)) != null; ) {
                    out.send(v);
                }
            });
        }
        return out.receiveOnly();
    }

    // ------------------------------------------------------------------------------------------- generators

    /**
     * A generator with an unbuffered output: {@code generate(0, body)}. Go's generator pattern
     * ({@code func boring(msg string) <-chan string}) as one call.
     *
     * @param body sends the values
     * @param <T>  the element type
     * @return a receive-only channel fed by {@code body}
     * @throws NullPointerException if {@code body} is null
     */
    public static <T> ReceiveChannel<T> generate(Generator<T> body) {
        return generate(0, body);
    }

    /**
     * Runs {@code body} on its own virtual thread, sending into a new channel, and returns that channel: Go's
     * generator pattern.
     *
     * <pre>{@code
     * // Go:                                          // Java:
     * // func count(n int) <-chan int {               static ReceiveChannel<Integer> count(int n) {
     * //     c := make(chan int)                          return Channels.generate(out -> {
     * //     go func() {                                      for (int i = 0; i < n; i++) out.send(i);
     * //         defer close(c)                           });
     * //         for i := 0; i < n; i++ { c <- i }    }
     * //     }()
     * //     return c
     * // }
     * }</pre>
     *
     * The channel is closed when {@code body} returns, and closed with the exception as cause when it throws.
     * As in Go, a generator whose consumer stops receiving stays blocked on its next send.
     *
     * @param capacity the output buffer (0 unbuffered), as for {@link Channel#buffered(int)}
     * @param body     sends the values
     * @param <T>      the element type
     * @return a receive-only channel fed by {@code body}
     * @throws NullPointerException     if {@code body} is null
     * @throws IllegalArgumentException if {@code capacity} is invalid
     */
    public static <T> ReceiveChannel<T> generate(int capacity, Generator<T> body) {
        Objects.requireNonNull(body, "Channels.generate: body is null");
        Channel<T> out = Channel.buffered(capacity);
        SendChannel<T> sendOnly = out.sendOnly();
        new Producers(out, 1).start(GENERATOR_THREADS, () -> body.generate(sendOnly));
        return out.receiveOnly();
    }

    // ---------------------------------------------------------------------------------------------- workers

    /**
     * A pool of {@code workers} virtual threads that take jobs from {@code jobs} and send {@code worker}'s
     * results to the returned channel: Go's worker pool ({@code for w := 1; w <= 3; w++ { go worker(w, jobs,
     * results) }}).
     *
     * <pre>{@code
     * Channel<Integer> jobs = Channel.buffered(5);
     * var results = Channels.workerPool(3, jobs, j -> j * 2);
     * for (int j = 1; j <= 5; j++) jobs.send(j);
     * jobs.close();
     * for (int r : results) System.out.println(r);
     * }</pre>
     *
     * <ul>
     *   <li>Each job is taken by exactly one worker; results arrive in completion order. The results channel is
     *       unbuffered.</li>
     *   <li>The results channel is closed once {@code jobs} is closed and drained and every worker has sent its
     *       last result (Go: a {@code WaitGroup} over the workers, then {@code close(results)}).</li>
     *   <li>If {@code worker} throws, or {@code jobs} is closed with a cause, the results channel is closed with
     *       that exception as cause and the other workers are interrupted and end. A worker that returns null
     *       fails the same way, with a {@link NullPointerException} that says so and names the job.</li>
     * </ul>
     *
     * @param workers the number of workers, at least 1
     * @param jobs    the jobs; the pool ends when it is closed
     * @param worker  the work for one job
     * @param <J>     the job type
     * @param <R>     the result type
     * @return a receive-only channel of results
     * @throws NullPointerException     if {@code jobs} or {@code worker} is null
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <J, R> ReceiveChannel<R> workerPool(int workers, ReceiveChannel<? extends J> jobs,
                                                      Worker<? super J, ? extends R> worker) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Objects.requireNonNull(jobs, "Channels.workerPool: jobs is null");
        Objects.requireNonNull(worker, "Channels.workerPool: worker is null");
        Channel<R> results = Channel.unbuffered();
        Producers group = new Producers(results, workers);
        ThreadFactory threads = Threads.virtual("channels-worker-", 1);
        for (int w = 1; w <= workers; w++) {
            group.start(threads, () -> {
                for (J job; (job = nextOrNull(jobs)) != null; ) {
                    R result = worker.work(job);
                    if (result == null) {
                        throw new NullPointerException("Channels.workerPool: the worker returned null for job " + job);
                    }
                    results.send(result);
                }
            });
        }
        return results.receiveOnly();
    }

    // -------------------------------------------------------------------------------------------- internals

    /**
     * The next value of {@code in}, or null once it is closed and drained; a close cause is rethrown (as a
     * {@link ChannelClosedException} carrying it), so that a failed input fails the helper's output too.
     */
    private static <T> T nextOrNull(ReceiveChannel<T> in) throws InterruptedException {
        ReceiveResult<T> r = in.receiveOrClosed();
        if (r instanceof ReceiveResult.Closed<T>(Throwable cause) && cause == null) {
            return null;
        }
        return r.orElseThrow();
    }

    /**
     * Producer threads that share one output channel: the last to finish closes it; the first to fail closes it
     * with the cause and interrupts the others (whose resulting interruption is then not an error).
     */
    private static final class Producers {
        private final SendChannel<?> out;
        private final AtomicInteger running;
        private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        private volatile boolean failed;

        Producers(SendChannel<?> out, int count) {
            this.out = out;
            this.running = new AtomicInteger(count);
        }

        /** Starts one producer; called by the creating thread only, {@code count} times. */
        void start(ThreadFactory factory, Scope.Task body) {
            Thread t = factory.newThread(() -> run(body));
            threads.add(t); // before start, and `failed` read after: see fail()
            t.start();
            if (failed) {
                t.interrupt(); // fail() may have walked the queue before t was added or started
            }
        }

        private void run(Scope.Task body) {
            try {
                body.run();
            } catch (Throwable t) {
                if (!failed) {
                    fail(t);
                }
                // else: interrupted by fail(), or its send found the output closed with the cause: not news
            } finally {
                if (running.decrementAndGet() == 0) {
                    out.close(); // no-op if a failure closed it first
                }
            }
        }

        private void fail(Throwable cause) {
            failed = true;
            Throwable c = cause instanceof ChannelClosedException cce && cce.getCause() != null
                    ? cce.getCause() // an input closed with a cause: pass the cause itself on
                    : cause;
            out.close(c);
            Thread self = Thread.currentThread();
            for (Thread t : threads) {
                if (t != self) {
                    t.interrupt();
                }
            }
        }
    }

}
