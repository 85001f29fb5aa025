package dev.channels;

import dev.channels.internal.ChannelImpl;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: virtual threads, waiting for observable states (never for wall-clock time). */
final class Conc {
    /** 1 in the default run, 10 under -Pstress. */
    static final int STRESS = Integer.getInteger("stress.factor", 1);

    /** Generous bound for "this must eventually happen"; reaching it means a bug (a hang), never a slow run. */
    static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private Conc() {
    }

    /** A task on a started virtual thread, with its thread visible so tests can watch or interrupt it. */
    static final class Task<V> {
        final Thread thread;
        final FutureTask<V> future;

        Task(Thread thread, FutureTask<V> future) {
            this.thread = thread;
            this.future = future;
        }

        /** The task's result; fails the test if it does not finish within the patience bound. */
        V join() throws Exception {
            try {
                return future.get(PATIENCE_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                fail("task on " + thread + " did not finish; state " + thread.getState());
                throw e;
            }
        }

        /** The exception the task ended with (unwrapped), failing if it returned normally. */
        Throwable joinFailure() throws Exception {
            try {
                V v = join();
                fail("expected the task to fail, but it returned " + v);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        boolean isDone() {
            return future.isDone();
        }
    }

    static <V> Task<V> start(Callable<V> body) {
        FutureTask<V> f = new FutureTask<>(body);
        Thread t = Thread.ofVirtual().unstarted(f);
        t.start();
        return new Task<>(t, f);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static Task<Void> run(ThrowingRunnable body) {
        return start(() -> {
            body.run();
            return null;
        });
    }

    /** Waits (yielding, not sleeping on a clock) until {@code condition} holds; fails after the patience bound. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("condition never held: " + what);
            }
            Thread.yield();
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING). */
    static void awaitParked(Thread t) {
        await(t + " parked", () -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
    }

    static ChannelImpl<?> impl(Object channel) {
        return ChannelImpl.of(channel);
    }

    /** Waits until {@code n} senders are queued on {@code ch} and {@code t} (the latest) is parked. */
    static void awaitBlockedSender(Channel<?> ch, int n, Thread t) {
        ChannelImpl<?> c = impl(ch);
        await(n + " waiting senders on " + ch, () -> c.waitingSenders() >= n);
        awaitParked(t);
    }

    /** Waits until {@code n} receivers are queued on {@code ch} and {@code t} (the latest) is parked. */
    static void awaitBlockedReceiver(Channel<?> ch, int n, Thread t) {
        ChannelImpl<?> c = impl(ch);
        await(n + " waiting receivers on " + ch, () -> c.waitingReceivers() >= n);
        awaitParked(t);
    }

    /** Fills a bounded channel so that the next send must wait. */
    static void fill(Channel<Integer> ch, ChannelKind kind, int firstValue) {
        for (int i = 0; i < kind.sendsBeforeBlocking(); i++) {
            if (!ch.trySend(firstValue + i)) {
                fail("trySend " + i + " into " + kind + " should have had room");
            }
        }
    }
}
