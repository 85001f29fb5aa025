package dev.channels.internal;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;
import dev.channels.SendChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The views and the iterator work over any {@link Channel} (the distributed channel reuses them), and select's
 * {@link ChannelImpl#of} still unwraps views of local channels and refuses views of other implementations.
 */
@Timeout(60)
class ViewsOverAnyChannelTest {

    /**
     * Another implementation of {@link Channel}: a proxy that forwards to a local channel but is not a
     * {@link ChannelImpl}, with core's views and iterator over itself (as the distributed channel has).
     */
    @SuppressWarnings("unchecked")
    static <T> Channel<T> foreign(Channel<T> inner) {
        InvocationHandler forward = (proxy, m, args) -> switch (m.getName()) {
            case "iterator" -> new ChannelIterator<>((Channel<T>) proxy);
            case "sendOnly" -> new SendOnlyView<>((Channel<T>) proxy);
            case "receiveOnly" -> new ReceiveOnlyView<>((Channel<T>) proxy);
            case "toString" -> "Foreign";
            default -> {
                try {
                    yield m.invoke(inner, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Channel<T>) Proxy.newProxyInstance(Channel.class.getClassLoader(), new Class<?>[] {Channel.class},
                forward);
    }

    @Test
    void viewsOfAnotherImplementationForwardToIt() throws Exception {
        Channel<Integer> ch = foreign(Channel.buffered(2));
        SendChannel<Integer> out = ch.sendOnly();
        ReceiveChannel<Integer> in = ch.receiveOnly();
        assertFalse(out instanceof ReceiveChannel<?>);
        assertFalse(in instanceof SendChannel<?>);
        assertTrue(out.trySend(1));
        assertTrue(out.send(2, Duration.ofSeconds(30)));
        assertEquals(2, in.size());
        assertEquals(2, out.capacity());
        assertEquals(new ReceiveResult.Received<>(1), in.tryReceive());
        assertEquals(2, in.receive());
        IllegalStateException boom = new IllegalStateException("boom");
        assertTrue(out.close(boom));
        assertTrue(in.isClosed());
        assertSame(boom, assertThrows(ChannelClosedException.class, in::receive).getCause());
        assertEquals("SendOnlyForeign", out.toString());
        assertEquals("ReceiveOnlyForeign", in.toString());
    }

    @Test
    void theIteratorOverAnotherImplementationBlocksAndEndsAtAPlainClose() throws Exception {
        Channel<Integer> ch = foreign(Channel.unbuffered());
        List<Integer> got = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> ch.iterator().forEachRemaining(got::add));
        for (int i = 0; i < 3; i++) {
            ch.send(i); // unbuffered: returns once the iterator's hasNext took it
        }
        ch.close();
        reader.join();
        assertEquals(List.of(0, 1, 2), got);
        Iterator<Integer> after = ch.iterator();
        assertFalse(after.hasNext());
        assertThrows(NoSuchElementException.class, after::next);
    }

    @Test
    void theIteratorOverAnotherImplementationThrowsTheCloseCauseAfterTheValues() throws Exception {
        Channel<Integer> ch = foreign(Channel.buffered(2));
        ch.send(7);
        IllegalStateException boom = new IllegalStateException("boom");
        ch.close(boom);
        Iterator<Integer> it = ch.iterator();
        assertTrue(it.hasNext());
        assertEquals(7, it.next());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, it::hasNext);
        assertSame(boom, e.getCause());
        assertFalse(it.hasNext(), "ended: the cause is thrown once");
    }

    @Test
    void anInterruptedIteratorThrowsCancellationAndTakesNothing() throws Exception {
        Channel<Integer> ch = foreign(Channel.buffered(1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                ch.iterator().hasNext();
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        while (reader.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        reader.interrupt();
        reader.join();
        assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(stillInterrupted.get());
        assertTrue(ch.trySend(1));
        assertEquals(new ReceiveResult.Received<>(1), ch.tryReceive());
    }

    @Test
    void selectUnwrapsViewsOfLocalChannelsAndRefusesViewsOfOthers() {
        Channel<Integer> local = Channel.buffered(1);
        assertSame(local, ChannelImpl.of(local.sendOnly()));
        assertSame(local, ChannelImpl.of(local.receiveOnly()));
        Channel<Integer> foreign = foreign(Channel.buffered(1));
        for (Object view : List.of(foreign, foreign.sendOnly(), foreign.receiveOnly())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelImpl.of(view));
            assertTrue(e.getMessage().contains("Channels.merge"), e.getMessage());
            assertTrue(e.getMessage().contains(foreign.getClass().getName()), e.getMessage());
        }
    }
}
