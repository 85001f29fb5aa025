package dev.channels.hazelcast.internal;

/**
 * Test seam in a distributed send: holds a sender at the two points where the close protocol's races live, and
 * switches to the naive protocol for the negative control. Production channels use {@link #NONE}.
 */
public interface SendHook {
    /** No hook: the real protocol, nothing held. */
    SendHook NONE = new SendHook() {
    };

    /**
     * The negative control: check the close record on the owner, then offer, and no post-check (the protocol
     * that strands values). Never true outside tests.
     *
     * @return true to use the naive protocol
     */
    default boolean checkThenOffer() {
        return false;
    }

    /**
     * Called after the pre-check found the channel open and before the offer.
     *
     * @throws InterruptedException if the test interrupts the held sender
     */
    default void beforeOffer() throws InterruptedException {
    }

    /**
     * Called after the offer succeeded and before the post-check (not called by the naive protocol).
     *
     * @throws InterruptedException if the test interrupts the held sender
     */
    default void afterOffer() throws InterruptedException {
    }
}
