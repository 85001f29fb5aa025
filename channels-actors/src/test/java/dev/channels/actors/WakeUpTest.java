package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The on-demand reader's lost wake-up race (MailboxImpl, invariant 3): every message that reaches an idle,
 * lingering or just-finishing actor must be handled. A lost wake-up shows up here as a hang, which the timeout
 * turns into a failure.
 */
@Timeout(120)
class WakeUpTest {

    @Test
    void pingPongTellsAreAllHandledWhileTheActorKeepsGoingIdle() throws Exception {
        int pairs = 8;
        int rounds = 5_000 * Integer.getInteger("stress.factor", 1);
        try (ActorSystem system = ActorSystem.create("ping-pong")) {
            List<ActorRef<long[]>> refs = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                ActorRef<long[]> ref = system.spawn(new long[1]);
                refs.add(ref);
                senders.add(Thread.startVirtualThread(() -> {
                    for (int i = 0; i < rounds; i++) {
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        ref.tell(s -> {
                            s[0]++;
                            done.complete(null);
                        });
                        done.join(); // the actor goes idle (or lingers) before the next tell
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            for (ActorRef<long[]> ref : refs) {
                assertEquals((long) rounds, ref.<Long>ask(s -> s[0]));
            }
        }
    }

    @Test
    void burstsFromManySendersToManyActorsAreAllHandled() throws Exception {
        int actors = 200;
        int senders = 50;
        int tellsPerSender = 2_000;
        try (ActorSystem system = ActorSystem.create("bursts")) {
            List<ActorRef<long[]>> refs = new ArrayList<>();
            for (int a = 0; a < actors; a++) {
                refs.add(system.spawn(new long[1], a % 2 == 0 ? ActorOptions.defaults()
                        : ActorOptions.defaults().withMailbox(4, Overflow.BLOCK)));
            }
            long[][] sentTo = new long[senders][actors];
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                long[] mine = sentTo[s];
                threads.add(Thread.startVirtualThread(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < tellsPerSender; ) {
                        int target = rnd.nextInt(actors);
                        int burst = 1 + rnd.nextInt(8);
                        for (int b = 0; b < burst && i < tellsPerSender; b++, i++) {
                            refs.get(target).tell(st -> st[0]++);
                            mine[target]++;
                        }
                        if (rnd.nextInt(4) == 0) {
                            Thread.yield(); // let actors drain and go idle between bursts
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int a = 0; a < actors; a++) {
                long expected = 0;
                for (int s = 0; s < senders; s++) {
                    expected += sentTo[s][a];
                }
                assertEquals(expected, refs.get(a).<Long>ask(st -> st[0]), "actor " + a);
            }
        }
    }
}
