package dev.channels.hazelcast;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import dev.channels.hazelcast.internal.HzChannel;
import dev.channels.hazelcast.internal.ReceiveHook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash window of a receive, made deterministic: the receiver's remove of the head was applied on the owner and
 * on its backup, the owner died before its answer arrived, and Hazelcast retried the remove on the new owner,
 * where the envelope is already gone. The hook reproduces exactly that state: between the receiver's peek and its
 * remove, another member removes the same envelope and the owner is terminated. The receive must count the
 * envelope as its own (a possible duplicate, never a loss). The negative control reads the failed remove as
 * "another receiver took it", as a plain retried {@code poll} would, and loses the value.
 */
class RetriedReceiveTest {

    @Test
    void aRemoveRetriedAfterTheOwnerDiedDeliversTheValueInsteadOfLosingIt() throws Exception {
        assertEquals(1, firstReceivedAfterSimulatedRetry(false), "the envelope whose first remove was applied");
    }

    @Test
    void negativeControlIgnoringTheOwnerChangeLosesTheValue() throws Exception {
        assertEquals(2, firstReceivedAfterSimulatedRetry(true), "the control skips value 1: lost");
    }

    /** Sends 1, 2, 3; the first receive runs into the simulated retry; returns what it got, checks the rest. */
    private static int firstReceivedAfterSimulatedRetry(boolean control) throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(3)) {
            HazelcastInstance a = cluster.member(0);
            HazelcastInstance b = cluster.member(1);
            HazelcastInstance c = cluster.member(2);
            String name;
            HzChannel<Integer> in;
            do { // the whole queue name hashes elsewhere: a receiver that watched its partition would miss the crash
                name = cluster.nameOwnedBy(c, "retried");
                in = (HzChannel<Integer>) HazelcastChannels.on(a).<Integer>buffered(name, 8);
            } while (c.getCluster().getLocalMember().equals(
                    a.getPartitionService().getPartition(in.queueName()).getOwner()));
            String key = name;
            DistributedChannel<Integer> out = HazelcastChannels.on(b).buffered(name, 8);
            out.send(1);
            out.send(2);
            out.send(3);
            UUID dead = c.getCluster().getLocalMember().getUuid();
            AtomicBoolean fired = new AtomicBoolean();
            in.hook(new ReceiveHook() {
                @Override
                public boolean ignoreOwnerChange() {
                    return control;
                }

                @Override
                public void beforeRemove(IQueue<Object> queue, Object head) {
                    if (!fired.compareAndSet(false, true)) {
                        return;
                    }
                    IQueue<Object> viaB = b.getQueue(queue.getName());
                    assertTrue(viaB.remove(head), "the simulated first attempt removes the head on owner and backup");
                    c.getLifecycleService().terminate();
                    awaitNewOwner(a, key, dead); // the queue is on the partition of the channel name
                }
            });
            int first = in.receive();
            assertTrue(fired.get(), "the hook ran");
            in.hook(ReceiveHook.NONE);
            assertEquals(2, first == 1 ? in.receive() : first);
            assertEquals(3, in.receive());
            assertNull(in.receive(Duration.ofMillis(50)), "nothing else: no duplicate beyond the ambiguous one");
            return first;
        }
    }

    /** Waits (yielding) until {@code viewer}'s partition table names a live owner other than {@code dead}. */
    private static void awaitNewOwner(HazelcastInstance viewer, String partitionKey, UUID dead) {
        long limit = System.nanoTime() + 60_000_000_000L;
        for (;;) {
            var owner = viewer.getPartitionService().getPartition(partitionKey).getOwner();
            if (owner != null && !owner.getUuid().equals(dead)) {
                return;
            }
            assertTrue(System.nanoTime() - limit < 0, "no new owner after the crash");
            Thread.yield();
        }
    }
}
