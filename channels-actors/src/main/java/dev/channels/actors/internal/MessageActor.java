package dev.channels.actors.internal;

import dev.channels.actors.ActorOptions;
import dev.channels.actors.Handler;
import dev.channels.actors.MessageRef;

import dev.channels.internal.Deadlines;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A message actor: messages go to a {@link Handler}.
 *
 * @param <M> the message type
 */
public final class MessageActor<M> extends ActorCell implements MessageRef<M> {

    /**
     * Spawns a message actor in {@code runtime}.
     *
     * @param runtime the owning system's runtime
     * @param options the options
     * @param factory fresh handlers for restarts, or null
     * @param handler the first handler
     */
    public MessageActor(ActorRuntime runtime, ActorOptions options, Supplier<? extends Handler<M>> factory,
                        Handler<M> handler) {
        super(runtime, options, factory, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public void tell(M message) {
        send(Objects.requireNonNull(message, "MessageRef.tell: message is null"));
    }

    @Override
    public <R> R ask(Function<? super CompletableFuture<R>, ? extends M> request) throws InterruptedException {
        Objects.requireNonNull(request, "MessageRef.ask: request is null");
        checkNotSelf();
        return cast(await(build(request)));
    }

    @Override
    public <R> R ask(Function<? super CompletableFuture<R>, ? extends M> request, Duration timeout)
            throws InterruptedException, TimeoutException {
        Objects.requireNonNull(request, "request");
        long nanos = Deadlines.nanos(timeout, "timeout");
        checkNotSelf();
        return cast(await(build(request), nanos, timeout));
    }

    @Override
    public <R> CompletableFuture<R> askAsync(Function<? super CompletableFuture<R>, ? extends M> request) {
        return cast(sendAsk(build(Objects.requireNonNull(request, "MessageRef.askAsync: request is null"))));
    }

    private <R> Ask build(Function<? super CompletableFuture<R>, ? extends M> request) {
        Ask ask = new Ask(null);
        CompletableFuture<R> reply = cast(ask);
        ask.request = Objects.requireNonNull(request.apply(reply), "MessageRef.ask: the request function returned a null message");
        return ask;
    }

    @Override
    @SuppressWarnings("unchecked")
    void runTell(Object message) throws Exception {
        ((Handler<Object>) state).handle(message);
    }

    @Override
    @SuppressWarnings("unchecked")
    void runAsk(Ask ask) throws Exception {
        ((Handler<Object>) state).handle(ask.request); // the handler completes the reply
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
