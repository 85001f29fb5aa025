package dev.channels.actors.internal;

import dev.channels.actors.Actor;
import dev.channels.internal.FinishingThreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What an {@code ActorSystem} owns: the live actors and the reader threads it has started.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Every actor is linked here from spawn until its termination; the links are guarded by {@code lock}.
 *       Once {@code closing} is set (under the lock) no actor can be linked.</li>
 *   <li>{@code runners} counts reader threads started and not yet finished; a thread decrements it as its last
 *       action. {@link #close()} returns only when no actor is linked and {@code runners} is 0, so no actor code
 *       runs after it and no thread it started is still doing work.</li>
 *   <li>No lost wake-up for {@link #close()}: the closer re-checks both conditions under the lock before each
 *       await; an unlinking actor signals under the lock; a finishing thread decrements (volatile) and then,
 *       if it reads {@code closing}, signals under the lock, so either the closer's check sees its decrement or
 *       it sees {@code closing} and signals after the closer awaits.</li>
 * </ol>
 */
public final class ActorRuntime {
    private static final VarHandle RUNNERS;

    static {
        try {
            RUNNERS = MethodHandles.lookup().findVarHandle(ActorRuntime.class, "runners", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final ThreadFactory threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    /** Head of the intrusive list of live actors (two fields per actor instead of a map entry). */
    private ActorCell head;
    private long spawned;
    private volatile boolean closing;
    private volatile int runners;
    /** Reader threads whose task ended; close() joins them so that none is alive when it returns. */
    private final FinishingThreads finishing = new FinishingThreads();
    /** Test seam: run by a reader thread after its task ended, before it clears its reader record; or null. */
    private volatile Runnable readerExitHook;

    /**
     * Creates the runtime of one actor system.
     *
     * @param name the system's name, the prefix of its thread names
     */
    public ActorRuntime(String name) {
        this.name = name;
        this.threads = dev.channels.internal.Threads.virtual(name + "-actor-", 0);
    }

    /** The system's name. */
    public String name() {
        return name;
    }

    /** Links a new actor and returns its sequence number. */
    long register(ActorCell cell) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("actor system '" + name + "' is closed");
            }
            cell.next = head;
            if (head != null) {
                head.prev = cell;
            }
            head = cell;
            return ++spawned;
        } finally {
            lock.unlock();
        }
    }

    /** Unlinks a terminated actor. */
    void unregister(ActorCell cell) {
        lock.lock();
        try {
            ActorCell p = cell.prev;
            ActorCell n = cell.next;
            if (p == null) {
                if (head == cell) {
                    head = n;
                }
            } else {
                p.next = n;
            }
            if (n != null) {
                n.prev = p;
            }
            cell.prev = null;
            cell.next = null;
            if (closing && head == null) {
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts a reader thread for {@code cell} running {@code task}. */
    void start(ActorCell cell, Runnable task) {
        RUNNERS.getAndAdd(this, 1);
        Thread t;
        try {
            t = threads.newThread(() -> {
                Thread me = Thread.currentThread();
                cell.enter(me); // the mailbox gave this task the reader role before starting it
                try {
                    task.run();
                } finally {
                    Runnable hook = readerExitHook;
                    if (hook != null) {
                        hook.run();
                    }
                    cell.exit(me); // compare-and-set: a next reader's record stays
                    finishing.addCurrent(); // before finished(): close() must find it to join it
                    finished();
                }
            });
            t.start();
        } catch (RuntimeException | Error e) {
            finished();
            throw e;
        }
    }

    private void finished() {
        RUNNERS.getAndAdd(this, -1); // volatile, then read closing: see invariant 3
        if (closing) {
            lock.lock();
            try {
                quiet.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Test seam: {@code hook} runs on every reader thread of this system after its task has ended (the reader
     * role is released) and before the thread clears its "inside this actor" record, so that a test can hold an
     * ending reader there while the next reader of the same actor starts. Null removes it.
     *
     * @param hook the hook, or null
     */
    public void onReaderExit(Runnable hook) {
        this.readerExitHook = hook;
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return closing;
    }

    /** Reader threads currently running (for tests). */
    public int runningThreads() {
        return runners;
    }

    /** Live actors (for tests and diagnostics): a snapshot count. */
    public int liveActors() {
        lock.lock();
        try {
            int n = 0;
            for (ActorCell c = head; c != null; c = c.next) {
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every actor, then waits until all have terminated and every reader thread has finished. If
     * interrupted while waiting, keeps waiting and re-asserts the interrupt status before returning.
     */
    public void close() {
        List<Actor> toStop = new ArrayList<>();
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            for (ActorCell c = head; c != null; c = c.next) {
                if (c.isInside(me)) {
                    throw new IllegalStateException("actor system '" + name + "' closed from inside its actor '"
                            + c.name() + "': it would wait for itself; stop() the actor, or close from outside");
                }
                toStop.add(c);
            }
            closing = true;
        } finally {
            lock.unlock();
        }
        for (Actor a : toStop) {
            a.stop();
        }
        boolean interrupted = false;
        lock.lock();
        try {
            while (head != null || runners != 0) {
                try {
                    quiet.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        interrupted |= finishing.joinAll(); // every reader has counted itself out; now none is alive either
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
