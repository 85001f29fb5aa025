package dev.channels.test;

import dev.channels.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misuse that would make a bubble silently nondeterministic fails the run with a clear message. */
@Timeout(60)
class BadInputTest {

    @Test
    void aChannelOfOneBubbleBlockedOnFromAnotherFailsTheRun() throws Exception {
        AtomicReference<Channel<String>> fromFirst = new AtomicReference<>();
        SyncTest.run(() -> fromFirst.set(Channel.unbuffered()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SyncTest.run(() -> {
            fromFirst.get().receive(Duration.ofSeconds(1)); // times out on the virtual clock; reported after
        }));
        assertTrue(e.getMessage().contains("a channel created in another SyncTest bubble"), e.getMessage());
        assertTrue(e.getMessage().contains("receive on Channel[unbuffered"), e.getMessage());
    }

    @Test
    void aChannelOfABubbleBlockedOnFromOutsideFailsTheRun() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SyncTest.run(() -> {
            Channel<String> inside = Channel.unbuffered();
            Thread outsider = Thread.ofPlatform().inheritInheritableThreadLocals(false).unstarted(() -> { // as outside
                try {
                    inside.receive();
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            });
            outsider.start();
            while (outsider.getState() != Thread.State.WAITING) { // running: holds time still
                Thread.onSpinWait();
            }
            inside.send("x");
            outsider.join();
        }));
        assertTrue(e.getMessage().contains("outside this SyncTest bubble"), e.getMessage());
    }

    @Test
    void aThreadStartedWithoutTheBubbleFactoryThatBlocksFailsTheRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SyncTest.run(() -> {
            Channel<String> ch = Channel.buffered(1);
            Thread stray = Thread.ofVirtual().start(() -> { // inherits the bubble's mark, is not a member
                try {
                    ch.receive(Duration.ofMillis(1));
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            });
            stray.join();
        }));
        assertTrue(e.getMessage().contains("without SyncTest.threadFactory()"), e.getMessage());
    }

    @Test
    void onlyOneThreadMayAwaitIdle() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SyncTest.run(() -> {
            Channel<String> release = Channel.unbuffered();
            Thread other = SyncTest.threadFactory().newThread(() -> {
                try {
                    SyncTest.awaitIdle();
                    release.receive();
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            });
            // The body holds time still by spinning until the other thread is parked in awaitIdle.
            other.start();
            while (other.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            try {
                SyncTest.awaitIdle();
            } finally {
                release.send("go");
            }
        }));
        assertTrue(e.getMessage().contains("already waiting for idle"), e.getMessage());
    }
}
