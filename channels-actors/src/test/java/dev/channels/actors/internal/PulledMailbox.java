package dev.channels.actors.internal;

import dev.channels.actors.Overflow;

import java.util.function.Consumer;

/**
 * The mailbox's send side ({@link MailboxSends}) with a reader that the test drives by hand: {@link #tryTake()}
 * takes one value on the calling thread, which must be the only one taking. For the model and Lincheck tests,
 * which need to take values at chosen moments; the on-demand reader is tested through {@link Mailbox} itself.
 */
final class PulledMailbox<T> extends MailboxSends<T> {
    /** What {@link #tryTake()} returns once the mailbox is closed and drained. */
    static final Object CLOSED_MARK = new Object() {
        @Override
        public String toString() {
            return "CLOSED";
        }
    };

    PulledMailbox(int capacity, Overflow overflow, Consumer<? super T> deadLetters) {
        super(capacity, overflow, deadLetters);
    }

    @Override
    void signal() {
        // the test's reader polls; nothing to wake
    }

    /** The next value, null if none now, or {@link #CLOSED_MARK} when closed and drained. */
    Object tryTake() {
        Object v = take();
        releaseTaken();
        if (v != null) {
            return v;
        }
        return closedAndDrained() ? CLOSED_MARK : null;
    }

    boolean close() {
        return closeWith(NO_CAUSE);
    }
}
