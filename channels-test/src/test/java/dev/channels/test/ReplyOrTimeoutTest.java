package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Scope;
import dev.channels.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Example: a request that waits for a reply or gives up after a timeout (a select with {@code onTimeout}). Under
 * real time the outcome depends on the scheduler when the two are close; in a bubble it depends only on the
 * virtual times, so it is the same on every run, and the test chooses it by where it lets time advance.
 */
@Timeout(120)
class ReplyOrTimeoutTest {

    /** The code under test: asks a slow service and waits at most {@code timeout} for its reply. */
    static String ask(Duration serviceTime, Duration timeout) throws Exception {
        Channel<String> reply = Channel.buffered(1); // the service never blocks on a caller that gave up
        try (Scope scope = Scope.open()) {
            scope.go(() -> {
                dev.channels.test.SyncTest.sleep(serviceTime);
                reply.send("reply");
            });
            return Select.<String>builder()
                    .onReceive(reply, r -> r)
                    .onTimeout(timeout, () -> "timeout")
                    .select();
        }
    }

    @Test
    void theSameOutcomeOnEveryOneOf1000Runs() {
        Map<String, Integer> outcomes = new HashMap<>();
        for (int run = 0; run < 1_000; run++) {
            SyncTest.run(() -> outcomes.merge(ask(Duration.ofMillis(999), Duration.ofSeconds(1)), 1, Integer::sum));
        }
        assertEquals(Map.of("reply", 1_000), outcomes, "one millisecond apart is a clear win in virtual time");
        outcomes.clear();
        for (int run = 0; run < 1_000; run++) {
            SyncTest.run(() -> outcomes.merge(ask(Duration.ofMillis(1001), Duration.ofSeconds(1)), 1, Integer::sum));
        }
        assertEquals(Map.of("timeout", 1_000), outcomes);
    }

    @Test
    void theTestForcesEachOutcomeByWhereItAdvancesTime() {
        SyncTest.run(() -> { // the reply is ready before the clock reaches the timeout
            Channel<String> reply = Channel.buffered(1);
            Thread service = SyncTest.threadFactory().newThread(() -> {
                try {
                    reply.send("reply");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            service.start();
            SyncTest.awaitIdle(); // the service has answered; no time has passed
            String r = Select.<String>builder()
                    .onReceive(reply, v -> v)
                    .onTimeout(Duration.ofSeconds(1), () -> "timeout")
                    .select();
            assertEquals("reply", r);
        });
        SyncTest.run(() -> { // the clock passes the timeout before the service answers
            Channel<String> go = Channel.unbuffered();
            Channel<String> reply = Channel.buffered(1);
            Thread service = SyncTest.threadFactory().newThread(() -> {
                try {
                    go.receive();
                    reply.send("reply");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            service.start();
            String r = Select.<String>builder()
                    .onReceive(reply, v -> v)
                    .onTimeout(Duration.ofSeconds(1), () -> "timeout")
                    .select(); // every thread blocked: time jumps to the timeout
            assertEquals("timeout", r);
            go.send("now answer");
            assertEquals("reply", reply.receive());
        });
    }
}
