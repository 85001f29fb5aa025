package dev.channels.test;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Scope;
import dev.channels.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Example: a rate limiter driven by a ticker (Go by Example's "Rate Limiting") serves one virtual hour of traffic;
 * the test takes a fraction of a second of real time and its counts are exact.
 */
@Timeout(60)
class RateLimiterTest {

    @Test
    void oneVirtualHourAtOneRequestPer200MillisServesExactly18000() {
        SyncTest.run(() -> {
            Instant start = SyncTest.now();
            Instant end = start.plus(Duration.ofHours(1));
            Channel<Integer> requests = Channel.buffered(5);
            try (Scope scope = Scope.open()) {
                scope.go(() -> { // a client that always has a request waiting
                    try {
                        for (int i = 0; ; i++) {
                            requests.send(i);
                        }
                    } catch (ChannelClosedException serverStopped) {
                        // done
                    }
                });
                long served = 0;
                int last = -1;
                try (Ticker limiter = Channels.ticker(Duration.ofMillis(200))) {
                    for (Instant tick : limiter.channel()) { // Go: for req := range requests { <-limiter; ... }
                        if (tick.isAfter(end)) {
                            break;
                        }
                        last = requests.receive();
                        served++;
                    }
                }
                requests.close();
                assertEquals(18_000, served, "5 per second for 3,600 s");
                assertEquals(17_999, last, "in order, none lost");
                assertEquals(end.plusMillis(200), SyncTest.now(), "stopped at the first tick past the hour");
            }
        });
    }
}
