package dev.channels.actors;

/**
 * What a tell does when the actor's bounded mailbox is full ({@link ActorOptions#withMailbox(int, Overflow)}).
 * An unbounded mailbox is never full.
 *
 * <p>Every policy keeps one rule at close ({@link Actor#stop()}): a tell either happens entirely before the close
 * (its message is accepted, and under a drop policy the dropped message goes to the dead-letter hook) or entirely
 * after it (it throws {@link ActorStoppedException} and drops nothing). A message accepted before the close is
 * handled by the actor, never dropped by a tell that then fails.
 */
public enum Overflow {
    /** The sender waits for room, in arrival order (backpressure, Go's blocking {@code ch <- v}); the default. */
    BLOCK,
    /** The tell throws {@link MailboxFullException}. */
    FAIL,
    /** The message being told goes to the dead-letter hook instead; the tell returns normally. */
    DROP_NEWEST,
    /** The oldest message waiting in the mailbox goes to the dead-letter hook to make room; the tell returns. */
    DROP_OLDEST
}
