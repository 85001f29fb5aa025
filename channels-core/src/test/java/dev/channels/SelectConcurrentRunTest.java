package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code Select} is run by one thread at a time: a second concurrent run fails loudly instead of sharing the
 * per-run state and duplicating or losing values (issue 12, item 10).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectConcurrentRunTest {

    @Test
    void aSecondConcurrentRunOfTheSameSelectThrows() throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        Select<Integer> select = Select.<Integer>builder().onReceive(ch, v -> v);
        AtomicReference<Object> first = new AtomicReference<>();
        Thread a = Thread.ofVirtual().start(() -> first.set(run(select)));
        untilParkedOrEnded(a);
        AtomicReference<Object> second = new AtomicReference<>();
        Thread b = Thread.ofVirtual().start(() -> second.set(run(select)));
        untilParkedOrEnded(b);
        boolean secondBlocked = b.getState() != Thread.State.TERMINATED;
        ch.send(1);
        if (secondBlocked) {
            ch.send(2); // release it (the old behaviour: both runs shared the select's state)
        }
        a.join();
        b.join();
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, second.get());
        assertTrue(e.getMessage().contains("already running in another thread"), e.getMessage());
        assertEquals(1, first.get());
        // The refused run left the select usable: it can run again, from any thread, once the first has ended.
        Thread c = Thread.ofVirtual().start(() -> {
            try {
                ch.send(3);
            } catch (InterruptedException ignored) {
                // not interrupted by this test
            }
        });
        assertEquals(3, run(select));
        c.join();
    }

    @Test
    void aHandlerThatRunsItsOwnSelectAgainIsRefused() throws Exception {
        Channel<Integer> ch = Channel.buffered(2);
        ch.send(1);
        ch.send(2);
        AtomicReference<Select<Object>> self = new AtomicReference<>();
        Select<Object> select = Select.builder().onReceive(ch, v -> {
            try {
                return self.get().select();
            } catch (IllegalStateException e) {
                return e;
            }
        });
        self.set(select);
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, select.select());
        assertTrue(e.getMessage().contains("its own handler"), e.getMessage());
        assertEquals(2, ch.receive()); // the refused inner run took nothing
    }

    private static Object run(Select<?> select) {
        try {
            return select.select();
        } catch (Throwable t) {
            return t;
        }
    }

    private static void untilParkedOrEnded(Thread t) {
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
