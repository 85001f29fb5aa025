package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The contract with three members: sender on A, receiver on B, queue and close record owned by C. */
class ThreeMembersContractTest extends AbstractContractTest {
    static HzTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = HzTestCluster.start(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    HazelcastInstance sender() {
        return cluster.member(0);
    }

    @Override
    HazelcastInstance receiver() {
        return cluster.member(1);
    }

    @Override
    HazelcastInstance owner() {
        return cluster.member(2);
    }

    @Override
    String freshName(String prefix) {
        return cluster.nameOwnedBy(owner(), prefix);
    }

    @Test
    void queueLivesOnTheThirdMember() {
        String name = freshName("placement");
        var ch = (dev.channels.hazelcast.internal.HzChannel<?>) HazelcastChannels.on(sender()).buffered(name, 1);
        var queueOwner = sender().getPartitionService().getPartition(name).getOwner();
        assertEquals(owner().getCluster().getLocalMember(), queueOwner);
        assertNotEquals(sender().getCluster().getLocalMember(), queueOwner);
        assertNotEquals(receiver().getCluster().getLocalMember(), queueOwner);
        String queueName = ch.queueName();
        assertEquals(name, queueName.substring(queueName.lastIndexOf('@') + 1), "queue partitioned by the name");
        assertEquals(name, sender().getQueue(queueName).getPartitionKey());
    }
}
