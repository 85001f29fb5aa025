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

/** Suite 2: one producer and one consumer (virtual threads) over a buffer of 16 or 100. Score: time per value. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BufferedSpsc {
    static final int VALUES = 100_000;
    static final Integer MSG = 1;

    @Param({"16", "100"})
    public int capacity;

    @Param({"ours", "jox", "arrayBlockingQueue", "linkedTransferQueue"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void sendReceive() {
        Pipe<Integer> pipe = Pipe.create(impl, capacity);
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    pipe.send(MSG);
                }
            } else {
                for (int i = 0; i < VALUES; i++) {
                    pipe.receive();
                }
            }
        });
    }
}
