package dev.channels.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.channels.Channels;
import dev.channels.ReceiveChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * The README's "Beyond one JVM" example: two members (here in one JVM; run the two halves in two JVMs and
 * nothing changes), a producer on one, a worker pool on the other, over one distributed channel. Loopback only,
 * phone-home and multicast off.
 */
public final class TwoMemberExample {
    private TwoMemberExample() {
    }

    /**
     * Runs the example and prints the results.
     *
     * @param args unused
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(run());
    }

    static List<Integer> run() throws InterruptedException {
        Config config = HzTestCluster.memberConfig("channels-example", HzTestCluster.BASE_PORT);
        HazelcastInstance producerSide = Hazelcast.newHazelcastInstance(config);
        HazelcastInstance workerSide = Hazelcast.newHazelcastInstance(config);
        try {
            // JVM 1: send jobs, then close: receivers everywhere drain and stop
            DistributedChannel<Integer> jobs = HazelcastChannels.on(producerSide).buffered("jobs", 16);
            Thread.ofVirtual().start(() -> {
                try {
                    for (int j = 1; j <= 5; j++) {
                        jobs.send(j);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    jobs.close();
                }
            });

            // JVM 2: the same channel by name; Channels.workerPool works on it unchanged
            DistributedChannel<Integer> sameJobs = HazelcastChannels.on(workerSide).buffered("jobs", 16);
            ReceiveChannel<Integer> results = Channels.workerPool(3, sameJobs, j -> j * 2);
            List<Integer> got = new ArrayList<>();
            for (int r : results) {
                got.add(r);
            }
            HazelcastChannels.on(workerSide).destroy("jobs");
            got.sort(null);
            return got;
        } finally {
            workerSide.shutdown();
            producerSide.shutdown();
        }
    }
}
