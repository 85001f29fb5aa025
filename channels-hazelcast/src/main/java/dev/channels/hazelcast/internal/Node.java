package dev.channels.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import com.hazelcast.spi.impl.SerializationServiceSupport;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all distributed channels of one {@link HazelcastInstance} (member or client) share: the metadata map, a
 * local cache of close records fed by one entry listener, the original close causes of channels closed here, the
 * serializer, and this node's sender id.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The close cache is a hint and never the authority: an entry appears only after its record was written
 *       to the map (the listener fires after the write, or this node read or wrote the record), so a cached
 *       "closed" is always true; a missing entry may be stale (events are asynchronous and can be lost when a
 *       client reconnects), so every reader that needs "open" for correctness reads the map itself.</li>
 *   <li>{@code (senderId, seq)} is unique cluster-wide: senderId is random (122-bit UUID folded to 64 bits),
 *       seq counts up per node.</li>
 *   <li>Interrupts never cut a Hazelcast call short where that could lose or misreport a value ({@link #remote}).
 *       A client's invocation completes at once with an {@code InterruptedException} when its caller is
 *       interrupted and drops the response that arrives later (a remove the owner applied would lose its value),
 *       so on a client each call runs on a fresh virtual thread that nobody interrupts, and the caller waits for
 *       it uninterruptibly (at most one wait slice for a blocking call). A member's invocation waits for its
 *       response through interrupts (Hazelcast's {@code joinInternal}), except at a retry point (its target left,
 *       the partition is migrating), where an interrupted invocation ends with an exception instead of being
 *       retried: the call was then not applied (migration) or its outcome is unknown (the owner died), and it is
 *       not applied later. A member therefore calls directly, with its interrupt status cleared during the call
 *       and restored afterwards, so only an interrupt that lands during a call can end it, and only at a retry
 *       point; a receive resolves that outcome ({@code HzChannel.take}). A hand-off per call would cost more
 *       than the call: 224 against 145 µs per receive in a JMH run (2026-11-30). Listener registration waits
 *       interruptibly on members too, so it always runs on a helper thread.</li>
 * </ul>
 */
public final class Node {
    /** The shared metadata map: specs and close records of every channel, keyed by {@link MetaKey}. */
    public static final String META_MAP = "dev.channels.meta";

    private final HazelcastInstance hz;
    private final SerializationService serialization;
    private final IMap<MetaKey, Object> meta;
    private final long senderId;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, CloseRecord> closed = new ConcurrentHashMap<>();
    /** Original causes of closes attempted here, by record id (losing attempts remove theirs at once). */
    private final Map<Long, Throwable> localCauses = new ConcurrentHashMap<>();
    /** The winning record id of each channel closed with a cause from here, to free its cause on destroy. */
    private final Map<String, Long> wonHere = new ConcurrentHashMap<>();
    /**
     * Item signals of the queues that receivers here waited on, by channel name and incarnation: a channel
     * destroyed and made again with the same capacity has the same queue name, but Hazelcast dropped the old
     * queue's listeners on every node, so the new incarnation needs a new signal even on nodes that never heard
     * of the destroy.
     */
    private final Map<SignalKey, Registration> signals = new ConcurrentHashMap<>();
    private final boolean client;
    private final UUID listener;
    private final int backupCount;
    private final long sliceNanos;

    /**
     * Registers the close listener on {@code hz}.
     *
     * @param hz          a member or client
     * @param backupCount the synchronous backups of new channels' queues
     * @param sliceNanos  the longest single remote wait
     */
    public Node(HazelcastInstance hz, int backupCount, long sliceNanos) {
        this.hz = hz;
        if (!(hz instanceof SerializationServiceSupport s)) {
            throw new IllegalArgumentException("hz: not a Hazelcast member or client instance: " + hz.getClass());
        }
        this.serialization = s.getSerializationService();
        this.meta = hz.getMap(META_MAP);
        UUID u = UUID.randomUUID();
        this.senderId = u.getMostSignificantBits() ^ u.getLeastSignificantBits();
        this.backupCount = backupCount;
        this.sliceNanos = sliceNanos;
        this.client = !(hz.getLocalEndpoint() instanceof Member);
        this.listener = meta.addEntryListener(new CloseListener(), true);
    }

    /** A remote call that may wait (at most one slice). */
    interface RemoteCall<V> {
        V call() throws InterruptedException;
    }

    /**
     * Runs a Hazelcast call so that an interrupt of the caller cannot cut it short (see the class invariants): on
     * a member directly, with the interrupt status cleared during the call; on a client on a helper thread. The
     * caller's interrupt status is kept.
     *
     * @throws InterruptedException only on a member, when an interrupt that arrived during the call ended it at
     *                              a retry point (not applied, or outcome unknown); the interrupt status is set
     */
    <V> V remote(RemoteCall<V> call) throws InterruptedException {
        if (client) {
            return onHelperThread(call);
        }
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } catch (InterruptedException e) {
            interrupted = true;
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@link #remote} for a call that never waits remotely.
     *
     * @throws IllegalStateException if an interrupt ended the call at a retry point (member only: not applied,
     *                               or outcome unknown); the interrupt status is set
     */
    <V> V remoteNow(Supplier<V> call) {
        try {
            return remote(call::get);
        } catch (InterruptedException e) {
            throw new IllegalStateException("a Hazelcast call was ended by an interrupt while Hazelcast was about to "
                    + "retry it (its member left or its partition was migrating); its outcome is unknown", e);
        }
    }

    /** Runs {@code call} on a fresh virtual thread that nobody interrupts; waits for it uninterruptibly. */
    private static <V> V onHelperThread(RemoteCall<V> call) {
        CompletableFuture<V> result = new CompletableFuture<>();
        Thread.ofVirtual().name("channels-hazelcast-call").start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.join(); // uninterruptible; keeps the caller's interrupt status
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    HazelcastInstance hz() {
        return hz;
    }

    IMap<MetaKey, Object> meta() {
        return meta;
    }

    int backupCount() {
        return backupCount;
    }

    long sliceNanos() {
        return sliceNanos;
    }

    /**
     * Wraps and serializes a value once, before anything is sent: a value Hazelcast cannot serialize fails here,
     * with nothing enqueued, and the same bytes serve for the offer and for a retraction.
     */
    Data envelope(Object value) {
        try {
            return serialization.toData(new Envelope(senderId, seq.incrementAndGet(), serialization.toData(value)));
        } catch (HazelcastSerializationException ex) {
            throw new IllegalArgumentException("value: Hazelcast cannot serialize " + value.getClass().getName()
                    + " (use a record, Serializable or a registered serializer); nothing was sent", ex);
        }
    }

    /** The value inside a claimed envelope, deserialized here. */
    Object valueOf(Envelope e) {
        return serialization.toObject(e.payload());
    }

    /**
     * The signal that wakes this node's receivers waiting on {@code queue}, registering its item listener on
     * first use.
     */
    ItemSignal signal(IQueue<Object> queue, String channel, long incarnation) {
        return signals.computeIfAbsent(new SignalKey(channel, incarnation), k -> {
            ItemSignal s = new ItemSignal();
            UUID id = onHelperThread(() -> queue.addItemListener(s, false)); // its wait is interruptible
            return new Registration(s, id, queue.getName());
        }).signal();
    }

    /** Which incarnation of which channel an item signal listens to. */
    private record SignalKey(String channel, long incarnation) {
    }

    /** An item signal, its listener's registration id and its queue's name (to unregister it). */
    private record Registration(ItemSignal signal, UUID id, String queueName) {
    }

    /**
     * What this node sees of the cluster around a call: the owner of the call's partition (null while none is
     * known) and the member list.
     */
    record Placement(UUID owner, Set<Member> members) {
    }

    /**
     * The partition of {@code queue}: that of the key after '@' in its name, not that of the whole name. The
     * returned object reads its owner from this node's partition table on each call.
     */
    Partition partitionOf(IQueue<Object> queue) {
        return hz.getPartitionService().getPartition(StringPartitioningStrategy.getPartitionKey(queue.getName()));
    }

    /** This node's current view of the placement of {@code partition}, read before a call. */
    Placement placementOf(Partition partition) {
        // read the member list first: a change between the two reads then shows up as a changed list later
        Set<Member> members = hz.getCluster().getMembers();
        Member owner = partition.getOwner();
        return new Placement(owner == null ? null : owner.getUuid(), members);
    }

    /**
     * Whether a call on {@code partition} that started with placement {@code before} may have been retried by
     * Hazelcast on another member: the partition's owner in this node's table changed, or the member list did
     * (which also catches an owner that moved away and back during the call, with the member in between gone).
     * A retried call reaches the new owner only after this node's partition table names it, so a retry shows up
     * here once the call has returned; a member that routes a client's call may know sooner than the client,
     * which is why a client's view can lag (see the README).
     */
    boolean placementChanged(Partition partition, Placement before) {
        Placement now = placementOf(partition);
        return before.owner() == null || !before.owner().equals(now.owner()) || !before.members().equals(now.members());
    }

    /** A fresh id for a close record. */
    long newCloseId() {
        UUID u = UUID.randomUUID();
        return u.getMostSignificantBits() ^ u.getLeastSignificantBits();
    }

    /** The cached close record, or null if none is known here (a hint: see the class invariants). */
    CloseRecord cachedClose(String name) {
        return closed.get(name);
    }

    /** Caches a record read from or written to the map. */
    void remember(String name, CloseRecord r) {
        closed.put(name, r);
    }

    /** Keeps the original cause of a close attempted here, before the attempt, so that a receiver here never
     *  sees the record without it. */
    void keepCause(long id, Throwable cause) {
        localCauses.put(id, cause);
    }

    /** The close attempt {@code id} from here won ({@code won}) or lost (its cause is dropped). */
    void closeDecided(String name, long id, boolean won) {
        if (won) {
            wonHere.put(name, id);
        } else {
            localCauses.remove(id);
        }
    }

    /**
     * The close cause receivers here see: the original object if this node's close won, a {@link
     * dev.channels.hazelcast.RemoteCause} copy otherwise, null for a plain close.
     */
    Throwable causeOf(String name, CloseRecord r) {
        if (!r.hasCause()) {
            return null;
        }
        Throwable original = localCauses.get(r.id());
        return original != null ? original : r.remoteCause();
    }

    /** Drops the item signal of a destroyed incarnation of {@code channel} (its listener went with the queue). */
    private void forgetSignal(String channel, long incarnation) {
        signals.remove(new SignalKey(channel, incarnation));
    }

    /** Forgets everything cached about {@code name} (after destroy). */
    void forget(String name) {
        closed.remove(name);
        Long id = wonHere.remove(name);
        if (id != null) {
            localCauses.remove(id);
        }
    }

    /** Destroys the channel {@code name} cluster-wide: queue, close record and spec. */
    public void destroy(String name) {
        Object spec = meta.get(new MetaKey(name, MetaKey.SPEC));
        if (spec instanceof Spec s) {
            forgetSignal(name, s.incarnation()); // the queue's listeners go with it
            hz.getQueue(s.queueName(name)).destroy();
        }
        meta.delete(new MetaKey(name, MetaKey.CLOSE));
        meta.remove(new MetaKey(name, MetaKey.SPEC)); // not delete: other nodes' event needs the old spec
        forget(name);
    }

    /** Removes the listener (when the facade is dropped while the instance keeps running). */
    public void unregister() {
        try {
            meta.removeEntryListener(listener);
            for (Registration r : signals.values()) {
                hz.getQueue(r.queueName()).removeItemListener(r.id());
            }
        } catch (RuntimeException ignored) {
            // the instance is shutting down: its listeners go with it
        }
    }

    /** Feeds the close cache; entries of destroyed channels disappear again. */
    private final class CloseListener implements EntryAddedListener<MetaKey, Object>,
            EntryRemovedListener<MetaKey, Object> {
        @Override
        public void entryAdded(EntryEvent<MetaKey, Object> event) {
            if (event.getKey().kind() == MetaKey.CLOSE && event.getValue() instanceof CloseRecord r) {
                closed.put(event.getKey().name(), r);
            }
        }

        @Override
        public void entryRemoved(EntryEvent<MetaKey, Object> event) {
            if (event.getKey().kind() == MetaKey.CLOSE) {
                closed.remove(event.getKey().name());
            } else if (event.getKey().kind() == MetaKey.SPEC && event.getOldValue() instanceof Spec s) {
                forgetSignal(event.getKey().name(), s.incarnation()); // destroyed: its listeners went with it
            }
        }
    }
}
