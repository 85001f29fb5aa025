package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Scope;
import dev.channels.Select;
import dev.channels.WaitGroup;
import dev.channels.internal.Bubble;
import dev.channels.internal.Timers;
import dev.channels.test.internal.BubbleImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based suites run thousands of bubbles: each must leave nothing behind. */
@Timeout(300)
class ManyBubblesTest {
    static final int BUBBLES = 10_000 * Integer.getInteger("stress.factor", 1);

    @Test
    void tenThousandBubblesInARowLeaveNoThreadTimerOrRegistrationBehind() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Channel<Integer>> channels = new ArrayList<>();
        for (int i = 0; i < BUBBLES; i++) {
            int n = i;
            Channel<Integer> ch = Channel.unbuffered();
            channels.add(ch);
            SyncTest.run(() -> {
                threads.add(Thread.currentThread());
                var ticker = Channels.ticker(Duration.ofSeconds(1)); // stopped below
                var pendingForever = Channels.after(Duration.ofDays(1)); // never fires: dropped with the bubble
                WaitGroup wg = new WaitGroup();
                try (Scope scope = Scope.open()) {
                    scope.go(() -> {
                        threads.add(Thread.currentThread());
                        ch.send(n);
                    });
                    wg.go(() -> {
                        threads.add(Thread.currentThread());
                        SyncTest.sleep(Duration.ofMillis(1));
                    });
                    int got = Select.<Integer>builder()
                            .onReceive(ch, v -> v)
                            .onTimeout(Duration.ofSeconds(5), () -> -1)
                            .select();
                    assertEquals(n, got);
                    ticker.channel().receive();
                    wg.await();
                }
                ticker.stop();
                assertFalse(pendingForever.tryReceive().isReceived());
            });
        }
        assertEquals(0, Bubble.memberCount(), "no thread is registered in a bubble any more");
        assertEquals(0, BubbleImpl.openBubbles());
        assertEquals(0, Timers.pending(), "no bubble timer went to the global timer");
        assertEquals(3 * BUBBLES, threads.size());
        for (Thread t : threads) {
            assertFalse(t.isAlive(), t + " is still alive");
        }
        for (Channel<Integer> ch : channels) {
            assertEquals(0, ((dev.channels.internal.ChannelImpl<?>) ch).waitingReceivers());
            assertEquals(0, ((dev.channels.internal.ChannelImpl<?>) ch).waitingSenders());
        }
        assertTrue(Bubble.ofCurrentThread() == null);
    }
}
