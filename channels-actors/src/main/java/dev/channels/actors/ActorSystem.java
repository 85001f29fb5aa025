package dev.channels.actors;

import dev.channels.actors.internal.ActorRuntime;
import dev.channels.actors.internal.MessageActor;
import dev.channels.actors.internal.StateActor;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Spawns actors and owns them: {@link #close()} stops every actor it spawned, waits until each has handled what
 * it had accepted and terminated, and returns only when no thread it started is still running. Use it in
 * try-with-resources, like a structured scope: no actor outlives the block.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.create("app")) {
 *     ActorRef<long[]> counter = system.spawn(new long[1]);
 *     counter.tell(c -> c[0]++);
 *     System.out.println(counter.ask(c -> c[0]));
 * } // stops and joins every actor
 * }</pre>
 *
 * <p>Actors cost no thread while idle: a reader task on a virtual thread is started when a message reaches an
 * idle actor and ends shortly (about 20 microseconds) after its mailbox is empty, so a system can hold millions of
 * idle actors. It is safe for
 * use by any number of threads.
 */
public final class ActorSystem implements AutoCloseable {
    private static final AtomicLong SYSTEMS = new AtomicLong();

    private final ActorRuntime runtime;

    private ActorSystem(String name) {
        this.runtime = new ActorRuntime(name);
    }

    /**
     * Creates a system with a generated name.
     *
     * @return a new, open system
     */
    public static ActorSystem create() {
        return new ActorSystem("actors-" + SYSTEMS.incrementAndGet());
    }

    /**
     * Creates a named system; the name prefixes its actors' generated names and its thread names.
     *
     * @param name the name
     * @return a new, open system
     * @throws NullPointerException if {@code name} is null
     */
    public static ActorSystem create(String name) {
        return new ActorSystem(Objects.requireNonNull(name, "ActorSystem.create: name is null"));
    }

    /**
     * The system's name.
     *
     * @return the name
     */
    public String name() {
        return runtime.name();
    }

    /**
     * Spawns a state actor owning {@code state}, with the default options (unbounded mailbox, stop on failure).
     * The caller must not touch {@code state} afterwards.
     *
     * @param state the state, not null
     * @param <S>   the state type
     * @return the actor
     * @throws NullPointerException  if {@code state} is null
     * @throws IllegalStateException if this system is closed
     */
    public <S> ActorRef<S> spawn(S state) {
        return spawn(state, ActorOptions.defaults());
    }

    /**
     * Spawns a state actor owning {@code state}.
     *
     * @param state   the state, not null
     * @param options name, mailbox and failure policy; {@link FailurePolicy#restart} needs {@link #spawnFrom}
     * @param <S>     the state type
     * @return the actor
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if this system is closed
     * @throws IllegalArgumentException if the options ask for restarts, which need a state factory
     */
    public <S> ActorRef<S> spawn(S state, ActorOptions options) {
        Objects.requireNonNull(state, "ActorSystem.spawn: state is null");
        return new StateActor<>(runtime, Objects.requireNonNull(options, "ActorSystem.spawn: options is null"), null,
                state);
    }

    /**
     * Spawns a state actor whose state comes from {@code factory}: once now, and again on each restart under
     * {@link FailurePolicy#restart}.
     *
     * @param factory makes a fresh state
     * @param options name, mailbox and failure policy
     * @param <S>     the state type
     * @return the actor
     * @throws NullPointerException  if an argument is null, or {@code factory} returns null (now; on a restart
     *                               the actor stops instead, see {@link FailurePolicy#restart})
     * @throws IllegalStateException if this system is closed
     */
    public <S> ActorRef<S> spawnFrom(Supplier<? extends S> factory, ActorOptions options) {
        Objects.requireNonNull(factory, "ActorSystem.spawnFrom: factory is null");
        Objects.requireNonNull(options, "ActorSystem.spawnFrom: options is null");
        S initial = Objects.requireNonNull(factory.get(), "ActorSystem.spawnFrom: the factory returned null");
        return new StateActor<>(runtime, options, factory, initial);
    }

    /**
     * Spawns a message actor with the default options.
     *
     * @param handler handles the messages; its fields are the actor's state
     * @param <M>     the message type
     * @return the actor
     * @throws NullPointerException  if {@code handler} is null
     * @throws IllegalStateException if this system is closed
     */
    public <M> MessageRef<M> spawnHandler(Handler<M> handler) {
        return spawnHandler(handler, ActorOptions.defaults());
    }

    /**
     * Spawns a message actor.
     *
     * @param handler handles the messages
     * @param options name, mailbox and failure policy; {@link FailurePolicy#restart} needs
     *                {@link #spawnHandlerFrom}
     * @param <M>     the message type
     * @return the actor
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if this system is closed
     * @throws IllegalArgumentException if the options ask for restarts
     */
    public <M> MessageRef<M> spawnHandler(Handler<M> handler, ActorOptions options) {
        Objects.requireNonNull(handler, "ActorSystem.spawnHandler: handler is null");
        return new MessageActor<>(runtime, Objects.requireNonNull(options, "ActorSystem.spawnHandler: options is null"),
                null, handler);
    }

    /**
     * Spawns a message actor whose handler comes from {@code factory}: once now, and again on each restart.
     *
     * @param factory makes a fresh handler (with fresh state)
     * @param options name, mailbox and failure policy
     * @param <M>     the message type
     * @return the actor
     * @throws NullPointerException  if an argument is null, or {@code factory} returns null (now; on a restart
     *                               the actor stops instead, see {@link FailurePolicy#restart})
     * @throws IllegalStateException if this system is closed
     */
    public <M> MessageRef<M> spawnHandlerFrom(Supplier<? extends Handler<M>> factory, ActorOptions options) {
        Objects.requireNonNull(factory, "ActorSystem.spawnHandlerFrom: factory is null");
        Objects.requireNonNull(options, "ActorSystem.spawnHandlerFrom: options is null");
        Handler<M> first = Objects.requireNonNull(factory.get(),
                "ActorSystem.spawnHandlerFrom: the factory returned null");
        return new MessageActor<>(runtime, options, factory, first);
    }

    /**
     * Whether {@link #close()} has been called; a closed system spawns nothing.
     *
     * @return true once closing has begun
     */
    public boolean isClosed() {
        return runtime.isClosed();
    }

    /**
     * Stops every actor of this system ({@link Actor#stop()}: each handles what it had accepted), waits until all
     * have terminated and every thread the system started has finished, and then returns. Further spawns throw
     * {@link IllegalStateException}. If interrupted while waiting it keeps waiting (a scope must not leak
     * threads) and re-asserts the interrupt status before returning. Calling it again waits again.
     *
     * @throws IllegalStateException if called from inside one of this system's actors, which would wait for
     *                               itself; nothing is stopped then
     */
    @Override
    public void close() {
        runtime.close();
    }

    /** Test seam: see {@link ActorRuntime#onReaderExit}. */
    void onReaderExit(Runnable hook) {
        runtime.onReaderExit(hook);
    }

    /** Reader threads running now; for tests. */
    int runningThreads() {
        return runtime.runningThreads();
    }

    /** Actors spawned and not yet terminated; for tests. */
    int liveActors() {
        return runtime.liveActors();
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + (isClosed() ? ", closed]" : "]");
    }
}
