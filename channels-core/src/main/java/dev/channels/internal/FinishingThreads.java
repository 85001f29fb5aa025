package dev.channels.internal;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads whose work is done but which may still be running their last steps, so that an owner can join them
 * and promise that none of them is alive after it closes ({@code Scope.close()}, {@code ActorSystem.close()}).
 *
 * <p>A counter or latch that a thread releases in its {@code finally} block says "the task ended", not "the
 * thread ended": the thread is still alive right after it. Each thread therefore records itself here before it
 * releases its count, and the owner, once the count reaches zero, joins everything recorded.
 *
 * <p>Ended threads must not pile up in an owner that lives long (an actor system starts a thread per busy
 * period of each actor): whenever the number of recorded threads reaches twice what the last pruning left (at
 * least {@value #MIN_PRUNE_AT}), the recording thread removes every recorded thread that has ended. Each thread
 * is examined O(1) times amortized, and what stays recorded is bounded by about twice the threads alive at once.
 */
public final class FinishingThreads {
    private static final int MIN_PRUNE_AT = 64;

    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicBoolean pruning = new AtomicBoolean();
    private volatile int pruneAt = MIN_PRUNE_AT;

    /** Records the calling thread; call it as the last step before releasing the owner's count. */
    public void addCurrent() {
        threads.add(Thread.currentThread());
        if (recorded.incrementAndGet() >= pruneAt && pruning.compareAndSet(false, true)) {
            try {
                for (Iterator<Thread> it = threads.iterator(); it.hasNext(); ) {
                    if (!it.next().isAlive()) {
                        it.remove();
                        recorded.decrementAndGet();
                    }
                }
                pruneAt = Math.max(MIN_PRUNE_AT, 2 * recorded.get());
            } finally {
                pruning.set(false);
            }
        }
    }

    /**
     * Joins every recorded thread. An interrupt does not stop the joining (the owner promised its callers that
     * no thread survives); it is reported so that the caller can re-assert it.
     *
     * @return true if the calling thread was interrupted while joining
     */
    public boolean joinAll() {
        boolean interrupted = false;
        for (Thread t; (t = threads.peek()) != null; ) {
            try {
                t.join();
                if (threads.remove(t)) {
                    recorded.decrementAndGet();
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
