package dev.channels.bench.mailbox;

import dev.channels.actors.ActorRef;
import dev.channels.actors.ActorSystem;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Our actor system and one state actor for the whole trial (the tell and the ask benchmarks share it). */
@State(Scope.Benchmark)
public class OurActor {
    ActorSystem system;
    ActorRef<SharedState> ref;

    @Setup(Level.Trial)
    public void setUp() {
        system = ActorSystem.create("bench");
        ref = system.spawn(new SharedState());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }
}
