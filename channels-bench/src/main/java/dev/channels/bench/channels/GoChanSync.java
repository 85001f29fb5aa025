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
 * Suite 2: the shape of Go's BenchmarkChanSync. Two virtual threads share one rendezvous channel; one
 * receives then sends, the other sends then receives, alternately. Score: time per hand-off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GoChanSync {
    static final int ROUNDS = 10_000;
    static final Integer MSG = 1;

    @Param({"ours", "jox", "synchronousQueue"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public void chanSync() {
        Pipe<Integer> ch = Pipe.create(impl, 0);
        Workers.virtual(2, g -> {
            for (int r = 0; r < ROUNDS; r++) {
                if (g == 0) {
                    ch.receive();
                    ch.send(MSG);
                } else {
                    ch.send(MSG);
                    ch.receive();
                }
            }
        });
    }
}
