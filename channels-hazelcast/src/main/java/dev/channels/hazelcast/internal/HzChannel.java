package dev.channels.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;
import dev.channels.SendChannel;
import dev.channels.hazelcast.DistributedChannel;
import dev.channels.internal.ChannelIterator;
import dev.channels.internal.ReceiveOnlyView;
import dev.channels.internal.SendOnlyView;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A channel on a Hazelcast {@link IQueue} plus a close record in the shared metadata map, both on the partition
 * of the channel's name.
 *
 * <p><b>Overview.</b> A send wraps the value in a unique {@link Envelope}, serialized once. It offers the envelope
 * (in wait slices while the queue is full), then reads the close record on the owner (the post-check). If the
 * channel is closed by then, it removes its own envelope: success means nobody received it, so the send throws
 * {@link ChannelClosedException}; failure means a receiver already took it, so the send returns normally. A
 * receive claims the head in two steps: it peeks at the envelope there, then removes exactly that envelope (a
 * failed remove means another receiver took it: look again). While the queue is empty it waits, at most one
 * slice at a time, for this node's {@link ItemSignal}. It reports "closed" only after it has seen the close
 * record and then found the queue empty. A close is {@code putIfAbsent} of the record: the first close wins
 * cluster-wide.
 *
 * <p><b>Why a receive does not poll.</b> When the queue's owner dies after it and its backup applied a
 * {@code poll} but before the answer arrived, Hazelcast retries the call on the new owner (the promoted backup),
 * which hands over the next value: the first is gone from the cluster and nobody received it (seen once in the
 * separate-JVM crash test). A remove names its envelope, so its retry cannot take another value; it only comes
 * back false. A false remove during which the partition's owner or the member list changed is therefore
 * ambiguous, and the receiver counts the envelope as its own: at worst a duplicate (if another receiver really
 * took it), never a loss. The price is a second call per value (the peek), and receivers that compete for the
 * same head waste calls.
 *
 * <p><b>Invariants.</b>
 * <ul>
 *   <li>Nothing is stranded: a send that returned normally was received, or is still in the queue while no
 *       receiver has concluded "closed". Proof sketch: the queue and the map entry are each linearizable on
 *       their owner. If the post-check saw no record, the close's write came after it, hence after the offer;
 *       a receiver concludes "closed" only with a poll after it saw the record, so that poll comes after the
 *       offer and cannot have missed the value (unless another receiver took it: received once). If the
 *       post-check saw the record, the send returns normally only if its retraction failed, i.e. a receiver
 *       took the value.</li>
 *   <li>A send that threw was never received: it threw before its offer succeeded, or after its own
 *       retraction removed the envelope ({@code (senderId, seq)} is unique, so the remove matches only it).</li>
 *   <li>The check-then-offer order (pre-check only) is not safe: a close and a receiver's final empty poll can
 *       both fall between the check and the offer. The pre-check here is only an early exit; the test seam
 *       {@link SendHook#checkThenOffer()} switches to that order so a test can show it strands a value.</li>
 *   <li>No wait lasts longer than one slice ({@code Options.waitSlice}): a sender's remote {@code offer} waits at
 *       most a slice, and a receiver waits for its item signal at most a slice (events are asynchronous and can
 *       be lost). Between slices the thread checks its interrupt status and the close cache.</li>
 *   <li>An interrupt cannot cut a remote call short except at a member's retry point ({@link Node#remote}); a
 *       receive whose remove ends that way, or without an answer at all, asks the owner whether the envelope is
 *       still there (then looks again) or gone (then counts it as taken: at worst a duplicate). The caller's
 *       interrupt status is kept and acted on between slices.</li>
 *   <li>One window is left: a retraction whose owner dies after applying it. Its retry comes back false, which
 *       reads as "a receiver took it", so the send returns normally although nobody will receive the value. It
 *       needs a close, a send's post-check and an owner crash in the same moment; telling the two apart would
 *       need a record of who removed the envelope.</li>
 *   <li>A receive loses no value whose send returned while one member at a time dies (with at least one
 *       backup): a value leaves the queue only through a remove that names its envelope; a remove that returns
 *       true was applied once; a remove that returns false while the owner was unchanged was answered by the
 *       owner that applied some earlier remove of it (another receiver's); a false remove across an owner change
 *       delivers the envelope anyway. Duplicates are possible there and after a retried offer, never losses.</li>
 *   <li>An interrupt seen between slices throws {@link InterruptedException} with nothing delivered or taken;
 *       a value that a slice returned together with an interrupt is kept (sent or received), with the
 *       interrupt status set.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class HzChannel<T> implements DistributedChannel<T> {
    /** While the cache says open, the close record is read from the owner at most this many slices apart. */
    private static final int SLICES_PER_READ = 10;
    /** A primitive's answer when nothing was available (or a timed wait ran out). */
    static final Object EMPTY = new Object();

    private final Node node;
    private final String name;
    private final Spec spec;
    private final IQueue<Object> queue;
    /** The partition that holds the queue and the close record (its owner is read live from it). */
    private final Partition partition;
    private final IMap<MetaKey, Object> meta;
    private final MetaKey closeKey;
    private final long slice;
    /** {@link Time#now()} after which the next close hint reads the record on the owner. */
    private volatile long nextRead;
    private volatile SendHook hook = SendHook.NONE;
    private volatile ReceiveHook receiveHook = ReceiveHook.NONE;

    private HzChannel(Node node, String name, Spec spec) {
        this.node = node;
        this.name = name;
        this.spec = spec;
        this.queue = node.hz().getQueue(spec.queueName(name));
        this.partition = node.partitionOf(queue);
        this.meta = node.meta();
        this.closeKey = new MetaKey(name, MetaKey.CLOSE);
        this.slice = node.sliceNanos();
        this.nextRead = Time.now();
    }

    /**
     * Makes or joins the channel {@code name}: writes its spec if it is new, or checks the existing spec, then
     * adds the queue's config (identical on every node, so Hazelcast never sees a conflict).
     *
     * @param node     this instance's shared state
     * @param name     the channel name (checked by the caller)
     * @param capacity 1 to {@code Channel.MAX_BUFFERED_CAPACITY}, or {@link Integer#MAX_VALUE} for unbounded
     * @param <T>      the element type
     * @return a handle on the channel
     * @throws IllegalArgumentException if the name exists with another capacity or backup count
     */
    public static <T> HzChannel<T> open(Node node, String name, int capacity) {
        Spec wanted = new Spec(capacity, node.backupCount(), node.newCloseId());
        Object existing = node.meta().putIfAbsent(new MetaKey(name, MetaKey.SPEC), wanted);
        Spec spec = wanted;
        if (existing != null) {
            spec = (Spec) existing;
            if (!spec.equals(wanted)) {
                throw new IllegalArgumentException("name: channel '" + name + "' exists with " + spec
                        + ", asked for " + wanted + "; use the same settings, or destroy it first");
            }
        }
        String queueName = spec.queueName(name);
        node.hz().getConfig().addQueueConfig(new QueueConfig(queueName.substring(0, queueName.lastIndexOf('@')))
                .setMaxSize(capacity)
                .setBackupCount(spec.backupCount())
                .setAsyncBackupCount(0));
        return new HzChannel<>(node, name, spec);
    }

    /**
     * Test seam: installs a hook into this handle's sends.
     *
     * @param hook the hook, {@link SendHook#NONE} to remove it
     */
    public void hook(SendHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Test seam: installs a hook into this handle's receives.
     *
     * @param hook the hook, {@link ReceiveHook#NONE} to remove it
     */
    public void hook(ReceiveHook hook) {
        this.receiveHook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Test support: the Hazelcast name of the queue, {@code dev.channels:<name>:<capacity>:b<backups>@<name>},
     * whose {@code @<name>} suffix puts it on the partition of the channel name, like its {@link MetaKey}s.
     *
     * @return the Hazelcast name of the queue behind this channel
     */
    public String queueName() {
        return queue.getName();
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------------------------------------ send

    @Override
    public void send(T value) throws InterruptedException {
        sendBlocking(value, false, 0L);
    }

    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        long nanos = Time.nanos(timeout, "timeout");
        return nanos <= 0L ? trySend(value) : sendBlocking(value, true, Time.deadline(nanos));
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        Data envelope = node.envelope(value);
        CloseRecord closed = closedHint();
        if (closed != null) {
            throw sendClosed(closed);
        }
        return node.remoteNow(() -> queue.offer(envelope)) && postCheck(envelope);
    }

    private boolean sendBlocking(T value, boolean timed, long deadline) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        Data envelope = node.envelope(value);
        SendHook h = hook;
        CloseRecord closed = h.checkThenOffer() ? readClose() : closedHint();
        if (closed != null) {
            throw sendClosed(closed);
        }
        h.beforeOffer();
        for (boolean first = true; ; first = false) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long wait = slice;
            if (timed) {
                long remaining = Time.remaining(deadline);
                if (remaining <= 0L && !first) {
                    return false;
                }
                wait = Math.max(0L, Math.min(wait, remaining)); // the first offer is tried even when time is up
            }
            long w = wait;
            if (node.remote(() -> queue.offer(envelope, w, TimeUnit.NANOSECONDS))) {
                break;
            }
            closed = closedHint(); // full: nothing offered yet, so a close can end the wait at once
            if (closed != null) {
                throw sendClosed(closed);
            }
        }
        if (h.checkThenOffer()) {
            return true; // the naive protocol: no post-check (negative control only)
        }
        h.afterOffer();
        return postCheck(envelope);
    }

    /**
     * The post-check after a successful offer: returns true (delivered) unless the channel is closed and the
     * envelope could be retracted, in which case it throws.
     */
    private boolean postCheck(Data envelope) {
        CloseRecord closed = readClose(); // Node.remote keeps an interrupt away from this call and the next
        if (closed == null) {
            return true; // open after the offer: any receiver that concludes "closed" looks after it
        }
        if (node.remoteNow(() -> queue.remove(envelope))) {
            throw sendClosed(closed); // retracted: nobody received it
        }
        return true; // a receiver took it before the retraction: delivered exactly once
    }

    // --------------------------------------------------------------------------------------------- receive

    /**
     * Receives, blocking in slices: a value, a {@link Closed} marker (closed and drained), or {@link #EMPTY}
     * when a timed wait ran out.
     */
    Object receiveBlocking(boolean timed, long deadline) throws InterruptedException {
        ItemSignal signal = null;
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            CloseRecord closed = closedHint();
            if (closed != null) {
                Envelope e = take(); // after seeing the record: empty means closed, drained
                return e != null ? node.valueOf(e) : new Closed(closed);
            }
            if (signal == null) {
                signal = node.signal(queue, name, spec.incarnation()); // registered before the first look that may lead to a wait
            }
            long seen = signal.generation();
            Envelope e = take(); // looked at even when the time is already up, like BlockingQueue.poll(timeout)
            if (e != null) {
                return node.valueOf(e);
            }
            long wait = slice;
            if (timed) {
                long remaining = Time.remaining(deadline);
                if (remaining <= 0L) {
                    return EMPTY;
                }
                wait = Math.min(wait, remaining);
            }
            signal.await(seen, wait);
        }
    }

    /** Receives without waiting: a value, {@link #EMPTY} or a {@link Closed} marker. */
    Object receiveNow() {
        Envelope e = take();
        if (e != null) {
            return node.valueOf(e);
        }
        CloseRecord closed = closedHint();
        if (closed == null) {
            return EMPTY;
        }
        e = take();
        return e != null ? node.valueOf(e) : new Closed(closed);
    }

    /**
     * Claims the envelope at the head of the queue: peek, then remove that exact envelope; null if the queue is
     * empty. A failed remove means another receiver took it (look again), unless the queue's owner or the member
     * list changed during the call: then Hazelcast may have retried the remove on the new owner after the first
     * attempt was applied on the old owner and its backup, so the envelope counts as taken here (a possible
     * duplicate, never a loss).
     */
    private Envelope take() {
        ReceiveHook h = receiveHook;
        for (;;) {
            Node.Placement placement = node.placementOf(partition);
            Object head = node.remoteNow(queue::peek);
            if (head == null) {
                return null;
            }
            boolean removed;
            try {
                h.beforeRemove(queue, head);
                removed = node.remoteNow(() -> queue.remove(head));
            } catch (RuntimeException e) {
                // no answer (an interrupt at a member's retry point, a client's lost connection): the remove was
                // not applied or its outcome is unknown; the envelope tells which
                if (node.remoteNow(() -> queue.contains(head))) {
                    continue; // not applied: look again
                }
                return (Envelope) head; // gone: taken by this remove, or by another receiver (a duplicate)
            }
            if (removed) {
                return (Envelope) head;
            }
            if (!h.ignoreOwnerChange() && node.placementChanged(partition, placement)) {
                return (Envelope) head; // ambiguous: our own remove may have been applied before a crash
            }
        }
    }

    @Override
    public T receive() throws InterruptedException {
        Object v = receiveBlocking(false, 0L);
        if (v instanceof Closed c) {
            throw receiveClosed(c);
        }
        return cast(v);
    }

    @Override
    public T receive(Duration timeout) throws InterruptedException {
        long nanos = Time.nanos(timeout, "timeout");
        Object v = nanos <= 0L ? receiveNow() : receiveBlocking(true, Time.deadline(nanos));
        if (v instanceof Closed c) {
            throw receiveClosed(c);
        }
        return v == EMPTY ? null : cast(v);
    }

    @Override
    public ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        return Results.orClosed(this, receiveBlocking(false, 0L));
    }

    @Override
    public ReceiveResult<T> tryReceive() {
        return Results.now(this, receiveNow());
    }

    @Override
    public Iterator<T> iterator() {
        return new ChannelIterator<>(this);
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    // ------------------------------------------------------------------------------------------------ close

    @Override
    public boolean close() {
        return closeWith(null);
    }

    @Override
    public boolean close(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        return closeWith(cause);
    }

    private boolean closeWith(Throwable cause) {
        CloseRecord mine = new CloseRecord(node.newCloseId(), spec.incarnation(), cause);
        if (cause != null) {
            node.keepCause(mine.id(), cause); // before the write: a receiver here may see it at once
        }
        Object previous = node.remoteNow(() -> meta.putIfAbsent(closeKey, mine)); // an interrupt cannot cut it
        boolean won = previous == null;
        if (cause != null) {
            node.closeDecided(name, mine.id(), won);
        }
        node.remember(name, won ? mine : (CloseRecord) previous);
        return won;
    }

    @Override
    public boolean isClosed() {
        CloseRecord cached = cachedClose();
        return cached != null || readClose() != null;
    }

    @Override
    public int size() {
        return node.remoteNow(queue::size);
    }

    @Override
    public int capacity() {
        return spec.capacity();
    }

    @Override
    public SendChannel<T> sendOnly() {
        return new SendOnlyView<>(this);
    }

    @Override
    public ReceiveChannel<T> receiveOnly() {
        return new ReceiveOnlyView<>(this);
    }

    @Override
    public String toString() {
        return "DistributedChannel[" + name + ", " + spec + "]";
    }

    // -------------------------------------------------------------------------------------------- internals

    /** The record from the close cache if it belongs to this incarnation of the name, else null. */
    private CloseRecord cachedClose() {
        CloseRecord r = node.cachedClose(name);
        return r != null && r.incarnation() == spec.incarnation() ? r : null;
    }

    /**
     * The close record if this node knows of it, reading it from the owner when the last such read is more
     * than {@link #SLICES_PER_READ} slices old (events can be late or lost); null if open as far as known.
     */
    private CloseRecord closedHint() {
        CloseRecord cached = cachedClose();
        if (cached != null) {
            return cached;
        }
        long now = Time.now();
        if (now - nextRead >= 0L) {
            nextRead = now + SLICES_PER_READ * slice;
            return readClose();
        }
        return null;
    }

    /** Reads the close record on the owner (the authority); null if the channel is open. */
    private CloseRecord readClose() {
        if (node.remoteNow(() -> meta.get(closeKey)) instanceof CloseRecord r) {
            node.remember(name, r);
            return r;
        }
        return null;
    }

    private ChannelClosedException sendClosed(CloseRecord r) {
        return new ChannelClosedException("send on closed channel '" + name + "'", node.causeOf(name, r));
    }

    ChannelClosedException receiveClosed(Closed c) {
        return new ChannelClosedException("receive on closed channel '" + name + "'", closeCause(c));
    }

    /** The close cause receivers here see (original or {@code RemoteCause}), null for a plain close. */
    Throwable closeCause(Closed c) {
        return node.causeOf(name, c.record);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object v) {
        return (T) v;
    }

    /** A primitive's answer when the channel is closed and drained; only this class makes one. */
    record Closed(CloseRecord record) {
    }
}
