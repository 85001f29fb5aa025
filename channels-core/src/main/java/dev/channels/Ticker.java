package dev.channels;

import dev.channels.internal.Deadlines;
import dev.channels.internal.Park;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 * {@code start + k * period}; a tick whose time has already passed when the ticker thread wakes (a long pause)
 * is skipped, so the phase does not drift.
 *
 * <p>Unlike Go, {@link #stop()} closes the channel: a for-each loop over the ticker ends, and a receiver
 * blocked on it wakes (it sees "closed", never a false tick) instead of waiting forever. This is the rule for
 * every timer channel of this library: a timer channel is closed once it will never deliver again.
 *
 * <p>Threads: one virtual thread per ticker that parks with {@link LockSupport#parkNanos(long)} until the
 * next tick; the JDK's virtual-thread timer wakes it, so a ticker costs no platform thread. {@link #stop()}
 * ends that thread promptly.
 */
public final class Ticker implements AutoCloseable {
    private final Channel<Instant> channel = Channel.buffered(1);
    private final long periodNanos;
    private final AtomicLong ticks = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    Ticker(Duration period) {
        this.periodNanos = period.toNanos();
        this.thread = Thread.ofVirtual().name("channels-ticker").unstarted(this::loop);
        thread.start();
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
     * Stops the ticker: no tick is delivered after this call returns, the channel is closed (a buffered tick
     * may still be received first), and the ticker's thread ends. Go: {@code ticker.Stop()}. Idempotent.
     */
    public void stop() {
        stopped = true;
        channel.close();
        Park.unpark(thread);
    }

    /** Same as {@link #stop()}, for try-with-resources (Go: {@code defer ticker.Stop()}). */
    @Override
    public void close() {
        stop();
    }

    /** The ticker's thread; for tests. */
    Thread thread() {
        return thread;
    }

    /** Ticks produced so far, delivered or missed; for tests. */
    long ticks() {
        return ticks.get();
    }

    private void loop() {
        long next = Deadlines.deadline(periodNanos);
        while (!stopped) {
            long wait = Deadlines.remaining(next);
            if (wait > 0L) {
                Park.parkUntil(this, next); // spurious or stop() wake-ups loop back here
                continue;
            }
            try {
                channel.trySend(Instant.now()); // full: the receiver is slow and misses this tick, as in Go
            } catch (ChannelClosedException stoppedMeanwhile) {
                return;
            }
            ticks.incrementAndGet();
            long now = Deadlines.now();
            next += periodNanos;
            if (next - now <= 0L) { // woke late by more than a period: skip the ticks already due
                next += ((now - next) / periodNanos + 1L) * periodNanos;
            }
        }
    }

    @Override
    public String toString() {
        return "Ticker[period=" + Duration.ofNanos(periodNanos) + (stopped ? ", stopped]" : "]");
    }
}
