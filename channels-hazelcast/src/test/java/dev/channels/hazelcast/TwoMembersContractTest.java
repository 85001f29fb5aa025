package dev.channels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract with two members: sender on A, receiver on B, queue owned by A. Also bad input and destroy. */
class TwoMembersContractTest extends AbstractContractTest {
    static HzTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = HzTestCluster.start(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    HazelcastInstance sender() {
        return cluster.member(0);
    }

    @Override
    HazelcastInstance receiver() {
        return cluster.member(1);
    }

    @Override
    HazelcastInstance owner() {
        return cluster.member(0);
    }

    @Override
    String freshName(String prefix) {
        return cluster.nameOwnedBy(owner(), prefix);
    }

    @Test
    void capacityZeroIsRefusedNamingBufferedOne() {
        HazelcastChannels hc = HazelcastChannels.on(sender());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hc.buffered("zero", 0));
        assertTrue(e.getMessage().contains("buffered(name, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hc.buffered("neg", -1));
        assertThrows(IllegalArgumentException.class, () -> hc.buffered("big", Integer.MAX_VALUE));
    }

    @Test
    void badNamesAreRefused() {
        HazelcastChannels hc = HazelcastChannels.on(sender());
        assertThrows(IllegalArgumentException.class, () -> hc.buffered("", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hc.unbounded("a@b"));
        assertTrue(e.getMessage().contains("'@'"), e.getMessage());
        assertThrows(NullPointerException.class, () -> hc.buffered(null, 1));
        assertThrows(NullPointerException.class, () -> HazelcastChannels.on(null));
        assertThrows(IllegalArgumentException.class, () -> new HazelcastChannels.Options(7, Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> new HazelcastChannels.Options(1, Duration.ZERO));
    }

    @Test
    void sameNameWithAnotherCapacityIsRefusedFromAnyMember() {
        String name = freshName("spec");
        DistributedChannel<Integer> ch = HazelcastChannels.on(sender()).buffered(name, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HazelcastChannels.on(receiver()).buffered(name, 5));
        assertTrue(e.getMessage().contains("capacity 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HazelcastChannels.on(receiver()).unbounded(name));
        assertThrows(IllegalArgumentException.class, () -> HazelcastChannels.on(receiver(),
                HazelcastChannels.Options.defaults().withBackupCount(0)).buffered(name, 4));
        assertEquals(4, HazelcastChannels.on(receiver()).buffered(name, 4).capacity());
        assertEquals(4, ch.capacity());
    }

    /** Serializable, but holds a field that is not: Java serialization fails. */
    record Unserializable(Object payload) implements Serializable {
    }

    @Test
    void aValueHazelcastCannotSerializeFailsTheSendWithNothingEnqueued() throws Exception {
        String name = freshName("unser");
        DistributedChannel<Object> ch = HazelcastChannels.on(sender()).buffered(name, 4);
        Unserializable bad = new Unserializable(new Object());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ch.send(bad));
        assertTrue(e.getMessage().contains(Unserializable.class.getName()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ch.trySend(bad));
        assertThrows(IllegalArgumentException.class, () -> ch.send(bad, Duration.ofSeconds(1)));
        assertEquals(0, ch.size());
        assertEquals(ReceiveResult.empty(), HazelcastChannels.on(receiver()).buffered(name, 4).tryReceive());
    }

    @Test
    void destroyFreesQueueAndRecordSoTheNameCanBeMadeAgain() throws Exception {
        String name = freshName("destroy");
        DistributedChannel<Integer> ch = HazelcastChannels.on(sender()).buffered(name, 4);
        ch.send(1);
        ch.close(new IllegalStateException("gone"));
        HazelcastChannels.on(receiver()).destroy(name);
        DistributedChannel<Integer> again = HazelcastChannels.on(receiver()).buffered(name, 8);
        assertEquals(8, again.capacity());
        assertFalse(again.isClosed(), "the close record went with destroy");
        assertEquals(0, again.size(), "the queue went with destroy");
        DistributedChannel<Integer> fromA = HazelcastChannels.on(sender()).buffered(name, 8);
        assertFalse(fromA.isClosed(), "the old close, cached on A, does not apply to the new channel");
        fromA.send(2);
        assertEquals(2, again.receive());
        assertTrue(again.close());
        assertThrows(ChannelClosedException.class, again::receive);
    }
}
