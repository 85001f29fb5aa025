package dev.channels.internal;

import java.util.concurrent.ThreadFactory;

/**
 * The one place where the library creates threads: every virtual thread the library starts ({@code Scope.go},
 * {@code WaitGroup.go}, the helpers of {@code Channels}, the actors' readers) comes from a factory made here.
 *
 * <p>Outside a test bubble a factory is {@link Thread.Builder.OfVirtual#factory()} after one static volatile read.
 * When the creating thread belongs to a bubble ({@link Bubble}), the new thread belongs to that bubble too (Go:
 * a goroutine started in a bubble is in the bubble), so the bubble's clock and idle accounting cover it.
 */
public final class Threads {
    private Threads() {
    }

    /**
     * A factory of virtual threads that all get {@code name}.
     *
     * @param name the threads' name
     * @return the factory
     */
    public static ThreadFactory virtual(String name) {
        return new BubbleAware(Thread.ofVirtual().name(name).factory());
    }

    /**
     * A factory of virtual threads named {@code prefix} followed by a counter that starts at {@code start}.
     *
     * @param prefix the name prefix
     * @param start  the first counter value
     * @return the factory
     */
    public static ThreadFactory virtual(String prefix, long start) {
        return new BubbleAware(Thread.ofVirtual().name(prefix, start).factory());
    }

    /**
     * A factory of unnamed virtual threads.
     *
     * @return the factory
     */
    public static ThreadFactory virtual() {
        return new BubbleAware(Thread.ofVirtual().factory());
    }

    /** Creates plain threads outside bubbles, and threads of the creator's bubble inside one. */
    private record BubbleAware(ThreadFactory plain) implements ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            if (Bubble.anyActive()) {
                Bubble b = Bubble.current();
                if (b != null) {
                    return b.newThread(plain, task);
                }
            }
            return plain.newThread(task);
        }
    }
}
