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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Go's {@code select}: wait on several channel operations and perform exactly one.
 *
 * <pre>{@code
 * // Go:                                   // Java:
 * // select {                              String r = Select.builder()
 * // case v := <-in:                           .onReceive(in, v -> "got " + v)
 * // case out <- 42:                           .onSend(out, 42, () -> "sent")
 * // case <-time.After(time.Second):           .onTimeout(Duration.ofSeconds(1), () -> "timeout")
 * // }                                         .select();
 * }</pre>
 *
 * <p>Three ways to start, by what the handlers do:
 * <ul>
 *   <li>{@link #builder()}: handlers return a value, which {@link #select()} returns. The first case's handler
 *       fixes the result type {@code R} (above, {@code String}), so no type witness is needed; later handlers
 *       must return an {@code R} too.</li>
 *   <li>{@link #actions()}: handlers only act (Go's select is a statement); they return nothing and
 *       {@link Actions#select()} is {@code void}. No {@code return null;}.</li>
 *   <li>{@link #create()}: an empty select whose result type comes from the variable it is assigned to, for
 *       cases added in a loop: {@code Select<String> s = Select.create(); for (var ch : inputs) s.onReceive(ch,
 *       v -> v);}</li>
 * </ul>
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
 *       {@link ChannelClosedException}; {@link #onReceiveOrClosed} passes {@link ReceiveResult.Closed} (Go's
 *       {@code v, ok}). A send case on a closed channel is ready, and throws {@link ChannelClosedException} if
 *       chosen.</li>
 *   <li>The same channel may appear in several cases; a select with a send and a receive on the same unbuffered
 *       channel never hands a value to itself.</li>
 * </ul>
 *
 * <p>Cases can come from data: a select over a list of channels known only at run time is a loop of
 * {@code onReceive} calls. A {@code Select} holds no channel state between runs, so the same instance can be run
 * again (for example in a loop; Go's {@code for { select { ... } }}). Go evaluates a send case's value each time
 * it enters the select; {@link #onSend} fixes the value when the case is added, {@link #onSendFrom} asks a
 * supplier on every run: use the latter for a select that is built once and sends a changing value. An instance
 * is not thread-safe: build and run it on one thread. A run started while another run of the same instance is in
 * progress throws {@link IllegalStateException} instead of corrupting it.
 *
 * @param <R> the type the handlers return
 */
public final class Select<R> {
    private final Selector selector = new Selector();
    private final List<Handler<Object, ? extends R>> handlers = new ArrayList<>();
    /** The supplier of each send case added by {@link #onSendFrom}, by case index; null for other cases. */
    private final List<Supplier<?>> sendSuppliers = new ArrayList<>();
    private boolean hasSendSupplier;
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
     * Starts a select whose handlers return a value; the first case added fixes the result type:
     * {@code String r = Select.builder().onReceive(in, v -> "got " + v).onDefault(() -> "none").select();}
     *
     * @return a builder; its case methods return the {@code Select}
     */
    public static Builder builder() {
        return new Builder(false, null);
    }

    /**
     * Starts a select whose handlers only act, Go's select statement:
     * {@code Select.actions().onReceive(in, v -> log(v)).onTimeout(d, () -> log("slow")).select();}
     *
     * @return an empty select with action handlers
     */
    public static Actions actions() {
        return new Actions();
    }

    /**
     * An empty select whose result type is taken from the assignment, for cases added one by one (for example
     * in a loop over channels known at run time): {@code Select<Integer> s = Select.create();}
     *
     * @param <R> the result type of the handlers
     * @return a new select with no cases
     */
    public static <R> Select<R> create() {
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
        Objects.requireNonNull(channel, "Select.onReceive: channel is null");
        Objects.requireNonNull(handler, "Select.onReceive: handler is null");
        int index = addCase(selector.addReceive(channel), null);
        handlers.add(v -> {
            if (v == Selector.closedMark()) {
                throw new ChannelClosedException("receive on closed channel", closeCauseOf(index));
            }
            return handler.apply(cast(v));
        });
        return this;
    }

    /**
     * Adds a receive case that also fires when the channel is closed and drained: Go's
     * {@code case v, ok := <-channel:}. The handler gets {@link ReceiveResult.Received} with the value, or
     * {@link ReceiveResult.Closed} (with the close cause, if any), as {@link ReceiveChannel#receiveOrClosed()}
     * returns; never {@link ReceiveResult.Empty}.
     *
     * @param channel the channel (or a receive-only view)
     * @param handler called with the result if this case fires
     * @param <T>     the element type
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
     */
    public <T> Select<R> onReceiveOrClosed(ReceiveChannel<T> channel,
                                           Handler<? super ReceiveResult<T>, ? extends R> handler) {
        Objects.requireNonNull(channel, "Select.onReceiveOrClosed: channel is null");
        Objects.requireNonNull(handler, "Select.onReceiveOrClosed: handler is null");
        int index = addCase(selector.addReceive(channel), null);
        handlers.add(v -> handler.apply(v == Selector.closedMark()
                ? ReceiveResult.closed(closeCauseOf(index))
                : new ReceiveResult.Received<>(cast(v))));
        return this;
    }

    /**
     * Adds a send case with a fixed value: Go's {@code case channel <- value:}. The value is the same on every
     * run of this select; for a select that runs many times and sends a changing value, use
     * {@link #onSendFrom}.
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
        Objects.requireNonNull(channel, "Select.onSend: channel is null");
        Objects.requireNonNull(value, "Select.onSend: value is null");
        Objects.requireNonNull(handler, "Select.onSend: handler is null");
        addSend(selector.addSend(channel, value), null, handler);
        return this;
    }

    /**
     * Adds a send case whose value is asked from {@code values} at the start of every run of {@link #select()},
     * as Go evaluates {@code case channel <- next():} each time it enters the select. Use it for a select built
     * once and run in a loop ({@link #onSend} would send the value captured when the case was added, every
     * time).
     *
     * <p>The supplier is called once per run, before any case is tried, whether or not this case then fires; a
     * value that was not sent is not kept (the next run asks again). So the supplier should compute a value,
     * not consume one: {@code () -> counter.get()}, not {@code queue::poll}. An exception from the supplier
     * propagates from {@link #select()}, and no case fires.
     *
     * @param channel the channel (or a send-only view)
     * @param values  supplies the value for each run; it must not return null
     * @param handler called after the value was delivered
     * @param <T>     the element type
     * @return this select
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
     */
    public <T> Select<R> onSendFrom(SendChannel<T> channel, Supplier<? extends T> values,
                                    Action<? extends R> handler) {
        Objects.requireNonNull(channel, "Select.onSendFrom: channel is null");
        Objects.requireNonNull(values, "Select.onSendFrom: values is null");
        Objects.requireNonNull(handler, "Select.onSendFrom: handler is null");
        addSend(selector.addSend(channel, PENDING), values, handler);
        hasSendSupplier = true;
        return this;
    }

    /** The value of a supplied send case until its first run asks the supplier. */
    private static final Object PENDING = new Object();

    private void addSend(int caseIndex, Supplier<?> values, Action<? extends R> handler) {
        int index = addCase(caseIndex, values);
        handlers.add(v -> {
            if (selector.sendFoundClosed(index)) {
                throw new ChannelClosedException("send on closed channel", closeCauseOf(index));
            }
            return handler.run();
        });
    }

    private int addCase(int index, Supplier<?> values) {
        sendSuppliers.add(values);
        return index;
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
        Objects.requireNonNull(timeout, "Select.onTimeout: timeout is null");
        Objects.requireNonNull(handler, "Select.onTimeout: handler is null");
        if (timeoutHandler != null) {
            throw new IllegalArgumentException("Select.onTimeout: the select already has a timeout case");
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
        Objects.requireNonNull(handler, "Select.onDefault: handler is null");
        if (defaultHandler != null) {
            throw new IllegalArgumentException("Select.onDefault: the select already has a default case");
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
     * {@link ThreadLocalRandom}. Undoes {@link #ordered()}.
     *
     * @param random the generator, used only by the thread that runs this select
     * @return this select
     * @throws NullPointerException if {@code random} is null
     */
    public Select<R> random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "Select.random: random is null");
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
     * @throws NullPointerException     if a supplier of {@link #onSendFrom} returned null (no case fired)
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
                throw new IllegalArgumentException("Select.select: the select has no cases");
            }
            if (defaultHandler != null) {
                return defaultHandler.run();
            }
        }
        if (hasSendSupplier) {
            supplySendValues();
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

    /** Asks every {@link #onSendFrom} supplier for this run's value, before any case is tried. */
    private void supplySendValues() {
        for (int i = 0; i < sendSuppliers.size(); i++) {
            Supplier<?> values = sendSuppliers.get(i);
            if (values != null) {
                selector.setSendValue(i, Objects.requireNonNull(values.get(),
                        "Select.onSendFrom: the supplier returned null"));
            }
        }
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

    private Throwable closeCauseOf(int index) {
        return selector.closeCause(index);
    }


    @SuppressWarnings("unchecked")
    private static <T> T cast(Object v) {
        return (T) v;
    }

    /**
     * The start of a value-returning select (see {@link Select#builder()}): its case methods create the
     * {@link Select}, whose result type {@code R} is inferred from that first handler. Immutable; each case
     * method returns a new select.
     */
    public static final class Builder {
        private final boolean ordered;
        private final RandomGenerator random;

        private Builder(boolean ordered, RandomGenerator random) {
            this.ordered = ordered;
            this.random = random;
        }

        /**
         * A builder whose select takes the first ready case; see {@link Select#ordered()}.
         *
         * @return a builder for an ordered select
         */
        public Builder ordered() {
            return new Builder(true, null);
        }

        /**
         * A builder whose select uses {@code random} for its choice; see {@link Select#random(RandomGenerator)}.
         *
         * @param random the generator, used only by the thread that runs the select
         * @return a builder for a select with that generator
         * @throws NullPointerException if {@code random} is null
         */
        public Builder random(RandomGenerator random) {
            return new Builder(false, Objects.requireNonNull(random, "Select.random: random is null"));
        }

        private <R> Select<R> start() {
            Select<R> s = new Select<>();
            s.ordered = ordered;
            s.random = random;
            return s;
        }

        /**
         * Creates the select with a receive case; see {@link Select#onReceive}.
         *
         * @param channel the channel (or a receive-only view)
         * @param handler called with the received value if this case fires; its result type becomes the
         *                select's
         * @param <T>     the element type
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T, R> Select<R> onReceive(ReceiveChannel<T> channel, Handler<? super T, ? extends R> handler) {
            return this.<R>start().onReceive(channel, handler);
        }

        /**
         * Creates the select with a receive-or-closed case; see {@link Select#onReceiveOrClosed}.
         *
         * @param channel the channel (or a receive-only view)
         * @param handler called with the result if this case fires; its result type becomes the select's
         * @param <T>     the element type
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T, R> Select<R> onReceiveOrClosed(ReceiveChannel<T> channel,
                                                  Handler<? super ReceiveResult<T>, ? extends R> handler) {
            return this.<R>start().onReceiveOrClosed(channel, handler);
        }

        /**
         * Creates the select with a send case of a fixed value; see {@link Select#onSend}.
         *
         * @param channel the channel (or a send-only view)
         * @param value   the value to send if this case fires, not null
         * @param handler called after the value was delivered; its result type becomes the select's
         * @param <T>     the element type
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T, R> Select<R> onSend(SendChannel<T> channel, T value, Action<? extends R> handler) {
            return this.<R>start().onSend(channel, value, handler);
        }

        /**
         * Creates the select with a send case whose value is supplied on every run; see
         * {@link Select#onSendFrom}.
         *
         * @param channel the channel (or a send-only view)
         * @param values  supplies the value for each run; it must not return null
         * @param handler called after the value was delivered; its result type becomes the select's
         * @param <T>     the element type
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T, R> Select<R> onSendFrom(SendChannel<T> channel, Supplier<? extends T> values,
                                           Action<? extends R> handler) {
            return this.<R>start().onSendFrom(channel, values, handler);
        }

        /**
         * Creates the select with a timeout case; see {@link Select#onTimeout}.
         *
         * @param timeout how long to wait for another case
         * @param handler called if the time runs out first; its result type becomes the select's
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException if an argument is null
         */
        public <R> Select<R> onTimeout(Duration timeout, Action<? extends R> handler) {
            return this.<R>start().onTimeout(timeout, handler);
        }

        /**
         * Creates the select with the default case; see {@link Select#onDefault}.
         *
         * @param handler called when nothing is ready; its result type becomes the select's
         * @param <R>     the result type
         * @return the new select
         * @throws NullPointerException if {@code handler} is null
         */
        public <R> Select<R> onDefault(Action<? extends R> handler) {
            return this.<R>start().onDefault(handler);
        }
    }

    /**
     * A select whose handlers only act and return nothing: Go's select statement (see {@link Select#actions()}).
     * The case methods mirror {@link Select}'s, with {@link VoidHandler} and {@link VoidAction} handlers;
     * {@link #select()} returns nothing. Like a {@link Select}, it can run again and is not thread-safe.
     *
     * <pre>{@code
     * // Go:                                   // Java:
     * // for {                                 var loop = Select.actions()
     * //     select {                              .onReceive(in, v -> out.send(v))
     * //     case v := <-in: out <- v              .onReceive(ticks, t -> report());
     * //     case <-ticks: report()            for (;;) loop.select();
     * //     }
     * // }
     * }</pre>
     */
    public static final class Actions {
        private final Select<Void> select = new Select<>();

        private Actions() {
        }

        /**
         * Adds a receive case; see {@link Select#onReceive}.
         *
         * @param channel the channel (or a receive-only view)
         * @param handler called with the received value if this case fires
         * @param <T>     the element type
         * @return this select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T> Actions onReceive(ReceiveChannel<T> channel, VoidHandler<? super T> handler) {
            Objects.requireNonNull(channel, "Select.onReceive: channel is null");
            Objects.requireNonNull(handler, "Select.onReceive: handler is null");
            select.onReceive(channel, v -> {
                handler.accept(v);
                return null;
            });
            return this;
        }

        /**
         * Adds a receive case that also fires when the channel is closed and drained; see
         * {@link Select#onReceiveOrClosed}.
         *
         * @param channel the channel (or a receive-only view)
         * @param handler called with {@link ReceiveResult.Received} or {@link ReceiveResult.Closed}
         * @param <T>     the element type
         * @return this select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T> Actions onReceiveOrClosed(ReceiveChannel<T> channel,
                                             VoidHandler<? super ReceiveResult<T>> handler) {
            Objects.requireNonNull(channel, "Select.onReceiveOrClosed: channel is null");
            Objects.requireNonNull(handler, "Select.onReceiveOrClosed: handler is null");
            select.onReceiveOrClosed(channel, r -> {
                handler.accept(r);
                return null;
            });
            return this;
        }

        /**
         * Adds a send case with a fixed value; see {@link Select#onSend}.
         *
         * @param channel the channel (or a send-only view)
         * @param value   the value to send if this case fires, not null
         * @param handler called after the value was delivered
         * @param <T>     the element type
         * @return this select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T> Actions onSend(SendChannel<T> channel, T value, VoidAction handler) {
            Objects.requireNonNull(channel, "Select.onSend: channel is null");
            Objects.requireNonNull(value, "Select.onSend: value is null");
            Objects.requireNonNull(handler, "Select.onSend: handler is null");
            select.onSend(channel, value, asAction(handler));
            return this;
        }

        /**
         * Adds a send case whose value is supplied on every run; see {@link Select#onSendFrom}.
         *
         * @param channel the channel (or a send-only view)
         * @param values  supplies the value for each run; it must not return null
         * @param handler called after the value was delivered
         * @param <T>     the element type
         * @return this select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code channel} was not made by {@link Channel}'s factories
         */
        public <T> Actions onSendFrom(SendChannel<T> channel, Supplier<? extends T> values, VoidAction handler) {
            Objects.requireNonNull(channel, "Select.onSendFrom: channel is null");
            Objects.requireNonNull(values, "Select.onSendFrom: values is null");
            Objects.requireNonNull(handler, "Select.onSendFrom: handler is null");
            select.onSendFrom(channel, values, asAction(handler));
            return this;
        }

        /**
         * Adds a timeout case; see {@link Select#onTimeout}.
         *
         * @param timeout how long to wait for another case
         * @param handler called if the time runs out first
         * @return this select
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if a timeout case was already added
         */
        public Actions onTimeout(Duration timeout, VoidAction handler) {
            Objects.requireNonNull(timeout, "Select.onTimeout: timeout is null");
            Objects.requireNonNull(handler, "Select.onTimeout: handler is null");
            select.onTimeout(timeout, asAction(handler));
            return this;
        }

        /**
         * Adds the default case; see {@link Select#onDefault}.
         *
         * @param handler called when nothing is ready
         * @return this select
         * @throws NullPointerException     if {@code handler} is null
         * @throws IllegalArgumentException if a default case was already added
         */
        public Actions onDefault(VoidAction handler) {
            Objects.requireNonNull(handler, "Select.onDefault: handler is null");
            select.onDefault(asAction(handler));
            return this;
        }

        /**
         * Takes the first ready case; see {@link Select#ordered()}.
         *
         * @return this select
         */
        public Actions ordered() {
            select.ordered();
            return this;
        }

        /**
         * Uses {@code random} for the choice among ready cases; see {@link Select#random(RandomGenerator)}.
         *
         * @param random the generator, used only by the thread that runs this select
         * @return this select
         * @throws NullPointerException if {@code random} is null
         */
        public Actions random(RandomGenerator random) {
            select.random(random);
            return this;
        }

        /**
         * Runs the select: performs exactly one ready case and runs its handler; see {@link Select#select()}.
         *
         * @throws InterruptedException     if interrupted while blocked (no case fired), or thrown by the handler
         * @throws ChannelClosedException   if the chosen case is a send on a closed channel, or a plain receive
         *                                  on a closed and drained channel
         * @throws NullPointerException     if a supplier of {@link #onSendFrom} returned null (no case fired)
         * @throws IllegalArgumentException if the select has no case at all
         */
        public void select() throws InterruptedException {
            select.select();
        }

        private static Action<Void> asAction(VoidAction handler) {
            return () -> {
                handler.run();
                return null;
            };
        }
    }

    /**
     * The handler of a value-returning receive case: gets the received value (or the {@link ReceiveResult} of
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
     * The handler of a value-returning send, timeout or default case. It may block.
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

    /**
     * The handler of a receive case of {@link Actions}: acts on the received value and returns nothing. It may
     * block.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface VoidHandler<T> {
        /**
         * Handles the value of the case that fired.
         *
         * @param value the received value (or the {@link ReceiveResult} of {@link Actions#onReceiveOrClosed})
         * @throws InterruptedException if a blocking call in the handler is interrupted
         */
        void accept(T value) throws InterruptedException;
    }

    /** The handler of a send, timeout or default case of {@link Actions}: acts and returns nothing. It may block. */
    @FunctionalInterface
    public interface VoidAction {
        /**
         * Runs after the case fired.
         *
         * @throws InterruptedException if a blocking call in the handler is interrupted
         */
        void run() throws InterruptedException;
    }
}
