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
     * {@linkplain FailurePolicy failure policy} stopped it. Completing or cancelling this future yourself has no
     * effect on the actor.
     *
     * @return the termination future (the same object on every call)
     */
    CompletableFuture<Void> termination();
}
