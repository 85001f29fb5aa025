package dev.channels.hazelcast;

import dev.channels.ReceiveResult;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A separate JVM ({@link ChildProducer}, started with this JVM's java binary, flags and class path) joins the
 * cluster, owns the channel's partition and produces into it; it is killed with {@code destroyForcibly()}
 * mid-stream. The consumer in this JVM must get every value whose send the child acknowledged (one backup on this
 * JVM's members), with duplicates counted and bounded by the send and the receive in flight. The child's stderr must show no
 * JVM or Hazelcast module-access warning (the test flags are enough).
 */
class ForeignJvmCrashTest {
    static final int CAPACITY = 32;

    @Test
    void aKilledProducerJvmLosesNoAcknowledgedValue() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            HazelcastInstance a = cluster.member(0);
            File childLog = File.createTempFile("channels-child-jvm", ".log");
            childLog.deleteOnExit();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: start fast
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ChildProducer.class.getName());
            command.add(cluster.clusterName);
            command.add(String.valueOf(HzTestCluster.port(a)));
            Process child = new ProcessBuilder(command).redirectError(childLog).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String ready = out.readLine();
                assertTrue(ready != null && ready.startsWith("READY "), "child said: " + ready + "; log: "
                        + Files.readString(childLog.toPath()));
                UUID childUuid = UUID.fromString(ready.substring(6));
                Member childMember = a.getCluster().getMembers().stream()
                        .filter(m -> m.getUuid().equals(childUuid)).findFirst().orElseThrow();
                cluster.awaitSafe();
                String name = nameOwnedBy(a, childMember);

                ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
                CountDownLatch killPoint = new CountDownLatch(100);
                CompletableFuture<Void> ackReader = CompletableFuture.runAsync(() -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.startsWith("ACK ")) {
                                acked.add(Integer.parseInt(line.substring(4)));
                                killPoint.countDown();
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the pipe broke with the process: everything it wrote before was read
                    }
                }, r -> Thread.ofVirtual().start(r));

                DistributedChannel<Integer> in = HazelcastChannels.on(cluster.member(1)).buffered(name, CAPACITY);
                ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
                Async<Void> consumer = Async.<Void>start(() -> {
                    for (ReceiveResult<Integer> v; (v = in.receiveOrClosed()).isReceived(); ) {
                        received.add(v.orElseThrow());
                    }
                    return null;
                });
                try (Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                    w.write(name + "\n");
                }
                assertTrue(killPoint.await(120, TimeUnit.SECONDS), "the child acknowledged 100 sends");
                long t0 = System.nanoTime();
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                ackReader.get(60, TimeUnit.SECONDS);
                assertTrue(HazelcastChannels.on(a).<Integer>buffered(name, CAPACITY).close());
                consumer.get();
                System.out.printf("child JVM: kill to closed and drained %d ms%n", (System.nanoTime() - t0) / 1_000_000);

                Accounting result = Accounting.of(acked, received);
                System.out.println("child JVM killed: " + result);
                // A receive in flight at the crash must not lose its value either: the CI rehearsal of 2026-11-30
                // lost one (acknowledged 103, received 102) when a receive was a poll, which Hazelcast retried on
                // the new owner after the dying owner and its backup had applied it. Receives now peek, then remove
                // that envelope, and count an ambiguous remove as taken (RetriedReceiveTest).
                assertTrue(result.lost().isEmpty(), "acknowledged values lost: " + result);
                assertTrue(result.duplicates() <= 2, "duplicates beyond the send and the receive in flight: " + result);
                String log = Files.readString(childLog.toPath());
                assertFalse(log.contains("sun.misc.Unsafe"), "JDK warning in the child: " + log);
                assertFalse(log.contains("modular environment"), "Hazelcast access warning in the child: " + log);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static String nameOwnedBy(HazelcastInstance viewer, Member owner) {
        for (int i = 0; ; i++) {
            String name = "child-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i;
            if (owner.equals(viewer.getPartitionService().getPartition(name).getOwner())) {
                return name;
            }
        }
    }
}
