package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.Actor;
import dev.channels.actors.ActorOptions;
import dev.channels.actors.ActorStoppedException;
import dev.channels.actors.FailurePolicy;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
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
 *   <li>Single reader: {@code state}, {@code failure}, the restart counters and the record of kept replies are
 *       touched only by the reader task, and the mailbox runs at most one task at a time, each happening-after the
 *       previous one (see {@link Mailbox}). That is the whole of the actor guarantee.</li>
 *   <li>{@code runner} is owned by the reader role. A reader thread stores itself there when its task starts
 *       (the mailbox gave it the role before starting it) and, after its task has ended, clears it only by
 *       {@code compareAndSet(itself, null)}: a thread that ended last can no longer erase the record of the next
 *       reader, which may have started between the end of the task and the clear. So a thread that reads its own
 *       Thread there is inside this actor (it wrote the field itself), and the reader of the current message
 *       always finds itself there; that is how a self-ask is detected without a lock.</li>
 *   <li>Per message the reader starts clean: {@link #handle} clears the interrupt status before each message,
 *       so an interrupt left set by one message (a handler that caught {@link InterruptedException} and
 *       re-interrupted) or delivered while the reader was idle or lingering is discarded and never reaches the
 *       next message. An interrupt that arrives while a message is handled is seen by that message only.</li>
 *   <li>Stop is the mailbox's close: sends fail from then on, the task handles what was accepted, then
 *       {@link Mailbox.Reader#onClosed()} runs once and terminates the actor. A failure under the stop policy
 *       sets {@code failure} and closes the mailbox from inside the task; the messages still queued are then
 *       rejected (asks fail with {@link ActorStoppedException}) instead of handled.</li>
 *   <li>Termination fails every outstanding reply. An ask's reply is either completed when its message has been
 *       handled (a state actor always completes it; a failed handler completes it exceptionally), or it is an
 *       open reply the handler kept to answer later: those go into {@code kept} (reader only). Termination
 *       completes every kept reply still open with {@link ActorStoppedException} (with the stopping failure as
 *       cause) before it completes the termination future, so no ask waits on an actor that is gone. Asks
 *       accepted and not handled are rejected the same way (invariant 4), and asks not accepted threw at the
 *       caller. The record costs nothing for replies completed in the handler; it is swept of completed replies
 *       whenever it fills, so its size stays within twice the replies still open.</li>
 * </ol>
 */
public abstract class ActorCell implements Actor {
    private static final System.Logger LOG = System.getLogger("dev.channels.actors");
    private static final VarHandle RUNNER;

    static {
        try {
            RUNNER = MethodHandles.lookup().findVarHandle(ActorCell.class, "runner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ActorRuntime runtime;
    private final ActorOptions options;
    private final Supplier<?> factory;
    private final Mailbox<Object> mailbox;
    /** Completed only by the reader (terminate); callers get copies, see {@link #termination()}. */
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final long seq;
    /** The restart window in nanoseconds, saturated (a window beyond 292 years is "forever"); 0 if no restarts. */
    private final long windowNanos;

    /** The state (state actor) or the handler (message actor). Reader task only. */
    Object state;
    /** The failure that stopped the actor, or null. Reader task only until termination publishes it. */
    private Throwable failure;
    private long windowStart;
    private int restarts;
    /** Replies a handler kept open (invariant 5): {@code kept[0..keptCount)}. Reader task only; null until used. */
    private Ask[] kept;
    private int keptCount;

    /** See invariant 2: written by reader threads about themselves only. */
    private volatile Thread runner;

    /** Links in {@link ActorRuntime}'s list, guarded by its lock. */
    ActorCell prev;
    ActorCell next;

    ActorCell(ActorRuntime runtime, ActorOptions options, Supplier<?> factory, Object initial) {
        this.runtime = runtime;
        this.options = options;
        this.factory = factory;
        if (options.failurePolicy() instanceof FailurePolicy.Restart r) {
            if (factory == null) {
                throw new IllegalArgumentException("the restart policy needs fresh state: spawn with a factory "
                        + "(spawnFrom / spawnHandlerFrom)");
            }
            this.windowNanos = Deadlines.nanos(r.window(), "window");
        } else {
            this.windowNanos = 0L;
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
        return termination.copy(); // completing or cancelling the copy cannot touch the actor's own future
    }

    @Override
    public String toString() {
        return "Actor[" + name() + (termination.isDone() ? ", terminated]" : mailbox.isClosed() ? ", stopping]" : "]");
    }

    // ------------------------------------------------------------------------------------ reader record

    /** A reader thread starting its task: it holds the reader role (invariant 2). */
    final void enter(Thread reader) {
        runner = reader;
    }

    /** A reader thread whose task has ended: clears the record only if it is still its own (invariant 2). */
    final void exit(Thread reader) {
        RUNNER.compareAndSet(this, reader, null);
    }

    /** Whether the calling thread is this actor's reader (invariant 2). */
    final boolean isInside(Thread t) {
        return runner == t;
    }

    // ------------------------------------------------------------------------------------------- sending

    private boolean boundedBlocking() {
        return options.mailboxCapacity() != Integer.MAX_VALUE && options.overflow() == Overflow.BLOCK;
    }

    /**
     * A tell (or askAsync): puts the message into the mailbox. An interrupt while waiting for room in a full
     * BLOCK mailbox becomes a {@link CancellationException} (the caller's method declares no
     * {@link InterruptedException}), with the interrupt status re-asserted.
     */
    final void send(Object message) {
        try {
            put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException(
                    "interrupted while waiting for room in the mailbox of actor '" + name() + "'");
            ce.initCause(e);
            throw ce;
        }
    }

    /** Puts a message into the mailbox, waiting for room in a full BLOCK mailbox. */
    private void put(Object message) throws InterruptedException {
        try {
            if (boundedBlocking() && isInside(Thread.currentThread())) { // the unbounded tell skips the load
                if (!mailbox.trySend(message)) {
                    throw new IllegalStateException("actor '" + name() + "' told itself a message while its "
                            + "bounded mailbox is full: it would wait for itself forever");
                }
                return;
            }
            mailbox.send(message);
        } catch (ChannelClosedException e) {
            throw new ActorStoppedException(name(), e.getCause()); // the cause is the failure, if any
        } catch (MailboxFullException e) {
            throw full();
        }
    }

    /** Sends within {@code nanos}: only a bounded BLOCK mailbox can make it wait. False if no room in time. */
    private boolean offer(Object message, long nanos) throws InterruptedException {
        if (!boundedBlocking()) {
            put(message);
            return true;
        }
        try {
            return mailbox.send(message, Duration.ofNanos(nanos));
        } catch (ChannelClosedException e) {
            throw new ActorStoppedException(name(), e.getCause());
        }
    }

    private MailboxFullException full() {
        return new MailboxFullException("actor '" + name() + "'", options.mailboxCapacity());
    }

    /** Sends an ask and returns its future (askAsync). */
    final Ask sendAsk(Ask ask) {
        send(ask);
        return ask;
    }

    /**
     * The blocking ask: sends {@code ask} (an interrupt while waiting for room throws
     * {@link InterruptedException}; nothing was sent) and waits for its reply.
     */
    final Object await(Ask ask) throws InterruptedException {
        put(ask);
        if (!ask.isDone()) {
            Thread me = Thread.currentThread();
            ask.whenComplete((v, e) -> Park.unpark(me)); // wakes this asker; a stale permit later is harmless
            while (!ask.isDone()) {
                Park.park(ask);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return outcome(ask);
    }

    /**
     * The timed ask: sends {@code ask} (waiting for room at most until the deadline) and waits for its reply until
     * the same deadline. On timeout the reply is completed with the {@link TimeoutException}, so a late reply is
     * discarded (and the record of kept replies can forget it).
     *
     * @param ask     the ask
     * @param nanos   the timeout, saturated by {@link Deadlines#nanos}
     * @param timeout the caller's timeout, for the exception message
     */
    final Object await(Ask ask, long nanos, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = Deadlines.deadline(nanos);
        if (!offer(ask, nanos)) {
            throw new TimeoutException("no room in the mailbox of actor '" + name() + "' within " + timeout
                    + "; the ask was not sent");
        }
        if (!ask.isDone()) {
            Thread me = Thread.currentThread();
            ask.whenComplete((v, e) -> Park.unpark(me));
            while (!ask.isDone()) {
                if (Deadlines.remaining(deadline) <= 0L) {
                    TimeoutException te = new TimeoutException("actor '" + name() + "' did not answer within "
                            + timeout + "; the message may still be handled, its reply is discarded");
                    if (ask.completeExceptionally(te)) {
                        throw te;
                    }
                    break; // the reply came in the meantime: take it
                }
                Park.parkUntil(ask, deadline);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return outcome(ask);
    }

    /** The result of a completed ask, rethrowing the actor's exception as it was thrown. */
    private static Object outcome(Ask ask) {
        return switch (ask.state()) {
            case SUCCESS -> ask.resultNow();
            case FAILED -> {
                Throwable c = ask.exceptionNow();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new CompletionException(c); // a checked exception from a handler
            }
            case CANCELLED -> throw new CancellationException("the reply was cancelled");
            case RUNNING -> throw new IllegalStateException("not completed: " + ask);
        };
    }

    /** Refuses a blocking ask from inside this actor. */
    final void checkNotSelf() {
        if (isInside(Thread.currentThread())) {
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
        Thread.interrupted(); // invariant 3: each message starts with the interrupt status clear
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
            if (!ask.isDone()) {
                keep(ask); // the handler kept the reply to answer later: invariant 5
            }
            return;
        }
        try {
            runTell(message);
        } catch (Throwable t) {
            onFailure(t);
        }
    }

    /** Records a reply the handler kept open (invariant 5). Reader task only. */
    private void keep(Ask ask) {
        Ask[] k = kept;
        if (k == null) {
            k = kept = new Ask[4];
        } else if (keptCount == k.length) {
            int open = 0;
            for (int i = 0; i < keptCount; i++) { // sweep the replies answered since
                if (!k[i].isDone()) {
                    k[open++] = k[i];
                }
            }
            Arrays.fill(k, open, keptCount, null);
            keptCount = open;
            if (open > k.length / 2) {
                k = kept = Arrays.copyOf(k, k.length * 2);
            }
        }
        k[keptCount++] = ask;
    }

    /** Fails every kept reply still open (invariant 5). Reader task only, at termination. */
    private void failKeptReplies() {
        Ask[] k = kept;
        if (k == null) {
            return;
        }
        ActorStoppedException stopped = null;
        for (int i = 0; i < keptCount; i++) {
            if (!k[i].isDone()) {
                if (stopped == null) {
                    stopped = new ActorStoppedException(name(), failure);
                }
                k[i].completeExceptionally(stopped);
            }
        }
        kept = null;
        keptCount = 0;
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
        if (restarts == 0 || now - windowStart > windowNanos) {
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
        Object fresh;
        try {
            fresh = factory.get();
        } catch (Throwable t2) {
            t2.addSuppressed(t);
            fail(t2);
            return;
        }
        if (fresh == null) { // never run the next message on null state: the restart fails, the actor stops
            NullPointerException npe = new NullPointerException("the restart factory of actor '" + name()
                    + "' returned null; the actor stops");
            npe.addSuppressed(t);
            fail(npe);
            return;
        }
        state = fresh;
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "actor '" + name() + "' stopped by a failure", t);
            mailbox.close(t);
        }
    }

    private void terminate() {
        Thread.interrupted(); // no stray interrupt reaches the termination's dependents run here
        state = null; // let the state go; nothing reads it after the last message
        failKeptReplies(); // before termination completes: whoever sees it terminated sees the replies failed
        runtime.unregister(this);
        if (failure != null) {
            termination.completeExceptionally(failure);
        } else {
            termination.complete(null);
        }
    }

    private void dropped(Object message) {
        if (message instanceof Ask ask) {
            ask.completeExceptionally(full());
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
