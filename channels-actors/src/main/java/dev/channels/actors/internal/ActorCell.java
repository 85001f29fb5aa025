package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.Actor;
import dev.channels.actors.ActorOptions;
import dev.channels.actors.ActorStoppedException;
import dev.channels.actors.FailurePolicy;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import dev.channels.internal.Deadlines;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The core shared by both actor forms: an on-demand {@link Mailbox} whose reader is this actor.
 *
 * <h2>Overview</h2>
 * The mailbox holds the messages (a tell's operation or message object itself; an {@link Ask} for an ask) and,
 * when a message reaches an idle mailbox, starts one reader task on a virtual thread; the task runs
 * {@link #handle} for each message, one at a time, and ends when the mailbox has stayed empty for a short
 * linger. An idle actor therefore holds no thread: only this object, its mailbox (and, once it has received a
 * message, the mailbox's queue), and its termination future.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Single reader: {@code state}, {@code failure} and the restart counters are touched only by the reader
 *       task, and the mailbox runs at most one task at a time, each happening-after the previous one (see
 *       {@link Mailbox}). That is the whole of the actor guarantee.</li>
 *   <li>{@code runner} is the current reader task's thread, or null. A thread that reads its own Thread there is
 *       inside this actor (it wrote the field itself), which is how a self-ask is detected without a lock.</li>
 *   <li>Stop is the mailbox's close: sends fail from then on, the task handles what was accepted, then
 *       {@link Mailbox.Reader#onClosed()} runs once and terminates the actor. A failure under the stop policy
 *       sets {@code failure} and closes the mailbox from inside the task; the messages still queued are then
 *       rejected (asks fail with {@link ActorStoppedException}) instead of handled.</li>
 * </ol>
 */
public abstract class ActorCell implements Actor {
    private static final System.Logger LOG = System.getLogger("dev.channels.actors");

    private final ActorRuntime runtime;
    private final ActorOptions options;
    private final Supplier<?> factory;
    private final Mailbox<Object> mailbox;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final long seq;

    /** The state (state actor) or the handler (message actor). Reader task only. */
    Object state;
    /** The failure that stopped the actor, or null. Reader task only until termination publishes it. */
    private Throwable failure;
    private long windowStart;
    private int restarts;

    /** See invariant 2. Written by the reader thread itself. */
    volatile Thread runner;

    /** Links in {@link ActorRuntime}'s list, guarded by its lock. */
    ActorCell prev;
    ActorCell next;

    ActorCell(ActorRuntime runtime, ActorOptions options, Supplier<?> factory, Object initial) {
        this.runtime = runtime;
        this.options = options;
        this.factory = factory;
        if (options.failurePolicy() instanceof FailurePolicy.Restart && factory == null) {
            throw new IllegalArgumentException("the restart policy needs fresh state: spawn with a factory "
                    + "(spawnFrom / spawnHandlerFrom)");
        }
        this.state = initial;
        Driver driver = new Driver(this);
        this.mailbox = Mailbox.onDemand(options.mailboxCapacity(), options.overflow(), driver, driver, driver);
        this.seq = runtime.register(this);
    }

    @Override
    public final String name() {
        String n = options.name();
        return n != null ? n : runtime.name() + "/actor-" + seq;
    }

    @Override
    public final void stop() {
        mailbox.close();
    }

    @Override
    public final CompletableFuture<Void> termination() {
        return termination;
    }

    @Override
    public String toString() {
        return "Actor[" + name() + (termination.isDone() ? ", terminated]" : mailbox.isClosed() ? ", stopping]" : "]");
    }

    // ------------------------------------------------------------------------------------------- sending

    /** Puts a message (a tell's object, or an {@link Ask}) into the mailbox. */
    final void send(Object message) {
        try {
            if (options.mailboxCapacity() != Integer.MAX_VALUE && options.overflow() == Overflow.BLOCK
                    && runner == Thread.currentThread()) { // bounded BLOCK only: the unbounded tell skips the load
                if (!mailbox.trySend(message)) {
                    throw new IllegalStateException("actor '" + name() + "' told itself a message while its "
                            + "bounded mailbox is full: it would wait for itself forever");
                }
                return;
            }
            mailbox.send(message);
        } catch (ChannelClosedException e) {
            throw new ActorStoppedException(name(), e.getCause()); // the cause is the failure, if any
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException(
                    "interrupted while waiting for room in the mailbox of actor '" + name() + "'");
            ce.initCause(e);
            throw ce;
        }
    }

    /** Sends an ask and returns its future. */
    final Ask sendAsk(Ask ask) {
        send(ask);
        return ask;
    }

    /** Waits for an ask's reply, rethrowing the actor's exception as it was thrown. */
    final Object await(Ask ask) throws InterruptedException {
        try {
            return ask.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new java.util.concurrent.CompletionException(c); // a checked exception from a handler
        }
    }

    /** Refuses a blocking ask from inside this actor. */
    final void checkNotSelf() {
        if (runner == Thread.currentThread()) {
            throw new IllegalStateException("actor '" + name() + "' asked itself and would wait for its own "
                    + "reply forever; work on the state directly, or use askAsync without waiting");
        }
    }

    // ------------------------------------------------------------------------------------------- reading

    /** Runs a tell. Reader task only. */
    abstract void runTell(Object message) throws Exception;

    /** Runs an ask: completes it, or throws to have it completed exceptionally. Reader task only. */
    abstract void runAsk(Ask ask) throws Exception;

    /** The request of a dropped or rejected message, for the dead-letter hook. */
    private static Object payload(Object message) {
        return message instanceof Ask a ? a.request : message;
    }

    /** Handles one message. Reader task only. */
    private void handle(Object message) {
        if (failure != null) {
            reject(message);
            return;
        }
        if (message instanceof Ask ask) {
            try {
                runAsk(ask);
            } catch (Throwable t) {
                ask.completeExceptionally(t); // back to the asker; the actor carries on
            }
            return;
        }
        try {
            runTell(message);
        } catch (Throwable t) {
            onFailure(t);
        }
    }

    private void reject(Object message) {
        if (message instanceof Ask ask) {
            ask.completeExceptionally(new ActorStoppedException(name(), failure));
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "actor '" + name() + "' stopped by failure; message not "
                    + "handled: " + message);
        }
    }

    private void onFailure(Throwable t) {
        switch (options.failurePolicy()) {
            case FailurePolicy.Resume r ->
                    LOG.log(System.Logger.Level.WARNING, "actor '" + name() + "': a tell failed; resuming", t);
            case FailurePolicy.Stop s -> fail(t);
            case FailurePolicy.Restart r -> restart(r, t);
        }
    }

    private void restart(FailurePolicy.Restart policy, Throwable t) {
        long now = Deadlines.now();
        if (restarts == 0 || now - windowStart > Deadlines.nanos(policy.window(), "window")) {
            windowStart = now;
            restarts = 0;
        }
        if (++restarts > policy.maxRestarts()) {
            LOG.log(System.Logger.Level.ERROR, "actor '" + name() + "': more than " + policy.maxRestarts()
                    + " restarts within " + policy.window() + "; stopping", t);
            fail(t);
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "actor '" + name() + "': a tell failed; restarting with fresh state ("
                + restarts + "/" + policy.maxRestarts() + ")", t);
        try {
            state = factory.get();
        } catch (Throwable t2) {
            t2.addSuppressed(t);
            fail(t2);
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "actor '" + name() + "' stopped by a failure", t);
            mailbox.close(t);
        }
    }

    private void terminate() {
        state = null; // let the state go; nothing reads it after the last message
        runtime.unregister(this);
        if (failure != null) {
            termination.completeExceptionally(failure);
        } else {
            termination.complete(null);
        }
    }

    private void dropped(Object message) {
        if (message instanceof Ask ask) {
            ask.completeExceptionally(new MailboxFullException(options.mailboxCapacity()));
        }
        var hook = options.deadLetters();
        Object p = payload(message);
        if (hook != null) {
            hook.accept(p);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "actor '" + name() + "': mailbox full; dropped " + p);
        }
    }

    /**
     * The mailbox's view of this actor: its reader, its executor and its dead-letter hook. A separate object so
     * that the public refs cannot be cast to a {@link Mailbox.Reader} and driven from a foreign thread.
     */
    private static final class Driver implements Mailbox.Reader<Object>, Executor, java.util.function.Consumer<Object> {
        private final ActorCell cell;

        Driver(ActorCell cell) {
            this.cell = cell;
        }

        @Override
        public void onValue(Object value) {
            cell.handle(value);
        }

        @Override
        public void onClosed() {
            cell.terminate();
        }

        @Override
        public void execute(Runnable task) {
            cell.runtime.start(cell, task);
        }

        @Override
        public void accept(Object dropped) {
            cell.dropped(dropped);
        }
    }
}
