package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.WaitGroup;
import dev.channels.actors.ActorRef;
import dev.channels.actors.ActorSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Coffee order: four customers write their orders onto one shared order slip; the counter takes a copy of the
 * slip after each order. It is the "share memory by communicating" lesson: when four writers update the
 * slip's fields directly, orders come out torn (Alice's name with Bob's drink); when one goroutine owns the
 * slip and the writers send it their edits over a channel, every order stays intact.
 *
 * <pre>{@code
 * // unsafe: four goroutines write the shared slip field by field
 * go func() { slip.customer = "Alice"; slip.drink = "latte"; slip.size = "small"; orders = append(orders, *slip) }()
 *
 * // safe: one goroutine owns the slip; the writers send it whole edits
 * edits := make(chan func(*Slip))
 * go func() { for edit := range edits { edit(&slip) } }()
 * edits <- func(s *Slip) { s.customer = "Alice"; s.drink = "latte"; s.size = "small"; submit(s) }
 * }</pre>
 *
 * <p>The third version, {@link #withActor}, is the same as {@link #withOwner} with the edit channel and its
 * loop replaced by an actor (the {@code channels-actors} module) that owns the slip.
 *
 * <p>Run: {@code ./examples.sh CoffeeOrder [ordersPerCustomer]}
 */
public final class CoffeeOrder {

    /**
     * A customer and what they always order.
     *
     * @param name  the name
     * @param drink the drink
     * @param size  the size
     */
    public record Customer(String name, String drink, String size) {
    }

    /**
     * An order as the counter recorded it.
     *
     * @param customer the name on the slip
     * @param drink    the drink on the slip
     * @param size     the size on the slip
     */
    public record Order(String customer, String drink, String size) {
        /**
         * Whether drink and size are those of the customer named on the order.
         *
         * @return false for a torn order
         */
        public boolean intact() {
            return CUSTOMERS.stream().anyMatch(c ->
                    c.name().equals(customer) && c.drink().equals(drink) && c.size().equals(size));
        }
    }

    /** The four writers. */
    public static final List<Customer> CUSTOMERS = List.of(
            new Customer("Alice", "latte", "small"),
            new Customer("Bob", "espresso", "double"),
            new Customer("Carol", "tea", "large"),
            new Customer("Dave", "mocha", "medium"));

    /** The one shared, mutable order slip. Not thread-safe: that is the point. */
    static final class Slip {
        String customer = "";
        String drink = "";
        String size = "";

        Order copy() {
            return new Order(customer, drink, size);
        }
    }

    private CoffeeOrder() {
    }

    /**
     * Runs both versions and counts torn orders.
     *
     * @param args optional: orders per customer (default 1000)
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int perCustomer = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Order> unsafe = unsafeShared(perCustomer);
        System.out.println("shared slip, four writers: " + torn(unsafe) + " of " + unsafe.size() + " orders torn");
        unsafe.stream().filter(o -> !o.intact()).limit(3).forEach(o -> System.out.println("  for example " + o));
        List<Order> owned = withOwner(perCustomer);
        System.out.println("slip owned by one goroutine: " + torn(owned) + " of " + owned.size() + " orders torn");
        List<Order> actor = withActor(perCustomer);
        System.out.println("slip owned by an actor: " + torn(actor) + " of " + actor.size() + " orders torn");
    }

    /**
     * The number of torn orders.
     *
     * @param orders the orders
     * @return how many are not {@link Order#intact()}
     */
    public static long torn(List<Order> orders) {
        return orders.stream().filter(o -> !o.intact()).count();
    }

    /**
     * The unsafe version: the four customers write the shared slip field by field, concurrently. The list of
     * recorded orders is thread-safe, so no order is lost; but orders can be torn, and how many is up to the
     * scheduler (a data race: in Go, {@code go run -race} reports it).
     *
     * @param perCustomer how many orders each customer places
     * @return the orders recorded, possibly torn
     * @throws InterruptedException if interrupted
     */
    public static List<Order> unsafeShared(int perCustomer) throws InterruptedException {
        var slip = new Slip();
        var recorded = new ConcurrentLinkedQueue<Order>();
        var wg = new WaitGroup();
        for (Customer c : CUSTOMERS) {
            wg.go(() -> {
                for (int i = 0; i < perCustomer; i++) {
                    slip.customer = c.name();
                    Thread.yield(); // let the others in, as a preempted goroutine would
                    slip.drink = c.drink();
                    Thread.yield();
                    slip.size = c.size();
                    recorded.add(slip.copy());
                }
            });
        }
        wg.await();
        return new ArrayList<>(recorded);
    }

    /**
     * The channel version: one goroutine owns the slip and the list of orders; the customers send it whole
     * edits over an unbuffered channel, and it applies them one at a time. Every order is intact and none is
     * lost.
     *
     * @param perCustomer how many orders each customer places
     * @return the orders recorded, all intact
     * @throws InterruptedException if interrupted
     */
    public static List<Order> withOwner(int perCustomer) throws InterruptedException {
        Channel<Consumer<Slip>> edits = Channel.unbuffered();
        Channel<List<Order>> book = Channel.buffered(1);
        Thread.startVirtualThread(() -> { // the owner: the only thread that touches slip and orders
            var slip = new Slip();
            List<Order> orders = new ArrayList<>();
            for (Consumer<Slip> edit : edits) { // for edit := range edits
                edit.accept(slip);
                orders.add(slip.copy());
            }
            book.trySend(orders);
        });
        var customers = new WaitGroup();
        for (Customer c : CUSTOMERS) {
            customers.go(() -> {
                for (int i = 0; i < perCustomer; i++) {
                    edits.send(s -> {
                        s.customer = c.name();
                        s.drink = c.drink();
                        s.size = c.size();
                    });
                }
            });
        }
        customers.await();
        edits.close(); // the owner's range loop ends and it hands over the book
        return book.receive();
    }

    /** What the actor owns: the slip and the orders recorded from it. */
    static final class Counter {
        final Slip slip = new Slip();
        final List<Order> orders = new ArrayList<>();
    }

    /**
     * The actor version: a state actor owns the slip and the orders; each customer {@code tell}s it a whole
     * edit, which it applies and records one at a time; an {@code ask} reads the book at the end. Every order is
     * intact and none is lost, with no channel or loop written by hand.
     *
     * @param perCustomer how many orders each customer places
     * @return the orders recorded, all intact
     * @throws InterruptedException if interrupted
     */
    public static List<Order> withActor(int perCustomer) throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("coffee")) {
            ActorRef<Counter> counter = system.spawn(new Counter());
            var customers = new WaitGroup();
            for (Customer c : CUSTOMERS) {
                customers.go(() -> {
                    for (int i = 0; i < perCustomer; i++) {
                        counter.tell(k -> {
                            k.slip.customer = c.name();
                            k.slip.drink = c.drink();
                            k.slip.size = c.size();
                            k.orders.add(k.slip.copy());
                        });
                    }
                });
            }
            customers.await();
            return counter.ask(k -> List.copyOf(k.orders)); // a copy: the state never leaves the actor
        }
    }
}
