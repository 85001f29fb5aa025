package dev.channels.internal;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The select algorithm: wait on several send and receive cases, fire exactly one.
 *
 * <h2>Overview of implementation</h2>
 * Go's {@code selectgo}, on the channel of {@link ChannelImpl}, whose state changes only under its lock:
 * <ol>
 *   <li>Lock every distinct channel of the select in {@link ChannelImpl#id} order (a global order, so two
 *       selects over the same channels cannot deadlock; plain operations hold one lock at a time).</li>
 *   <li>Pass 1: visit the cases in a uniformly random permutation (or declaration order in ordered mode) and
 *       fire the first that can complete now, through the same locked attempts a blocking send or receive
 *       uses. A closed channel makes its cases ready. None ready and a default present: the default fires.</li>
 *   <li>Pass 2: link one {@link WaitNode} per case into the channels' wait queues; all nodes share one
 *       {@link Waiter}, so whichever counterpart claims first fires its case and every other claim fails. No
 *       state can have changed since pass 1: every lock is still held.</li>
 *   <li>Unlock all, park on the waiter (timed if there is a timeout case), then unlink the nodes that did not
 *       fire, one channel lock at a time.</li>
 * </ol>
 *
 * <p>Invariants:
 * <ul>
 *   <li>Exactly one case fires: in pass 1 the select is registered nowhere, so nobody else can complete one of
 *       its cases, and the first success returns; after pass 2 only the claim CAS on the shared waiter can
 *       fire a case, and it succeeds once.</li>
 *   <li>A case that did not fire had no effect: a pass-1 attempt either completes or leaves the channel as it
 *       was; a node that lost the claim was never used (a claimer takes a send node's value or fills a receive
 *       node only after winning the CAS; see {@link Waiter}).</li>
 *   <li>A select never meets itself: its nodes are linked only after pass 1, and only other threads claim
 *       them. A send and a receive on the same unbuffered channel therefore never pair with each other.</li>
 *   <li>Cleanup: a select unlinks its losing nodes before returning, and claimers unlink stale nodes they
 *       meet, so after any number of losing selects a channel holds none of their nodes; finding the next
 *       live waiter skips only nodes of selects that are in the middle of returning.</li>
 *   <li>Progress: the select re-runs only when woken by a close, which makes that case ready.</li>
 * </ul>
 *
 * <p>An instance holds the cases of one {@code Select} and is not thread-safe; the same instance may run many
 * times (a select in a loop allocates only its waiter and nodes per blocking round).
 */
public final class Selector {
    /** Returned by {@link #select} when the default case fired. */
    public static final int DEFAULT = -1;
    /** Returned by {@link #select} when the timeout case fired. */
    public static final int TIMEOUT = -2;

    private ChannelImpl<?>[] channels = new ChannelImpl<?>[4];
    private boolean[] isSend = new boolean[4];
    private Object[] values = new Object[4];
    private int size;

    /** Distinct channels in lock order; rebuilt when cases are added. */
    private ChannelImpl<?>[] lockOrder;
    private int[] permutation;

    /** The received value (or {@link #closedMark()}) of the case that fired; null for a send case. */
    private Object result;

    /**
     * Adds a receive case.
     *
     * @param channel a channel made by the library, or a view of one
     * @return the case index
     */
    public int addReceive(Object channel) {
        return add(ChannelImpl.of(channel), false, null);
    }

    /**
     * Adds a send case.
     *
     * @param channel a channel made by the library, or a view of one
     * @param value   the value to send, not null
     * @return the case index
     */
    public int addSend(Object channel, Object value) {
        return add(ChannelImpl.of(channel), true, value);
    }

