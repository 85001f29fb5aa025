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
 * Suite 2: the shape of Go's BenchmarkChanProdCons0/10/100 with GOMAXPROCS = 2: two producers and two
 * consumers (virtual threads) over one channel of capacity 0, 10 or 100. {@code jdk} is a
 * {@code SynchronousQueue} for 0 and an {@code ArrayBlockingQueue} otherwise. Score: time per value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GoProdCons {
    static final int VALUES = 100_000;
    static final int SIDE = 2;
    static final Integer MSG = 1;

    @Param({"0", "10", "100"})
    public int capacity;

    @Param({"ours", "jox", "jdk"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void prodCons() {
        String name = impl.equals("jdk") ? (capacity == 0 ? "synchronousQueue" : "arrayBlockingQueue") : impl;
        Pipe<Integer> ch = Pipe.create(name, capacity);
        Workers.virtual(2 * SIDE, w -> {
            int n = Workers.share(VALUES, SIDE, w % SIDE);
            if (w < SIDE) {
                for (int i = 0; i < n; i++) {
                    ch.send(MSG);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    ch.receive();
                }
            }
        });
    }
}
