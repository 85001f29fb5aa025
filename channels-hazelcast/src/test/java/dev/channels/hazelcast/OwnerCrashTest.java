package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveResult;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's owner is terminated (no graceful migration) mid-stream: producer on A, consumer on B, owner C.
 * In the first two tests the consumer pauses a third of the way in, until the producer has filled the queue; then
 * C is terminated and the consumer resumes. In the third the consumer keeps receiving while C is terminated, so
 * that a receive can be in flight at the crash (repeated under {@code -Pstress}).
 * With one backup no acknowledged value may be lost; duplicates (a retried offer whose first attempt had been
 * applied) are counted and bounded by the operations in flight. With no backup the values queued on C are
 * lost: bounded by the capacity plus the operations in flight.
 */
class OwnerCrashTest {
    static final int CAPACITY = 32;

    @Test
    void withOneBackupNoAcknowledgedValueIsLost() throws Exception {
        Accounting a = crashMidStream(1, true);
        assertTrue(a.lost().isEmpty(), "acknowledged values lost: " + a);
        assertTrue(a.duplicates() <= 2, "duplicates beyond the operations in flight: " + a);
    }

    @Test
    void withOneBackupAReceiveInFlightAtTheCrashLosesNothing() throws Exception {
        int trials = Integer.getInteger("stress.factor", 1);
        for (int t = 0; t < trials; t++) {
            Accounting a = crashMidStream(1, false);
            assertTrue(a.lost().isEmpty(), "trial " + t + ": acknowledged values lost: " + a);
            assertTrue(a.duplicates() <= 2, "trial " + t + ": duplicates beyond the operations in flight: " + a);
        }
    }

    @Test
    void withNoBackupTheLossIsBoundedByWhatWasQueuedOnTheOwner() throws Exception {
        Accounting a = crashMidStream(0, true);
        assertTrue(a.lost().size() <= CAPACITY + 2, "lost more than the queue could hold: " + a);
        assertTrue(!a.lost().isEmpty(), "with no backup the queued values go with their owner: " + a);
        assertTrue(a.duplicates() <= 2, "duplicates beyond the operations in flight: " + a);
    }

    private static Accounting crashMidStream(int backups, boolean pause) throws Exception {
        int total = pause ? 1500 * Integer.getInteger("stress.factor", 1) : 1500;
        int killAfter = total / 3;
        try (HzTestCluster cluster = HzTestCluster.start(3)) {
            HazelcastInstance a = cluster.member(0);
            HazelcastInstance b = cluster.member(1);
            HazelcastInstance c = cluster.member(2);
            HazelcastChannels.Options options = HazelcastChannels.Options.defaults().withBackupCount(backups);
            String name = cluster.nameOwnedBy(c, "crash");
            DistributedChannel<Integer> out = HazelcastChannels.on(a, options).buffered(name, CAPACITY);
            DistributedChannel<Integer> in = HazelcastChannels.on(b, options).buffered(name, CAPACITY);
            ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
            AtomicInteger sendErrors = new AtomicInteger();
            AtomicInteger receiveErrors = new AtomicInteger();
            CountDownLatch pausePoint = new CountDownLatch(killAfter);
            CountDownLatch resume = new CountDownLatch(1);
            CountDownLatch killPoint = new CountDownLatch(killAfter);
            Async<Void> producer = Async.<Void>start(() -> {
                for (int i = 0; i < total; i++) {
                    try {
                        out.send(i);
                        acked.add(i);
                        killPoint.countDown();
                    } catch (ChannelClosedException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        sendErrors.incrementAndGet(); // outcome unknown: not acknowledged
                    }
                }
                out.close();
                return null;
            });
            Async<Void> consumer = Async.<Void>start(() -> {
                for (;;) {
                    try {
                        ReceiveResult<Integer> v = in.receiveOrClosed();
                        if (!v.isReceived()) {
                            return null;
                        }
                        received.add(v.orElseThrow());
                        if (pause && pausePoint.getCount() > 0) {
                            pausePoint.countDown();
                            if (pausePoint.getCount() == 0) {
                                resume.await();
                            }
                        }
                    } catch (ChannelClosedException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        receiveErrors.incrementAndGet();
                    }
                }
            });
            if (pause) {
                pausePoint.await();
                awaitFull(in);
            } else {
                killPoint.await(); // the consumer keeps receiving: a receive may be in flight at the crash
            }
            c.getLifecycleService().terminate();
            resume.countDown();
            producer.get();
            consumer.get();
            Accounting result = Accounting.of(acked, received);
            System.out.println("owner crash, backupCount " + backups + (pause ? ", consumer paused" : ", consumer running")
                    + ": " + result + "; send errors "
                    + sendErrors + ", receive errors " + receiveErrors);
            return result;
        }
    }

    /** Waits (yielding, without sleeping) until the paused consumer has let the producer fill the queue. */
    private static void awaitFull(DistributedChannel<Integer> ch) {
        long limit = System.nanoTime() + 60_000_000_000L;
        while (ch.size() < CAPACITY) {
            assertTrue(System.nanoTime() - limit < 0, "the queue did not fill");
            Thread.yield();
        }
    }
}
