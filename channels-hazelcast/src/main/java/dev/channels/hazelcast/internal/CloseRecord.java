package dev.channels.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.channels.hazelcast.RemoteCause;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-wide fact "this channel is closed", written once with {@code IMap.putIfAbsent} (the first close
 * wins). It carries a unique id, so the closing JVM can recognise its own record and hand its receivers the
 * original cause object, and a copy of the cause (class name, message, stack trace, cause chain) for the other
 * JVMs, which get it as a {@link RemoteCause}. Exceptions themselves are never serialized: their classes may be
 * missing on the other side and their fields may not serialize.
 */
public final class CloseRecord implements DataSerializable {
    /** At most this many causes of a chain are copied (guards against cycles and huge chains). */
    private static final int MAX_CHAIN = 8;

    private long id;
    /** The {@link Spec#incarnation()} of the channel this record closed. */
    private long incarnation;
    /** The cause chain, outermost first; empty for a plain close. */
    private List<Copy> chain = List.of();

    /** For Hazelcast's deserialization only. */
    public CloseRecord() {
    }

    CloseRecord(long id, long incarnation, Throwable cause) {
        this.id = id;
        this.incarnation = incarnation;
        List<Copy> c = new ArrayList<>();
        for (Throwable t = cause; t != null && c.size() < MAX_CHAIN; t = t.getCause()) {
            c.add(new Copy(t.getClass().getName(), t.getMessage(), t.getStackTrace()));
        }
        this.chain = c;
    }

    long id() {
        return id;
    }

    long incarnation() {
        return incarnation;
    }

    boolean hasCause() {
        return !chain.isEmpty();
    }

    /** The cause as another JVM sees it; null for a plain close. A new copy on each call. */
    RemoteCause remoteCause() {
        RemoteCause r = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Copy c = chain.get(i);
            r = new RemoteCause(c.className, c.message, r);
            r.setStackTrace(c.stack);
        }
        return r;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(id);
        out.writeLong(incarnation);
        out.writeInt(chain.size());
        for (Copy c : chain) {
            out.writeString(c.className);
            out.writeString(c.message);
            out.writeInt(c.stack.length);
            for (StackTraceElement e : c.stack) {
                out.writeString(e.getClassName());
                out.writeString(e.getMethodName());
                out.writeString(e.getFileName());
                out.writeInt(e.getLineNumber());
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        id = in.readLong();
        incarnation = in.readLong();
        int n = in.readInt();
        List<Copy> c = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String className = in.readString();
            String message = in.readString();
            StackTraceElement[] stack = new StackTraceElement[in.readInt()];
            for (int j = 0; j < stack.length; j++) {
                stack[j] = new StackTraceElement(in.readString(), in.readString(), in.readString(), in.readInt());
            }
            c.add(new Copy(className, message, stack));
        }
        chain = c;
    }

    @Override
    public String toString() {
        return "CloseRecord[" + Long.toHexString(id) + (chain.isEmpty() ? "" : ", " + chain.get(0).className) + "]";
    }

    private record Copy(String className, String message, StackTraceElement[] stack) {
    }
}
