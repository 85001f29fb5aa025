package dev.channels.bench.mailbox;

import java.util.HashMap;
import java.util.Map;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The state every Suite 1 contender guards: a counter and a small map update, plus {@code work} tokens of CPU
 * work inside the critical section. It is not thread-safe; each contender supplies the safety (a lock, or a
 * single reader). Updating it allocates nothing: keys are small cached {@code Integer}s and the map's values are
 * mutable cells created up front.
 */
public final class SharedState {
    /** Number of distinct map keys; producers spread over them. */
    public static final int KEYS = 16;

    /** A mutable map value, so that an update does not box. */
    public static final class Cell {
        public long value;
    }

    private long count;
    private final Map<Integer, Cell> perKey = new HashMap<>();

    public SharedState() {
        for (int k = 0; k < KEYS; k++) {
            perKey.put(k, new Cell());
        }
    }

    /** The critical section: bump the counter and key's cell, then burn {@code work} tokens. */
    public void update(int key, int work) {
        count++;
        perKey.get(key & (KEYS - 1)).value++;
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
    }

    public long count() {
        return count;
    }

    /** Sum of the map cells; equals {@link #count()} when every update was applied exactly once. */
    public long mapTotal() {
        long sum = 0;
        for (Cell c : perKey.values()) {
            sum += c.value;
        }
        return sum;
    }
}
