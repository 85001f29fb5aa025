package dev.channels.bench.distributed;

import com.hazelcast.collection.IQueue;
import dev.channels.Channel;
import dev.channels.hazelcast.HazelcastChannels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import java.util.concurrent.TimeUnit;

/**
 * Suite "distributed", D1: one-way latency between two members, from a ping-pong (A sends on "ping", an echo
 * thread on B receives it and sends it back on "pong", A receives it). Each sample is one round trip divided by
 * two ({@code @OperationsPerInvocation(2)}), so p50/p99 are one-way figures. Contenders: {@code local} (two
 * {@code Channel.buffered(1)}, the floor), {@code raw} (IQueue put/take), {@code channel} (DistributedChannel
 * send/receive). The queues live on B (receiver side of "ping", sender side of "pong"), 1 sync backup.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", // and the flags Hazelcast wants on JDK 25 (see README)
        "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED", "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dhazelcast.phone.home.enabled=false"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DistributedLatency {
    @Param({"local", "raw", "channel"})
    public String impl;

    private TwoMembers cluster;
    private Hop ping;
    private Hop pong;
    private Thread echo;

    /** One direction: A's end and B's end. */
    interface End {
        void send(Integer v) throws InterruptedException;

        Integer receive() throws InterruptedException;
    }

    record Hop(End atA, End atB) {
    }

    @Setup
    public void setup() {
        if (!impl.equals("local")) {
            cluster = new TwoMembers();
        }
        ping = hop("ping");
        pong = hop("pong");
        echo = Thread.ofVirtual().start(() -> {
            try {
                for (;;) {
                    pong.atB().send(ping.atB().receive());
                }
            } catch (InterruptedException | RuntimeException e) {
                // teardown
            }
        });
    }

    private Hop hop(String prefix) {
        return switch (impl) {
            case "local" -> {
                Channel<Integer> ch = Channel.buffered(1);
                End e = end(ch);
                yield new Hop(e, e);
            }
            case "raw" -> {
                String name = cluster.nameOwnedBy(cluster.b, prefix);
                yield new Hop(end(cluster.rawQueue(cluster.a, name, 1, 1)), end(cluster.<Integer>rawQueue(cluster.b, name, 1, 1)));
            }
            case "channel" -> {
                String name = cluster.nameOwnedBy(cluster.b, prefix);
                yield new Hop(end(HazelcastChannels.on(cluster.a).buffered(name, 1)),
                        end(HazelcastChannels.on(cluster.b).buffered(name, 1)));
            }
            default -> throw new IllegalArgumentException("unknown contender: " + impl);
        };
    }

    private static End end(Channel<Integer> ch) {
        return new End() {
            @Override
            public void send(Integer v) throws InterruptedException {
                ch.send(v);
            }

            @Override
            public Integer receive() throws InterruptedException {
                return ch.receive();
            }
        };
    }

    private static End end(IQueue<Integer> q) {
        return new End() {
            @Override
            public void send(Integer v) throws InterruptedException {
                q.put(v);
            }

            @Override
            public Integer receive() throws InterruptedException {
                return q.take();
            }
        };
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public Integer oneWay() throws InterruptedException {
        ping.atA().send(1);
        return pong.atA().receive();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        echo.interrupt();
        if (cluster != null) {
            cluster.close();
        }
        echo.join(10_000);
    }
}
