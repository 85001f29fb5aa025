package dev.channels;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Negative controls: a small copy of the unbuffered hand-off core of {@code ChannelImpl}, {@code Waiter} and
 * {@code Selector} (Go's design: one lock per channel, claim-once waiters), with one deliberately broken line
 * selected by {@link Fault}. The verification harnesses ({@link HandOffGeneralModelCheckTest}, the jcstress
 * module) run the same scenarios on this copy and must report a failure for every fault; with
 * {@link Fault#NONE} the copy is correct. Only the hand-off is copied (no buffer, no timeouts), so each fault
 * sits in a few lines that mirror the named production line.
 */
final class BrokenHandOff {

    /** Which production line is broken. */
    enum Fault {
        /** Correct copy. */
        NONE,
        /**
         * Lost wake-up: the blocking send/receive checks for a partner, releases the lock, and only then
         * publishes its waiter without re-checking. Mirrors {@code ChannelImpl.sendBlocking/receiveBlocking},
         * where {@code trySendLocked}/{@code tryReceiveLocked} and {@code senders.add(node)} /
         * {@code receivers.add(node)} run in one critical section.
         */
        REGISTER_WITHOUT_RECHECK,
        /**
         * Close forgets its waiters. Mirrors the two {@code while ((n = ....poll()) != null) n.waiter.tryRetry()}
         * loops of {@code ChannelImpl.closeWith}.
         */
        CLOSE_SKIPS_WAITERS,
        /**
         * The claim is a check-then-set instead of a CAS, so two channels can both fire one select. Mirrors
         * {@code STATE.compareAndSet(this, null, node)} in {@code Waiter.tryFire}.
         */
        CLAIM_WITHOUT_CAS,
        /**
         * An interrupted owner cancels with a check-then-set instead of a CAS, so it can overwrite a hand-off
         * that a claimer completed in between. Mirrors {@code STATE.compareAndSet(this, null, CANCELLED)} in
         * {@code Waiter.await}.
         */
        CANCEL_WITHOUT_CAS
    }

    static final Object CANCELLED = "CANCELLED";
    static final Object RETRY = "RETRY";
    static final Object EMPTY = "EMPTY";
    static final Object CLOSED = "CLOSED";
    private static final AtomicLong IDS = new AtomicLong();

    private BrokenHandOff() {
    }

    /** Waiter: claim-once parking. */
    static class MiniWaiter {
        private static final AtomicReferenceFieldUpdater<MiniWaiter, Object> STATE =
                AtomicReferenceFieldUpdater.newUpdater(MiniWaiter.class, Object.class, "state");
        final Thread owner = Thread.currentThread();
        final Fault fault;
        volatile Object state;

        MiniWaiter(Fault fault) {
            this.fault = fault;
        }

        boolean tryFire(Object outcome) {
            if (fault == Fault.CLAIM_WITHOUT_CAS) {
                if (state == null) { // BROKEN: check-then-set
                    state = outcome;
                    LockSupport.unpark(owner);
                    return true;
                }
                return false;
            }
            if (STATE.compareAndSet(this, null, outcome)) {
                LockSupport.unpark(owner);
                return true;
            }
            return false;
        }

        Object await() throws InterruptedException {
            boolean interrupted = false;
            try {
                for (;;) {
                    Object s = state;
                    if (s != null) {
                        return s;
                    }
                    if (Thread.interrupted()) {
                        if (fault == Fault.CANCEL_WITHOUT_CAS) {
                            if (state == null) { // BROKEN: check-then-set; a claim can win in between
                                state = CANCELLED;
                                throw new InterruptedException();
                            }
                            interrupted = true;
                            continue;
                        }
                        if (STATE.compareAndSet(this, null, CANCELLED)) {
                            throw new InterruptedException();
                        }
                        interrupted = true;
                        continue;
                    }
                    LockSupport.park(this);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One registration: a plain operation owns its waiter; a select shares one among its cases. */
    static final class Node {
        final MiniWaiter waiter;
        final int caseIndex;
        Object item;
        Node next;

        Node(MiniWaiter waiter, int caseIndex, Object item) {
            this.waiter = waiter;
            this.caseIndex = caseIndex;
            this.item = item;
        }
    }

    /**
     * A FIFO of nodes, guarded by the channel lock. Not an {@code ArrayDeque}: Lincheck does not instrument the
     * JDK by default, so a node published through a JDK collection looks thread-local to it and it would not
     * explore the races on that node (the cancel-without-CAS control went uncaught that way).
     */
    static final class MiniQueue {
        private Node head;
        private Node tail;

        void add(Node n) {
            n.next = null;
            if (tail == null) {
                head = n;
            } else {
                tail.next = n;
            }
            tail = n;
        }

        Node poll() {
            Node h = head;
            if (h != null) {
                head = h.next;
                if (head == null) {
                    tail = null;
                }
                h.next = null;
            }
            return h;
        }

        void remove(Node n) {
            Node prev = null;
            for (Node c = head; c != null; prev = c, c = c.next) {
                if (c == n) {
                    if (prev == null) {
                        head = c.next;
                    } else {
                        prev.next = c.next;
                    }
                    if (tail == c) {
                        tail = prev;
                    }
                    c.next = null;
                    return;
                }
            }
        }
    }

    /** An unbuffered channel of ints. */
    static final class MiniChannel {
        final long id = IDS.incrementAndGet();
        final ReentrantLock lock = new ReentrantLock();
        final MiniQueue senders = new MiniQueue();
        final MiniQueue receivers = new MiniQueue();
        final Fault fault;
        boolean closed;

        MiniChannel(Fault fault) {
            this.fault = fault;
        }

        /** Caller holds the lock. */
        boolean trySendLocked(Object v) {
            if (closed) {
                throw new ChannelClosedException("send on closed channel", null);
            }
            Node r;
            while ((r = receivers.poll()) != null) {
                r.item = v;
                if (r.waiter.tryFire(r)) {
                    return true;
                }
                r.item = null;
            }
            return false;
        }

        /** Caller holds the lock. */
        Object tryReceiveLocked() {
            Node s;
            while ((s = senders.poll()) != null) {
                Object v = s.item;
                if (s.waiter.tryFire(s)) {
                    return v;
                }
            }
            return closed ? CLOSED : EMPTY;
        }

        /** A non-blocking send: true if a waiting receiver took the value. */
        boolean trySend(int value) {
            lock.lock();
            try {
                return trySendLocked(value);
            } finally {
                lock.unlock();
            }
        }

        void send(int value) throws InterruptedException {
            for (;;) {
                Node node;
                lock.lock();
                try {
                    if (trySendLocked(value)) {
                        return;
                    }
                    if (fault == Fault.REGISTER_WITHOUT_RECHECK) {
                        lock.unlock(); // BROKEN: the check and the publication are two critical sections
                        lock.lock();
                    }
                    node = new Node(new MiniWaiter(fault), -1, value);
                    senders.add(node);
                } finally {
                    lock.unlock();
                }
                Object outcome = awaitOrUnlink(node, senders);
                if (outcome == node) {
                    return;
                }
                // RETRY: closed; the next round throws
            }
        }

        /** The value, or throws {@link ChannelClosedException}. */
        int receive() throws InterruptedException {
            for (;;) {
                Node node;
                lock.lock();
                try {
                    Object v = tryReceiveLocked();
                    if (v == CLOSED) {
                        throw new ChannelClosedException("receive on closed channel", null);
                    }
                    if (v != EMPTY) {
                        return (Integer) v;
                    }
                    if (fault == Fault.REGISTER_WITHOUT_RECHECK) {
                        lock.unlock(); // BROKEN: as in send
                        lock.lock();
                    }
                    node = new Node(new MiniWaiter(fault), -1, null);
                    receivers.add(node);
                } finally {
                    lock.unlock();
                }
                Object outcome = awaitOrUnlink(node, receivers);
                if (outcome == node) {
                    return (Integer) node.item;
                }
            }
        }

        private Object awaitOrUnlink(Node node, MiniQueue queue) throws InterruptedException {
            try {
                return node.waiter.await();
            } catch (InterruptedException e) {
                lock.lock();
                try {
                    queue.remove(node);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        }

        boolean close() {
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                closed = true;
                if (fault != Fault.CLOSE_SKIPS_WAITERS) { // BROKEN when skipped: parked waiters sleep forever
                    Node n;
                    while ((n = senders.poll()) != null) {
                        n.waiter.tryFire(RETRY);
                    }
                    while ((n = receivers.poll()) != null) {
                        n.waiter.tryFire(RETRY);
                    }
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Go's selectgo restricted to receive cases: lock all in id order, pass 1, else one node per case sharing a
     * waiter, park, unlink the losers.
     *
     * @return {@code "<case>:<value>"}
     */
    static String selectReceive(Fault fault, MiniChannel... channels) throws InterruptedException {
        MiniChannel[] order = channels.clone();
        java.util.Arrays.sort(order, (x, y) -> Long.compare(x.id, y.id));
        for (;;) {
            MiniWaiter waiter = new MiniWaiter(fault);
            Node[] nodes = new Node[channels.length];
            for (MiniChannel c : order) {
                c.lock.lock();
            }
            try {
                for (int i = 0; i < channels.length; i++) {
                    Object v = channels[i].tryReceiveLocked();
                    if (v != EMPTY) {
                        return i + ":" + v;
                    }
                }
                for (int i = 0; i < channels.length; i++) {
                    nodes[i] = new Node(waiter, i, null);
                    channels[i].receivers.add(nodes[i]);
                }
            } finally {
                for (int k = order.length - 1; k >= 0; k--) {
                    order[k].lock.unlock();
                }
            }
            Object outcome = waiter.await();
            for (int i = 0; i < channels.length; i++) {
                channels[i].lock.lock();
                try {
                    channels[i].receivers.remove(nodes[i]);
                } finally {
                    channels[i].lock.unlock();
                }
            }
            if (outcome instanceof Node fired) {
                return fired.caseIndex + ":" + fired.item;
            }
        }
    }
}
