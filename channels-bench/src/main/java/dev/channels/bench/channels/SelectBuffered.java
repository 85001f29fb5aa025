package dev.channels.bench.channels;

import java.util.concurrent.TimeUnit;

import com.softwaremill.jox.SelectClause;
import dev.channels.Channel;
import dev.channels.Select;
import dev.channels.bench.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 2: select over two buffered channels (16 slots each) against a plain receive on one, the baseline
 * issue 13 names ("select over 2 buffered cases at most 1.5x a plain receive"). A producer (virtual thread) sends
 * {@value #VALUES} values, round-robin over the two channels for the selects; a consumer (virtual thread)
 * receives them. Score: time per value received.
 *
 * <p>{@code oursReceive}: {@code Channel.receive()} on one buffered(16) channel. {@code oursSelect2}: our
 * {@link Select} with two receive cases, built once and run for every value. {@code joxSelect2}: Jox's select
 * over two buffered(16) channels, clauses created per call as its API expects.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SelectBuffered {
    static final int VALUES = 20_000;
    static final int CAPACITY = 16;
    static final Integer MSG = 1;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void oursReceive() {
        Channel<Integer> ch = Channel.buffered(CAPACITY);
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    ch.send(MSG);
                }
            } else {
                for (int i = 0; i < VALUES; i++) {
                    ch.receive();
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void oursSelect2() {
        Channel<Integer> a = Channel.buffered(CAPACITY);
        Channel<Integer> b = Channel.buffered(CAPACITY);
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    ((i & 1) == 0 ? a : b).send(MSG);
                }
            } else {
                Select<Integer> select = Select.builder().onReceive(a, v -> v).onReceive(b, v -> v);
                for (int i = 0; i < VALUES; i++) {
                    select.select();
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void joxSelect2() {
        com.softwaremill.jox.Channel<Integer> a = com.softwaremill.jox.Channel.newBufferedChannel(CAPACITY);
        com.softwaremill.jox.Channel<Integer> b = com.softwaremill.jox.Channel.newBufferedChannel(CAPACITY);
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    ((i & 1) == 0 ? a : b).send(MSG);
                }
            } else {
                for (int i = 0; i < VALUES; i++) {
                    SelectClause<Integer> ca = a.receiveClause();
                    SelectClause<Integer> cb = b.receiveClause();
                    com.softwaremill.jox.Select.select(ca, cb);
                }
            }
        });
    }
}
