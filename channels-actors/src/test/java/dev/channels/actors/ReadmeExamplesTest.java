package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples of README-section.md, compiled and checked. */
@Timeout(30)
class ReadmeExamplesTest {

    @Test
    void stateActorExample() throws Exception {
        CompletableFuture<Void> death;
        try (ActorSystem system = ActorSystem.create("bank")) {
            ActorRef<Map<String, Long>> balances = system.spawn(new HashMap<>());

            balances.tell(m -> m.merge("alice", 100L, Long::sum));
            long alice = balances.ask(m -> m.getOrDefault("alice", 0L));
            CompletableFuture<Integer> size = balances.askAsync(Map::size);

            assertEquals(100L, alice);
            assertEquals(1, size.join());
            death = balances.termination();
        }
        assertTrue(death.isDone());
    }

    sealed interface Counter permits Add, Get {}

    record Add(long n) implements Counter {}

    record Get(CompletableFuture<Long> reply) implements Counter {}

    @Test
    void messageActorExample() throws Exception {
        try (ActorSystem system = ActorSystem.create()) {
            MessageRef<Counter> counter = system.spawnHandler(new Handler<>() {
                long total;

                @Override
                public void handle(Counter msg) {
                    switch (msg) {
                        case Add a -> total += a.n();
                        case Get g -> g.reply().complete(total);
                    }
                }
            });
            counter.tell(new Add(5));
            long total = counter.ask(Get::new);
            assertEquals(5L, total);
        }
    }

    static final class Orders {
        final List<String> items = new ArrayList<>();
    }

    @Test
    void optionsExample() throws Exception {
        List<Object> dropped = new ArrayList<>();
        ActorOptions options = ActorOptions.defaults()
                .withName("orders")
                .withMailbox(1_000, Overflow.BLOCK)
                .withFailurePolicy(FailurePolicy.restart(5, Duration.ofMinutes(1)))
                .withDeadLetters(dropped::add);
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<Orders> orders = system.spawnFrom(Orders::new, options);
            orders.tell(o -> o.items.add("latte"));
            assertEquals(List.of("latte"), orders.ask(o -> List.copyOf(o.items)));
            assertEquals("orders", orders.name());
        }
        assertTrue(dropped.isEmpty());
    }
}
