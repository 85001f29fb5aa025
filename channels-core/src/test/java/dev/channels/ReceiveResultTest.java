package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row "Go's v, ok": the three answers of {@link ReceiveResult} and what each default method says about them. */
@Timeout(60)
class ReceiveResultTest {

    @Test
    void receivedHoldsTheValue() {
        ReceiveResult<String> r = new ReceiveResult.Received<>("v");
        assertTrue(r.isReceived());
        assertFalse(r.isClosed());
        assertEquals("v", r.orElse("other"));
        assertEquals("v", r.orElseThrow());
    }

    @Test
    void emptyIsNeitherReceivedNorClosed() {
        ReceiveResult<String> r = ReceiveResult.empty();
        assertFalse(r.isReceived());
        assertFalse(r.isClosed());
        assertEquals("other", r.orElse("other"));
        assertNull(r.orElse(null));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, r::orElseThrow);
        assertTrue(e.getMessage().contains("nothing was received"), e.getMessage());
    }

    @Test
    void emptyIsSharedAndEqualToAnyEmpty() {
        assertSame(ReceiveResult.<String>empty(), ReceiveResult.<Integer>empty());
        assertEquals(new ReceiveResult.Empty<String>(), ReceiveResult.<String>empty());
    }

    @Test
    void closedCarriesTheCauseAndOrElseThrowRethrowsIt() {
        IllegalStateException cause = new IllegalStateException("producer failed");
        ReceiveResult<String> r = ReceiveResult.closed(cause);
        assertTrue(r.isClosed());
        assertFalse(r.isReceived());
        assertEquals("other", r.orElse("other"));
        assertEquals(new ReceiveResult.Closed<String>(cause), r);
        ChannelClosedException e = assertThrows(ChannelClosedException.class, r::orElseThrow);
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("producer failed"), e.getMessage());
    }

    @Test
    void plainCloseHasNoCauseAndIsShared() {
        ReceiveResult<String> r = ReceiveResult.closed(null);
        assertSame(r, ReceiveResult.<Integer>closed(null));
        assertNull(((ReceiveResult.Closed<String>) r).cause());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, r::orElseThrow);
        assertNull(e.getCause());
        assertEquals("receive on closed channel", e.getMessage());
    }

    @Test
    void receivedRefusesNull() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new ReceiveResult.Received<>(null));
        assertEquals("ReceiveResult.Received: value is null", e.getMessage());
    }

    @Test
    void tryReceiveAnswersEachStateWithoutThrowing() throws InterruptedException {
        Channel<String> ch = Channel.buffered(1);
        assertEquals(ReceiveResult.empty(), ch.tryReceive(), "open and empty");
        ch.send("a");
        ch.close();
        assertEquals(new ReceiveResult.Received<>("a"), ch.tryReceive(), "closed, a value still buffered");
        assertEquals(ReceiveResult.closed(null), ch.tryReceive(), "closed and drained");
    }

    @Test
    void aPatternSwitchCoversEveryAnswer() {
        Channel<Integer> ch = Channel.buffered(1);
        ch.trySend(4);
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i == 2) {
                ch.close(new IllegalStateException("done"));
            }
            switch (ch.tryReceive()) {
                case ReceiveResult.Received<Integer>(Integer v) -> seen.append("value ").append(v);
                case ReceiveResult.Empty<Integer>() -> seen.append(", empty");
                case ReceiveResult.Closed<Integer>(Throwable cause) -> seen.append(", closed: ").append(cause.getMessage());
            }
        }
        assertEquals("value 4, empty, closed: done", seen.toString());
    }
}
