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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 2: select over 1, 2 or 4 receive cases on rendezvous channels. A producer (virtual thread) sends
 * round-robin over the channels; a consumer (virtual thread) selects. Score: time per selected value.
 *
 * <p>Each library is used its own documented way: our {@link Select} is built once and run repeatedly
 * ({@code ours}), or rebuilt for every select ({@code oursRebuilt}, what a naive loop does); Jox's clauses
 * are created for each call, as its API expects.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SelectReceive {
    static final int VALUES = 20_000;
    static final Integer MSG = 1;

    @Param({"1", "2", "4"})
    public int cases;

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void ours() {
        oursSelect(false);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void oursRebuilt() {
        oursSelect(true);
    }

    private void oursSelect(boolean rebuild) {
        int k = cases;
        @SuppressWarnings("unchecked")
        Channel<Integer>[] chans = new Channel[k];
        for (int i = 0; i < k; i++) {
            chans[i] = Channel.unbuffered();
        }
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    chans[i % k].send(MSG);
                }
            } else {
                Select<Integer> select = build(chans);
                for (int i = 0; i < VALUES; i++) {
                    if (rebuild) {
                        select = build(chans);
                    }
                    select.select();
                }
            }
        });
    }

    private static Select<Integer> build(Channel<Integer>[] chans) {
        Select<Integer> s = Select.create();
        for (Channel<Integer> ch : chans) {
            s.onReceive(ch, v -> v);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void jox() {
        int k = cases;
        @SuppressWarnings("unchecked")
        com.softwaremill.jox.Channel<Integer>[] chans = new com.softwaremill.jox.Channel[k];
        for (int i = 0; i < k; i++) {
            chans[i] = com.softwaremill.jox.Channel.newRendezvousChannel();
        }
        Workers.virtual(2, side -> {
            if (side == 0) {
                for (int i = 0; i < VALUES; i++) {
                    chans[i % k].send(MSG);
                }
            } else {
                for (int i = 0; i < VALUES; i++) {
                    @SuppressWarnings("unchecked")
                    SelectClause<Integer>[] clauses = new SelectClause[k];
                    for (int c = 0; c < k; c++) {
                        clauses[c] = chans[c].receiveClause();
                    }
                    com.softwaremill.jox.Select.select(clauses);
                }
            }
        });
    }
}
