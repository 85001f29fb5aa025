package dev.channels.examples;

import java.time.Duration;

/**
 * A simulated delay, injected into the examples: a {@code main} passes real time ({@link #of(Duration)}, the
 * {@code time.Sleep} of the Go original); a test passes a latch or {@link #NONE}, so that it checks the program's
 * logic and never a race against the clock.
 */
@FunctionalInterface
public interface Latency {

    /** No delay. */
    Latency NONE = () -> { };

    /**
     * Waits.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void await() throws InterruptedException;

    /**
     * A delay of {@code d}: Go's {@code time.Sleep(d)}.
     *
     * @param d the delay
     * @return a latency that sleeps for {@code d}
     */
    static Latency of(Duration d) {
        return () -> Thread.sleep(d);
    }
}
