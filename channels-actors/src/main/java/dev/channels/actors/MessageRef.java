package dev.channels.actors;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A message actor: a {@link Handler} that receives typed messages one at a time. The handler's fields are the
 * state; only the actor touches them. Go: a goroutine running {@code for msg := range inbox { switch msg.(type)
 * { ... } } }.
 *
 * <pre>{@code
 * sealed interface CounterMsg permits Add, Get {}
 * record Add(long n) implements CounterMsg {}
 * record Get(CompletableFuture<Long> reply) implements CounterMsg {}
 *
 * MessageRef<CounterMsg> counter = system.spawnHandler(new Handler<>() {
 *     long total;
 *     public void handle(CounterMsg msg) {
 *         switch (msg) {
 *             case Add a -> total += a.n();
 *             case Get g -> g.reply().complete(total);
 *         }
 *     }
 * });
 * counter.tell(new Add(5));
 * long total = counter.ask(Get::new);   // the reply future is created for you
 * }</pre>
 *
 * @param <M> the message type
 */
public interface MessageRef<M> extends Actor {

    /**
     * Sends a message without waiting for it to be handled (fire-and-forget). An exception the handler throws
     * is handled by the actor's {@link FailurePolicy}. Waits only as {@link ActorRef#tell} does (a full
     * bounded blocking mailbox), with the same interrupt behaviour.
     *
     * @param message the message; it is the mailbox element itself (no wrapper)
     * @throws ActorStoppedException            if the actor is stopped or stopping
     * @throws MailboxFullException if the mailbox is bounded with the {@code FAIL} policy and full
     * @throws IllegalStateException            if called by the actor itself on its own full blocking mailbox
     * @throws NullPointerException             if {@code message} is null
     */
    void tell(M message);

    /**
     * Request-reply: builds a message around a fresh reply future, sends it and waits for the handler to
     * complete the future (Go: send a request carrying a reply channel, then receive from it). If the handler
     * throws while handling this message, the exception is rethrown here and the actor carries on.
     *
     * @param request builds the message from the reply future, typically a record constructor ({@code Get::new})
     * @param <R>     the reply type
     * @return the value the handler completed the reply with
     * @throws java.util.concurrent.CompletionException wrapping a checked exception the handler threw (unchecked
     *                               ones are rethrown as they are)
     * @throws ActorStoppedException if the actor is stopped, or stops by failure before answering
     * @throws IllegalStateException if called from inside this actor
     * @throws InterruptedException  if interrupted while waiting
     * @throws NullPointerException  if {@code request} or the message it builds is null
     */
    <R> R ask(Function<? super CompletableFuture<R>, ? extends M> request) throws InterruptedException;

    /**
     * Like {@link #ask} but returns the reply future at once.
     *
     * @param request builds the message from the reply future
     * @param <R>     the reply type
     * @return the reply future, which the handler completes
     * @throws ActorStoppedException if the actor is already stopped
     * @throws NullPointerException  if {@code request} or the message it builds is null
     */
    <R> CompletableFuture<R> askAsync(Function<? super CompletableFuture<R>, ? extends M> request);
}
