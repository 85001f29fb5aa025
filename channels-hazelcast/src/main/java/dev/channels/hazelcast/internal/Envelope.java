package dev.channels.hazelcast.internal;

import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;

/**
 * One sent value as it sits in the queue: {@code (senderId, seq, payload)}. The pair {@code (senderId, seq)} is
 * unique cluster-wide, so the serialized envelope matches exactly one queue item, and {@code IQueue.remove}
 * (which compares serialized bytes) removes only that item: a sender's retraction and a receiver's claim both
 * rely on it. The value travels as its serialized bytes ({@code payload}, made once by the sender with
 * Hazelcast's serializer: Compact, DataSerializable, Java serialization, ...) and is copied back verbatim, so an
 * envelope that a receiver peeked serializes to exactly the bytes in the queue even when the value's own
 * serialization is not deterministic (a {@code HashSet}'s order, for example). The receiver deserializes the
 * payload only once it has claimed the envelope.
 */
public final class Envelope implements DataSerializable {
    private long senderId;
    private long seq;
    private Data payload;

    /** For Hazelcast's deserialization only. */
    public Envelope() {
    }

    Envelope(long senderId, long seq, Data payload) {
        this.senderId = senderId;
        this.seq = seq;
        this.payload = payload;
    }

    Data payload() {
        return payload;
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
        IOUtil.writeData(out, payload);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        senderId = in.readLong();
        seq = in.readLong();
        payload = IOUtil.readData(in);
    }

    @Override
    public String toString() {
        return "Envelope[" + Long.toHexString(senderId) + "/" + seq + "]";
    }
}
