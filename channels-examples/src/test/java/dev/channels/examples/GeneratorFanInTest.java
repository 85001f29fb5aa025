package dev.channels.examples;

import dev.channels.Channels;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class GeneratorFanInTest {

    private static void assertEveryMessageOnceInOrderPerSpeaker(List<String> heard, int count) {
        assertEquals(2 * count, heard.size(), heard.toString());
        for (String who : List.of("Joe", "Ann")) {
            List<String> theirs = heard.stream().filter(s -> s.startsWith(who + " ")).toList();
            for (int i = 0; i < count; i++) {
                assertEquals(who + " " + i, theirs.get(i));
            }
        }
    }

    @Test
    void boringGeneratorSaysItsMessagesInOrderThenCloses() {
        assertEquals(List.of("Joe 0", "Joe 1", "Joe 2"), GeneratorFanIn.boring("Joe", 3, Latency.NONE).stream().toList());
    }

    @Test
    void fanInDeliversBothSpeakersCompletely() {
        assertEveryMessageOnceInOrderPerSpeaker(GeneratorFanIn.run(50, Latency.NONE, false), 50);
    }

    @Test
    void fanInWithSelectDeliversBothSpeakersCompletely() {
        assertEveryMessageOnceInOrderPerSpeaker(GeneratorFanIn.run(50, Latency.NONE, true), 50);
    }

    @Test
    void fanInLetsWhoeverIsReadyTalk() throws InterruptedException {
        assertReadySpeakerIsNotHeldBack(false);
    }

    @Test
    void fanInWithSelectLetsWhoeverIsReadyTalk() throws InterruptedException {
        assertReadySpeakerIsNotHeldBack(true);
    }

    /** Joe is held until Ann has been heard three times: the fan-in must not wait for Joe to deliver Ann. */
    private static void assertReadySpeakerIsNotHeldBack(boolean withSelect) throws InterruptedException {
        var annHeard = new CountDownLatch(1);
        ReceiveChannel<String> joe = Channels.generate(out -> {
            annHeard.await();
            out.send("Joe 0");
        });
        var ann = GeneratorFanIn.boring("Ann", 3, Latency.NONE);
        var c = withSelect ? GeneratorFanIn.fanInWithSelect(joe, ann) : GeneratorFanIn.fanIn(joe, ann);
        for (int i = 0; i < 3; i++) {
            assertEquals("Ann " + i, c.receive());
        }
        annHeard.countDown();
        assertEquals("Joe 0", c.receive());
        assertEquals(ReceiveResult.closed(null), c.receiveOrClosed());
    }
}
