package dev.channels.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import dev.channels.hazelcast.internal.HzChannel;
import dev.channels.hazelcast.internal.ReceiveHook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two receivers race for the same head with no crash and no migration: the loser's remove comes back false and it
 * must look again, not deliver the envelope the winner took (a duplicate). The hook makes the race deterministic:
 * between the receiver's peek and its remove, a member removes the head. Checked from a member, a smart client and
 * a single-member-routing client (whose view of partition owners differs from a member's).
 */
class ContendedHeadTest {

    @Test
    void aMemberThatLosesTheRaceLooksAgain() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            assertEquals(2, receiveAfterLosingTheRace(cluster, cluster.member(0)));
        }
    }

    @Test
    void aSmartClientThatLosesTheRaceLooksAgain() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            assertEquals(2, receiveAfterLosingTheRace(cluster, cluster.addClient()));
        }
    }

    @Test
    void aSingleMemberRoutingClientThatLosesTheRaceLooksAgain() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            ClientConfig config = new ClientConfig();
            config.setClusterName(cluster.clusterName);
            config.setProperty("hazelcast.phone.home.enabled", "false");
            config.setProperty("hazelcast.logging.type", "jdk");
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
            config.getNetworkConfig().addAddress("127.0.0.1:" + HzTestCluster.port(cluster.member(0)));
            config.getNetworkConfig().getClusterRoutingConfig().setRoutingMode(RoutingMode.SINGLE_MEMBER);
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            try {
                assertEquals(2, receiveAfterLosingTheRace(cluster, client));
            } finally {
                client.shutdown();
            }
        }
    }

    /** Sends 1, 2; the receiver on {@code node} loses value 1 to a member; returns what its receive got. */
    private static int receiveAfterLosingTheRace(HzTestCluster cluster, HazelcastInstance node) throws Exception {
        HazelcastInstance other = cluster.member(0);
        String name = cluster.nameOwnedBy(cluster.member(1), "contended");
        HzChannel<Integer> in = (HzChannel<Integer>) HazelcastChannels.on(node).<Integer>buffered(name, 8);
        DistributedChannel<Integer> out = HazelcastChannels.on(cluster.member(1)).buffered(name, 8);
        out.send(1);
        out.send(2);
        AtomicBoolean fired = new AtomicBoolean();
        in.hook(new ReceiveHook() {
            @Override
            public void beforeRemove(IQueue<Object> queue, Object head) {
                if (fired.compareAndSet(false, true)) {
                    assertTrue(other.getQueue(queue.getName()).remove(head), "the other receiver wins value 1");
                }
            }
        });
        int got = in.receive();
        assertTrue(fired.get(), "the hook ran");
        in.hook(ReceiveHook.NONE);
        if (got == 1) {
            return got; // a duplicate: value 1 went to the other receiver
        }
        assertNull(in.receive(Duration.ofMillis(50)), "nothing left");
        return got;
    }
}
