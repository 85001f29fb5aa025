package dev.channels.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class SelectDefaultTest {

    @Test
    void defaultFiresWhenNothingIsReadyAndBufferedOperationsSucceed() throws InterruptedException {
        assertEquals(List.of(
                "no message received",
                "no message sent",
                "no activity",
                "sent message hi",
                "received message hi",
                "trySend: sent hello",
                "trySend: no room",
                "tryReceive: hello",
                "tryReceive: nothing"), SelectDefault.run());
    }
}
