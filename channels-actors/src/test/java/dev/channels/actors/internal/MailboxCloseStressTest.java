package dev.channels.actors.internal;

import dev.channels.ChannelClosedException;
import dev.channels.actors.MailboxFullException;
import dev.channels.actors.Overflow;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every policy, senders racing a close, with exact accounting: each value sent is received by the reader, or
 * handed to the dead letters, or refused by its send (which threw), exactly one of the three; the reader's
 * onClosed runs once, after its last value. Runs with no linger (a hand-over whenever the queue runs dry) and the
 * default; rounds scale with {@code -Dstress.factor} (the {@code -Pstress} profile).
 */
@Timeout(600)
class MailboxCloseStressTest {
    private static final int ROUNDS = 15 * Integer.getInteger("stress.factor", 1);
    private static final int SENDERS = 4;
    private static final int EACH = 2_000;

    @ParameterizedTest
    @EnumSource(Overflow.class)
    void everyValueIsReceivedDeadLetteredOrRefusedExactlyOnce(Overflow policy) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            for (long linger : new long[]{0L, Mailbox.LINGER_NANOS}) {
                for (int capacity : new int[]{1, 3, Integer.MAX_VALUE}) {
                    if (capacity == Integer.MAX_VALUE && policy != Overflow.BLOCK) {
                        continue; // unbounded ignores the policy
                    }
                    runRound(policy, capacity, linger, round);
                }
            }
        }
    }

    private static void runRound(Overflow policy, int capacity, long linger, int round) throws Exception {
        Collecting<Integer> reader = new Collecting<>();
        Mailbox<Integer> mb = Collecting.mailbox(reader, capacity, policy, linger);
        ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int base = s * EACH;
            senders.add(Thread.ofPlatform().start(() -> {
                MailboxTest.await(start);
                for (int i = 0; i < EACH; i++) {
                    int v = base + i;
                    try {
                        mb.send(v);
                    } catch (ChannelClosedException | MailboxFullException e) {
                        refused.add(v);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        start.countDown();
        int closeAfter = (round * 7919) % (SENDERS * EACH);
        while (reader.values.size() + reader.dead.size() + refused.size() < closeAfter && !allDone(senders)) {
            Thread.onSpinWait(); // let the close land at a different point each round
        }
        mb.close();
        for (Thread t : senders) {
            t.join();
        }
        String where = policy + " capacity " + capacity + " linger " + linger + " round " + round;
        assertTrue(reader.closed.await(60, TimeUnit.SECONDS), where + ": reader never closed on " + mb);
        assertNull(reader.violation, where);
        assertEquals(1, reader.closedCalls.get(), where);
        BitSet seen = new BitSet();
        int total = 0;
        for (Iterable<?> part : List.<Iterable<?>>of(reader.values, reader.dead, refused)) {
            for (Object o : part) {
                int v = (Integer) o;
                assertTrue(!seen.get(v), where + ": value " + v + " accounted twice");
                seen.set(v);
                total++;
            }
        }
        assertEquals(SENDERS * EACH, total, where + ": sent = received + dead letters + refused");
        assertEquals(0, mb.size(), where);
    }

    private static boolean allDone(List<Thread> threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
