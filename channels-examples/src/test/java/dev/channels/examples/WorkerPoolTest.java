package dev.channels.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class WorkerPoolTest {
    private static final List<Integer> DOUBLED = List.of(2, 4, 6, 8, 10);

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    @Test
    void everyJobIsDoubledAndEveryResultReceivedOnce() throws InterruptedException {
        var log = new ConcurrentLinkedQueue<String>();
        assertEquals(DOUBLED, sorted(WorkerPool.run(Latency.NONE, log::add)));
        assertEquals(10, log.size(), log.toString());
        for (int j = 1; j <= 5; j++) {
            int job = j;
            assertEquals(1, log.stream().filter(l -> l.endsWith("started  job " + job)).count(), log.toString());
            assertEquals(1, log.stream().filter(l -> l.endsWith("finished job " + job)).count(), log.toString());
        }
    }

    @Test
    void threeWorkersShareTheJobs() throws InterruptedException {
        // The first three jobs wait until three are in progress at once: only three workers can get there.
        var inProgress = new CountDownLatch(3);
        var log = new ConcurrentLinkedQueue<String>();
        Latency work = () -> {
            inProgress.countDown();
            assertTrue(inProgress.await(20, TimeUnit.SECONDS), "three jobs in progress together");
        };
        assertEquals(DOUBLED, sorted(WorkerPool.run(work, log::add)));
        Set<String> workers = new HashSet<>();
        log.forEach(l -> workers.add(l.substring(0, l.indexOf(" st") > 0 ? l.indexOf(" st") : l.indexOf(" fi"))));
        assertEquals(Set.of("worker 1", "worker 2", "worker 3"), workers);
    }

    @Test
    void helperVersionGivesTheSameResultsAndEnds() throws InterruptedException {
        assertEquals(DOUBLED, sorted(WorkerPool.runWithHelper(Latency.NONE)));
    }
}
