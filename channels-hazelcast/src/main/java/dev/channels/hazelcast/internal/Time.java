package dev.channels.hazelcast.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * This module's one seam for time, like core's internal {@code Deadlines} (which core does not export to this
 * module): every deadline and every remaining-time computation of a distributed channel goes through here. The
 * waits themselves are at most one slice long: a sender's remote wait inside Hazelcast, a receiver's wait for its
 * {@link ItemSignal} ({@code Condition.awaitNanos}), and a client caller's join of its helper thread. These parks
 * do not go through core's {@code Park}: a distributed channel does not take part in {@code channels-test}'s
 * virtual clock (its time is the network's).
 */
final class Time {
    private Time() {
    }

    /** A monotonic reading in nanoseconds; only differences are meaningful. */
    static long now() {
        return System.nanoTime();
    }

    /**
     * {@code d} in nanoseconds, saturated to [0, {@link Long#MAX_VALUE}].
     *
     * @throws NullPointerException naming {@code argName} if {@code d} is null
     */
    static long nanos(Duration d, String argName) {
        Objects.requireNonNull(d, argName);
        return d.isNegative() ? 0L : TimeUnit.NANOSECONDS.convert(d);
    }

    /** The deadline {@code nanos} (0 to {@link Long#MAX_VALUE}) from now; compared only through
     *  {@link #remaining}, whose difference is exact in two's complement even when the sum wraps. */
    static long deadline(long nanos) {
        return now() + nanos;
    }

    /** Nanoseconds left until {@code deadline}; zero or negative when it has passed. */
    static long remaining(long deadline) {
        return deadline - now();
    }
}
