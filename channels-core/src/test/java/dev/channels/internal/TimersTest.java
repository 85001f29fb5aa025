package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.ReceiveChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Go 1.23 timers: no thread per timer, and a timer whose channel nobody references is collected with it. */
@Timeout(120)
class TimersTest {

    @Test
    void aPendingAfterWhoseChannelIsDroppedIsCollectedBeforeItFires() {
        int n = 10_000;
        List<WeakReference<ReceiveChannel<Instant>>> dropped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dropped.add(new WeakReference<>(Channels.after(Duration.ofMinutes(10)))); // a select loop's fresh timeout
        }
        ReceiveChannel<Instant> kept = Channels.after(Duration.ofMinutes(10));
        for (int i = 0; i < 50 && dropped.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            LockSupport.parkNanos(10_000_000L); // waits for the collector, not for the code under test
        }
        assertTrue(dropped.stream().allMatch(r -> r.get() == null), "the channels were collected though pending");
        int pending = -1;
        for (int i = 0; i < 50 && (pending = Timers.pending()) > 1; i++) {
            System.gc();
            LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(1, pending, "only the referenced timer is still pending");
        assertFalse(kept.tryReceive().isReceived());
    }

    @Test
    void noThreadPerTimerAndTheSharedThreadEndsWhenNothingIsPending() throws InterruptedException {
        List<ReceiveChannel<Instant>> timers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            timers.add(Channels.after(Duration.ofMillis(1 + i % 5)));
        }
        for (ReceiveChannel<Instant> t : timers) {
            t.receive();
        }
        timers.clear();
        while (Timers.worker() != null) { // ends once nothing is pending; another test's dropped timer may still be
            System.gc();                  // pending until it is collected
            Timers.pending();             // purges the collected ones (and wakes the worker when none is left)
            LockSupport.parkNanos(10_000_000L);
        }
        assertNull(Timers.worker());
    }

    @Test
    void aStoppedTickerIsRemovedFromThePendingTimers() {
        int before = Timers.pending();
        var ticker = Channels.ticker(Duration.ofHours(1));
        assertEquals(before + 1, Timers.pending());
        ticker.stop();
        assertEquals(before, Timers.pending());
        Channel<Integer> unrelated = Channel.unbuffered();
        assertFalse(unrelated.tryReceive().isReceived());
    }
}
