package dev.channels;

/** The channel kinds every semantics test runs against. */
enum ChannelKind {
    UNBUFFERED(0),
    BUFFERED_1(1),
    BUFFERED_16(16),
    UNBOUNDED(Integer.MAX_VALUE);

    /** The capacity the channel reports: 0, n, or {@link Integer#MAX_VALUE}. */
    final int capacity;

    ChannelKind(int capacity) {
        this.capacity = capacity;
    }

    <T> Channel<T> create() {
        return switch (this) {
            case UNBUFFERED -> Channel.unbuffered();
            case BUFFERED_1 -> Channel.buffered(1);
            case BUFFERED_16 -> Channel.buffered(16);
            case UNBOUNDED -> Channel.unbounded();
        };
    }

    boolean unbuffered() {
        return capacity == 0;
    }

    boolean unbounded() {
        return capacity == Integer.MAX_VALUE;
    }

    /** How many sends complete without a receiver before the next one must wait (bounded kinds only). */
    int sendsBeforeBlocking() {
        if (unbounded()) {
            throw new IllegalStateException("an unbounded channel never blocks a sender");
        }
        return capacity;
    }
}
