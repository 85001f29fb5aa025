package dev.channels.bench.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.channels.Channel;
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
 * Suite 2: the buffered fast path alone, one thread: a blocking {@code send} then a blocking {@code receive} on a
 * buffer of 16 that is never full or empty when used, so neither call waits. This is where "0 B/op on buffered
 * send/receive" is checked: in the two-thread benchmarks the bytes per value also include what a virtual thread
 * allocates each time it parks (its stack is copied to the heap), which no channel can avoid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BufferedFastPath {
    static final Integer MSG = 1;
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(1);

    private final Channel<Integer> ours = Channel.buffered(16);
    private final com.softwaremill.jox.Channel<Integer> jox = com.softwaremill.jox.Channel.newBufferedChannel(16);
    private final ArrayBlockingQueue<Integer> abq = new ArrayBlockingQueue<>(16);

    @Benchmark
    public Integer ours() throws InterruptedException {
        ours.send(MSG);
        return ours.receive();
    }

    /**
     * The timed forms on the same fast path (never waits): each converts its timeout and reads the clock through
     * the library's time seam, which is where a test bubble plugs in; paired with {@link #ours()} it shows what
     * the seam costs a timed operation outside bubbles.
     */
    @Benchmark
    public Integer oursTimed() throws InterruptedException {
        ours.send(MSG, TIMEOUT);
        return ours.receive(TIMEOUT);
    }

    @Benchmark
    public Integer jox() throws InterruptedException {
        jox.send(MSG);
        return jox.receive();
    }

    @Benchmark
    public Integer arrayBlockingQueue() throws InterruptedException {
        abq.put(MSG);
        return abq.take();
    }
}
