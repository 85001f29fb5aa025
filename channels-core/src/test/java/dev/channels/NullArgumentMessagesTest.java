package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Row "elements" and the bad-input rule: a null argument is refused with a message naming the call and argument. */
@Timeout(60)
class NullArgumentMessagesTest {

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void channelCallsNameTheirArgument() {
        Channel<Integer> ch = Channel.buffered(1);
        refused("Channel.send: value is null", () -> ch.send(null));
        refused("Channel.send: value is null", () -> ch.send(null, Duration.ZERO));
        refused("Channel.send: timeout is null", () -> ch.send(1, null));
        refused("Channel.trySend: value is null", () -> ch.trySend(null));
        refused("Channel.receive: timeout is null", () -> ch.receive(null));
        refused("Channel.close: cause is null", () -> ch.close(null));
        refused("Channel.send: value is null", () -> ch.sendOnly().send(null));
    }

    @Test
    void toolkitCallsNameTheirArgument() {
        refused("Channels.after: delay is null", () -> Channels.after(null));
        refused("Channels.ticker: period is null", () -> Channels.ticker(null));
        refused("Channels.merge: inputs is null", () -> Channels.merge((java.util.List<ReceiveChannel<String>>) null));
        refused("Channels.merge: inputs[1] is null",
                () -> Channels.merge(Arrays.asList(Channel.<String>unbuffered(), null)));
        refused("Channels.generate: body is null", () -> Channels.generate(null));
        refused("Channels.workerPool: jobs is null", () -> Channels.workerPool(1, null, j -> j));
        refused("Channels.workerPool: worker is null",
                () -> Channels.<Integer, Integer>workerPool(1, Channel.unbuffered(), null));
        WaitGroup wg = new WaitGroup();
        refused("WaitGroup.await: timeout is null", () -> wg.await(null));
        refused("WaitGroup.go: task is null", () -> wg.go(null));
    }
}
