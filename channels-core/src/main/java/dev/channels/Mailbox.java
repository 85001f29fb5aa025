package dev.channels;

import dev.channels.internal.MailboxImpl;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A channel with any number of senders and exactly one reader: the mailbox of Go's actor pattern ("requests go
 * onto a channel; one goroutine reads them and handles them one at a time"). Knowing there is one reader lets it
 * use a multi-producer single-consumer queue (JCTools, VarHandle-based): a send is a compare-and-set on the
 * mailbox's count and one on the queue, a receive one atomic decrement and no lock.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>One reader at a time.</b> The receive operations ({@link #receive()}, {@link #tryReceive()},
 *       {@link #drainTo}, iteration...) may be called from any thread, but never by two threads at once: a
 *       receive that starts while another is in progress (or parked) throws {@link IllegalStateException}
 *       instead of corrupting the queue. Sending is unrestricted.</li>
 *   <li><b>Order.</b> Values from one sender are received in the order that sender sent them.</li>
 *   <li><b>Capacity.</b> {@link Channel#mailbox()} is unbounded: a send never waits. A bounded mailbox applies
 *       its {@link Overflow} policy when full in {@link #send(Object)}; {@link Channel#mailbox(int)} blocks the
 *       sender (backpressure). {@link #trySend} never waits, fails or drops: it returns false when full, whatever
 *       the policy; {@link #send(Object, java.time.Duration)} waits only under {@link Overflow#BLOCK}, and applies
 *       the other policies at once.</li>
 *   <li><b>Close</b> behaves as for any channel: sends fail with {@link ChannelClosedException} after it, the
 *       reader drains what was accepted before it, then sees "closed". A send that did not throw was accepted
 *       and will be received (or, under a drop policy, handed to the dead-letter hook).</li>
 *   <li><b>No select.</b> A mailbox is not a {@link Channel} and cannot be used in {@code Select}: a select
 *       case is a second, transient reader.</li>
 * </ul>
 *
 * <p>{@link #onDemand} makes a mailbox with no waiting reader at all: when a value arrives at an idle mailbox,
 * it starts a reader task that drains what is there and ends. This is what lets a million idle actors cost no
 * threads.
 *
 * @param <T> the element type
 */
public interface Mailbox<T> extends SendChannel<T>, ReceiveChannel<T> {

    /** What a send does when a bounded mailbox is full. Unbounded mailboxes are never full. */
    enum Overflow {
        /** The sender waits for room (backpressure, Go's blocking {@code ch <- v}); the default. */
        BLOCK,
        /** The send throws {@link MailboxFullException}. */
        FAIL,
        /** The value being sent is handed to the dead-letter hook instead; the send returns normally. */
        DROP_NEWEST,
        /** The oldest value still in the mailbox is handed to the dead-letter hook to make room. */
        DROP_OLDEST
    }

    /**
     * The reader of an {@link #onDemand on-demand} mailbox. Its methods are called by one thread at a time
     * (so the state it touches needs no lock), each call happening-after the previous one.
     *
     * @param <T> the element type
     */
    interface Reader<T> {
        /**
         * Handles one value, in the mailbox's order. An exception thrown here is logged and the next value is
         * delivered; handle failures inside if they matter.
         *
         * @param value the value received
         */
        void onValue(T value);

        /** Called once, after the mailbox is closed and every accepted value was given to {@link #onValue}. */
        void onClosed();
    }

    /**
     * Takes up to {@code maxValues} values that are in the mailbox now, in order, and gives each to {@code sink};
     * never waits. A reader operation: see the class contract.
     *
     * @param sink      receives each value; if it throws, the value was already taken and the drain stops
     * @param maxValues the most values to take, at least 1
     * @return the number of values taken; 0 when empty (check {@link #isClosed()} to tell closed from empty)
     * @throws IllegalStateException    if another reader is active
     * @throws IllegalArgumentException if {@code maxValues < 1}
     */
    int drainTo(Consumer<? super T> sink, int maxValues);

    /**
     * Creates a mailbox read by one thread calling the receive operations.
     *
     * @param capacity    1 to {@link Channel#MAX_BUFFERED_CAPACITY}, or {@link Integer#MAX_VALUE} for unbounded
     * @param overflow    what a send does when full (ignored when unbounded)
     * @param deadLetters receives values dropped by {@link Overflow#DROP_NEWEST} and {@link Overflow#DROP_OLDEST},
     *                    on the sending thread; may be null to discard them
     * @param <T>         the element type
     * @return a new open mailbox
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <T> Mailbox<T> create(int capacity, Overflow overflow, Consumer<? super T> deadLetters) {
        return new MailboxImpl<>(checkCapacity(capacity), Objects.requireNonNull(overflow, "overflow"),
                deadLetters, null, null);
    }

    /**
     * Creates a mailbox with no waiting reader: a send that finds it idle starts a reader task on
     * {@code executor}, which gives each value to {@code reader} and ends when the mailbox is empty. At most one
     * task runs at a time; a value sent while one runs is handled by it. After {@link #close()}, the task
     * delivers what was accepted, then calls {@link Reader#onClosed()} once.
     *
     * <p>The returned channel is the send side only: its values go to {@code reader}, so there is nothing to
     * receive. The idle cost is a few small objects and no thread.
     *
     * @param capacity    as for {@link #create}
     * @param overflow    as for {@link #create}
     * @param deadLetters as for {@link #create}
     * @param executor    runs reader tasks; each task must be run (a virtual-thread-per-task executor fits). If
     *                    it throws, the send that started the task rethrows it after the value was accepted
     * @param reader      handles the values
     * @param <T>         the element type
     * @return the send side of a new open mailbox
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    static <T> SendChannel<T> onDemand(int capacity, Overflow overflow, Consumer<? super T> deadLetters,
                                       Executor executor, Reader<? super T> reader) {
        return new MailboxImpl<>(checkCapacity(capacity), Objects.requireNonNull(overflow, "overflow"),
                deadLetters, Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(reader, "reader"));
    }

    private static int checkCapacity(int capacity) {
        if (capacity != Integer.MAX_VALUE && (capacity < 1 || capacity > Channel.MAX_BUFFERED_CAPACITY)) {
            throw new IllegalArgumentException("mailbox capacity must be between 1 and "
                    + Channel.MAX_BUFFERED_CAPACITY + ", or Integer.MAX_VALUE for unbounded, got " + capacity);
        }
        return capacity;
    }
}
