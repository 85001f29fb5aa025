package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle actors cost little: no thread, a few small objects. Measured as the growth of the used heap
 * ({@code totalMemory - freeMemory}, the figure {@code MemoryMXBean} reports as used) after full collections, divided by the number of actors. Run with {@code -Dactors.footprint.report=true} to print the
 * figures.
 */
@Timeout(120)
class IdleActorFootprintTest {

    /** A parked virtual thread alone costs about 1 KB of stack chunk plus its Thread object; stay far below. */
    private static final long MAX_BYTES_PER_IDLE_ACTOR = 1_024;

    @Test
    void anIdleActorHoldsNoThreadAndLittleHeap() throws Exception {
        int n = 100_000;
        Runtime memory = Runtime.getRuntime();
        try (ActorSystem system = ActorSystem.create("footprint")) {
            List<ActorRef<int[]>> refs = new ArrayList<>(n);
            long before = usedAfterGc(memory);
            for (int i = 0; i < n; i++) {
                refs.add(system.spawn(new int[1]));
            }
            long afterSpawn = usedAfterGc(memory);
            assertEquals(0, system.runningThreads(), "an idle actor holds no thread");

            CountDownLatch handled = new CountDownLatch(n);
            for (ActorRef<int[]> r : refs) {
                r.tell(s -> handled.countDown());
            }
            handled.await();
            while (system.runningThreads() != 0) {
                Thread.yield(); // observable: reader tasks end once their mailbox is empty
            }
            long afterUse = usedAfterGc(memory);

            // ArrayList slot (4 B, compressed oops) and the int[1] state (16 B) are the test's, not the actor's.
            long perIdle = (afterSpawn - before) / n - 20;
            long perUsed = (afterUse - before) / n - 20;
            if (Boolean.getBoolean("actors.footprint.report")) {
                System.out.printf("idle actor: %d bytes never used, %d bytes after one message (n=%d)%n",
                        perIdle, perUsed, n);
            }
            assertTrue(perIdle < MAX_BYTES_PER_IDLE_ACTOR, "bytes per idle actor: " + perIdle);
            assertTrue(perUsed < MAX_BYTES_PER_IDLE_ACTOR, "bytes per idle actor after use: " + perUsed);
            assertEquals(n, refs.size()); // keep the refs reachable until after the measurement
        }
    }

    private static long usedAfterGc(Runtime memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.totalMemory() - memory.freeMemory());
        }
        return used;
    }
}
