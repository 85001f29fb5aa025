package dev.channels.actors;

import java.util.concurrent.CompletableFuture;

/**
 * The lifecycle shared by both actor forms ({@link ActorRef} and {@link MessageRef}): a name, a graceful stop, and
 * death watch.
 *
 * <p>In Go terms, {@link #stop()} is closing the request channel: the owning goroutine handles what is already
 * queued, sees the channel closed and returns; {@link #termination()} is waiting on its {@code done} channel.
 */
public interface Actor {

    /**
     * The actor's name, from {@link ActorOptions#name()} or generated; for logs and exception messages.
     *
     * @return the name
     */
    String name();

    /**
     * Stops the actor gracefully: it accepts no more messages ({@code tell} and {@code ask} then throw
     * {@link ActorStoppedException}), handles every message already accepted, then terminates. Returns at
     * once; wait on {@link #termination()}. Calling it again, or on a terminated actor, does nothing.
     */
    void stop();

    /**
     * Death watch: a future that completes when the actor has terminated: normally (with {@code null}) after
     * {@link #stop()} or {@link ActorSystem#close()}, exceptionally with the cause when its
     * {@linkplain FailurePolicy failure policy} stopped it. By then every reply the actor still owed has failed
     * with {@link ActorStoppedException} (an ask whose message a handler kept to answer later never waits on an
     * actor that is gone).
     *
     * <p>Each call returns a new copy of the actor's own termination future (as {@link CompletableFuture#copy()}):
     * completing, cancelling or obtruding a value on it affects that copy only, never the actor or another
     * caller's copy.
     *
     * @return a new future that completes when the actor has terminated
     */
    CompletableFuture<Void> termination();
}
