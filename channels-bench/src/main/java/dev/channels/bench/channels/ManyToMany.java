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

/** Suite 2: 4 producers and 4 consumers (virtual threads) over one buffer of 16. Score: time per value. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ManyToMany {
    static final int VALUES = 100_000;
    static final int SIDE = 4;
    static final Integer MSG = 1;

    @Param({"ours", "jox", "arrayBlockingQueue", "linkedTransferQueue"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void producers4consumers4() {
        Pipe<Integer> pipe = Pipe.create(impl, 16);
        Workers.virtual(2 * SIDE, w -> {
            int n = Workers.share(VALUES, SIDE, w % SIDE);
            if (w < SIDE) {
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
