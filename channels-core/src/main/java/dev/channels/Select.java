package dev.channels;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;
import dev.channels.internal.Selector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Go's {@code select}: wait on several channel operations and perform exactly one.
 *
 * <pre>{@code
 * // Go:                                   // Java:
 * // select {                              String r = Select.<String>builder()
 * // case v := <-in:                           .onReceive(in, v -> "got " + v)
 * // case out <- 42:                           .onSend(out, 42, () -> "sent")
 * // case <-time.After(time.Second):           .onTimeout(Duration.ofSeconds(1), () -> "timeout")
 * // }                                         .select();
 * }</pre>
 *
 * <p>Semantics, as in Go:
 * <ul>
 *   <li>Exactly one case fires, and its handler's result is returned. A send case that did not fire delivered
 *       nothing; a receive case that did not fire took nothing.</li>
 *   <li>If several cases are ready, one is chosen uniformly at random (so no case starves). {@link #ordered()}
 *       takes the first ready case in the order the cases were added instead; {@link #random(RandomGenerator)}
 *       makes the random choice reproducible.</li>
 *   <li>If no case is ready, {@link #select()} blocks until one is; with {@link #onDefault} it runs the
 *       default instead; with {@link #onTimeout} it runs the timeout handler when the time is up (a timed park,
 *       no timer thread).</li>
 *   <li>A receive case on a closed, drained channel is ready: {@link #onReceive} then throws
 *       {@link ChannelClosedException}; {@link #onReceiveOrClosed} passes an empty {@link Optional} (Go's
 *       {@code v, ok}). A send case on a closed channel is ready, and throws {@link ChannelClosedException} if
 *       chosen.</li>
 *   <li>The same channel may appear in several cases; a select with a send and a receive on the same unbuffered
 *       channel never hands a value to itself.</li>
 * </ul>
 *
 * <p>Cases can come from data: a select over a list of channels known only at run time is a loop of
 * {@code onReceive} calls. A {@code Select} holds no channel state between runs, so the same instance can be run
 * again (for example in a loop; Go's {@code for { select { ... } }}). An instance is not thread-safe: build and
 * run it on one thread. A run started while another run of the same instance is in progress throws
 * {@link IllegalStateException} instead of corrupting it.
 *
 * @param <R> the type the handlers return ({@code Void} and {@code null} when there is nothing to return)
 */
public final class Select<R> {
    private final Selector selector = new Selector();
    private final List<Handler<Object, ? extends R>> handlers = new ArrayList<>();
    private Action<? extends R> defaultHandler;
    private Action<? extends R> timeoutHandler;
    private Duration timeout;
    private RandomGenerator random;
    private boolean ordered;
    /** The thread running {@link #select()} now, or null: one run at a time (set by CAS, cleared on return). */
    private volatile Thread runner;

    private static final VarHandle RUNNER;

    static {
        try {
            RUNNER = MethodHandles.lookup().findVarHandle(Select.class, "runner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Select() {
    }

    /**
     * Starts an empty select; add cases, then call {@link #select()}.
     *
     * @param <R> the result type of the handlers
     * @return a new select with no cases
     */
    public static <R> Select<R> builder() {
        return new Select<>();
    }

    /**
     * Adds a receive case: Go's {@code case v := <-channel:}.
     *
     * @param channel the channel (or a receive-only view)
     * @param handler called with the received value if this case fires
     * @param <T>     the element type
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
     */
    public <T> Select<R> onReceive(ReceiveChannel<T> channel, Handler<? super T, ? extends R> handler) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(handler, "handler");
        int index = selector.addReceive(channel);
        handlers.add(v -> {
            if (v == Selector.closedMark()) {
                throw closed(index);
            }
            return handler.apply(cast(v));
        });
        return this;
    }

    /**
     * Adds a receive case that also fires when the channel is closed and drained: Go's
     * {@code case v, ok := <-channel:}. The handler gets the value, or an empty {@link Optional} for closed. If
     * the channel was closed with a cause, the case throws {@link ChannelClosedException} with that cause
     * instead, as {@link ReceiveChannel#receiveOrClosed()} does.
     *
     * @param channel the channel (or a receive-only view)
     * @param handler called with the value or empty if this case fires
     * @param <T>     the element type
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
     */
    public <T> Select<R> onReceiveOrClosed(ReceiveChannel<T> channel,
                                           Handler<? super Optional<T>, ? extends R> handler) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(handler, "handler");
        int index = selector.addReceive(channel);
        handlers.add(v -> {
            if (v == Selector.closedMark()) {
                if (closeCauseOf(index) != null) {
                    throw closed(index);
                }
                return handler.apply(Optional.empty());
            }
            return handler.apply(Optional.of(cast(v)));
        });
        return this;
    }

    /**
     * Adds a send case: Go's {@code case channel <- value:}.
     *
     * @param channel the channel (or a send-only view)
     * @param value   the value to send if this case fires, not null
     * @param handler called after the value was delivered
     * @param <T>     the element type
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
     */
    public <T> Select<R> onSend(SendChannel<T> channel, T value, Action<? extends R> handler) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(handler, "handler");
        int index = selector.addSend(channel, value);
        handlers.add(v -> {
            if (selector.sendFoundClosed(index)) {
                throw new ChannelClosedException("send on closed channel", closeCauseOf(index));
            }
            return handler.run();
        });
        return this;
    }

    /**
     * Adds a timeout case: Go's {@code case <-time.After(timeout):}. The clock starts when {@link #select()} is
     * called, on each run.
     *
     * @param timeout how long to wait for another case; zero or negative fires at once if nothing is ready
     * @param handler called if the time runs out first
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a timeout case was already added
     */
    public Select<R> onTimeout(Duration timeout, Action<? extends R> handler) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(handler, "handler");
        if (timeoutHandler != null) {
            throw new IllegalArgumentException("select already has a timeout case");
        }
        this.timeout = timeout;
        this.timeoutHandler = handler;
        return this;
    }

    /**
     * Adds the default case: Go's {@code default:}. It fires when no other case is ready at the moment of the
     * call, so {@link #select()} never blocks.
     *
     * @param handler called when nothing is ready
     * @return this select
     * @throws NullPointerException     if {@code handler} is null
     * @throws IllegalArgumentException if a default case was already added
     */
    public Select<R> onDefault(Action<? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        if (defaultHandler != null) {
            throw new IllegalArgumentException("select already has a default case");
        }
        this.defaultHandler = handler;
        return this;
    }

    /**
     * Chooses the first ready case in the order the cases were added, instead of at random. Not Go's behaviour:
     * useful for priorities (for example, always drain a control channel first).
     *
     * @return this select
     */
    public Select<R> ordered() {
        this.ordered = true;
        return this;
    }

    /**
     * Uses {@code random} for the random choice among ready cases, so that a test can reproduce a run with a
     * seeded generator (for example {@code new SplittableRandom(seed)}). The default is
     * {@link ThreadLocalRandom}.
     *
     * @param random the generator, used only by the thread that runs this select
     * @return this select
     * @throws NullPointerException if {@code random} is null
     */
    public Select<R> random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        this.ordered = false;
        return this;
    }

    /**
     * Runs the select: performs exactly one ready case (blocking until one is ready, unless there is a default or
     * a timeout case) and returns its handler's result. Handlers run on the calling thread after the channel
     * operation completed; an exception from a handler propagates (including an {@link InterruptedException}
     * from a blocking call inside the handler, after its case fired).
     *
     * @return the result of the handler of the case that fired
     * @throws InterruptedException     if interrupted while blocked (no case fired), or thrown by the handler
     * @throws ChannelClosedException   if the chosen case is a send on a closed channel, or a plain receive on a
     *                                  closed and drained channel
     * @throws IllegalArgumentException if the select has no case at all
     * @throws IllegalStateException    if this select is already running, in another thread (an instance is
     *                                  not thread-safe; the run would share its per-run state) or in the
     *                                  calling thread (a handler that runs its own select again); nothing is
     *                                  sent or received then
     */
    public R select() throws InterruptedException {
        Thread me = Thread.currentThread();
        if (!RUNNER.compareAndSet(this, null, me)) { // one CAS per run: fail loudly instead of corrupting a run
            throw new IllegalStateException(runner == me
                    ? "select run again from inside its own handler; build a new Select for a nested one"
                    : "select is already running in another thread; a Select instance is run by one thread at "
                    + "a time");
        }
        try {
            return run();
        } finally {
            runner = null;
        }
    }

    private R run() throws InterruptedException {
        if (selector.size() == 0) {
            if (defaultHandler == null && timeoutHandler == null) {
                throw new IllegalArgumentException("select has no cases");
            }
            if (defaultHandler != null) {
                return defaultHandler.run();
            }
        }
        boolean timed = timeoutHandler != null;
        long deadline = 0L;
        if (timed) {
            deadline = Deadlines.deadline(Deadlines.nanos(timeout, "timeout"));
        }
        RandomGenerator rnd = ordered ? null : random != null ? random : ThreadLocalRandom.current();
        int fired = selector.size() == 0
                ? awaitTimeoutOnly(deadline)
                : selector.select(rnd, defaultHandler != null, timed, deadline);
        if (fired == Selector.DEFAULT) {
            return defaultHandler.run();
        }
        if (fired == Selector.TIMEOUT) {
            return timeoutHandler.run();
        }
        return handlers.get(fired).apply(selector.result());
    }

    /** The blocker a timeout-only select parks on. */
    private static final Object TIMEOUT_ONLY = new Object() {
        @Override
        public String toString() {
            return "select with only a timeout case";
        }
    };

    private static int awaitTimeoutOnly(long deadline) throws InterruptedException {
        // Go: a select with only a time.After case sleeps; parking keeps it interruptible and carrier-friendly.
        while (Deadlines.remaining(deadline) > 0L) {
            Park.parkUntil(TIMEOUT_ONLY, deadline);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return Selector.TIMEOUT;
    }

    private ChannelClosedException closed(int index) {
        return new ChannelClosedException("receive on closed channel", closeCauseOf(index));
    }

    private Throwable closeCauseOf(int index) {
        return selector.closeCause(index);
    }


    @SuppressWarnings("unchecked")
    private static <T> T cast(Object v) {
        return (T) v;
    }

    /**
     * The handler of a receive case: gets the received value (or the {@code Optional} of
     * {@link #onReceiveOrClosed}). It may block, for example to forward the value: Go's
     * {@code case v := <-in: out <- v}.
     *
     * @param <T> the value type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Handler<T, R> {
        /**
         * Handles the value of the case that fired.
         *
         * @param value the received value
         * @return the result of {@link #select()}
         * @throws InterruptedException if a blocking call in the handler is interrupted
         */
        R apply(T value) throws InterruptedException;
    }

    /**
     * The handler of a send, timeout or default case. It may block.
     *
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Action<R> {
        /**
         * Runs after the case fired.
         *
         * @return the result of {@link #select()}
         * @throws InterruptedException if a blocking call in the handler is interrupted
         */
        R run() throws InterruptedException;
    }
}
