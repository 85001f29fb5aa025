package dev.channels;

import dev.channels.internal.ChannelImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leaks: threads still alive after {@link Scope#close()}, registrations left on channels by selects that lost
 * by timeout or interrupt (losing to another case is {@link SelectStressTest#losingSelectsLeaveNoRegistrations}),
 * and retained heap after a large workload.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LeakTest {

    // ------------------------------------------------------------------------------------------- threads

    /**
     * Every thread a scope started, including threads its tasks started in it, has terminated when close()
     * returns. The threads are observed from inside the tasks (Thread.currentThread()), so the check needs no
     * internals; virtual threads are not listed by Thread.getAllStackTraces().
     */
    @Test
    void noThreadOfAScopeIsAliveAfterClose() {
        int rounds = 2_000 * Conc.STRESS;
        int stillAlive = 0;
        String example = null;
        for (int round = 0; round < rounds; round++) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            Channel<Integer> ch = Channel.buffered(4);
            try (Scope scope = Scope.open()) {
                for (int i = 0; i < 8; i++) {
                    int v = i;
                    scope.go(() -> {
                        seen.add(Thread.currentThread());
                        if (v % 2 == 0) {
                            scope.go(() -> {
                                seen.add(Thread.currentThread());
                                ch.send(v);
                            });
                        } else {
                            ch.receive();
                        }
                    });
                }
            }
            assertEquals(12, seen.size(), "threads seen"); // 8 tasks + 4 nested
            for (Thread t : seen) {
                if (t.isAlive()) {
                    stillAlive++;
                    example = t + " " + t.getState();
                }
            }
            for (Thread t : seen) {
                Conc.await("scope thread " + t + " ends", () -> !t.isAlive()); // it does end, eventually
            }
        }
        assertEquals(0, stillAlive, "threads of a closed scope still alive right after close() in " + rounds
                + " rounds, e.g. " + example);
    }

    /** Platform threads: the library starts none; a scope's workload leaves no new platform thread behind. */
    @Test
    void scopesAndChannelsStartNoPlatformThread() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Scope scope = Scope.open()) {
            Channel<Integer> ch = Channel.unbuffered();
            for (int i = 0; i < 100; i++) {
                int v = i;
                scope.go(() -> ch.send(v));
                scope.go(ch::receive);
            }
        }
        Set<Thread> after = Thread.getAllStackTraces().keySet();
        List<String> ours = new ArrayList<>();
        for (Thread t : after) {
            if (!before.contains(t) && !t.isDaemon()) {
                ours.add(t.getName());
            }
        }
        assertTrue(ours.isEmpty(), "new non-daemon platform threads: " + ours);
    }

    // ----------------------------------------------------------------------------------------- registrations

    /** Selects that time out unlink their nodes: after many, neither channel holds a registration. */
    @Test
    void timedOutSelectsLeaveNoRegistrations() throws Exception {
        Channel<Integer> x = Channel.unbuffered();
        Channel<Integer> y = Channel.buffered(1);
        ChannelImpl<?> xi = Conc.impl(x);
        ChannelImpl<?> yi = Conc.impl(y);
        int n = 20_000 * Conc.STRESS;
        Select<String> sel = Select.builder()
                .onReceive(x, v -> "x").onReceive(y, v -> "y")
                .onTimeout(Duration.ofNanos(1_000), () -> "timeout");
        int timeouts = 0;
        for (int i = 0; i < n; i++) {
            if (sel.select().equals("timeout")) {
                timeouts++;
            }
        }
        assertEquals(n, timeouts);
        assertEquals(0, xi.waitingReceivers(), "registrations left on x");
        assertEquals(0, yi.waitingReceivers(), "registrations left on y");
    }

    /**
     * Many virtual threads blocked in a select over two channels, all interrupted: each select throws, and no
     * registration is left behind on either channel. (1,000,000 blocked selects under -Pstress.)
     */
    @Test
    void interruptedBlockedSelectsLeaveNoRegistrations() throws Exception {
        int n = Conc.STRESS > 1 ? 1_000_000 : 20_000;
        Channel<Integer> x = Channel.unbuffered();
        Channel<Integer> y = Channel.buffered(1);
        y.trySend(-1); // full: a send case on y waits
        ChannelImpl<?> xi = Conc.impl(x);
        ChannelImpl<?> yi = Conc.impl(y);
        java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Select.builder().onReceive(x, v -> v).onSend(y, 0, () -> 0).select();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            }));
        }
        Conc.await(n + " selects registered", () -> xi.waitingReceivers() == n && yi.waitingSenders() == n);
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(n, interrupted.get(), "every select threw InterruptedException");
        assertEquals(0, xi.waitingReceivers(), "receive registrations left on x");
        assertEquals(0, yi.waitingSenders(), "send registrations left on y");
        assertEquals(1, y.size(), "the interrupted send cases delivered nothing");
    }

    // ------------------------------------------------------------------------------------------------ heap

    /**
     * Tolerance for "the heap is back to its baseline": 4 MiB over {@value #MEASURED_ROUNDS} measured rounds of
     * {@value #SELECTS} losing selects each (plus 25,000 hand-offs through 10,000 short-lived virtual threads
     * per round). A registration leak retains at least a WaitNode and its Waiter (over 48 bytes) per losing
     * select, 11 MiB over the measured rounds; even a leak of one 24-byte object per select (5.5 MiB) exceeds
     * the tolerance. Measured growth here without a leak: see the test output ("heap growth"), well under
     * 1 MiB, and it can be negative; the settled reading is the minimum of five full GCs, so one noisy
     * reading cannot fail the check. The negative control leaks one int[2] per select and must fail it.
     */
    static final long TOLERANCE_BYTES = 4L << 20;
    static final int MEASURED_ROUNDS = 4;
    static final int SELECTS = 60_000;

    /** One round of work: losing selects on one channel pair and hand-offs through short-lived threads. */
    static void workloadRound(IntConsumer perSelect) throws Exception {
        Channel<Integer> x = Channel.unbuffered();
        Channel<Integer> y = Channel.buffered(1);
        Select<Integer> sel = Select.builder().onReceive(x, v -> -1).onReceive(y, v -> v);
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < SELECTS; i++) {
                    y.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < SELECTS; i++) {
            perSelect.accept(sel.select());
        }
        producer.join();
        Channel<Integer> z = Channel.unbuffered();
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < 5_000; t++) {
                scope.go(() -> {
                    for (int k = 0; k < 5; k++) {
                        z.send(k);
                    }
                });
                scope.go(() -> {
                    for (int k = 0; k < 5; k++) {
                        z.receive();
                    }
                });
            }
        }
    }

    /** Used heap after full collections: the lowest of several readings, so one noisy reading cannot fail it. */
    static long settledUsedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            min = Math.min(min, memory.getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /** Growth of the settled heap over the measured rounds, after one warm-up round. */
    static long heapGrowth(IntConsumer perSelect) throws Exception {
        workloadRound(v -> { }); // warm-up: classes, JIT, the scheduler's queues reach their working size
        long baseline = settledUsedHeap();
        for (int r = 0; r < MEASURED_ROUNDS; r++) {
            workloadRound(perSelect);
        }
        return settledUsedHeap() - baseline;
    }

    @Test
    void heapReturnsToItsBaselineAfterALargeWorkload() throws Exception {
        long growth = heapGrowth(v -> { });
        System.out.println("LeakTest heap growth after " + MEASURED_ROUNDS + " rounds: " + growth + " bytes");
        assertTrue(growth < TOLERANCE_BYTES, "heap grew by " + growth + " bytes after " + MEASURED_ROUNDS
                + " rounds (tolerance " + TOLERANCE_BYTES + ")");
    }

    /** Negative control: the same measurement with a deliberate leak of one small object per select fails. */
    @Test
    void negativeControlHeapCheckCatchesALeakOfOneObjectPerSelect() {
        List<Object> leak = new ArrayList<>();
        assertThrows(AssertionError.class, () -> {
            long growth = heapGrowth(v -> leak.add(new int[2])); // 24 bytes, plus 4 bytes of list slot each
            System.out.println("LeakTest heap growth with the deliberate leak: " + growth + " bytes");
            assertTrue(growth < TOLERANCE_BYTES, "growth " + growth);
        });
        assertTrue(leak.size() >= MEASURED_ROUNDS * SELECTS);
    }
}
