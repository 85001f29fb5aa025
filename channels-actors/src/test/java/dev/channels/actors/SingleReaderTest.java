package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The actor guarantee: state that is not thread-safe, touched only through the actor, stays exact. */
@Timeout(120)
class SingleReaderTest {

    /** Plain mutable state: no volatile, no atomics, no locks. */
    static final class Tally {
        final Map<Integer, Long> perSender = new HashMap<>();
        long total;
    }

    @Test
    void nonThreadSafeStateIsExactAfterAThousandThreadsTimesAThousandTells() throws Exception {
        int threads = 1_000;
        int tells = 1_000;
        try (ActorSystem system = ActorSystem.create("single-reader")) {
            ActorRef<Tally> tally = system.spawn(new Tally());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                senders.add(Thread.startVirtualThread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < tells; i++) {
                        tally.tell(s -> {
                            s.total++;
                            s.perSender.merge(id, 1L, Long::sum);
                        });
                    }
                }));
            }
            start.countDown();
            for (Thread s : senders) {
                s.join();
            }
            assertEquals((long) threads * tells, tally.<Long>ask(s -> s.total));
            assertEquals(threads, (int) tally.ask(s -> s.perSender.size()));
            for (int t = 0; t < threads; t++) {
                int id = t;
                assertEquals((long) tells, tally.<Long>ask(s -> s.perSender.get(id)), "sender " + id);
            }
        }
    }

    @Test
    void eachSendersOrderIsKept() throws Exception {
        int threads = 64;
        int tells = 5_000;
        try (ActorSystem system = ActorSystem.create("order")) {
            ActorRef<long[]> last = system.spawn(new long[threads]);
            ActorRef<long[]> outOfOrder = system.spawn(new long[1]);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                senders.add(Thread.startVirtualThread(() -> {
                    for (int i = 1; i <= tells; i++) {
                        long seq = i;
                        last.tell(s -> {
                            if (s[id] != seq - 1) {
                                outOfOrder.tell(o -> o[0]++);
                            }
                            s[id] = seq;
                        });
                    }
                }));
            }
            for (Thread s : senders) {
                s.join();
            }
            long[] seen = last.ask(long[]::clone);
            for (int t = 0; t < threads; t++) {
                assertEquals(tells, seen[t]);
            }
            last.stop();
            last.termination().join(); // every tell to outOfOrder was made before this
            assertEquals(0L, outOfOrder.<Long>ask(o -> o[0]));
        }
    }

    sealed interface Msg permits Add, Get {}

    record Add(long n) implements Msg {}

    record Get(CompletableFuture<Long> reply) implements Msg {}

    @Test
    void messageActorHandlerStateIsExactUnderConcurrentTells() throws Exception {
        try (ActorSystem system = ActorSystem.create("message")) {
            MessageRef<Msg> counter = system.spawnHandler(new Handler<>() {
                long total; // plain field: only the actor touches it

                @Override
                public void handle(Msg msg) {
                    switch (msg) {
                        case Add a -> total += a.n();
                        case Get g -> g.reply().complete(total);
                    }
                }
            });
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                senders.add(Thread.startVirtualThread(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        counter.tell(new Add(2));
                    }
                }));
            }
            for (Thread s : senders) {
                s.join();
            }
            long total = counter.<Long>ask(Get::new);
            assertEquals(200_000L, total);
        }
    }
}
