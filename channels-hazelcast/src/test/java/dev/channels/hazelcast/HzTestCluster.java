package dev.channels.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members (and clients) of one test cluster, on 127.0.0.1 only: a unique cluster name, TCP-IP join to the first
 * member's port, multicast and auto-detection off, phone-home off, no bind to any address, 31 partitions (fast
 * start and migration). {@link #close()} shuts the clients and then the members down one at a time, newest
 * first, and asserts that no Hazelcast thread is left.
 */
final class HzTestCluster implements AutoCloseable {
    /** The first port tried; later members and other test JVMs take the next free one. */
    static final int BASE_PORT = 5801;

    final String clusterName = "channels-test-" + UUID.randomUUID();
    final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();

    static HzTestCluster start(int memberCount) {
        HzTestCluster c = new HzTestCluster();
        for (int i = 0; i < memberCount; i++) {
            c.addMember();
        }
        for (HazelcastInstance m : c.members) {
            assertEquals(memberCount, m.getCluster().getMembers().size(), "members seen by " + m.getName());
        }
        c.member(0).getMap("partition-warmup").size(); // partitions are assigned on first use
        c.awaitSafe();
        return c;
    }

    static Config memberConfig(String clusterName, int joinPort) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(BASE_PORT).setPortAutoIncrement(true).setPortCount(200);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + joinPort);
        return config;
    }

    HazelcastInstance addMember() {
        int joinPort = members.isEmpty() ? BASE_PORT : port(members.get(0));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(memberConfig(clusterName, joinPort));
        members.add(hz);
        return hz;
    }

    HazelcastInstance addClient() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().addAddress("127.0.0.1:" + port(members.get(0)));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    static int port(HazelcastInstance member) {
        return member.getCluster().getLocalMember().getAddress().getPort();
    }

    HazelcastInstance member(int i) {
        return members.get(i);
    }

    /** Waits until every partition has its replicas in place (after a join or a crash). */
    void awaitSafe() {
        for (HazelcastInstance m : members) {
            if (m.getLifecycleService().isRunning()) {
                assertTrue(m.getPartitionService().forceLocalMemberToBeSafe(60, TimeUnit.SECONDS),
                        "partitions safe on " + m.getName());
            }
        }
    }

    /** A fresh channel name whose partition (queue and close record) is owned by {@code owner}. */
    String nameOwnedBy(HazelcastInstance owner, String prefix) {
        awaitSafe();
        Member wanted = owner.getCluster().getLocalMember();
        for (int i = 0; ; i++) {
            String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i;
            Member actual = owner.getPartitionService().getPartition(name).getOwner();
            if (actual == null) {
                owner.getMap("partition-warmup").size(); // not assigned yet: assign, then try again
                awaitSafe();
            } else if (actual.getUuid().equals(wanted.getUuid())) {
                return name;
            }
        }
    }

    @Override
    public void close() {
        for (HazelcastInstance c : clients) {
            c.shutdown();
        }
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).getLifecycleService().isRunning()) {
                members.get(i).shutdown();
            }
        }
        assertNoHazelcastThreadLeft();
    }

    /** Joins every thread Hazelcast started (names begin with "hz.") and fails if one is still alive. */
    static void assertNoHazelcastThreadLeft() {
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("hz.")) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (t.isAlive()) {
                    alive.add(t.getName());
                }
            }
        }
        assertTrue(alive.isEmpty(), "Hazelcast threads left after shutdown: " + alive);
    }
}
