package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveResult;
import dev.channels.hazelcast.internal.HzChannel;
import dev.channels.hazelcast.internal.SendHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The close protocol under a race, with exact accounting: a send that returned normally is received exactly once,
 * a send that threw is never received, nothing is left in the queue. One sender is held by the test hook between
 * its pre-check (open) and its offer until the close has happened and every receiver has concluded "closed":
 * the window in which check-then-offer strands a value. The negative control runs the same schedule with
 * check-then-offer and must find that value stranded.
 */
class CloseRaceTest {
    static HzTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = HzTestCluster.start(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static HazelcastInstance a() {
        return cluster.member(0);
    }

    static HazelcastInstance b() {
        return cluster.member(1);
    }

    /** What one trial observed. */
    record Outcome(List<Integer> received, Set<Integer> acked, Set<Integer> refused, int leftInQueue) {
        Set<Integer> stranded() {
            Set<Integer> s = new HashSet<>(acked);
            s.removeAll(received);
            return s;
        }
    }

    /** Holds one sender between pre-check and offer, once armed. */
    static final class Holder implements SendHook {
        final boolean naive;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;

        Holder(boolean naive) {
            this.naive = naive;
        }

        @Override
        public boolean checkThenOffer() {
            return naive;
        }

        @Override
        public void beforeOffer() throws InterruptedException {
            if (armed && held.getCount() == 1) {
                held.countDown();
                release.await();
            }
        }
    }

    static Outcome race(boolean naive) throws Exception {
        String name = cluster.nameOwnedBy(a(), "race");
        int threshold = 100;
        CountDownLatch enoughReceived = new CountDownLatch(threshold);
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        Set<Integer> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<Integer> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Holder holder = new Holder(naive);

        List<Async<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            HzChannel<Integer> ch = (HzChannel<Integer>) HazelcastChannels.on(s % 2 == 0 ? a() : b())
                    .<Integer>buffered(name, 8);
            ch.hook(s == 0 ? holder : (naive ? new SendHook() {
                @Override
                public boolean checkThenOffer() {
                    return true;
                }
            } : SendHook.NONE));
            int base = s * 1_000_000;
            senders.add(Async.start(() -> {
                for (int i = 0; ; i++) {
                    try {
                        ch.send(base + i);
                        acked.add(base + i);
                    } catch (ChannelClosedException e) {
                        refused.add(base + i);
                        return null;
                    }
                }
            }));
        }
        List<Async<Void>> receivers = new ArrayList<>();
        for (HazelcastInstance hz : List.of(a(), b())) {
            DistributedChannel<Integer> ch = HazelcastChannels.on(hz).buffered(name, 8);
            receivers.add(Async.start(() -> {
                for (ReceiveResult<Integer> v; (v = ch.receiveOrClosed()).isReceived(); ) {
                    received.add(v.orElseThrow());
                    enoughReceived.countDown();
                }
                return null;
            }));
        }
        enoughReceived.await();
        holder.armed = true;
        holder.held.await();                        // sender 0 passed its pre-check: open
        assertTrue(HazelcastChannels.on(b()).buffered(name, 8).close());
        for (Async<Void> r : receivers) {
            r.get();                                 // every receiver concluded "closed and drained"
        }
        holder.release.countDown();
        for (Async<Void> s : senders) {
            s.get();
        }
        int left = HazelcastChannels.on(a()).buffered(name, 8).size();
        HazelcastChannels.on(a()).destroy(name);
        return new Outcome(new ArrayList<>(received), acked, refused, left);
    }

    @RepeatedTest(5)
    void offerThenCheckStrandsNothingAndDeliversEachAcknowledgedSendOnce() throws Exception {
        for (int trial = 0; trial < Integer.getInteger("stress.factor", 1); trial++) {
            Outcome o = race(false);
            assertEquals(new HashSet<>(o.received()).size(), o.received().size(), "a value was received twice");
            assertEquals(o.acked(), new HashSet<>(o.received()), "received == acknowledged sends");
            for (int r : o.refused()) {
                assertFalse(o.received().contains(r), "a send that threw was received: " + r);
            }
            assertEquals(0, o.leftInQueue(), "values left in the closed queue");
            assertEquals(4, o.refused().size(), "each sender ended on exactly one refused send");
            assertTrue(o.acked().size() >= 100);
        }
    }

    /** Negative control: the same schedule with check-then-offer strands the held sender's value. */
    @Test
    void checkThenOfferStrandsTheHeldValue() throws Exception {
        Outcome o = race(true);
        assertFalse(o.stranded().isEmpty(), "check-then-offer should have stranded the held value");
        assertTrue(o.stranded().stream().anyMatch(v -> v < 1_000_000),
                "the held sender's value is among the stranded: " + o.stranded());
        assertTrue(o.leftInQueue() >= 1, "the stranded value sits in the closed queue");
    }

    /** Holds the sender at one point, once. */
    static final class OneShot implements SendHook {
        final boolean afterOffer;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        OneShot(boolean afterOffer) {
            this.afterOffer = afterOffer;
        }

        @Override
        public void beforeOffer() throws InterruptedException {
            if (!afterOffer) {
                hold();
            }
        }

        @Override
        public void afterOffer() throws InterruptedException {
            if (afterOffer) {
                hold();
            }
        }

        private void hold() throws InterruptedException {
            held.countDown();
            release.await();
        }
    }

    @Test
    void aSendHeldBeforeItsOfferWhileAnotherMemberClosesIsRetractedAndThrows() throws Exception {
        assertRetracted(false);
    }

    @Test
    void aSendHeldAfterItsOfferWhileAnotherMemberClosesIsRetractedAndThrows() throws Exception {
        assertRetracted(true);
    }

    private static void assertRetracted(boolean afterOffer) throws Exception {
        String name = cluster.nameOwnedBy(b(), "retract");
        HzChannel<Integer> ch = (HzChannel<Integer>) HazelcastChannels.on(a()).<Integer>buffered(name, 4);
        OneShot hook = new OneShot(afterOffer);
        ch.hook(hook);
        Async<Void> send = Async.<Void>start(() -> {
            ch.send(42);
            return null;
        });
        hook.held.await();
        DistributedChannel<Integer> other = HazelcastChannels.on(b()).buffered(name, 4);
        assertTrue(other.close());
        hook.release.countDown();
        assertInstanceOf(ChannelClosedException.class, send.failure());
        assertEquals(0, other.size(), "the retracted value is gone");
        assertEquals(ReceiveResult.closed(null), other.receiveOrClosed(), "closed and drained: nothing to receive");
    }

    @Test
    void aValueTakenBeforeTheRetractionCountsAsSentAndIsReceivedOnce() throws Exception {
        String name = cluster.nameOwnedBy(b(), "taken");
        HzChannel<Integer> ch = (HzChannel<Integer>) HazelcastChannels.on(a()).<Integer>buffered(name, 4);
        OneShot hook = new OneShot(true);
        ch.hook(hook);
        Async<Void> send = Async.<Void>start(() -> {
            ch.send(42);
            return null;
        });
        hook.held.await();                              // offered, post-check not yet run
        DistributedChannel<Integer> other = HazelcastChannels.on(b()).buffered(name, 4);
        assertEquals(42, other.receive());
        assertTrue(other.close());
        hook.release.countDown();
        send.get();                                     // returned normally: the value was delivered
        assertEquals(ReceiveResult.closed(null), other.receiveOrClosed(), "and only once");
    }
}
