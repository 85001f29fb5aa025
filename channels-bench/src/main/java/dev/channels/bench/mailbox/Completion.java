package dev.channels.bench.mailbox;

import java.util.concurrent.CountDownLatch;

/**
 * Counts messages processed by a single consumer (an actor) and opens when the expected number is reached. Only
 * the consumer calls {@link #processed()}, so the count is a plain field; the latch publishes it.
 */
final class Completion {
    private final long expected;
    private long processed;
    private final CountDownLatch done = new CountDownLatch(1);

    Completion(long expected) {
        this.expected = expected;
    }

    /** Called by the consumer after each message. */
    void processed() {
        if (++processed == expected) {
            done.countDown();
        }
    }

    void await() throws InterruptedException {
        done.await();
    }
}
