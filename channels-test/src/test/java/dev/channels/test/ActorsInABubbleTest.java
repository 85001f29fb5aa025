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

/** Actors spawned in a bubble run their reader threads in it; time moves while they wait for mail. */
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
}
