package dev.channels.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.partition.PartitionAware;

import java.io.IOException;

/**
 * A key of the shared metadata map: a channel's spec (capacity, backups) or its close record. It is
 * {@link PartitionAware} with the channel name as partition key, so the record lives on the same partition as the
 * channel's queue (whose name ends in {@code @name}): one owner holds both, and they fail over together.
 */
public final class MetaKey implements PartitionAware<String>, DataSerializable {
    /** Kind of the spec entry. */
    public static final byte SPEC = 1;
    /** Kind of the close record. */
    public static final byte CLOSE = 2;

    private String name;
    private byte kind;

    /** For Hazelcast's deserialization only. */
    public MetaKey() {
    }

    MetaKey(String name, byte kind) {
        this.name = name;
        this.kind = kind;
    }

    /** @return the channel name */
    public String name() {
        return name;
    }

    /** @return {@link #SPEC} or {@link #CLOSE} */
    public byte kind() {
        return kind;
    }

    @Override
    public String getPartitionKey() {
        return name;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(name);
        out.writeByte(kind);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        name = in.readString();
        kind = in.readByte();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaKey k && k.kind == kind && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + kind;
    }

    @Override
    public String toString() {
        return (kind == SPEC ? "spec:" : "close:") + name;
    }
}
