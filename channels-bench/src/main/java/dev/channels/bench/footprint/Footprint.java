package dev.channels.bench.footprint;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.function.IntFunction;

import dev.channels.Channel;
import dev.channels.bench.mailbox.PekkoSupport;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * Footprint of idle objects: retained heap per idle channel and per idle actor, and the total for 1,000,000
 * idle actors. Not a JMH benchmark (nothing is timed): it creates N objects, keeps them reachable, and reads the
 * heap in use after full collections, before and after. Run it in its own JVM with a large heap:
 *
 * <pre>java -Xmx6g -cp benchmarks.jar dev.channels.bench.footprint.Footprint [out.md]</pre>
 *
 * <p>An idle "actor loop" (Jox) is a virtual thread parked in receive on its own unlimited channel: its stack
 * lives on the heap while parked, so it is counted.
 */
public final class Footprint {
    private static final int CHANNELS = 100_000;
    private static final int ACTORS = 1_000_000;

    private Footprint() {
    }

    record Row(String what, int count, long bytes) {
        String markdown() {
            return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.1f MB |", what, count, (double) bytes / count,
                    bytes / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(measure("ours: Channel.unbuffered()", CHANNELS, i -> Channel.unbuffered()));
        rows.add(measure("ours: Channel.buffered(16)", CHANNELS, i -> Channel.buffered(16)));
        rows.add(measure("ours: Channel.unbounded()", CHANNELS, i -> Channel.unbounded()));
        rows.add(measure("jox: newRendezvousChannel()", CHANNELS,
                i -> com.softwaremill.jox.Channel.newRendezvousChannel()));
        rows.add(measure("jox: newBufferedChannel(16)", CHANNELS,
                i -> com.softwaremill.jox.Channel.newBufferedChannel(16)));
        rows.add(measure("jox: newUnlimitedChannel()", CHANNELS,
                i -> com.softwaremill.jox.Channel.newUnlimitedChannel()));
        rows.add(measure("jdk: SynchronousQueue", CHANNELS, i -> new SynchronousQueue<>()));
        rows.add(measure("jdk: ArrayBlockingQueue(16)", CHANNELS, i -> new ArrayBlockingQueue<>(16)));
        rows.add(oursActors(ACTORS));
        rows.add(joxActorLoops(ACTORS));
        rows.add(pekkoActors(ACTORS));
        rows.forEach(r -> System.err.println(r.markdown()));

        StringBuilder md = new StringBuilder();
        md.append("Retained heap after full GCs, per idle object (`Footprint`, JDK ")
                .append(Runtime.version()).append(", -Xmx").append(Runtime.getRuntime().maxMemory() >> 20)
                .append("m). An idle actor loop is a virtual thread parked in `receive` on its own channel.\n\n");
        md.append("| idle object | count | bytes each | total |\n|---|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(r.markdown()).append('\n');
        }
        System.out.print(md);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), md.toString());
        }
        // Pekko's system (a million actors) is still running; do not wait for its shutdown.
        System.exit(0);
    }

    private static Row measure(String what, int n, IntFunction<Object> create) {
        Object[] keep = new Object[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            keep[i] = create.apply(i);
        }
        long after = usedAfterGc();
        reachabilityFence(keep);
        return new Row(what, n, after - before);
    }

    /** n idle state actors of ours (never sent anything), in one system that is closed after. */
    private static Row oursActors(int n) {
        try (dev.channels.actors.ActorSystem system = dev.channels.actors.ActorSystem.create("footprint")) {
            Object[] refs = new Object[n];
            long before = usedAfterGc();
            for (int i = 0; i < n; i++) {
                refs[i] = system.spawn(new Object());
            }
            long after = usedAfterGc();
            reachabilityFence(refs);
            return new Row("ours: idle state actor (ActorSystem.spawn)", n, after - before);
        }
    }

    /** n virtual threads, each parked in receive on its own Jox unlimited channel; closed and joined after. */
    private static Row joxActorLoops(int n) throws InterruptedException {
        @SuppressWarnings("unchecked")
        com.softwaremill.jox.Channel<Object>[] mailboxes = new com.softwaremill.jox.Channel[n];
        Thread[] threads = new Thread[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            com.softwaremill.jox.Channel<Object> mb = com.softwaremill.jox.Channel.newUnlimitedChannel();
            mailboxes[i] = mb;
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    while (!(mb.receiveOrClosed() instanceof com.softwaremill.jox.ChannelClosed)) {
                        // an idle actor: nothing arrives
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        // Let every thread reach its park before measuring.
        Thread.sleep(2000);
        long after = usedAfterGc();
        for (com.softwaremill.jox.Channel<Object> mb : mailboxes) {
            mb.done();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Row("jox actor loop (virtual thread + unlimited channel)", n, after - before);
    }

    /** The system is left running: stopping a million actors takes Pekko longer than the measurement. */
    private static Row pekkoActors(int n) throws Exception {
        ActorSystem system = PekkoSupport.newSystem("footprint");
        Props props = Props.create(Idle.class, Idle::new);
        Object[] refs = new Object[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            refs[i] = system.actorOf(props);
        }
        Thread.sleep(3000);
        long after = usedAfterGc();
        reachabilityFence(refs);
        return new Row("pekko classic actor (default dispatcher)", n, after - before);
    }

    static final class Idle extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(m -> {
            }).build();
        }
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void reachabilityFence(Object o) {
        java.lang.ref.Reference.reachabilityFence(o);
    }

}
