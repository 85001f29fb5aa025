package dev.channels.actors;

import java.time.Duration;
import java.util.Objects;

/**
 * What an actor does when a {@code tell} throws (an {@code ask}'s exception always goes back to the asker and
 * never reaches the policy). Choose with {@link ActorOptions#withFailurePolicy}.
 *
 * <table>
 *   <caption>Failure policies</caption>
 *   <tr><th>policy</th><th>on an exception in a tell</th></tr>
 *   <tr><td>{@link #stop()} (default)</td><td>the actor stops: later messages are not handled (pending asks fail
 *       with {@link ActorStoppedException}), {@link Actor#termination()} completes exceptionally with the
 *       exception</td></tr>
 *   <tr><td>{@link #resume()}</td><td>the exception is logged through {@link System.Logger} (WARNING) and the
 *       next message is handled with the state as the failed operation left it</td></tr>
 *   <tr><td>{@link #restart(int, Duration)}</td><td>the state is replaced by a fresh one from the factory given
 *       at spawn, and the next message is handled; after more than {@code maxRestarts} restarts within
 *       {@code window}, the actor stops as with {@code stop()}</td></tr>
 * </table>
 */
public sealed interface FailurePolicy {

    /**
     * The default: stop on the first failure.
     *
     * @return the stop policy
     */
    static FailurePolicy stop() {
        return Stop.INSTANCE;
    }

    /**
     * Log the failure and carry on with the same state.
     *
     * @return the resume policy
     */
    static FailurePolicy resume() {
        return Resume.INSTANCE;
    }

    /**
     * Replace the state with a fresh one from the actor's factory, at most {@code maxRestarts} times within any
     * {@code window} (counted from the first restart of the window); one more failure in the window stops it.
     * Requires an actor spawned with a factory ({@link ActorSystem#spawnFrom}, {@link ActorSystem#spawnHandlerFrom}).
     *
     * <p>The window is converted to nanoseconds once, saturating: a window longer than {@link Long#MAX_VALUE}
     * nanoseconds (about 292 years, for example {@code ChronoUnit.FOREVER.getDuration()}) counts as "ever", so
     * {@code restart(1, ChronoUnit.FOREVER.getDuration())} restarts once and stops at the second failure. If the
     * factory throws or returns {@code null} during a restart, the restart fails and the actor stops: its
     * termination fails with that exception (a {@link NullPointerException} naming the actor for a {@code null}),
     * with the tell's failure {@linkplain Throwable#getSuppressed() suppressed} in it; the next message never runs
     * on missing state.
     *
     * @param maxRestarts restarts allowed per window, at least 1
     * @param window      the window, positive (any length; lengths beyond about 292 years mean "ever")
     * @return the restart policy
     * @throws IllegalArgumentException if {@code maxRestarts < 1}, or {@code window} is zero or negative (the
     *                                  message names the argument and the value)
     * @throws NullPointerException     if {@code window} is null
     */
    static FailurePolicy restart(int maxRestarts, Duration window) {
        return new Restart(maxRestarts, window);
    }

    /** See {@link FailurePolicy#stop()}. */
    record Stop() implements FailurePolicy {
        static final Stop INSTANCE = new Stop();
    }

    /** See {@link FailurePolicy#resume()}. */
    record Resume() implements FailurePolicy {
        static final Resume INSTANCE = new Resume();
    }

    /**
     * See {@link FailurePolicy#restart(int, Duration)}.
     *
     * @param maxRestarts restarts allowed per window
     * @param window      the window
     */
    record Restart(int maxRestarts, Duration window) implements FailurePolicy {
        /**
         * Validates the arguments.
         *
         * @param maxRestarts restarts allowed per window, at least 1
         * @param window      the window, positive
         */
        public Restart {
            if (maxRestarts < 1) {
                throw new IllegalArgumentException("maxRestarts must be at least 1, got " + maxRestarts);
            }
            Objects.requireNonNull(window, "FailurePolicy.restart: window is null");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
        }
    }
}
