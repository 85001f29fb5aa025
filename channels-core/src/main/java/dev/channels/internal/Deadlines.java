package dev.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one place where a {@link Duration} becomes a deadline, and where the library reads the time.
 *
 * <p>Every timed API of the library (timed send and receive, {@code Select.onTimeout}, {@code WaitGroup.await},
 * {@code Channels.after} and {@code ticker}, the actors' timed ask and restart window) converts its timeout here
 * and compares against {@link #now()}, so that one seam decides what "now" is and no caller can overflow. Inside a
 * test bubble ({@link Bubble}) "now" is the bubble's virtual clock; outside, {@link System#nanoTime()}, after one
 * static volatile read ({@link Bubble#anyActive()}).
 *
 * <p>Invariants:
 * <ol>
 *   <li>{@link #nanos(Duration, String)} saturates: zero and negative durations (including
 *       {@code Duration.ofNanos(Long.MIN_VALUE)}) give 0, "expired now"; durations too long for a {@code long} of
 *       nanoseconds (for example {@code ChronoUnit.FOREVER.getDuration()}) give {@link Long#MAX_VALUE}, about
 *       292 years. It never throws {@link ArithmeticException}.</li>
 *   <li>A deadline is compared only by subtraction ({@code deadline - now()}), as {@link System#nanoTime()}
 *       requires, so {@code now() + nanos} may wrap: for any {@code 0 <= nanos <= Long.MAX_VALUE} the remaining
 *       time starts at {@code nanos} and only decreases.</li>
 *   <li>A thread reads one clock for its whole life: a thread is a bubble member from before it starts until it
 *       ends, so a deadline it computed is always compared against the clock it came from.</li>
 * </ol>
 */
public final class Deadlines {
    private Deadlines() {
    }

    /**
     * The library's clock, in nanoseconds, with {@link System#nanoTime()}'s meaning (only differences count):
     * the bubble's virtual clock in a bubble thread, else {@link System#nanoTime()}.
     *
     * @return the current time
     */
    public static long now() {
        if (Bubble.anyActive()) {
            Bubble b = Bubble.current();
            if (b != null) {
                return b.now();
            }
        }
        return System.nanoTime();
    }

    /**
     * The wall-clock time that timer channels deliver: the bubble's virtual instant in a bubble thread, else
     * {@link Instant#now()}.
     *
     * @return the current instant
     */
    public static Instant instant() {
        if (Bubble.anyActive()) {
            Bubble b = Bubble.current();
            if (b != null) {
                return b.instant();
            }
        }
        return Instant.now();
    }

    /**
     * A timeout in nanoseconds, saturated to {@code [0, Long.MAX_VALUE]}.
     *
     * @param timeout the timeout
     * @param what    the argument's name, for the null check's message (for example {@code "timeout"})
     * @return 0 for zero or negative durations, {@link Long#MAX_VALUE} for durations longer than that, else the
     *         duration in nanoseconds
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long nanos(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            return 0L;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The deadline {@code nanos} from now.
     *
     * @param nanos a saturated timeout from {@link #nanos(Duration, String)} (0 to {@link Long#MAX_VALUE})
     * @return the deadline, to be compared only through {@link #remaining(long)}
     */
    public static long deadline(long nanos) {
        return now() + nanos; // may wrap; see invariant 2
    }

    /**
     * The time left until {@code deadline}.
     *
     * @param deadline a deadline from {@link #deadline(long)}
     * @return the nanoseconds left; zero or negative once it has passed
     */
    public static long remaining(long deadline) {
        return deadline - now();
    }
}
