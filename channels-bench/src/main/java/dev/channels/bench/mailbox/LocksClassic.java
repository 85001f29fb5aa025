package dev.channels.bench.mailbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Suite 1, the classic view: JMH's own platform threads (run with {@code -t 1} and {@code -t 2}) each apply one
 * update per operation to the shared state. No thread is started inside the benchmark, so this is the textbook
 * lock micro-benchmark, without the virtual-thread harness of {@link MailboxVsLocks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LocksClassic {
    @Param({"0", "50", "500"})
    public int work;

    private final SharedState state = new SharedState();
    private final Object monitor = new Object();
    private final ReentrantLock unfair = new ReentrantLock();
    private final ReentrantLock fair = new ReentrantLock(true);
    private final StampedLock stamped = new StampedLock();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong[] perKey = new AtomicLong[SharedState.KEYS];
    private final LongAdder adder = new LongAdder();
    private final LongAdder[] perKeyAdder = new LongAdder[SharedState.KEYS];

    public LocksClassic() {
        for (int k = 0; k < SharedState.KEYS; k++) {
            perKey[k] = new AtomicLong();
            perKeyAdder[k] = new LongAdder();
        }
    }

    /** Each JMH thread updates its own key, as each producer does in {@link MailboxVsLocks}. */
    @State(Scope.Thread)
    public static class Key {
        private static final AtomicLong NEXT = new AtomicLong();
        final int key = (int) (NEXT.getAndIncrement() & (SharedState.KEYS - 1));
    }

    @Benchmark
    public void synchronizedBlock(Key k) {
        synchronized (monitor) {
            state.update(k.key, work);
        }
    }

    @Benchmark
    public void reentrantLock(Key k) {
        unfair.lock();
        try {
            state.update(k.key, work);
        } finally {
            unfair.unlock();
        }
    }

    @Benchmark
    public void reentrantLockFair(Key k) {
        fair.lock();
        try {
            state.update(k.key, work);
        } finally {
            fair.unlock();
        }
    }

    @Benchmark
    public void stampedLock(Key k) {
        long stamp = stamped.writeLock();
        try {
            state.update(k.key, work);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    @Benchmark
    public void atomicLong(Key k) {
        count.incrementAndGet();
        perKey[k.key].incrementAndGet();
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
    }

    @Benchmark
    public void longAdder(Key k) {
        adder.increment();
        perKeyAdder[k.key].increment();
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
    }
}
