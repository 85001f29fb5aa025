package dev.channels.hazelcast;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A timed send or receive tries at least once, like {@code BlockingQueue.offer/poll} with a timeout: a positive
 * timeout shorter than a remote call must still take a value that is there, or queue a value that has room, and
 * only then report the timeout.
 */
class TinyTimeoutTest {
    static HzTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = HzTestCluster.start(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aTimedReceiveWithATinyTimeoutTakesAReadyValue() throws Exception {
        String name = "tiny-receive-" + UUID.randomUUID();
        DistributedChannel<Integer> out = HazelcastChannels.on(cluster.member(0)).buffered(name, 4);
        DistributedChannel<Integer> in = HazelcastChannels.on(cluster.member(1)).buffered(name, 4);
        out.send(1);
        assertEquals(1, in.receive(Duration.ofNanos(1)), "the value was there");
        assertNull(in.receive(Duration.ofNanos(1)), "empty: the timeout is reported");
    }

    @Test
    void aTimedSendWithATinyTimeoutQueuesWhenThereIsRoom() throws Exception {
        String name = "tiny-send-" + UUID.randomUUID();
        DistributedChannel<Integer> out = HazelcastChannels.on(cluster.member(0)).buffered(name, 1);
        DistributedChannel<Integer> in = HazelcastChannels.on(cluster.member(1)).buffered(name, 1);
        assertTrue(out.send(1, Duration.ofNanos(1)), "there was room");
        assertFalse(out.send(2, Duration.ofNanos(1)), "full: the timeout is reported");
        assertEquals(1, in.receive());
        assertNull(in.receive(Duration.ofMillis(1)), "the timed-out send queued nothing");
    }
}
