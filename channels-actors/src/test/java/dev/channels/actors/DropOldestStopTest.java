package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 item 1, actor form: an actor with a DROP_OLDEST mailbox stopped while tells arrive must terminate,
 * and every tell must be accounted for (handled, dropped, or refused with {@link ActorStoppedException}).
 */
@Timeout(300)
class DropOldestStopTest {

    @Test
    void stopWhileTellsArriveTerminatesAndAccountsForEveryTell() throws Exception {
        try (ActorSystem system = ActorSystem.create("drop-oldest-stop")) {
            for (int round = 0; round < 300 * Integer.getInteger("stress.factor", 1); round++) {
                AtomicLong dropped = new AtomicLong();
                long[] handled = new long[1]; // the actor's state; read after termination
                ActorRef<long[]> ref = system.spawn(handled, ActorOptions.defaults()
                        .withMailbox(1, Overflow.DROP_OLDEST).withDeadLetters(m -> dropped.incrementAndGet()));
                long[] sent = new long[1];
                long[] refused = new long[1];
                Thread sender = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        try {
                            ref.tell(s -> s[0]++);
                            sent[0]++;
                        } catch (ActorStoppedException e) {
                            refused[0]++;
                            return;
                        }
                    }
                });
                for (int i = 0; i < (round * 37) % 2_000; i++) {
                    Thread.onSpinWait(); // vary where the stop lands
                }
                Actor actor = (Actor) ref;
                actor.stop();
                sender.join();
                actor.termination().get(60, TimeUnit.SECONDS); // hung here before the fix
                assertTrue(actor.termination().isDone());
                assertEquals(sent[0], handled[0] + dropped.get(), "round " + round
                        + ": accepted tells = handled + dropped");
                assertTrue(refused[0] <= 1);
            }
        }
    }
}
