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
     * @throws ActorStoppedException if the actor is stopped, or terminates before answering (also when the
     *                               handler kept the reply to answer later and the actor stopped first)
     * @throws IllegalStateException if called from inside this actor
     * @throws InterruptedException  if interrupted while waiting (for room in a full bounded {@code BLOCK}
     *                               mailbox, where nothing was sent then, or for the reply, where the message
     *                               may still be handled and its reply is discarded)
     * @throws NullPointerException  if {@code request} or the message it builds is null
     */
    <R> R ask(Function<? super CompletableFuture<R>, ? extends M> request) throws InterruptedException;

    /**
     * Like {@link #ask(Function)}, but waits at most {@code timeout} in all: for room in a full bounded
     * {@code BLOCK} mailbox, then for the reply. Production code should bound every wait; this is the bounded
     * request-reply.
     *
     * <p>On timeout the message is not withdrawn: if it was sent (the mailbox had room in time), it stays in the
     * mailbox and the handler still gets it later; the reply future is then already completed exceptionally with
     * the {@link java.util.concurrent.TimeoutException}, so the handler's late {@code complete} returns false and
     * the reply is discarded. If the timeout ran out while waiting for room, nothing was sent. The timeout is
     * converted saturating: zero or negative ({@code Duration.ofNanos(Long.MIN_VALUE)} included) does not wait at
     * all (the message is still sent if there is room, and a reply already there is returned), and durations
     * beyond about 292 years ({@code ChronoUnit.FOREVER.getDuration()}) wait as long as it takes.
     *
     * @param request builds the message from the reply future
     * @param timeout the most time to wait, from the call
     * @param <R>     the reply type
     * @return the value the handler completed the reply with
     * @throws java.util.concurrent.TimeoutException    if the time ran out before the reply came (or before
     *                                                  there was room for the message)
     * @throws java.util.concurrent.CompletionException wrapping a checked exception the handler threw
     * @throws ActorStoppedException if the actor is stopped, or stops before answering
     * @throws IllegalStateException if called from inside this actor
     * @throws InterruptedException  if interrupted while waiting; a message already sent may still be handled,
     *                               and its reply is discarded
     * @throws NullPointerException  if {@code request}, the message it builds, or {@code timeout} is null
     */
    <R> R ask(Function<? super CompletableFuture<R>, ? extends M> request, java.time.Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException;

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
