package dev.channels;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the time on a channel at a fixed period until stopped: Go's {@code time.Ticker}
 * ({@code time.NewTicker(d)}, {@code ticker.C}, {@code ticker.Stop()}). Made by {@link Channels#ticker(Duration)}.
 *
 * <pre>{@code
 * // Go:                                   // Java:
 * // t := time.NewTicker(time.Second)      try (Ticker t = Channels.ticker(Duration.ofSeconds(1))) {
 * // defer t.Stop()                            for (Instant tick : t.channel()) {
 * // for tick := range t.C {                       System.out.println(tick);
 * //     fmt.Println(tick)                     }
 * // }                                     }
 * }</pre>
 *
 * <p>As in Go, the channel buffers one tick: a receiver that is slower than the period misses ticks instead of
 * finding a queue of stale ones, and the ticker never blocks on a slow receiver. Ticks are scheduled at
 * {@code start + k * period}; a tick whose time has already passed when the timer fires (a long pause) is
 * skipped, so the phase does not drift.
 *
 * <p>{@link #stop()} follows Go 1.23: no stale tick is received after it returns (a tick buffered but not yet
 * received is discarded). Unlike Go, it also closes the channel: a for-each loop over the ticker ends, and a
 * receiver blocked on it wakes (it sees "closed", never a false tick) instead of waiting forever. This is the rule
 * for every timer channel of this library: a timer channel is closed once it will never deliver again.
 *
 * <p>No thread per ticker: the shared timer of {@link Channels#after} fires it (Go 1.23's timers), and it holds
 * the channel only weakly, so a ticker nobody references any more (neither it nor its channel) is
 * garbage-collected even if it was never stopped. In a test bubble ({@code dev.channels.test.SyncTest}) it ticks
 * on the bubble's virtual clock.
 */
public final class Ticker implements AutoCloseable {
    private final Channel<Instant> channel = Channel.buffered(1);
    private final long periodNanos;
    private final Tick task;
    private volatile boolean stopped;

    /** The longest period, about 73 years: a deadline plus a period then stays comparable by subtraction. */
    static final long MAX_PERIOD_NANOS = Long.MAX_VALUE / 4;

    /**
     * Starts a ticker; {@link Channels#ticker(Duration)} is the public way.
     *
     * @param period the time between ticks, positive; periods longer than {@link #MAX_PERIOD_NANOS} nanoseconds
     *               (for example {@code Duration.ofSeconds(Long.MAX_VALUE)}) are shortened to it
     * @throws NullPointerException     if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is zero or negative (Go panics)
     */
    Ticker(Duration period) {
        Objects.requireNonNull(period, "Channels.ticker: period is null");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("Channels.ticker: period must be positive, got " + period);
        }
        this.periodNanos = Math.min(Deadlines.nanos(period, "Channels.ticker: period is null"), MAX_PERIOD_NANOS);
        this.task = new Tick(channel, Deadlines.deadline(periodNanos), periodNanos);
        Timers.schedule(task);
    }

    /**
     * The channel the ticks are delivered on: Go's {@code ticker.C}. Receive-only; usable in {@link Select}.
     * Closed by {@link #stop()}.
     *
     * @return the tick channel
     */
    public ReceiveChannel<Instant> channel() {
        return channel.receiveOnly();
    }

    /**
     * Stops the ticker: no tick is received after this call returns (Go 1.23: a buffered tick not yet received
     * is discarded), the channel is closed, and the ticker's timer is cancelled. Go: {@code ticker.Stop()}.
     * Idempotent.
     */
    public void stop() {
        stopped = true;
        Timers.cancel(task);
        channel.close(); // a firing already under way now fails its trySend, or has buffered its tick: drained below
        try {
            while (channel.receive(Duration.ZERO) != null) {
                // discard the stale tick
            }
        } catch (ChannelClosedException drained) {
            // closed and empty: no tick can be received any more
        } catch (InterruptedException notBlocking) {
            Thread.currentThread().interrupt(); // receive(ZERO) never waits; keep the status if it was set
        }
    }

    /** Same as {@link #stop()}, for try-with-resources (Go: {@code defer ticker.Stop()}). */
    @Override
    public void close() {
        stop();
    }

    /** Whether the ticker's timer may still fire; for tests. */
    boolean scheduled() {
        return task.isActive();
    }

    /** Ticks produced so far, delivered or missed; for tests. */
    long ticks() {
        return task.ticks.get();
    }

    @Override
    public String toString() {
        return "Ticker[period=" + Duration.ofNanos(periodNanos) + (stopped ? ", stopped]" : "]");
    }

    /** The ticker's timer: one tick per firing, then the next multiple of the period. */
    private static final class Tick extends Timers.Task {
        private final long period;
        final AtomicLong ticks = new AtomicLong();

        Tick(Channel<Instant> channel, long deadline, long period) {
            super(channel, deadline);
            this.period = period;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected long fire(Object channel, Instant at, long now) {
            try {
                ((Channel<Instant>) channel).trySend(at); // full: the receiver is slow and misses it, as in Go
                ticks.incrementAndGet();
            } catch (ChannelClosedException stopped) {
                // stop() closed it meanwhile; cancel() has cleared the task too
            }
            return Timers.nextTick(deadline(), period, now);
        }

        @Override
        protected boolean periodic() {
            return true;
        }
    }
}
