package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;
import dev.channels.SendChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel contract on a distributed channel whose sender and receiver are different Hazelcast instances,
 * and whose queue lives on {@link #owner()}. Subclasses choose the topology (2 or 3 members, or a client).
 */
abstract class AbstractContractTest {

    /** The instance that sends. */
    abstract HazelcastInstance sender();

    /** The instance that receives (a different one). */
    abstract HazelcastInstance receiver();

    /** The member that owns the channels' partition. */
    abstract HazelcastInstance owner();

    /** A fresh name owned by {@link #owner()}. */
    abstract String freshName(String prefix);

    <T> DistributedChannel<T> atSender(String name, int capacity) {
        return HazelcastChannels.on(sender()).buffered(name, capacity);
    }

    <T> DistributedChannel<T> atReceiver(String name, int capacity) {
        return HazelcastChannels.on(receiver()).buffered(name, capacity);
    }

    /** Per sender FIFO, each value received once. */
    @Test
    void valuesOfOneSenderArriveInOrder() throws Exception {
        String name = freshName("fifo");
        DistributedChannel<Integer> out = atSender(name, 16);
        DistributedChannel<Integer> in = atReceiver(name, 16);
        int n = 500 * Integer.getInteger("stress.factor", 1);
        Async<Void> producer = Async.<Void>start(() -> {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
            out.close();
            return null;
        });
        List<Integer> got = new ArrayList<>();
        for (int v : in) {
            got.add(v);
        }
        producer.get();
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void bufferedBoundHoldsAndBlockedSendCompletesAfterReceive() throws Exception {
        String name = freshName("bound");
        DistributedChannel<Integer> out = atSender(name, 4);
        DistributedChannel<Integer> in = atReceiver(name, 4);
        assertEquals(4, out.capacity());
        for (int i = 0; i < 4; i++) {
            out.send(i);
        }
        assertFalse(out.trySend(99), "trySend on a full channel");
        assertFalse(out.send(99, Duration.ofMillis(150)), "timed send on a full channel");
        assertEquals(4, in.size());
        Async<Void> fifth = Async.<Void>start(() -> {
            out.send(4);
            return null;
        }).awaitParked();
        assertEquals(0, in.receive());
        fifth.get();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rest.add(in.receive());
        }
        assertEquals(List.of(1, 2, 3, 4), rest, "the full-time sends were not delivered; the blocked one was");
        assertNull(in.receive(Duration.ofMillis(50)), "timed receive on an empty channel");
        assertEquals(ReceiveResult.empty(), in.tryReceive(), "tryReceive on an empty channel");
    }

    @Test
    void tryFormsAndSize() {
        String name = freshName("try");
        DistributedChannel<String> out = atSender(name, 2);
        DistributedChannel<String> in = atReceiver(name, 2);
        assertEquals(ReceiveResult.empty(), in.tryReceive());
        assertTrue(out.trySend("a"));
        assertEquals(1, in.size());
        assertEquals(new ReceiveResult.Received<>("a"), in.tryReceive());
        assertEquals(0, out.size());
    }

    @Test
    void closeDrainsThenReportsClosedAndFirstCloseWins() throws Exception {
        String name = freshName("close");
        DistributedChannel<Integer> out = atSender(name, 8);
        DistributedChannel<Integer> in = atReceiver(name, 8);
        out.send(1);
        out.send(2);
        assertTrue(in.close(), "first close, from the receiver's instance");
        assertFalse(out.close(), "second close, from the sender's instance");
        assertTrue(out.isClosed());
        assertTrue(in.isClosed());
        assertThrows(ChannelClosedException.class, () -> out.send(3));
        assertThrows(ChannelClosedException.class, () -> out.trySend(3));
        assertEquals(1, in.receive());
        assertEquals(new ReceiveResult.Received<>(2), in.receiveOrClosed());
        assertEquals(ReceiveResult.closed(null), in.receiveOrClosed());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, in::receive);
        assertNull(e.getCause());
        assertEquals(ReceiveResult.closed(null), in.tryReceive(), "tryReceive reports closed, never throws");
        assertThrows(ChannelClosedException.class, () -> in.receive(Duration.ofMillis(10)));
    }

    @Test
    void closeWakesABlockedReceiverOnAnotherInstance() throws Exception {
        String name = freshName("wake");
        DistributedChannel<Integer> out = atSender(name, 1);
        DistributedChannel<Integer> in = atReceiver(name, 1);
        Async<ReceiveResult<Integer>> blocked = Async.<ReceiveResult<Integer>>start(in::receiveOrClosed).awaitParked();
        assertTrue(out.close());
        assertEquals(ReceiveResult.closed(null), blocked.get());
    }

    @Test
    void closeWakesABlockedSenderOnAnotherInstance() throws Exception {
        String name = freshName("wakesend");
        DistributedChannel<Integer> out = atSender(name, 1);
        DistributedChannel<Integer> in = atReceiver(name, 1);
        out.send(1);
        Async<Void> blocked = Async.<Void>start(() -> {
            out.send(2);
            return null;
        }).awaitParked();
        assertTrue(in.close());
        assertInstanceOf(ChannelClosedException.class, blocked.failure());
        assertEquals(1, in.receive(), "the value buffered before the close is still received");
        assertEquals(ReceiveResult.closed(null), in.receiveOrClosed(), "the blocked sender's value was not delivered");
    }

    @Test
    void closeCauseIsTheSameObjectInTheClosingInstanceAndACopyElsewhere() throws Exception {
        String name = freshName("cause");
        DistributedChannel<Integer> out = atSender(name, 2);
        DistributedChannel<Integer> in = atReceiver(name, 2);
        IOException cause = new IOException("disk full");
        assertTrue(out.close(cause));
        assertFalse(in.close(new IllegalStateException("late")), "the first cause wins");
        ChannelClosedException here = assertThrows(ChannelClosedException.class, out::receive);
        assertSame(cause, here.getCause(), "the closing instance sees the original");
        ReceiveResult.Closed<?> there = assertInstanceOf(ReceiveResult.Closed.class, in.receiveOrClosed());
        RemoteCause copy = assertInstanceOf(RemoteCause.class, there.cause());
        assertInstanceOf(RemoteCause.class, assertThrows(ChannelClosedException.class, in::receive).getCause());
        assertEquals(new ReceiveResult.Closed<>(cause), out.tryReceive(), "the original, through tryReceive");
        assertEquals("java.io.IOException", copy.className());
        assertEquals("disk full", copy.originalMessage());
        assertEquals(cause.getStackTrace()[0].toString(), copy.getStackTrace()[0].toString());
        ChannelClosedException send = assertThrows(ChannelClosedException.class, () -> in.send(1));
        assertInstanceOf(RemoteCause.class, send.getCause());
    }

    @Test
    void iterationAndStreamEndAtClose() throws Exception {
        String name = freshName("iter");
        DistributedChannel<Integer> out = atSender(name, 8);
        DistributedChannel<Integer> in = atReceiver(name, 8);
        for (int i = 0; i < 5; i++) {
            out.send(i);
        }
        out.close();
        assertEquals(List.of(0, 1, 2, 3, 4), in.stream().toList());
        String name2 = freshName("iter2");
        DistributedChannel<Integer> out2 = atSender(name2, 8);
        out2.send(7);
        out2.close(new IllegalStateException("boom"));
        List<Integer> got = new ArrayList<>();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> {
            for (int v : HazelcastChannels.on(receiver()).<Integer>buffered(name2, 8)) {
                got.add(v);
            }
        });
        assertEquals(List.of(7), got);
        assertInstanceOf(RuntimeException.class, e.getCause());
    }

    @Test
    void nullRefusedAndViewsCannotBeCastBack() {
        String name = freshName("views");
        DistributedChannel<Integer> ch = atSender(name, 2);
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(NullPointerException.class, () -> ch.trySend(null));
        assertThrows(NullPointerException.class, () -> ch.close(null));
        SendChannel<Integer> s = ch.sendOnly();
        ReceiveChannel<Integer> r = ch.receiveOnly();
        assertFalse(s instanceof ReceiveChannel<?>);
        assertFalse(r instanceof SendChannel<?>);
        assertTrue(s.trySend(5));
        assertEquals(new ReceiveResult.Received<>(5), r.tryReceive());
        assertEquals(2, r.capacity());
    }

    @Test
    void mergeAndWorkerPoolWorkOnDistributedChannels() throws Exception {
        String a = freshName("merge-a");
        String b = freshName("merge-b");
        DistributedChannel<Integer> outA = atSender(a, 4);
        DistributedChannel<Integer> outB = atSender(b, 4);
        ReceiveChannel<Integer> merged = Channels.merge(atReceiver(a, 4), atReceiver(b, 4));
        Async<Void> producer = Async.<Void>start(() -> {
            for (int i = 0; i < 10; i++) {
                outA.send(i);
                outB.send(100 + i);
            }
            outA.close();
            outB.close();
            return null;
        });
        Set<Integer> got = new HashSet<>();
        for (int v : merged) {
            assertTrue(got.add(v), "duplicate " + v);
        }
        producer.get();
        assertEquals(20, got.size());

        String jobs = freshName("pool");
        DistributedChannel<Integer> jobsOut = atSender(jobs, 4);
        ReceiveChannel<Integer> results = Channels.workerPool(2, this.<Integer>atReceiver(jobs, 4), j -> j * 2);
        Async<Void> feeder = Async.<Void>start(() -> {
            for (int i = 1; i <= 10; i++) {
                jobsOut.send(i);
            }
            jobsOut.close();
            return null;
        });
        int sum = 0;
        for (int r : results) {
            sum += r;
        }
        feeder.get();
        assertEquals(110, sum);
    }

    @Test
    void interruptedReceiveAndSendThrowAndTakeOrDeliverNothing() throws Exception {
        String name = freshName("interrupt");
        DistributedChannel<Integer> out = atSender(name, 1);
        DistributedChannel<Integer> in = atReceiver(name, 1);
        Async<Integer> receiver = Async.start(in::receive).awaitParked();
        receiver.thread.interrupt();
        assertInstanceOf(InterruptedException.class, receiver.failure());
        out.send(1);
        Async<Void> sender = Async.<Void>start(() -> {
            out.send(2);
            return null;
        }).awaitParked();
        sender.thread.interrupt();
        assertInstanceOf(InterruptedException.class, sender.failure());
        assertEquals(1, in.receive());
        assertNull(in.receive(Duration.ofMillis(50)), "the interrupted send delivered nothing");
    }

    /** A record with no serializer of its own crosses instances through Hazelcast's zero-config Compact. */
    record Job(int id, String name) {
    }

    @Test
    void recordsCrossInstancesAsCopies() throws Exception {
        String name = freshName("records");
        DistributedChannel<Job> out = atSender(name, 2);
        DistributedChannel<Job> in = atReceiver(name, 2);
        Job sent = new Job(1, "one");
        out.send(sent);
        Job got = in.receive();
        assertEquals(sent, got);
    }

    @Test
    void selectRefusesADistributedChannelAndPointsToMerge() throws Exception {
        DistributedChannel<Integer> ch = atSender(freshName("select"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.channels.Select.builder().onReceive(ch, v -> v));
        assertTrue(e.getMessage().contains("Channels.merge"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> dev.channels.Select.builder().onSend(ch.sendOnly(), 1, () -> 1));
        assertTrue(e2.getMessage().contains("Channels.merge"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> dev.channels.Select.builder().onReceive(ch.receiveOnly(), v -> v));
        assertTrue(e3.getMessage().contains("Channels.merge"), e3.getMessage());
        // the local proxy works in a select
        Channel<Integer> local = Channel.buffered(1);
        assertTrue(local.trySend(1));
        ReceiveChannel<Integer> proxy = Channels.merge(HazelcastChannels.on(receiver()).<Integer>buffered(ch.name(), 1));
        assertTrue(ch.trySend(2));
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            got.add(dev.channels.Select.builder().onReceive(local, v -> v).onReceive(proxy, v -> v).select());
        }
        assertEquals(Set.of(1, 2), got);
        ch.close();
    }

    /** Like {@code BlockingQueue.poll/offer} with a timeout: a timeout shorter than a remote call still tries once. */
    @Test
    void aTimedReceiveWithATinyTimeoutTakesAReadyValue() throws Exception {
        String name = freshName("tiny-receive");
        DistributedChannel<Integer> out = atSender(name, 4);
        DistributedChannel<Integer> in = atReceiver(name, 4);
        out.send(1);
        assertEquals(1, in.receive(Duration.ofNanos(1)), "the value was there");
        assertNull(in.receive(Duration.ofNanos(1)), "empty: the timeout is reported");
    }

    @Test
    void aTimedSendWithATinyTimeoutQueuesWhenThereIsRoom() throws Exception {
        String name = freshName("tiny-send");
        DistributedChannel<Integer> out = atSender(name, 1);
        DistributedChannel<Integer> in = atReceiver(name, 1);
        assertTrue(out.send(1, Duration.ofNanos(1)), "there was room");
        assertFalse(out.send(2, Duration.ofNanos(1)), "full: the timeout is reported");
        assertEquals(1, in.receive());
        assertNull(in.receive(Duration.ofMillis(1)), "the timed-out send queued nothing");
    }
}