    private int add(ChannelImpl<?> channel, boolean send, Object value) {
        if (size == channels.length) {
            channels = Arrays.copyOf(channels, size * 2);
            isSend = Arrays.copyOf(isSend, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        channels[size] = channel;
        isSend[size] = send;
        values[size] = value;
        lockOrder = null;
        return size++;
    }

    /**
     * Replaces the value of send case {@code index}, for a send whose value is supplied anew on each run; only
     * between runs.
     */
    public void setSendValue(int index, Object value) {
        values[index] = value;
    }

    /** The number of channel cases. */
    public int size() {
        return size;
    }

    /** Marks a receive result meaning "closed and drained". */
    public static Object closedMark() {
        return ChannelImpl.CLOSED_MARK;
    }

    /** The value received by the case that fired, {@link #closedMark()}, or null for a send case. */
    public Object result() {
        return result;
    }

    /** Whether the send case {@code index} fired because its channel is closed (its value was not sent). */
    public boolean sendFoundClosed(int index) {
        return result == ChannelImpl.CLOSED_MARK && isSend[index];
    }

    /** The close cause of the channel of case {@code index}, or null. */
    public Throwable closeCause(int index) {
        return channels[index].closeCause();
    }

    /**
     * Runs the select.
     *
     * @param random     the source for the random case order, or null for declaration order
     * @param hasDefault whether a default case exists
     * @param timed      whether there is a timeout case
     * @param deadline   the timeout as a {@link System#nanoTime()} deadline
     * @return the index of the case that fired, {@link #DEFAULT} or {@link #TIMEOUT}
     * @throws InterruptedException if interrupted while blocked; no case fired
     */
    public int select(RandomGenerator random, boolean hasDefault, boolean timed, long deadline)
            throws InterruptedException {
        result = null;
        ChannelImpl<?>[] locks = lockOrder();
        int n = size;
        WaitNode[] nodes = null;
        for (;;) {
            int[] order = order(random);
            Waiter waiter;
            lockAll(locks);
            try {
                for (int k = 0; k < n; k++) { // pass 1: the first ready case in `order`
                    int i = order[k];
                    if (tryCase(i)) {
                        return i;
                    }
                }
                if (hasDefault) {
                    return DEFAULT;
                }
                if (timed && Deadlines.remaining(deadline) <= 0L) {
                    return TIMEOUT;
                }
                waiter = new SelectWaiter(this, timed); // pass 2: nothing is ready, and nothing can change while the locks are held
                if (nodes == null) {
                    nodes = new WaitNode[n];
                }
                for (int i = 0; i < n; i++) {
                    WaitNode node = new WaitNode(waiter, i, isSend[i] ? values[i] : null);
                    nodes[i] = node;
                    (isSend[i] ? channels[i].senders : channels[i].receivers).add(node);
                }
            } finally {
                unlockAll(locks);
            }
            Object outcome;
            try {
                outcome = waiter.await(timed, deadline, spinChannel());
            } catch (InterruptedException e) {
                unlinkAll(nodes);
                throw e;
            }
            unlinkAll(nodes);
            if (outcome instanceof WaitNode fired) {
                int i = fired.caseIndex;
                result = isSend[i] ? null : fired.item;
                return i;
            }
            if (outcome == Waiter.CANCELLED) {
                return TIMEOUT;
            }
            // RETRY: a channel closed; run the passes again (its case is now ready)
        }
    }

    /**
     * The channel whose adaptive spin budget the parked select uses: its first unbuffered case's, or none (a
     * select on buffered channels only parks at once, as a plain buffered wait does; see {@link AdaptiveSpin}).
     */
    private ChannelImpl<?> spinChannel() {
        for (int i = 0; i < size; i++) {
            if (channels[i].capacity() == 0) {
                return channels[i];
            }
        }
        return null;
    }

    /** Pass 1 for one case, under all locks. */
    private boolean tryCase(int i) {
        ChannelImpl<?> ch = channels[i];
        if (isSend[i]) {
            int r = ch.trySendLocked(values[i]);
            if (r == ChannelImpl.WOULD_BLOCK) {
                return false;
            }
            result = r == ChannelImpl.CLOSED ? ChannelImpl.CLOSED_MARK : null;
            return true;
        }
        Object v = ch.tryReceiveLocked();
        if (v == ChannelImpl.EMPTY) {
            return false;
        }
        result = v;
        return true;
    }

    private WaitQueue queueOf(int i) {
        return isSend[i] ? channels[i].senders : channels[i].receivers;
    }

    /** Unlinks every node still linked (a claimer already unlinked the one that fired). */
    private void unlinkAll(WaitNode[] nodes) {
        for (int i = 0; i < size; i++) {
            WaitNode node = nodes[i];
            if (node.queue != null) { // a hint read without the lock: once null, a node is never linked again
                channels[i].unlinkLocked(node, queueOf(i));
            }
            nodes[i] = null;
        }
    }

    private int[] order(RandomGenerator random) {
        int n = size;
        int[] p = permutation;
        if (p == null || p.length != n) {
            p = permutation = new int[n];
        }
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates: every order equally likely
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    private ChannelImpl<?>[] lockOrder() {
        ChannelImpl<?>[] l = lockOrder;
        if (l == null) {
            // Distinct channels sorted by id. Insertion sort: selects have a handful of cases, and larger ones
            // are built once and run many times.
            ChannelImpl<?>[] sorted = new ChannelImpl<?>[size];
            int m = 0;
            for (int i = 0; i < size; i++) {
                ChannelImpl<?> ch = channels[i];
                int j = m;
                while (j > 0 && sorted[j - 1].id > ch.id) {
                    j--;
                }
                if (j > 0 && sorted[j - 1] == ch) {
                    continue; // already present
                }
                System.arraycopy(sorted, j, sorted, j + 1, m - j);
                sorted[j] = ch;
                m++;
            }
            l = lockOrder = Arrays.copyOf(sorted, m);
        }
        return l;
    }

    private static void lockAll(ChannelImpl<?>[] locks) {
        for (ChannelImpl<?> ch : locks) {
            ch.lock.lock();
        }
    }

    private static void unlockAll(ChannelImpl<?>[] locks) {
        for (int i = locks.length - 1; i >= 0; i--) {
            locks[i].lock.unlock();
        }
    }

    /**
     * The shared waiter of one blocking round. It only adds a description, for thread dumps and a test bubble's
     * deadlock report: {@code "select: receive on Channel[...] | send on Channel[...] | timeout"}.
     */
    private static final class SelectWaiter extends Waiter {
        private final Selector selector;
        private final boolean timed;

        SelectWaiter(Selector selector, boolean timed) {
            this.selector = selector;
            this.timed = timed;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("select: ");
            for (int i = 0; i < selector.size; i++) {
                b.append(i == 0 ? "" : " | ").append(selector.isSend[i] ? "send on " : "receive on ")
                        .append(selector.channels[i]);
            }
            return timed ? b.append(" | timeout").toString() : b.toString();
        }
    }
}
