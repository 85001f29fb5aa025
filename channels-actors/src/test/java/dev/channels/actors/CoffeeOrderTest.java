package dev.channels.actors;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed program: a coffee shop where four baristas (writer threads) add items to the same orders at once.
 * The original kept each order in a plain {@code ArrayList} shared by the writers and lost or mangled items. Here
 * one actor owns the orders, so every order holds exactly the items written to it, each writer's items in the
 * order that writer added them.
 */
@Timeout(60)
class CoffeeOrderTest {

    record Item(int writer, int seq, String name) {}

    /** The shop's state: plain collections, touched only by the actor. */
    static final class Orders {
        final Map<Integer, List<Item>> byId = new HashMap<>();
    }

    @RepeatedTest(5)
    void fourWritersToOneOrderNeverCorruptIt() throws Exception {
        int writers = 4;
        int orders = 50;
        int itemsPerWriterPerOrder = 200;
        String[] menu = {"espresso", "latte", "flat white", "cortado"};
        try (ActorSystem system = ActorSystem.create("coffee")) {
            ActorRef<Orders> shop = system.spawn(new Orders());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> baristas = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                baristas.add(Thread.ofPlatform().start(() -> { // plain threads, like the seed
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < itemsPerWriterPerOrder; i++) {
                        for (int order = 0; order < orders; order++) {
                            Item item = new Item(writer, i, menu[(writer + i) % menu.length]);
                            int id = order;
                            shop.tell(s -> s.byId.computeIfAbsent(id, k -> new ArrayList<>()).add(item));
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread b : baristas) {
                b.join();
            }
            Map<Integer, List<Item>> snapshot = shop.ask(s -> {
                Map<Integer, List<Item>> copy = new HashMap<>();
                s.byId.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                return copy;
            });
            assertEquals(orders, snapshot.size());
            for (int order = 0; order < orders; order++) {
                List<Item> items = snapshot.get(order);
                assertEquals(writers * itemsPerWriterPerOrder, items.size(), "order " + order);
                int[] next = new int[writers];
                for (Item item : items) {
                    assertEquals(next[item.writer()]++, item.seq(), "order " + order + ": writer's order kept");
                    assertEquals(menu[(item.writer() + item.seq()) % menu.length], item.name());
                }
                for (int w = 0; w < writers; w++) {
                    assertEquals(itemsPerWriterPerOrder, next[w], "order " + order + ", writer " + w);
                }
            }
        }
    }
}
