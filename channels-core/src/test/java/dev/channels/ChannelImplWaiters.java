package dev.channels;

import dev.channels.internal.ChannelImpl;

/** Reads the implementation's waiter counts, which must be zero once every thread using a channel is done. */
final class ChannelImplWaiters {
    private ChannelImplWaiters() {
    }

    static boolean any(Channel<?> ch) {
        ChannelImpl<?> c = ChannelImpl.of(ch);
        return c.waitingSenders() != 0 || c.waitingReceivers() != 0;
    }

    static String describe(Channel<?> ch) {
        ChannelImpl<?> c = ChannelImpl.of(ch);
        return ch + " senders=" + c.waitingSenders() + " receivers=" + c.waitingReceivers();
    }
}
