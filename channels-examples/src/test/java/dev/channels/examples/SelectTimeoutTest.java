package dev.channels.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class SelectTimeoutTest {
    /** Long enough never to fire in a test; the test is over long before. */
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void slowFirstWorkerTimesOutAndFastSecondWorkerAnswers() throws InterruptedException {
        var release = new CountDownLatch(1);
        try {
            // Worker 1 cannot answer before the test ends; worker 2 answers at once.
            assertEquals(List.of("timeout 1", "result 2"),
                    SelectTimeout.run(release::await, Duration.ofMillis(1), Latency.NONE, NEVER));
        } finally {
            release.countDown(); // worker 1 now sends into its buffer and ends
        }
    }

    @Test
    void theOtherWayRound() throws InterruptedException {
        var release = new CountDownLatch(1);
        try {
            assertEquals(List.of("result 1", "timeout 2"),
                    SelectTimeout.run(Latency.NONE, NEVER, release::await, Duration.ofMillis(1)));
        } finally {
            release.countDown();
        }
    }
}
