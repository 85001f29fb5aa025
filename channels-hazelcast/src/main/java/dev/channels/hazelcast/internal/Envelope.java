package dev.channels.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;

/**
 * One sent value as it sits in the queue: {@code (senderId, seq, value)}. The pair {@code (senderId, seq)} is
 * unique cluster-wide, so the serialized envelope matches exactly one queue item and a retraction
 * ({@code IQueue.remove}, which compares serialized bytes) can only remove the sender's own value. The value is
 * written with Hazelcast's serializer ({@code writeObject}): Compact, DataSerializable, Java serialization, ...
 */
public final class Envelope implements DataSerializable {
    private long senderId;
    private long seq;
    private Object value;

    /** For Hazelcast's deserialization only. */
    public Envelope() {
    }

    Envelope(long senderId, long seq, Object value) {
        this.senderId = senderId;
        this.seq = seq;
        this.value = value;
    }

    Object value() {
        return value;
    }

    long senderId() {
        return senderId;
    }

    long seq() {
        return seq;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(senderId);
        out.writeLong(seq);
        out.writeObject(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        senderId = in.readLong();
        seq = in.readLong();
        value = in.readObject();
    }

    @Override
    public String toString() {
        return "Envelope[" + Long.toHexString(senderId) + "/" + seq + "]";
    }
}
