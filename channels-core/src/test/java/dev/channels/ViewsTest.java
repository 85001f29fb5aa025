package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row "views": sendOnly()/receiveOnly() are direction-typed wrappers that cannot be cast back. */
class ViewsTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sendOnlyViewCannotBeCastBackToChannelOrReceiveSide(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        Object view = ch.sendOnly();
        assertFalse(view instanceof Channel<?>);
        assertFalse(view instanceof ReceiveChannel<?>);
        assertFalse(view instanceof Iterable<?>);
        assertThrows(ClassCastException.class, () -> {
            @SuppressWarnings("unchecked")
            Channel<Integer> back = (Channel<Integer>) view;
            back.receive();
        });
        assertThrows(ClassCastException.class, () -> ((ReceiveChannel<?>) view).tryReceive());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void receiveOnlyViewCannotBeCastBackToChannelOrSendSide(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        Object view = ch.receiveOnly();
        assertFalse(view instanceof Channel<?>);
        assertFalse(view instanceof SendChannel<?>, "a receive-only view must not be able to close the channel");
        assertThrows(ClassCastException.class, () -> ((SendChannel<?>) view).close());
        assertThrows(ClassCastException.class, () -> {
            @SuppressWarnings("unchecked")
            Channel<Integer> back = (Channel<Integer>) view;
            back.trySend(1);
        });
        assertFalse(ch.isClosed());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void viewsOperateOnTheSameChannel(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        SendChannel<Integer> out = ch.sendOnly();
        ReceiveChannel<Integer> in = ch.receiveOnly();
        Conc.Task<Integer> receiver = Conc.start(in::receive);
        Conc.awaitBlockedReceiver(ch, 1, receiver.thread);
        out.send(1);
        assertEquals(1, receiver.join());
        if (!kind.unbuffered()) {
            assertTrue(out.trySend(2));
            assertEquals(1, in.size());
            assertEquals(new ReceiveResult.Received<>(2), ch.tryReceive());
        }
        assertTrue(out.close());
        assertTrue(in.isClosed());
        assertTrue(ch.isClosed());
        assertEquals(ReceiveResult.closed(null), in.receiveOrClosed());
        assertThrows(ChannelClosedException.class, in::receive);
    }
}
