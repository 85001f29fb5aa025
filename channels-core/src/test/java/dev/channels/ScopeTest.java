package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ScopeTest {

    @Test
    void closeJoinsEveryStartedThread() {
        var finished = new AtomicInteger();
        var release = new CountDownLatch(1);
        try (var scope = Scope.open()) {
            for (int i = 0; i < 50; i++) {
                scope.go(() -> {
                    release.await();
                    finished.incrementAndGet();
                });
            }
            release.countDown();
        }
        assertEquals(50, finished.get());
    }

    @Test
    void closeJoinsThreadsThatTasksStartedInTheScope() {
        var finished = new AtomicInteger();
        try (var scope = Scope.open()) {
            scope.go(() -> scope.go(() -> scope.go(finished::incrementAndGet)));
        }
        assertEquals(1, finished.get());
    }

    @Test
    void tasksRunOnVirtualThreads() {
        var virtual = new AtomicBoolean();
        try (var scope = Scope.open()) {
            scope.go(() -> virtual.set(Thread.currentThread().isVirtual()));
        }
        assertTrue(virtual.get());
    }

    @Test
    void firstFailureInterruptsTheOthersAndIsRethrownAlone() {
        var failure = new IllegalStateException("boom");
        var blocked = new CountDownLatch(2);
        var interrupted = new AtomicInteger();
        var scope = Scope.open();
        for (int i = 0; i < 2; i++) {
            scope.go(() -> {
                Channel<Integer> never = Channel.unbuffered();
                blocked.countDown();
                try {
                    never.receive(); // only cancellation ends this
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e; // caused by the cancellation: must not be reported
                }
            });
        }
        scope.go(() -> {
            blocked.await();
            throw failure;
        });
        var thrown = assertThrows(IllegalStateException.class, scope::close);
        assertSame(failure, thrown);
        assertEquals(0, thrown.getSuppressed().length, List.of(thrown.getSuppressed()).toString());
        assertEquals(2, interrupted.get());
        assertTrue(scope.isCancelled());
    }

    @Test
    void laterRealFailuresAreSuppressedOnTheFirst() {
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second");
        var firstThrown = new CountDownLatch(1);
        var scope = Scope.open();
        scope.go(() -> {
            throw first;
        });
        scope.go(() -> {
            // A sibling that ignores the interrupt and fails on its own after the first failure.
            while (!Thread.interrupted()) {
                Thread.onSpinWait();
            }
            firstThrown.countDown();
            throw second;
        });
        var thrown = assertThrows(IllegalStateException.class, scope::close);
        assertSame(first, thrown);
        assertEquals(List.of(second), List.of(thrown.getSuppressed()));
        assertEquals(0, firstThrown.getCount());
    }

    @Test
    void checkedFailureIsWrappedInCompletionException() {
        var io = new IOException("disk");
        var scope = Scope.open();
        scope.go(() -> {
            throw io;
        });
        var thrown = assertThrows(CompletionException.class, scope::close);
        assertSame(io, thrown.getCause());
    }

    @Test
    void iteratorCancellationInSiblingIsNotReported() {
        var failure = new RuntimeException("boom");
        Channel<Integer> ch = Channel.unbuffered();
        var iterating = new CountDownLatch(1);
        var scope = Scope.open();
        scope.go(() -> {
            iterating.countDown();
            for (int ignored : ch) { // hasNext() throws CancellationException when interrupted
                throw new AssertionError("nothing is sent");
            }
        });
        scope.go(() -> {
            iterating.await();
            throw failure;
        });
        var thrown = assertThrows(RuntimeException.class, scope::close);
        assertSame(failure, thrown);
        assertEquals(0, thrown.getSuppressed().length);
    }

    @Test
    void explicitCancelEndsBlockedTasksWithoutFailure() {
        var started = new CountDownLatch(3);
        var ended = new AtomicInteger();
        try (var scope = Scope.open()) {
            for (int i = 0; i < 3; i++) {
                scope.go(() -> {
                    try {
                        started.countDown();
                        Channel.<String>unbuffered().receive();
                    } finally {
                        ended.incrementAndGet();
                    }
                });
            }
            started.await();
            scope.cancel();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(3, ended.get());
    }

    @Test
    void taskStartedAfterCancelStartsInterrupted() {
        var sawInterrupt = new AtomicBoolean();
        try (var scope = Scope.open()) {
            scope.cancel();
            scope.go(() -> sawInterrupt.set(Thread.currentThread().isInterrupted()));
        }
        assertTrue(sawInterrupt.get());
    }

    @Test
    void interruptedCloseCancelsChildrenStillWaitsAndKeepsTheStatus() throws InterruptedException {
        var childEnded = new AtomicBoolean();
        var childBlocked = new CountDownLatch(1);
        var ownerState = new AtomicReference<String>();
        Thread owner = Thread.startVirtualThread(() -> {
            try (var scope = Scope.open()) {
                scope.go(() -> {
                    try {
                        childBlocked.countDown();
                        Channel.<String>unbuffered().receive();
                    } finally {
                        childEnded.set(true);
                    }
                });
            }
            ownerState.set("closed, childEnded=" + childEnded.get()
                    + ", interrupted=" + Thread.currentThread().isInterrupted());
        });
        childBlocked.await();
        owner.interrupt();
        owner.join();
        assertEquals("closed, childEnded=true, interrupted=true", ownerState.get());
    }

    @Test
    void taskClosingItsOwnScopeFailsInsteadOfDeadlocking() {
        var scope = Scope.open();
        scope.go(scope::close);
        var thrown = assertThrows(IllegalStateException.class, scope::close);
        assertTrue(thrown.getMessage().contains("its own scope"), thrown.getMessage());
    }

    @Test
    void goAfterCloseIsRefused() {
        var scope = Scope.open();
        scope.close();
        assertThrows(IllegalStateException.class, () -> scope.go(() -> { }));
        assertThrows(NullPointerException.class, () -> Scope.open().go(null));
    }

    @Test
    void closeWithoutFailureReturnsNormallyAndFailureFreeTasksAllRan() {
        var seen = new CopyOnWriteArrayList<Integer>();
        try (var scope = Scope.open()) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                scope.go(() -> seen.add(n));
            }
        }
        assertEquals(10, seen.size());
        assertFalse(seen.contains(-1));
    }
}
