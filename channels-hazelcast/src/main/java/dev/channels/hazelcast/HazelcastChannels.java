package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import dev.channels.Channel;
import dev.channels.hazelcast.internal.HzChannel;
import dev.channels.hazelcast.internal.Node;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster-wide channels by name on a Hazelcast member or client: the same {@code SendChannel} /
 * {@code ReceiveChannel} code, across JVMs.
 *
 * <pre>{@code
 * HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);     // or HazelcastClient.newHazelcastClient(..)
 * DistributedChannel<String> jobs = HazelcastChannels.on(hz).buffered("jobs", 64);
 * jobs.send("resize 42.png");                                         // on one JVM
 * for (String job : jobs) handle(job);                                // on another: for job := range jobs
 * }</pre>
 *
 * <p>Each channel is a Hazelcast {@code IQueue} (bounded by the capacity, with {@link Options#backupCount()}
 * synchronous backups) plus a close record in the map {@code dev.channels.meta}, on the same partition. The same
 * name means the same channel, cluster-wide, until {@link #destroy(String)}; a closed channel stays closed, so a
 * one-shot channel needs a fresh name. Close follows Go and strands nothing: the first close wins cluster-wide;
 * afterwards sends throw and receivers drain, then see closed; a send that returned normally is received exactly
 * once and a send that threw is never received (see the README's "Beyond one JVM" for the protocol and the
 * semantics table). With at least one backup, no value whose send returned is lost when a member crashes, not
 * even one whose receive is in flight (a receive peeks, then removes exactly that value); around a crash a value
 * can be delivered twice.
 *
 * <p>One instance per {@code (HazelcastInstance, Options)} pair: {@link #on} returns the same one each time. It
 * registers one entry listener on the instance, which goes away with the instance.
 */
public final class HazelcastChannels {
    private static final Map<Key, HazelcastChannels> INSTANCES = new ConcurrentHashMap<>();

    private final Node node;

    private HazelcastChannels(Node node) {
        this.node = node;
    }

    /**
     * The channels of {@code hz} with the default {@link Options} (1 synchronous backup, 100 ms wait slice).
     *
     * @param hz a running Hazelcast member or client
     * @return the channel factory for {@code hz}
     * @throws NullPointerException     if {@code hz} is null
     * @throws IllegalArgumentException if {@code hz} is not a member or client instance made by Hazelcast
     */
    public static HazelcastChannels on(HazelcastInstance hz) {
        return on(hz, Options.defaults());
    }

    /**
     * The channels of {@code hz} with {@code options}.
     *
     * @param hz      a running Hazelcast member or client
     * @param options backup count of new channels and the wait slice
     * @return the channel factory for {@code hz} and {@code options}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code hz} is not a member or client instance made by Hazelcast
     */
    public static HazelcastChannels on(HazelcastInstance hz, Options options) {
        Objects.requireNonNull(hz, "hz");
        Objects.requireNonNull(options, "options");
        Key key = new Key(hz, options);
        HazelcastChannels existing = INSTANCES.get(key);
        if (existing != null) {
            return existing;
        }
        HazelcastChannels made = new HazelcastChannels(new Node(hz, options.backupCount(),
                Math.max(1L, options.waitSlice().toNanos())));
        existing = INSTANCES.putIfAbsent(key, made);
        if (existing != null) {
            made.node.unregister();
            return existing;
        }
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                INSTANCES.remove(key);
            }
        });
        return made;
    }

    /**
     * Makes or joins the channel {@code name} with a buffer of {@code capacity} values: Go's
     * {@code make(chan T, capacity)}, cluster-wide. A send waits only while the buffer is full.
     *
     * <p>Capacity 0 (Go's unbuffered rendezvous) is refused: a Hazelcast queue cannot hand a value over
     * directly (a receipt would cost more round trips, and a crash between take and receipt still loses it).
     * {@code buffered(name, 1)} is the nearest: at most one value waits, but a send returns once the value is
     * queued, not once it is received. For a cluster-wide signal, use {@code close()}.
     *
     * @param name     the cluster-wide name: not empty, no {@code '@'}
     * @param capacity the buffer size, 1 to {@link Channel#MAX_BUFFERED_CAPACITY}
     * @param <T>      the element type (values must be serializable by Hazelcast: records, {@code Serializable},
     *                 or a registered serializer)
     * @return the channel
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code capacity} is 0 (use {@code buffered(name, 1)}), negative or
     *                                  above {@link Channel#MAX_BUFFERED_CAPACITY}; if {@code name} is empty or
     *                                  contains {@code '@'}; or if the channel exists with another capacity or
     *                                  backup count
     */
    public <T> DistributedChannel<T> buffered(String name, int capacity) {
        checkName(name);
        if (capacity == 0) {
            throw new IllegalArgumentException("capacity: 0 (an unbuffered rendezvous) cannot be distributed: a "
                    + "Hazelcast queue cannot hand a value over directly; use buffered(name, 1) (at most one value "
                    + "waits; a send returns once it is queued), or close() for a cluster-wide signal");
        }
        if (capacity < 0 || capacity > Channel.MAX_BUFFERED_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + Channel.MAX_BUFFERED_CAPACITY
                    + " (use unbounded(name) for more), got " + capacity);
        }
        return HzChannel.open(node, name, capacity);
    }

    /**
     * Makes or joins the channel {@code name} with no bound: a send never waits for room. Memory on the queue's
     * owner and backups is the limit.
     *
     * @param name the cluster-wide name: not empty, no {@code '@'}
     * @param <T>  the element type (values must be serializable by Hazelcast)
     * @return the channel, whose {@code capacity()} is {@link Integer#MAX_VALUE}
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or contains {@code '@'}, or the channel exists
     *                                  with a bound or another backup count
     */
    public <T> DistributedChannel<T> unbounded(String name) {
        checkName(name);
        return HzChannel.open(node, name, Integer.MAX_VALUE);
    }

    /**
     * Frees the channel {@code name} cluster-wide: its queue (with any values still in it), its close record and
     * its settings. The name can then be made again, with any capacity. Handles on the old channel must not be
     * used afterwards (Hazelcast would silently make an empty queue again). Destroying an unknown name does
     * nothing.
     *
     * @param name the channel name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or contains {@code '@'}
     */
    public void destroy(String name) {
        checkName(name);
        node.destroy(name);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (name.indexOf('@') >= 0) {
            throw new IllegalArgumentException("name must not contain '@' (Hazelcast reads it as a partition key), "
                    + "got \"" + name + "\"");
        }
    }

    /**
     * Settings of a {@link HazelcastChannels}.
     *
     * @param backupCount synchronous backups of each new channel's queue, 0 to 6: with 1 (the default) a queued
     *                    value survives the crash of one member; with 0 the values queued on a member that
     *                    crashes are lost
     * @param waitSlice   the longest single remote wait, positive, at most one hour (default 100 ms): blocked
     *                    sends and receives see an interrupt or a close within about one slice, and each blocked
     *                    caller costs one remote call per slice while it waits
     */
    public record Options(int backupCount, Duration waitSlice) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException if {@code backupCount} is outside 0 to 6 or {@code waitSlice} is not
         *                                  positive or above one hour
         * @throws NullPointerException     if {@code waitSlice} is null
         */
        public Options {
            if (backupCount < 0 || backupCount > 6) {
                throw new IllegalArgumentException("backupCount must be between 0 and 6, got " + backupCount);
            }
            Objects.requireNonNull(waitSlice, "waitSlice");
            if (waitSlice.isNegative() || waitSlice.isZero() || waitSlice.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("waitSlice must be positive and at most one hour, got "
                        + waitSlice);
            }
        }

        /**
         * The defaults: 1 synchronous backup, a 100 ms wait slice.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(1, Duration.ofMillis(100));
        }

        /**
         * These options with another backup count.
         *
         * @param backupCount 0 to 6
         * @return new options
         * @throws IllegalArgumentException if {@code backupCount} is out of range
         */
        public Options withBackupCount(int backupCount) {
            return new Options(backupCount, waitSlice);
        }

        /**
         * These options with another wait slice.
         *
         * @param waitSlice positive, at most one hour
         * @return new options
         * @throws IllegalArgumentException if {@code waitSlice} is out of range
         * @throws NullPointerException     if {@code waitSlice} is null
         */
        public Options withWaitSlice(Duration waitSlice) {
            return new Options(backupCount, waitSlice);
        }
    }

    /** Identity of the instance, equality of the options. */
    private record Key(HazelcastInstance hz, Options options) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hz == hz && k.options.equals(options);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(hz) * 31 + options.hashCode();
        }
    }
}
