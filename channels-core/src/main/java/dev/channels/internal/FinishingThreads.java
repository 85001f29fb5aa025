package dev.channels.internal;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Threads whose work is done but which may still be running their last steps, so that an owner can join them
 * and promise that none of them is alive after it closes ({@code Scope.close()}, {@code ActorSystem.close()}).
 *
 * <p>A counter or latch that a thread releases in its {@code finally} block says "the task ended", not "the
 * thread ended": the thread is still alive right after it. Each thread therefore records itself here before it
 * releases its count, and the owner, once the count reaches zero, joins everything recorded. Owners that live
 * long call {@link #prune()} as they start new threads, so ended threads do not accumulate.
 */
public final class FinishingThreads {
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();

    /** Records the calling thread; call it as the last step before releasing the owner's count. */
    public void addCurrent() {
        threads.add(Thread.currentThread());
    }

    /** Drops up to two recorded threads that have ended; keeps the first one still alive (amortized O(1)). */
    public void prune() {
        for (int i = 0; i < 2; i++) {
            Thread t = threads.poll();
            if (t == null) {
                return;
            }
            if (t.isAlive()) {
                threads.add(t);
                return;
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
                threads.remove(t);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
