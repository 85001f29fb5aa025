package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Close racing hand-offs to partners that are already waiting, on an unbuffered channel and real threads, with
 * exact accounting. Each round: two receivers block in {@code receive()} (so senders usually find a partner
 * already waiting), three senders mix {@code send} and {@code trySend}, and a closer closes after a random
 * number of hand-offs. Checked per round:
 * <ul>
 *   <li>every value whose send (or successful trySend) returned was received exactly once, and no value whose
 *       send threw or whose trySend returned false was received;</li>
 *   <li>no send succeeded that started after its thread saw the channel closed, either through
 *       {@code isClosed()} or through the closer's "close returned" flag (read before the send starts).</li>
 * </ul>
 * Written for the issue 13 experiment of a lock-free claim of the waiting partner (reverted; see
 * {@code channels-bench/results/lockfree-claim-2026-11-30.md}). Against that experiment's code with close
 * publishing {@code closed} before firing its waiters and the claim not reading {@code closed}, round 0 already
 * reported a send that succeeded after {@code isClosed()} said true.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CloseRacesHandOffTest {
    private static final int ROUNDS = 300 * Conc.STRESS;
    private static final int SENDERS = 3;
    private static final int RECEIVERS = 2;

    @Test
    void closeRacingHandOffsLosesNothingAndAdmitsNoLateSend() throws Exception {
        SplittableRandom seeds = new SplittableRandom(13);
        int totalDelivered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            totalDelivered += round(round, seeds.split());
        }
        assertTrue(totalDelivered > 0, "no hand-off happened in any round: the test exercised nothing");
    }

    /** One round; returns the number of values delivered. */
    private static int round(int round, SplittableRandom random) throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        int closeAfter = random.nextInt(40);
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> notSent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        boolean[] closeReturned = new boolean[1];
        Object closeLock = new Object();

        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < RECEIVERS; r++) {
            threads.add(new Thread(() -> {
                try {
                    for (;;) {
                        received.add(ch.receive());
                        if (delivered.incrementAndGet() >= closeAfter) {
                            enough.countDown();
                        }
                    }
                } catch (ChannelClosedException e) {
                    // done
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            boolean useTrySend = random.nextBoolean();
            threads.add(new Thread(() -> {
                try {
                    for (int k = 0; ; k++) {
                        // unique per round: a trySend sender can fail more than a million times in a round, so
                        // ranges of the form sender * 1_000_000 + k overlapped (seen under -Pstress)
                        int v = k * SENDERS + sender;
                        boolean closedBefore;
                        synchronized (closeLock) {
                            closedBefore = closeReturned[0];
                        }
                        closedBefore |= ch.isClosed();
                        boolean ok;
                        try {
                            if (useTrySend) {
                                ok = ch.trySend(v);
                            } else {
                                ch.send(v);
                                ok = true;
                            }
                        } catch (ChannelClosedException e) {
                            notSent.add(v);
                            return;
                        }
                        if (ok) {
                            sent.add(v);
                            if (closedBefore) {
                                violations.add("round " + round + ": value " + v
                                        + " was sent by a send that started after the channel was seen closed");
                            }
                        } else {
                            notSent.add(v);
                            Thread.onSpinWait();
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        Thread closer = new Thread(() -> {
            try {
                enough.await();
                ch.close();
                synchronized (closeLock) {
                    closeReturned[0] = true;
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        threads.forEach(Thread::start);
        if (closeAfter == 0) {
            enough.countDown();
        }
        closer.start();
        for (Thread t : threads) {
            t.join();
        }
        closer.join();

        assertTrue(failures.isEmpty(), "round " + round + ": " + failures);
        assertTrue(violations.isEmpty(), violations.toString());
        Map<Integer, Integer> counts = new HashMap<>();
        for (Integer v : received) {
            counts.merge(v, 1, Integer::sum);
        }
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            assertEquals(1, e.getValue(), "round " + round + ": value " + e.getKey() + " received more than once");
        }
        Set<Integer> sentSet = new HashSet<>(sent);
        assertEquals(sent.size(), sentSet.size(), "round " + round + ": a value reported sent twice");
        assertEquals(sentSet, counts.keySet(), "round " + round + ": the values received are not the values sent");
        for (Integer v : notSent) {
            assertTrue(!counts.containsKey(v), "round " + round + ": value " + v + " was not sent but received");
        }
        return received.size();
    }
}
