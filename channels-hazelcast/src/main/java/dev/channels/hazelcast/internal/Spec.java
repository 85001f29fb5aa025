package dev.channels.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;

/**
 * What a channel name stands for, cluster-wide, until it is destroyed: its capacity and backup count. The first
 * creator writes it with {@code putIfAbsent}; later creators compare theirs against it, so a mismatch is refused
 * with a clear message before Hazelcast's own (SEVERE-logging) config conflict could happen.
 */
public final class Spec implements DataSerializable {
    private int capacity;
    private int backupCount;
    /** Tells incarnations of one name apart (a name can be destroyed and made again); not part of equality. */
    private long incarnation;

    /** For Hazelcast's deserialization only. */
    public Spec() {
    }

    Spec(int capacity, int backupCount, long incarnation) {
        this.capacity = capacity;
        this.backupCount = backupCount;
        this.incarnation = incarnation;
    }

    long incarnation() {
        return incarnation;
    }

    int capacity() {
        return capacity;
    }

    int backupCount() {
        return backupCount;
    }

    /** The queue's name: unique per spec (so a destroyed name can be remade with another capacity) and
     *  partitioned by the channel name ({@code @name}), like {@link MetaKey}. */
    String queueName(String channel) {
        return "dev.channels:" + channel + ":" + (capacity == Integer.MAX_VALUE ? "unbounded" : capacity) + ":b"
                + backupCount + "@" + channel;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(backupCount);
        out.writeLong(incarnation);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        capacity = in.readInt();
        backupCount = in.readInt();
        incarnation = in.readLong();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spec s && s.capacity == capacity && s.backupCount == backupCount;
    }

    @Override
    public int hashCode() {
        return capacity * 31 + backupCount;
    }

    @Override
    public String toString() {
        return "capacity " + (capacity == Integer.MAX_VALUE ? "unbounded" : String.valueOf(capacity))
                + " and backupCount " + backupCount;
    }
}
