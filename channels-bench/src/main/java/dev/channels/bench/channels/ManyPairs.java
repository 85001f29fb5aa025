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
 * Suite 2: independent sender/receiver pairs of virtual threads, each pair on its own rendezvous channel; the
 * same total number of hand-offs with 1 pair or 10,000 pairs. Score: time per hand-off. The target is that
 * 10,000 pairs cost at most twice one pair: scheduling many parked threads must not degrade the channel.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ManyPairs {
    static final int VALUES = 500_000;
    static final Integer MSG = 1;

    @Param({"1", "10000"})
    public int pairs;

    @Param({"ours", "jox", "synchronousQueue"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void pairs() {
        int p = pairs;
        @SuppressWarnings("unchecked")
        Pipe<Integer>[] pipes = new Pipe[p];
        for (int i = 0; i < p; i++) {
            pipes[i] = Pipe.create(impl, 0);
        }
        Workers.virtual(2 * p, w -> {
            Pipe<Integer> pipe = pipes[w % p];
            int n = Workers.share(VALUES, p, w % p);
            if (w < p) {
                for (int i = 0; i < n; i++) {
                    pipe.send(MSG);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    pipe.receive();
                }
            }
        });
    }
}
