package dev.channels.bench.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Exchanger;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;

import dev.channels.Channel;

/**
 * One blocking hand-off, over whichever contender a benchmark names. Each JMH fork runs one contender, so the
 * calls through this interface are monomorphic and inlined; the wrapper costs nothing measurable.
 *
 * <p>Contender names (the {@code impl} parameter of the Suite 2 benchmarks):
 * <ul>
 *   <li>{@code ours}: {@link Channel#unbuffered()} for capacity 0, else {@link Channel#buffered(int)};</li>
 *   <li>{@code jox}: Jox 1.0.1 rendezvous or buffered channel;</li>
 *   <li>{@code synchronousQueue}, {@code arrayBlockingQueue}: the JDK's, with put/take;</li>
 *   <li>{@code linkedTransferQueue}: transfer/take for capacity 0 (a rendezvous), else put/take (unbounded:
 *       it ignores the capacity, so it never blocks a sender);</li>
 *   <li>{@code exchanger}: an {@link Exchanger}, one exchange per hand-off (rendezvous only);</li>
 *   <li>{@code volatileFloor}: one volatile slot, both sides spinning; the floor of any hand-off between two
 *       threads (one sender and one receiver only; rendezvous only). Benchmarks run it on two platform threads,
 *       so that nothing but the two cores' cache-line transfer is measured.</li>
 * </ul>
 */
public interface Pipe<T> {
    void send(T value) throws InterruptedException;

    T receive() throws InterruptedException;

    static <T> Pipe<T> create(String impl, int capacity) {
        return switch (impl) {
            case "ours" -> ours(capacity == 0 ? Channel.unbuffered() : Channel.buffered(capacity));
            case "jox" -> jox(capacity == 0 ? com.softwaremill.jox.Channel.newRendezvousChannel()
                    : com.softwaremill.jox.Channel.newBufferedChannel(capacity));
            case "synchronousQueue" -> queue(new SynchronousQueue<>(), capacity == 0);
            case "arrayBlockingQueue" -> queue(new ArrayBlockingQueue<>(capacity), capacity > 0);
            case "linkedTransferQueue" -> capacity == 0 ? transfer(new LinkedTransferQueue<>())
                    : queue(new LinkedTransferQueue<>(), true);
            case "exchanger" -> exchanger(capacity);
            case "volatileFloor" -> volatileFloor(capacity);
            default -> throw new IllegalArgumentException("unknown contender: " + impl);
        };
    }

    private static <T> Pipe<T> ours(Channel<T> ch) {
        return new Pipe<>() {
            @Override
            public void send(T value) throws InterruptedException {
                ch.send(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return ch.receive();
            }
        };
    }

    private static <T> Pipe<T> jox(com.softwaremill.jox.Channel<T> ch) {
        return new Pipe<>() {
            @Override
            public void send(T value) throws InterruptedException {
                ch.send(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return ch.receive();
            }
        };
    }

    private static <T> Pipe<T> queue(BlockingQueue<T> q, boolean applicable) {
        if (!applicable) {
            throw new IllegalArgumentException("contender does not have this capacity: " + q.getClass());
        }
        return new Pipe<>() {
            @Override
            public void send(T value) throws InterruptedException {
                q.put(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return q.take();
            }
        };
    }

    private static <T> Pipe<T> transfer(LinkedTransferQueue<T> q) {
        return new Pipe<>() {
            @Override
            public void send(T value) throws InterruptedException {
                q.transfer(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return q.take();
            }
        };
    }

    private static <T> Pipe<T> exchanger(int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException("an Exchanger is a rendezvous only");
        }
        Exchanger<T> ex = new Exchanger<>();
        return new Pipe<>() {
            @Override
            public void send(T value) throws InterruptedException {
                ex.exchange(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return ex.exchange(null);
            }
        };
    }

    private static <T> Pipe<T> volatileFloor(int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException("the volatile floor is a single slot");
        }
        return new VolatileSlot<>();
    }

    /** One slot, one sender, one receiver, both spinning with {@link Thread#onSpinWait()}; never parks. */
    final class VolatileSlot<T> implements Pipe<T> {
        private volatile T slot;

        @Override
        public void send(T value) {
            while (slot != null) {
                Thread.onSpinWait();
            }
            slot = value;
        }

        @Override
        public T receive() {
            T v;
            while ((v = slot) == null) {
                Thread.onSpinWait();
            }
            slot = null;
            return v;
        }
    }
}
