package dev.channels.bench.distributed;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.UUID;

/**
 * Two Hazelcast members in the benchmark's JVM, on 127.0.0.1 only (phone-home, multicast and auto-detection off),
 * forming one cluster: A sends, B receives.
 */
final class TwoMembers implements AutoCloseable {
    final HazelcastInstance a;
    final HazelcastInstance b;

    TwoMembers() {
        String cluster = "channels-bench-" + UUID.randomUUID();
        a = Hazelcast.newHazelcastInstance(config(cluster, 5901));
        b = Hazelcast.newHazelcastInstance(config(cluster, 5901));
        a.getMap("warmup").size();
        b.getPartitionService().forceLocalMemberToBeSafe(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A fresh name whose partition is owned by {@code owner}. */
    String nameOwnedBy(HazelcastInstance owner, String prefix) {
        for (int i = 0; ; i++) {
            String name = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            if (owner.getCluster().getLocalMember().equals(owner.getPartitionService().getPartition(name).getOwner())) {
                return name;
            }
        }
    }

    /** A raw queue partitioned like a distributed channel of the same name, with {@code backups} sync backups. */
    <T> com.hazelcast.collection.IQueue<T> rawQueue(HazelcastInstance on, String name, int capacity, int backups) {
        on.getConfig().addQueueConfig(new QueueConfig("raw:" + name).setMaxSize(capacity).setBackupCount(backups));
        return on.getQueue("raw:" + name + "@" + name);
    }

    private static Config config(String cluster, int port) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.logging.type", "none");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        return config;
    }

    @Override
    public void close() {
        b.shutdown();
        a.shutdown();
    }
}
