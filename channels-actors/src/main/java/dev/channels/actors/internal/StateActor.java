package dev.channels.actors.internal;

import dev.channels.actors.ActorOptions;
import dev.channels.actors.ActorRef;

import dev.channels.internal.Deadlines;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A state actor: messages are functions of the state.
 *
 * @param <S> the state type
 */
public final class StateActor<S> extends ActorCell implements ActorRef<S> {

    /**
     * Spawns a state actor in {@code runtime}.
     *
     * @param runtime the owning system's runtime
     * @param options the options
     * @param factory fresh state for restarts, or null
     * @param initial the first state
     */
    public StateActor(ActorRuntime runtime, ActorOptions options, Supplier<? extends S> factory, S initial) {
        super(runtime, options, factory, Objects.requireNonNull(initial, "state"));
    }

    @Override
    public void tell(Consumer<? super S> operation) {
        send(Objects.requireNonNull(operation, "ActorRef.tell: operation is null"));
    }

    @Override
    public <R> R ask(Function<? super S, ? extends R> query) throws InterruptedException {
        Objects.requireNonNull(query, "ActorRef.ask: query is null");
        checkNotSelf();
        return cast(await(new Ask(query)));
    }

    @Override
    public <R> R ask(Function<? super S, ? extends R> query, Duration timeout)
            throws InterruptedException, TimeoutException {
        Objects.requireNonNull(query, "query");
        long nanos = Deadlines.nanos(timeout, "timeout");
        checkNotSelf();
        return cast(await(new Ask(query), nanos, timeout));
    }

    @Override
    public <R> CompletableFuture<R> askAsync(Function<? super S, ? extends R> query) {
        return cast(sendAsk(new Ask(Objects.requireNonNull(query, "ActorRef.askAsync: query is null"))));
    }

    @Override
    @SuppressWarnings("unchecked")
    void runTell(Object message) {
        ((Consumer<Object>) message).accept(state);
    }

    @Override
    @SuppressWarnings("unchecked")
    void runAsk(Ask ask) {
        ask.complete(((Function<Object, Object>) ask.request).apply(state));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
