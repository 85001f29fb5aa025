package dev.channels.bench;

import java.util.concurrent.CountDownLatch;

/**
 * Starts worker threads inside a benchmark method and joins them before it returns, so that no JMH iteration
 * ends while one of our threads is parked (the reason blocking benchmarks can hang at iteration end).
 *
 * <p>All workers wait at a start gate until every one of them exists, so that with 10,000 producers the first
 * ones do not finish before the last ones start: the contention the benchmark names is the contention it gets.
 */
public final class Workers {
    /** The body of worker {@code index} of {@code count}. */
    @FunctionalInterface
    public interface Body {
        void run(int index) throws Exception;
    }

    private Workers() {
    }

    /** Runs {@code count} virtual threads through a common start gate and joins them all. */
    public static void virtual(int count, Body body) {
        run(count, body, Thread.ofVirtual());
    }

    /** Runs {@code count} platform threads through a common start gate and joins them all. */
    public static void platform(int count, Body body) {
        run(count, body, Thread.ofPlatform().daemon(true));
    }

    private static void run(int count, Body body, Thread.Builder builder) {
        CountDownLatch gate = new CountDownLatch(1);
        Thread[] threads = new Thread[count];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < count; i++) {
            int index = i;
            threads[i] = builder.start(() -> {
                try {
                    gate.await();
                    body.run(index);
                } catch (Throwable t) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = t;
                        }
                    }
                }
            });
        }
        gate.countDown();
        join(threads);
        if (failure[0] != null) {
            throw new IllegalStateException("a benchmark worker failed", failure[0]);
        }
    }

    /** Joins every thread, waiting uninterruptibly (JMH interrupts only on timeout, and then we want the stack). */
    public static void join(Thread... threads) {
        for (Thread t : threads) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many of {@code total} operations worker {@code index} of {@code count} does (exact split). */
    public static int share(int total, int count, int index) {
        return total / count + (index < total % count ? 1 : 0);
    }
}
