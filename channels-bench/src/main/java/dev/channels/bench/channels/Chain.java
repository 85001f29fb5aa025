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
 * Suite 2: Go's daisy chain. 10,000 virtual threads each pass values from their left rendezvous channel to
 * their right one; a source feeds the first channel and a sink drains the last. Score: time per hop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Chain {
    static final int LINKS = 10_000;
    static final int VALUES = 20;
    static final Integer MSG = 1;

    @Param({"ours", "jox", "synchronousQueue"})
    public String impl;

    @Benchmark
    @OperationsPerInvocation((LINKS + 1) * VALUES)
    public void chain10000() {
        @SuppressWarnings("unchecked")
        Pipe<Integer>[] pipes = new Pipe[LINKS + 1];
        for (int i = 0; i <= LINKS; i++) {
            pipes[i] = Pipe.create(impl, 0);
        }
        // Worker 0 is the source, worker LINKS + 1 the sink, the others relay from pipes[w - 1] to pipes[w].
        Workers.virtual(LINKS + 2, w -> {
            if (w == 0) {
                for (int i = 0; i < VALUES; i++) {
                    pipes[0].send(MSG);
                }
            } else if (w == LINKS + 1) {
                for (int i = 0; i < VALUES; i++) {
                    pipes[LINKS].receive();
                }
            } else {
                Pipe<Integer> in = pipes[w - 1];
                Pipe<Integer> out = pipes[w];
                for (int i = 0; i < VALUES; i++) {
                    out.send(in.receive());
                }
            }
        });
    }
}
