package dev.channels.actors;

import dev.channels.Channel;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an actor is spawned: its name, mailbox and failure policy. Immutable; start from {@link #defaults()} and
 * use the {@code with...} methods.
 *
 * <table>
 *   <caption>Mailbox choices</caption>
 *   <tr><th>mailbox</th><th>a tell on a full mailbox</th></tr>
 *   <tr><td>unbounded (default)</td><td>never full; never waits</td></tr>
 *   <tr><td>{@code withMailbox(n, BLOCK)}</td><td>waits for room (backpressure)</td></tr>
 *   <tr><td>{@code withMailbox(n, FAIL)}</td><td>throws {@link MailboxFullException}</td></tr>
 *   <tr><td>{@code withMailbox(n, DROP_NEWEST)}</td><td>returns; the new message goes to the dead-letter hook</td></tr>
 *   <tr><td>{@code withMailbox(n, DROP_OLDEST)}</td><td>returns; the oldest waiting message goes to the
 *       dead-letter hook</td></tr>
 * </table>
 * A dropped ask fails with {@link MailboxFullException}.
 *
 * @param name            the actor's name, or null to generate one
 * @param mailboxCapacity the mailbox capacity; {@link Integer#MAX_VALUE} for unbounded
 * @param overflow        what a tell does when a bounded mailbox is full
 * @param failurePolicy   what the actor does when a tell throws
 * @param deadLetters     receives dropped messages (the tell's operation or message, or the ask's query or
 *                        message), on the sending thread; null to log them at DEBUG
 */
public record ActorOptions(String name, int mailboxCapacity, Overflow overflow, FailurePolicy failurePolicy,
                           Consumer<Object> deadLetters) {

    private static final ActorOptions DEFAULTS =
            new ActorOptions(null, Integer.MAX_VALUE, Overflow.BLOCK, FailurePolicy.stop(), null);

    /**
     * Validates the components.
     *
     * @param name            the name, or null
     * @param mailboxCapacity 1 to {@link Channel#MAX_BUFFERED_CAPACITY}, or {@link Integer#MAX_VALUE}
     * @param overflow        the overflow policy
     * @param failurePolicy   the failure policy
     * @param deadLetters     the dead-letter hook, or null
     * @throws NullPointerException     if {@code overflow} or {@code failurePolicy} is null
     * @throws IllegalArgumentException if {@code mailboxCapacity} is out of range
     */
    public ActorOptions {
        Objects.requireNonNull(overflow, "ActorOptions: overflow is null");
        Objects.requireNonNull(failurePolicy, "ActorOptions: failurePolicy is null");
        if (mailboxCapacity != Integer.MAX_VALUE
                && (mailboxCapacity < 1 || mailboxCapacity > Channel.MAX_BUFFERED_CAPACITY)) {
            throw new IllegalArgumentException("mailbox capacity must be between 1 and "
                    + Channel.MAX_BUFFERED_CAPACITY + ", or Integer.MAX_VALUE for unbounded, got " + mailboxCapacity);
        }
    }

    /**
     * Unnamed, unbounded mailbox, {@link FailurePolicy#stop()}, dropped messages logged.
     *
     * @return the default options
     */
    public static ActorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with a name.
     *
     * @param name the actor's name
     * @return new options
     * @throws NullPointerException if {@code name} is null
     */
    public ActorOptions withName(String name) {
        return new ActorOptions(Objects.requireNonNull(name, "ActorOptions.withName: name is null"), mailboxCapacity, overflow, failurePolicy,
                deadLetters);
    }

    /**
     * These options with a bounded mailbox.
     *
     * @param capacity the most messages waiting, 1 to {@link Channel#MAX_BUFFERED_CAPACITY}
     * @param overflow what a tell does when it is full
     * @return new options
     * @throws NullPointerException     if {@code overflow} is null
     * @throws IllegalArgumentException if {@code capacity} is not between 1 and
     *                                  {@link Channel#MAX_BUFFERED_CAPACITY}
     */
    public ActorOptions withMailbox(int capacity, Overflow overflow) {
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a bounded mailbox needs a capacity between 1 and "
                    + Channel.MAX_BUFFERED_CAPACITY + ", got " + capacity);
        }
        return new ActorOptions(name, capacity, overflow, failurePolicy, deadLetters);
    }

    /**
     * These options with a failure policy.
     *
     * @param policy the policy
     * @return new options
     * @throws NullPointerException if {@code policy} is null
     */
    public ActorOptions withFailurePolicy(FailurePolicy policy) {
        return new ActorOptions(name, mailboxCapacity, overflow, policy, deadLetters);
    }

    /**
     * These options with a dead-letter hook for messages dropped by a full mailbox.
     *
     * @param hook receives each dropped message on the sending thread
     * @return new options
     * @throws NullPointerException if {@code hook} is null
     */
    public ActorOptions withDeadLetters(Consumer<Object> hook) {
        return new ActorOptions(name, mailboxCapacity, overflow, failurePolicy,
                Objects.requireNonNull(hook, "ActorOptions.withDeadLetters: hook is null"));
    }
}
