package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * After {@link ActorSystem#close()} returns, no thread of the system is alive. The reader threads are observed
 * from inside the actors (Thread.currentThread() in a tell), so the check needs no internals; virtual threads
 * are not listed by Thread.getAllStackTraces().
 */
@Timeout(300)
class ThreadLeakTest {
    private static final int STRESS = Integer.getInteger("stress.factor", 1);

    @Test
    void noReaderThreadIsAliveAfterTheSystemCloses() {
        int rounds = 1_000 * STRESS;
        int stillAlive = 0;
        String example = null;
        for (int round = 0; round < rounds; round++) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            ActorSystem system = ActorSystem.create("leak-" + round);
            List<ActorRef<int[]>> refs = new ArrayList<>();
            for (int a = 0; a < 8; a++) {
                refs.add(system.spawn(new int[1]));
            }
            for (int m = 0; m < 4; m++) {
                for (ActorRef<int[]> r : refs) {
                    r.tell(s -> {
                        s[0]++;
                        seen.add(Thread.currentThread());
                    });
                }
            }
            system.close();
            for (Thread t : seen) {
                if (t.isAlive()) {
                    stillAlive++;
                    example = t + " " + t.getState();
                }
            }
            for (Thread t : seen) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (t.isAlive()) { // it does end, eventually
                    if (System.nanoTime() - deadline > 0) {
                        fail(t + " of a closed actor system never ended");
                    }
                    LockSupport.parkNanos(100_000);
                }
            }
        }
        assertEquals(0, stillAlive, "reader threads still alive right after ActorSystem.close() in " + rounds
                + " rounds, e.g. " + example);
    }

    @Test
    void actorSystemsStartNoPlatformThread() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ActorSystem system = ActorSystem.create("platform")) {
            for (int a = 0; a < 100; a++) {
                system.spawn(new int[1]).tell(s -> s[0]++);
            }
        }
        List<String> ours = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && !t.isDaemon()) {
                ours.add(t.getName());
            }
        }
        assertTrue(ours.isEmpty(), "new non-daemon platform threads: " + ours);
    }
}
