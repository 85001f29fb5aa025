package dev.channels.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The separate JVM of {@link ForeignJvmCrashTest}: joins the test cluster as a member, prints
 * {@code READY <member uuid>}, reads the channel name from stdin, then sends 0, 1, 2, ... and prints
 * {@code ACK i} after each send that returned, until it is killed.
 */
public final class ChildProducer {
    private ChildProducer() {
    }

    /**
     * Runs the producer.
     *
     * @param args cluster name and the port of a member to join
     * @throws Exception on any failure (the parent test then fails on the missing output)
     */
    public static void main(String[] args) throws Exception {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                HzTestCluster.memberConfig(args[0], Integer.parseInt(args[1])));
        System.out.println("READY " + hz.getCluster().getLocalMember().getUuid());
        System.out.flush();
        String name = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        DistributedChannel<Integer> ch = HazelcastChannels.on(hz).buffered(name, ForeignJvmCrashTest.CAPACITY);
        for (int i = 0; i < 1_000_000; i++) {
            ch.send(i);
            System.out.println("ACK " + i);
            System.out.flush();
        }
        hz.shutdown();
    }
}
