package dev.channels.hazelcast;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A call on its own virtual thread, whose outcome a test awaits (with a generous limit against hangs). */
final class Async<V> {
    private final CompletableFuture<V> result = new CompletableFuture<>();
    final Thread thread;

    private Async(Callable<V> body) {
        thread = Thread.ofVirtual().start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    static <V> Async<V> start(Callable<V> body) {
        return new Async<>(body);
    }

    /** The result; the body's exception is rethrown as the cause of an {@link ExecutionException}. */
    V get() throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(60, TimeUnit.SECONDS);
    }

    /** The exception the body threw (fails if it returned normally). */
    Throwable failure() throws InterruptedException, TimeoutException {
        try {
            V v = result.get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected an exception, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Waits until the thread is parked (inside a remote wait), without sleeping. */
    Async<V> awaitParked() {
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (;;) {
            Thread.State s = thread.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return this;
            }
            if (s == Thread.State.TERMINATED || System.nanoTime() - limit > 0) {
                throw new AssertionError("thread did not park: " + s);
            }
            Thread.yield();
        }
    }
}
