package dev.channels.bench.mailbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 1, ask: the round trip of a request that updates the state and returns a result, as latency
 * percentiles (SampleTime). JMH's platform threads are the askers ({@code -t 1}, {@code -t 2}); each asks and
 * waits, so a round trip never outlives its invocation. The lock row is the same request done in place.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AskLatency {
    private final SharedState lockedState = new SharedState();

    /** Each asker's key and its reply slot for the Jox loop. */
    @State(Scope.Thread)
    public static class Asker {
        private static final java.util.concurrent.atomic.AtomicInteger NEXT =
                new java.util.concurrent.atomic.AtomicInteger();
        final Integer key = NEXT.getAndIncrement() & (SharedState.KEYS - 1);
        final Channel<Integer> reply = Channel.newBufferedChannel(1);
    }

    @Benchmark
    public long synchronizedBlock(Asker a) {
        synchronized (lockedState) {
            lockedState.update(a.key, 0);
            return lockedState.count();
        }
    }

    @Benchmark
    public Integer joxActorLoop(JoxLoop loop, Asker a) throws InterruptedException {
        loop.mailbox.send(a);
        return a.reply.receive();
    }

    @Benchmark
    public Integer oursAsk(OurActor o, Asker a) throws InterruptedException {
        return o.ref.ask(st -> {
            st.update(a.key, 0);
            return a.key;
        });
    }

    @Benchmark
    public Object pekkoAsk(Pekko p, Asker a) {
        return Patterns.ask(p.actor, a.key, Duration.ofSeconds(10)).toCompletableFuture().join();
    }

    /** A virtual thread looping over a Jox unlimited channel; it replies on the asker's channel. */
    @State(Scope.Benchmark)
    public static class JoxLoop {
        final Channel<Asker> mailbox = Channel.newUnlimitedChannel();
        final SharedState state = new SharedState();
        Thread actor;

        @Setup(Level.Trial)
        public void setUp() {
            actor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Object m = mailbox.receiveOrClosed();
                        if (m instanceof ChannelClosed) {
                            return;
                        }
                        Asker a = (Asker) m;
                        state.update(a.key, 0);
                        a.reply.send(a.key);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            mailbox.done();
            actor.join();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem system;
        ActorRef actor;

        @Setup(Level.Trial)
        public void setUp() {
            system = PekkoSupport.newSystem("ask-latency");
            actor = system.actorOf(Props.create(Replier.class, Replier::new), "replier");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            PekkoSupport.terminate(system);
        }
    }

    static final class Replier extends AbstractActor {
        private final SharedState state = new SharedState();

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Integer.class, k -> {
                        state.update(k, 0);
                        getSender().tell(k, getSelf());
                    })
                    .build();
        }
    }
}
