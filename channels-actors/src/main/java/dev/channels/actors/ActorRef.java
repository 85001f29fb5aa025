package dev.channels.actors;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A state actor: Go's "channel of operations". The actor owns a state object that only its own reader task
 * touches; callers send it functions of the state, which run one at a time in the order each caller sent them.
 * The state therefore needs no locks and may be a plain {@code HashMap} or a mutable counter.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.create("bank")) {
 *     ActorRef<Map<String, Long>> balances = system.spawn(new HashMap<>());
 *     balances.tell(m -> m.merge("alice", 100L, Long::sum));          // fire-and-forget
 *     long alice = balances.ask(m -> m.getOrDefault("alice", 0L));    // request-reply
 * }
 * }</pre>
 *
 * Go: {@code ops <- func(s *State) {...}} for {@link #tell}; for {@link #ask}, an operation that also carries a
 * reply channel, and the caller then receives from it.
 *
 * <p>Never let the state escape (return it from an {@code ask}, or capture it in another thread): then it is
 * shared again and the guarantee is gone. Return copies or values.
 *
 * @param <S> the state type
 */
public interface ActorRef<S> extends Actor {

    /**
     * Sends an operation to run on the state, without waiting for it (fire-and-forget). An exception thrown by
     * {@code operation} is handled by the actor's {@link FailurePolicy}, not reported here.
     *
     * <p>It does not wait, except on a bounded mailbox with {@link Overflow#BLOCK} that is
     * full, where it waits for room (backpressure). If interrupted there, it re-asserts the interrupt status and
     * throws {@link java.util.concurrent.CancellationException} whose cause is the
     * {@link InterruptedException}; the operation was not sent.
     *
     * @param operation the operation; the lambda itself is the message (no wrapper is allocated)
     * @throws ActorStoppedException            if the actor is stopped or stopping
     * @throws MailboxFullException if the mailbox is bounded with the {@code FAIL} policy and full
     * @throws IllegalStateException            if called by the actor itself on its own full blocking mailbox,
     *                                          which would wait for itself forever
     * @throws NullPointerException             if {@code operation} is null
     */
    void tell(Consumer<? super S> operation);

    /**
     * Runs a query on the state and waits for its result (request-reply). If {@code query} throws, the
     * exception is rethrown here and the actor carries on: a failed ask never triggers the failure policy.
     *
     * @param query the query; it may also change the state
     * @param <R>   the result type
     * @return what {@code query} returned
     * @throws ActorStoppedException if the actor is stopped, or stops by failure before answering
     * @throws IllegalStateException if called from inside this actor (it would wait for itself forever)
     * @throws InterruptedException  if interrupted while waiting: for room in a full bounded {@code BLOCK}
     *                               mailbox (the query was not sent), or for the result (the query may still
     *                               run)
     * @throws NullPointerException  if {@code query} is null
     */
    <R> R ask(Function<? super S, ? extends R> query) throws InterruptedException;

    /**
     * Like {@link #ask(Function)}, but waits at most {@code timeout} in all: for room in a full bounded
     * {@code BLOCK} mailbox, then for the result. Production code should bound every wait; this is the bounded
     * request-reply.
     *
     * <p>On timeout the query is not withdrawn: if it was sent (the mailbox had room in time), it stays in the
     * mailbox and still runs later, and may still change the state; its result is discarded. If the timeout ran
     * out while waiting for room, nothing was sent. The timeout is converted saturating: zero or negative
     * ({@code Duration.ofNanos(Long.MIN_VALUE)} included) does not wait at all (the query is still sent if there
     * is room, and a result already there is returned), and durations beyond about 292 years
     * ({@code ChronoUnit.FOREVER.getDuration()}) wait as long as it takes.
     *
     * @param query   the query; it may also change the state
     * @param timeout the most time to wait, from the call
     * @param <R>     the result type
     * @return what {@code query} returned
     * @throws java.util.concurrent.TimeoutException if the time ran out before the result came (or before there
     *                                               was room for the query)
     * @throws ActorStoppedException if the actor is stopped, or stops before answering
     * @throws IllegalStateException if called from inside this actor (it would wait for itself)
     * @throws InterruptedException  if interrupted while waiting; the query may still run
     * @throws NullPointerException  if {@code query} or {@code timeout} is null
     */
    <R> R ask(Function<? super S, ? extends R> query, java.time.Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException;

    /**
     * Like {@link #ask} but returns at once with a future of the result; the future fails with the query's
     * exception, or with {@link ActorStoppedException}. Safe to call from inside the actor, as long as the
     * actor does not then wait for the future.
     *
     * @param query the query
     * @param <R>   the result type
     * @return a future of the query's result
     * @throws ActorStoppedException if the actor is already stopped
     * @throws NullPointerException  if {@code query} is null
     */
    <R> CompletableFuture<R> askAsync(Function<? super S, ? extends R> query);
}
