package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract through Hazelcast clients: one member owns the queue, one client sends and another receives
 * (each client has its own close cache and listener, as a separate JVM would).
 */
class ClientContractTest extends AbstractContractTest {
    static HzTestCluster cluster;
    static HazelcastInstance sendingClient;
    static HazelcastInstance receivingClient;

    @BeforeAll
    static void start() {
        cluster = HzTestCluster.start(1);
        sendingClient = cluster.addClient();
        receivingClient = cluster.addClient();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    HazelcastInstance sender() {
        return sendingClient;
    }

    @Override
    HazelcastInstance receiver() {
        return receivingClient;
    }

    @Override
    HazelcastInstance owner() {
        return cluster.member(0);
    }

    @Override
    String freshName(String prefix) {
        return cluster.nameOwnedBy(owner(), prefix);
    }
}
