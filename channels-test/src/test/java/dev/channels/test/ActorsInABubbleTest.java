package dev.channels.test;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.actors.ActorRef;
import dev.channels.actors.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Actors spawned in a bubble run their reader threads in it; time moves while they wait for mail, and a timed ask
 * runs on the virtual clock.
 */
@Timeout(60)
class ActorsInABubbleTest {
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void aTickerFeedsAnActorOnVirtualTime() {
        SyncTest.run(() -> {
            try (ActorSystem system = ActorSystem.create("bubble")) {
                ActorRef<List<Instant>> log = system.spawn(new ArrayList<>());
                Channel<Boolean> done = Channel.unbuffered();
                try (var ticker = Channels.ticker(Duration.ofMinutes(1))) {
                    for (int i = 0; i < 3; i++) {
                        Instant tick = ticker.channel().receive();
                        log.tell(l -> l.add(tick));
                    }
                }
                log.tell(l -> {
                    try {
                        done.send(true); // the actor's reader thread blocks in the bubble, durably
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                done.receive();
                assertEquals(List.of(START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(180)),
                        log.ask(List::copyOf));
                assertEquals(START.plusSeconds(180), SyncTest.now());
            }
        });
    }

    @Test
    void aTimedAskTimesOutOnTheVirtualClock() {
        SyncTest.run(() -> {
            try (ActorSystem system = ActorSystem.create("slow")) {
                ActorRef<int[]> slow = system.spawn(new int[1]);
                org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
                        () -> slow.ask(s -> {
                            try {
                                SyncTest.sleep(Duration.ofMinutes(10)); // the handler takes ten virtual minutes
                            } catch (InterruptedException e) {
                                throw new AssertionError(e);
                            }
                            return s[0];
                        }, Duration.ofMinutes(1)));
                assertEquals(START.plusSeconds(60), SyncTest.now(), "gave up after exactly one virtual minute");
                assertEquals(Integer.valueOf(0), slow.<Integer>ask(s -> s[0]),
                        "the next ask waits for the slow one: ten minutes in all");
                assertEquals(START.plusSeconds(600), SyncTest.now());
            }
        });
    }
}
