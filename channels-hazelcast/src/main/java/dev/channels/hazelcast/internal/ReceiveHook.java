package dev.channels.hazelcast.internal;

import com.hazelcast.collection.IQueue;

/**
 * Test seam in a distributed receive: runs between the peek that found an envelope at the head and the remove
 * that claims it (where an owner crash makes the remove's outcome ambiguous), and switches the ambiguity rule
 * off for the negative control. Production channels use {@link #NONE}.
 */
public interface ReceiveHook {
    /** No hook: the real protocol. */
    ReceiveHook NONE = new ReceiveHook() {
    };

    /**
     * The negative control: read a failed remove as "another receiver took it" even when the queue's owner or
     * the member list changed during the call (the rule that loses a value whose first remove was applied
     * before a crash). Never true outside tests.
     *
     * @return true to ignore owner and member-list changes
     */
    default boolean ignoreOwnerChange() {
        return false;
    }

    /**
     * Called after the peek found {@code head} and before this receiver's remove of it. A runtime exception
     * thrown here stands for a remove that ended without an answer.
     *
     * @param queue the channel's queue
     * @param head  the envelope at the head
     */
    default void beforeRemove(IQueue<Object> queue, Object head) {
    }
}
