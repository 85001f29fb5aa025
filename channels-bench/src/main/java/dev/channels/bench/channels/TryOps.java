package dev.channels.bench.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

import com.softwaremill.jox.Select;
import dev.channels.Channel;
import dev.channels.ReceiveResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 2: non-blocking send then receive on an empty buffer of 16, one thread, no contention. Score: time per
 * pair. Jox 1.0.1 has no trySend/tryReceive; its way is a select with a default clause, measured as such.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TryOps {
    static final Integer MSG = 1;
    static final Object NONE = new Object();

    private final Channel<Integer> ours = Channel.buffered(16);
    private final com.softwaremill.jox.Channel<Integer> jox = com.softwaremill.jox.Channel.newBufferedChannel(16);
    private final ArrayBlockingQueue<Integer> abq = new ArrayBlockingQueue<>(16);
    private final LinkedTransferQueue<Integer> ltq = new LinkedTransferQueue<>();

    @Benchmark
    public ReceiveResult<Integer> ours() {
        ours.trySend(MSG);
        return ours.tryReceive();
    }

    @Benchmark
    public Object jox() throws InterruptedException {
        Select.select(jox.sendClause(MSG), Select.defaultClause(NONE));
        return Select.select(jox.receiveClause(), Select.defaultClause(NONE));
    }

    @Benchmark
    public Integer arrayBlockingQueue() {
        abq.offer(MSG);
        return abq.poll();
    }

    @Benchmark
    public Integer linkedTransferQueue() {
        ltq.offer(MSG);
        return ltq.poll();
    }
}
