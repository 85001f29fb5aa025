package dev.channels.bench.channels;

import java.util.concurrent.TimeUnit;

import dev.channels.bench.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 2: rendezvous ping-pong, one pair of virtual threads. One side sends on {@code ping} and waits on
 * {@code pong}; the other echoes. Score: time per hand-off (two per round trip).
 *
 * <p>The {@code volatileFloor} contender runs on two platform threads, each spinning on a volatile slot and
 * never parking: no scheduler, no mount/unmount, only the cache-line transfer between two cores. It is the floor
 * of any hand-off between two threads on this machine; on virtual threads it would also measure the scheduler.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Rendezvous {
    static final int ROUNDS = 10_000;
    static final Integer MSG = 1;

    @Param({"ours", "jox", "synchronousQueue", "linkedTransferQueue", "exchanger", "volatileFloor"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public void pingPong() {
        Pipe<Integer> ping = Pipe.create(impl, 0);
        Pipe<Integer> pong = Pipe.create(impl, 0);
        Workers.Body body = side -> {
            if (side == 0) {
                for (int r = 0; r < ROUNDS; r++) {
                    ping.send(MSG);
                    pong.receive();
                }
            } else {
                for (int r = 0; r < ROUNDS; r++) {
                    pong.send(ping.receive());
                }
            }
        };
        if (impl.equals("volatileFloor")) {
            Workers.platform(2, body);
        } else {
            Workers.virtual(2, body);
        }
    }
}
