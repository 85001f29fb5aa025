package dev.channels.bench.distributed;

import com.hazelcast.collection.IQueue;
import dev.channels.Channel;
import dev.channels.hazelcast.HazelcastChannels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Suite "distributed", D2: throughput between two members, as time per value (lower is better; items/s is
 * 10^9 / score). {@link #pipe}: a producer on A and a consumer on B run together. {@link #send}: A alone sends
 * {@value #N} values into an empty queue (cleared after each invocation). {@link #receive}: B alone receives
 * {@value #N} values put there before the invocation. Contenders: {@code local} (a local channel: the floor),
 * {@code raw} (IQueue put/take, one value per call), {@code batch64} (IQueue addAll/drainTo of 64: the engine's
 * ceiling), {@code channel} (DistributedChannel send/receive). Queues live on B, with {@code backups} sync
 * backups; the pipe's capacity is 1024, send and receive use an unbounded queue.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", // and the flags Hazelcast wants on JDK 25 (see README)
        "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED", "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dhazelcast.phone.home.enabled=false"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DistributedThroughput {
    static final int N = 1000;
    static final int BATCH = 64;

    @Param({"local", "raw", "batch64", "channel"})
    public String impl;

    @Param({"1"})
    public int backups;

    private TwoMembers cluster;
    private Channel<Integer> localPipe;
    private Channel<Integer> localUnbounded;
    private Channel<Integer> chA;
    private Channel<Integer> chB;
    private Channel<Integer> chUnboundedA;
    private Channel<Integer> chUnboundedB;
    private IQueue<Integer> rawA;
    private IQueue<Integer> rawB;
    private IQueue<Integer> rawUnboundedA;
    private IQueue<Integer> rawUnboundedB;

    @Setup
    public void setup() {
        localPipe = Channel.buffered(1024);
        localUnbounded = Channel.unbounded();
        if (impl.equals("local")) {
            return;
        }
        cluster = new TwoMembers();
        HazelcastChannels.Options options = HazelcastChannels.Options.defaults().withBackupCount(backups);
        String pipe = cluster.nameOwnedBy(cluster.b, "pipe");
        String open = cluster.nameOwnedBy(cluster.b, "open");
        chA = HazelcastChannels.on(cluster.a, options).buffered(pipe, 1024);
        chB = HazelcastChannels.on(cluster.b, options).buffered(pipe, 1024);
        chUnboundedA = HazelcastChannels.on(cluster.a, options).unbounded(open);
        chUnboundedB = HazelcastChannels.on(cluster.b, options).unbounded(open);
        rawA = cluster.rawQueue(cluster.a, pipe, 1024, backups);
        rawB = cluster.rawQueue(cluster.b, pipe, 1024, backups);
        rawUnboundedA = cluster.rawQueue(cluster.a, open, Integer.MAX_VALUE, backups);
        rawUnboundedB = cluster.rawQueue(cluster.b, open, Integer.MAX_VALUE, backups);
    }

    @TearDown
    public void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int pipe() throws Exception {
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                sendAll(impl.equals("local") ? localPipe : chA, rawA);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int sum = receiveAll(impl.equals("local") ? localPipe : chB, rawB);
        producer.join();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void send() throws InterruptedException {
        sendAll(impl.equals("local") ? localUnbounded : chUnboundedA, rawUnboundedA);
    }

    @TearDown(Level.Invocation)
    public void emptyAfterSend() {
        if (impl.equals("local")) {
            while (localUnbounded.tryReceive().isReceived()) {
                // drain
            }
        } else {
            rawUnboundedB.clear();
            while (chUnboundedB.tryReceive().isReceived()) {
                // drain
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int receive() throws InterruptedException {
        return receiveAll(impl.equals("local") ? localUnbounded : chUnboundedB, rawUnboundedB);
    }

    @Setup(Level.Invocation)
    public void fillBeforeReceive() throws InterruptedException {
        emptyAfterSend();
        sendAll(impl.equals("local") ? localUnbounded : chUnboundedA, rawUnboundedA);
    }

    private void sendAll(Channel<Integer> ch, IQueue<Integer> q) throws InterruptedException {
        switch (impl) {
            case "local", "channel" -> {
                for (int i = 0; i < N; i++) {
                    ch.send(i);
                }
            }
            case "raw" -> {
                for (int i = 0; i < N; i++) {
                    q.put(i);
                }
            }
            case "batch64" -> {
                List<Integer> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < N; i++) {
                    batch.add(i);
                    if (batch.size() == BATCH || i == N - 1) {
                        while (!q.addAll(batch)) {
                            Thread.onSpinWait(); // addAll refuses a batch that does not fit: retry
                        }
                        batch.clear();
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown contender: " + impl);
        }
    }

    private int receiveAll(Channel<Integer> ch, IQueue<Integer> q) throws InterruptedException {
        int sum = 0;
        switch (impl) {
            case "local", "channel" -> {
                for (int i = 0; i < N; i++) {
                    sum += ch.receive();
                }
            }
            case "raw" -> {
                for (int i = 0; i < N; i++) {
                    sum += q.take();
                }
            }
            case "batch64" -> {
                List<Integer> batch = new ArrayList<>(BATCH);
                for (int got = 0; got < N; ) {
                    Integer first = q.take();
                    batch.add(first);
                    q.drainTo(batch, BATCH - 1);
                    for (int v : batch) {
                        sum += v;
                    }
                    got += batch.size();
                    batch.clear();
                }
            }
            default -> throw new IllegalArgumentException("unknown contender: " + impl);
        }
        return sum;
    }
}
