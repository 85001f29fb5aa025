package dev.channels.examples;

import dev.channels.examples.CoffeeOrder.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CoffeeOrderTest {
    private static final int PER_CUSTOMER = 500;

    @Test
    void ownerGoroutineKeepsEveryOrderIntactAndLosesNone() throws InterruptedException {
        List<Order> orders = CoffeeOrder.withOwner(PER_CUSTOMER);
        assertEquals(4 * PER_CUSTOMER, orders.size());
        assertEquals(0, CoffeeOrder.torn(orders));
        for (var c : CoffeeOrder.CUSTOMERS) {
            assertEquals(PER_CUSTOMER, orders.stream().filter(o -> o.customer().equals(c.name())).count());
        }
    }

    @Test
    void actorKeepsEveryOrderIntactAndLosesNone() throws InterruptedException {
        List<Order> orders = CoffeeOrder.withActor(PER_CUSTOMER);
        assertEquals(4 * PER_CUSTOMER, orders.size());
        assertEquals(0, CoffeeOrder.torn(orders));
        for (var c : CoffeeOrder.CUSTOMERS) {
            assertEquals(PER_CUSTOMER, orders.stream().filter(o -> o.customer().equals(c.name())).count());
        }
    }

    @Test
    void unsafeVersionRecordsEveryOrderButMayTearThem() throws InterruptedException {
        // How many are torn is up to the scheduler, so only the count is asserted here.
        List<Order> orders = CoffeeOrder.unsafeShared(PER_CUSTOMER);
        assertEquals(4 * PER_CUSTOMER, orders.size());
    }

    @Test
    void tornOrdersAreRecognised() {
        assertTrue(new Order("Alice", "latte", "small").intact());
        assertFalse(new Order("Alice", "espresso", "small").intact());
        assertFalse(new Order("Bob", "espresso", "large").intact());
        assertEquals(1, CoffeeOrder.torn(List.of(new Order("Dave", "mocha", "medium"),
                new Order("Dave", "tea", "medium"))));
    }
}
