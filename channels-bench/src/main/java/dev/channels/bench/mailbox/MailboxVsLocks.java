package dev.channels.bench.mailbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import com.softwaremill.jox.Channel;
import dev.channels.bench.Workers;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 1, the main job: P virtual-thread producers apply {@link #TOTAL} updates to one {@link SharedState}.
 * The score is the time per update until every update has been applied (ns/op, lower is better), including the
 * cost of starting and joining the producers, which {@link #harnessOnly} measures alone.
 *
 * <p>Lock contenders run the critical section on the producer's thread. Mailbox contenders enqueue a message
 * and one consumer (the actor) applies it; the invocation ends when the consumer has applied all of them, so
 * "tell" is charged for the whole job, not just the enqueue. Every invocation starts its threads and joins them
 * before returning (Pekko's actor lives across invocations but is idle between them).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MailboxVsLocks {
    /** Updates per invocation, split exactly over the producers. */
    public static final int TOTAL = 1 << 18;

    @Param({"1", "4", "64", "1024", "10000"})
    public int producers;

    /** {@code Blackhole.consumeCPU} tokens inside the critical section. */
    @Param({"0", "50", "500"})
    public int work;

    /** Keys are cached {@code Integer}s, so a mailbox message allocates nothing. */
    static Integer key(int producer) {
        return producer & (SharedState.KEYS - 1);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public void harnessOnly() {
        int p = producers;
        Workers.virtual(p, i -> {
        });
    }

    // ---------------------------------------------------------------- locks (the critical section runs on the producer)

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long synchronizedBlock(Locks s) {
        int p = producers;
        int w = work;
        Object monitor = s.monitor;
        SharedState state = s.state;
        Workers.virtual(p, i -> {
            int key = i;
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                synchronized (monitor) {
                    state.update(key, w);
                }
            }
        });
        return s.check();
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long reentrantLock(Locks s) {
        return withLock(s, s.unfair);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long reentrantLockFair(Locks s) {
        return withLock(s, s.fair);
    }

    private long withLock(Locks s, ReentrantLock lock) {
        int p = producers;
        int w = work;
        SharedState state = s.state;
        Workers.virtual(p, i -> {
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                lock.lock();
                try {
                    state.update(i, w);
                } finally {
                    lock.unlock();
                }
            }
        });
        return s.check();
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long stampedLock(Locks s) {
        int p = producers;
        int w = work;
        SharedState state = s.state;
        StampedLock lock = s.stamped;
        Workers.virtual(p, i -> {
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                long stamp = lock.writeLock();
                try {
                    state.update(i, w);
                } finally {
                    lock.unlockWrite(stamp);
                }
            }
        });
        return s.check();
    }

    /**
     * The lock-free ceiling for a counter: no critical section exists, so the CPU work runs outside any lock and
     * the map update is a per-key atomic. Not a substitute for a lock when the update spans several fields.
     */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long atomicLong(Atomics s) {
        int p = producers;
        int w = work;
        AtomicLong count = s.count;
        AtomicLong[] perKey = s.perKey;
        Workers.virtual(p, i -> {
            AtomicLong cell = perKey[i & (SharedState.KEYS - 1)];
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                count.incrementAndGet();
                cell.incrementAndGet();
                if (w > 0) {
                    org.openjdk.jmh.infra.Blackhole.consumeCPU(w);
                }
            }
        });
        return count.get();
    }

    /** Like {@link #atomicLong} with striped adders: the highest write throughput a counter can have. */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long longAdder(Atomics s) {
        int p = producers;
        int w = work;
        LongAdder count = s.adder;
        LongAdder[] perKey = s.perKeyAdder;
        Workers.virtual(p, i -> {
            LongAdder cell = perKey[i & (SharedState.KEYS - 1)];
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                count.increment();
                cell.increment();
                if (w > 0) {
                    org.openjdk.jmh.infra.Blackhole.consumeCPU(w);
                }
            }
        });
        return count.sum();
    }

    // ---------------------------------------------------------------- mailboxes (one consumer applies every update)

    /**
     * Our state actor: each producer tells a closure per update; the invocation ends when the actor has
     * applied them all (the same end condition as {@link #pekkoTell}). The closure is the message.
     */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long oursTell(OurActor s) throws InterruptedException {
        int p = producers;
        int w = work;
        Completion done = new Completion(TOTAL);
        dev.channels.actors.ActorRef<SharedState> ref = s.ref;
        Workers.virtual(p, i -> {
            int key = i;
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                ref.tell(st -> {
                    st.update(key, w);
                    done.processed();
                });
            }
        });
        done.await();
        return TOTAL;
    }

    /** The limit of a mailbox design: a raw JCTools MPSC queue drained by one platform thread that never parks. */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long jctoolsMpsc(Mailbox s) {
        int p = producers;
        int w = work;
        SharedState state = s.state;
        MpscUnboundedVarHandleArrayQueue<Integer> queue = new MpscUnboundedVarHandleArrayQueue<>(1024);
        Thread consumer = Thread.ofPlatform().daemon(true).start(() -> {
            for (int left = TOTAL; left > 0; ) {
                Integer k = queue.relaxedPoll();
                if (k == null) {
                    Thread.onSpinWait();
                    continue;
                }
                state.update(k, w);
                left--;
            }
        });
        Workers.virtual(p, i -> {
            Integer k = key(i);
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                queue.offer(k);
            }
        });
        Workers.join(consumer);
        return s.check();
    }

    /** An actor as a virtual thread looping over a Jox unlimited channel (Jox 1.0.1). */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long joxActorLoop(Mailbox s) {
        int p = producers;
        int w = work;
        SharedState state = s.state;
        Channel<Integer> mailbox = Channel.newUnlimitedChannel();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                for (int left = TOTAL; left > 0; left--) {
                    state.update(mailbox.receive(), w);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Workers.virtual(p, i -> {
            Integer k = key(i);
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                mailbox.send(k);
            }
        });
        Workers.join(consumer);
        return s.check();
    }

    /** Apache Pekko classic actor, default dispatcher; the invocation ends when the actor has applied all. */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long pekkoTell(Pekko s) throws InterruptedException {
        int p = producers;
        Completion done = new Completion(TOTAL);
        s.work = work;
        s.completion = done;
        ActorRef actor = s.actor;
        Workers.virtual(p, i -> {
            Integer k = key(i);
            for (int n = Workers.share(TOTAL, p, i); n > 0; n--) {
                actor.tell(k, ActorRef.noSender());
            }
        });
        done.await();
        return s.state.count();
    }

    // ---------------------------------------------------------------- states

    /** State guarded by locks. */
    @State(Scope.Benchmark)
    public static class Locks {
        final Object monitor = new Object();
        final ReentrantLock unfair = new ReentrantLock();
        final ReentrantLock fair = new ReentrantLock(true);
        final StampedLock stamped = new StampedLock();
        SharedState state;

        @Setup(Level.Iteration)
        public void setUp() {
            state = new SharedState();
        }

        long check() {
            return Checks.consistent(state);
        }
    }

    /** State owned by a single consumer. */
    @State(Scope.Benchmark)
    public static class Mailbox {
        SharedState state;

        @Setup(Level.Iteration)
        public void setUp() {
            state = new SharedState();
        }

        long check() {
            return Checks.consistent(state);
        }
    }

    /** Counters for the lock-free contenders. */
    @State(Scope.Benchmark)
    public static class Atomics {
        final AtomicLong count = new AtomicLong();
        final AtomicLong[] perKey = new AtomicLong[SharedState.KEYS];
        final LongAdder adder = new LongAdder();
        final LongAdder[] perKeyAdder = new LongAdder[SharedState.KEYS];

        @Setup(Level.Trial)
        public void setUp() {
            for (int k = 0; k < SharedState.KEYS; k++) {
                perKey[k] = new AtomicLong();
                perKeyAdder[k] = new LongAdder();
            }
        }
    }

    /** One Pekko actor system and one actor for the whole trial. */
    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem system;
        ActorRef actor;
        final SharedState state = new SharedState();
        volatile int work;
        volatile Completion completion;

        @Setup(Level.Trial)
        public void setUp() {
            system = PekkoSupport.newSystem("mailbox-vs-locks");
            actor = system.actorOf(Props.create(StateActor.class, () -> new StateActor(this)), "state");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            PekkoSupport.terminate(system);
        }
    }

    /** The Pekko actor: applies each key it receives, and counts. */
    static final class StateActor extends AbstractActor {
        private final Pekko owner;

        StateActor(Pekko owner) {
            this.owner = owner;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Integer.class, k -> {
                        owner.state.update(k, owner.work);
                        owner.completion.processed();
                    })
                    .build();
        }
    }

    /** Fails the run if a contender lost or duplicated an update. */
    static final class Checks {
        private Checks() {
        }

        static long consistent(SharedState state) {
            if (state.count() != state.mapTotal() || state.count() % TOTAL != 0) {
                throw new IllegalStateException("lost or duplicated updates: count " + state.count()
                        + ", map " + state.mapTotal());
            }
            return state.count();
        }
    }

}
