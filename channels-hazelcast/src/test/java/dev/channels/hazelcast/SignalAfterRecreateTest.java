package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A receiver waiting on a channel that was destroyed and made again under the same name and capacity (the same
 * queue name) must be woken by the next send, on every node: Hazelcast drops a queue's item listeners with the
 * queue, so a node that kept its old item signal would wait a whole slice per value. The wait slice here is one
 * hour, so a missed wake-up shows as a receive that does not complete (Async's limit), not as a slow one.
 */
class SignalAfterRecreateTest {
    private static final HazelcastChannels.Options LONG_SLICE =
            HazelcastChannels.Options.defaults().withWaitSlice(Duration.ofHours(1));

    @Test
    void receiversOnOtherNodesAreWokenAfterDestroyAndRecreate() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            HazelcastInstance a = cluster.member(0);
            HazelcastInstance b = cluster.member(1);
            HazelcastInstance client = cluster.addClient();
            String name = "recreated-" + java.util.UUID.randomUUID();
            HazelcastChannels onA = HazelcastChannels.on(a, LONG_SLICE);
            HazelcastChannels onB = HazelcastChannels.on(b, LONG_SLICE);
            HazelcastChannels onClient = HazelcastChannels.on(client, LONG_SLICE);

            DistributedChannel<Integer> out = onA.buffered(name, 4);
            assertEquals(1, wokenReceive(onB.<Integer>buffered(name, 4), out, 1), "member, first incarnation");
            assertEquals(2, wokenReceive(onClient.<Integer>buffered(name, 4), out, 2), "client, first incarnation");

            onA.destroy(name);
            out = onA.buffered(name, 4);
            assertEquals(3, wokenReceive(onB.<Integer>buffered(name, 4), out, 3), "member, second incarnation");
            assertEquals(4, wokenReceive(onClient.<Integer>buffered(name, 4), out, 4), "client, second incarnation");
        }
    }

    @Test
    void receiversOnTheDestroyingNodeAreWokenAfterDestroyAndRecreate() throws Exception {
        try (HzTestCluster cluster = HzTestCluster.start(2)) {
            HazelcastInstance a = cluster.member(0);
            HazelcastInstance b = cluster.member(1);
            String name = "recreated-" + java.util.UUID.randomUUID();
            HazelcastChannels onA = HazelcastChannels.on(a, LONG_SLICE);
            HazelcastChannels onB = HazelcastChannels.on(b, LONG_SLICE);

            assertEquals(1, wokenReceive(onB.<Integer>buffered(name, 4), onA.buffered(name, 4), 1), "first");
            onB.destroy(name);
            assertEquals(2, wokenReceive(onB.<Integer>buffered(name, 4), onA.buffered(name, 4), 2), "second");
        }
    }

    /** Starts a receive on {@code in}, waits until it waits for its item signal, sends {@code v} on {@code out}. */
    static <T> T wokenReceive(DistributedChannel<T> in, DistributedChannel<T> out, T v) throws Exception {
        Async<T> r = Async.start(in::receive);
        awaitInSignalWait(r.thread);
        out.send(v);
        return r.get();
    }

    /** Waits (without sleeping) until {@code t} is parked inside ItemSignal.await. */
    static void awaitInSignalWait(Thread t) {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                for (StackTraceElement e : t.getStackTrace()) {
                    if (e.getClassName().endsWith("ItemSignal") && e.getMethodName().equals("await")) {
                        return;
                    }
                }
            }
            if (s == Thread.State.TERMINATED || System.nanoTime() - limit > 0) {
                throw new AssertionError("receiver did not reach its signal wait: " + s);
            }
            Thread.yield();
        }
    }
}
