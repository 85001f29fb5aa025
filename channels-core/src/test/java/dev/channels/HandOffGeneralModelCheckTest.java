package dev.channels;

import dev.channels.BrokenHandOff.Fault;
import dev.channels.BrokenHandOff.MiniChannel;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lincheck's general model checking ({@link Lincheck#runConcurrentTest}) on platform threads for the blocking
 * hand-offs, written as ordinary test code: start threads, join them, assert exact outcomes. The model checker
 * explores the interleavings of every shared-memory access, lock and park; a thread that parks forever is
 * reported as a deadlock, a wrong value as the failed assertion with the interleaving that produced it.
 *
 * <p>Each scenario runs on the real channel (must pass) and, as a negative control, on {@link BrokenHandOff},
 * a small copy of the hand-off core with one production line broken; the same scenario must fail there. A
 * control that passed would mean the scenario or the search is too weak to catch that class of bug.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // Lincheck bounds its own runs; -Pstress runs long
class HandOffGeneralModelCheckTest {

    /**
     * Interleavings explored per scenario on the real unbuffered channel (the one whose hand-off is direct):
     * the default run and 10x under -Pstress. The buffered channel and the correct copy get a quarter of it.
     */
    private static final int INVOCATIONS = 100 * Conc.STRESS;
    /** Interleavings a negative control may take to find its bug (it stops at the first failure). */
    private static final int CONTROL_INVOCATIONS = 2_000;

    /** The operations a scenario uses, on either implementation. */
    interface Chan {
        void send(int v) throws InterruptedException;

        /** The value; throws {@link ChannelClosedException} once closed and drained. */
        int receive() throws InterruptedException;

        boolean close();
    }

    interface Impl {
        Chan create();

        /** select { case v := <-a: "0:v"; case v := <-b: "1:v" } in declaration order. */
        String selectReceive(Chan a, Chan b) throws InterruptedException;
    }

    /** The production channel and select. */
    record Real(int capacity) implements Impl {
        record C(Channel<Integer> ch) implements Chan {
            public void send(int v) throws InterruptedException {
                ch.send(v);
            }

            public int receive() throws InterruptedException {
                return ch.receive();
            }

            public boolean close() {
                return ch.close();
            }
        }

        public Chan create() {
            return new C(capacity == 0 ? Channel.unbuffered() : Channel.buffered(capacity));
        }

        public String selectReceive(Chan a, Chan b) throws InterruptedException {
            return Select.builder().ordered()
                    .onReceive(((C) a).ch(), v -> "0:" + v)
                    .onReceive(((C) b).ch(), v -> "1:" + v)
                    .select();
        }
    }

    /** The copy with a fault. */
    record Broken(Fault fault) implements Impl {
        record C(MiniChannel ch) implements Chan {
            public void send(int v) throws InterruptedException {
                ch.send(v);
            }

            public int receive() throws InterruptedException {
                return ch.receive();
            }

            public boolean close() {
                return ch.close();
            }
        }

        public Chan create() {
            return new C(new MiniChannel(fault));
        }

        public String selectReceive(Chan a, Chan b) throws InterruptedException {
            return BrokenHandOff.selectReceive(fault, ((C) a).ch(), ((C) b).ch());
        }
    }

    // ------------------------------------------------------------------------------------------ scenarios

    interface Body {
        void run() throws Exception;
    }

    /** Written to publish objects; see {@link #shared}. */
    private static volatile Object sink;

    /**
     * Marks the objects the threads share as shared for Lincheck. Lincheck 3.7 tracks which objects escape
     * their creating thread and explores interleavings only at accesses to escaped objects; an object that
     * reaches other threads only as a value captured by a lambda is not seen to escape, so without this a
     * channel made in the test body is treated as thread-local and its races go unexplored. (A two-thread
     * lost update on a lambda-captured counter passed 500 invocations that way; written to a static field it
     * is caught at once. The cancel-without-CAS control below went uncaught until this was added.)
     */
    private static void shared(Object... objects) {
        for (Object o : objects) {
            sink = o;
        }
        sink = objects;
    }

    private static Thread thread(Body body, Object[] results, int slot) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                results[slot] = e;
            }
        });
    }

    private static void joinAll(Thread... threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** One sender sends 1 then 2, one receiver receives twice: no lost wake-up, values in order. */
    static void rendezvous(Impl impl) {
        Chan ch = impl.create();
        Object[] r = new Object[2];
        shared(ch, r);
        Thread sender = thread(() -> {
            ch.send(1);
            ch.send(2);
        }, r, 0);
        Thread receiver = thread(() -> r[1] = ch.receive() + "," + ch.receive(), r, 1);
        sender.start();
        receiver.start();
        joinAll(sender, receiver);
        assertEquals(null, r[0], "sender");
        assertEquals("1,2", r[1], "receiver");
    }

    /**
     * A sender and a receiver race a close on an unbuffered channel: whichever of them is parked when close
     * runs must wake. Either they met (sent, received 1) or neither did (both saw closed).
     */
    static void closeWakesBlockedSenderAndReceiver(Impl impl) {
        Chan ch = impl.create();
        Object[] r = new Object[3];
        shared(ch, r);
        Thread sender = thread(() -> {
            try {
                ch.send(1);
                r[0] = "sent";
            } catch (ChannelClosedException e) {
                r[0] = "closed";
            }
        }, r, 0);
        Thread receiver = thread(() -> {
            try {
                r[1] = "recv:" + ch.receive();
            } catch (ChannelClosedException e) {
                r[1] = "closed";
            }
        }, r, 1);
        Thread closer = thread(() -> r[2] = ch.close(), r, 2);
        sender.start();
        receiver.start();
        closer.start();
        joinAll(sender, receiver, closer);
        String outcome = r[0] + " " + r[1] + " " + r[2];
        assertTrue(outcome.equals("sent recv:1 true") || outcome.equals("closed closed true"), outcome);
    }

    /**
     * Two selects over the same two channels, one sender per channel: each select fires exactly once and the
     * two values are received exactly once between them.
     */
    static void twoSelectsClaimOneValueEach(Impl impl) {
        Chan a = impl.create();
        Chan b = impl.create();
        Object[] r = new Object[4];
        shared(a, b, r, impl);
        Thread s1 = thread(() -> r[0] = impl.selectReceive(a, b), r, 0);
        Thread s2 = thread(() -> r[1] = impl.selectReceive(a, b), r, 1);
        Thread sa = thread(() -> a.send(1), r, 2);
        Thread sb = thread(() -> b.send(2), r, 3);
        s1.start();
        s2.start();
        sa.start();
        sb.start();
        joinAll(s1, s2, sa, sb);
        List<String> got = new ArrayList<>(List.of(String.valueOf(r[0]), String.valueOf(r[1])));
        got.sort(null);
        assertEquals(List.of("0:1", "1:2"), got, "select results " + Arrays.toString(r));
        assertEquals(null, r[2], "sender a");
        assertEquals(null, r[3], "sender b");
    }

    /**
     * A receiver is interrupted while a sender hands it a value: either the receive returns 1 (and keeps the
     * interrupt status) or it throws InterruptedException having taken nothing, in which case 1 is still there
     * for the next receive. The value is received exactly once.
     *
     * <p>The interrupt is pending when the receive starts (the receiver interrupts itself), so the race the model
     * checker explores is exactly the one that matters: the receiver's cancellation (taken when it sees the
     * interrupt, before or after publishing its waiter) against the sender's claim of that waiter. An interrupt
     * from another thread adds only the point at which the flag appears; Lincheck found the lost value of
     * {@link Fault#CANCEL_WITHOUT_CAS} in that form only rarely, this form finds it at once.
     */
    static void interruptRacingAHandOffLosesNothing(Impl impl) {
        Chan ch = impl.create();
        Object[] r = new Object[3];
        shared(ch, r);
        Thread receiver = thread(() -> {
            Thread.currentThread().interrupt();
            try {
                r[0] = ch.receive();
                r[2] = Thread.interrupted() ? "kept" : "lost status";
            } catch (InterruptedException e) {
                r[0] = "interrupted";
            }
        }, r, 0);
        Thread sender = thread(() -> ch.send(1), r, 1);
        receiver.start();
        sender.start();
        joinAll(receiver);
        Object second = null;
        if ("interrupted".equals(r[0])) {
            try {
                second = ch.receive(); // the value the interrupted receive did not take
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        } else {
            assertEquals("kept", r[2], "a receive that won the hand-off keeps the interrupt status");
        }
        joinAll(sender);
        assertEquals(null, r[1], "sender");
        assertEquals(1, "interrupted".equals(r[0]) ? second : r[0], "received exactly once: " + r[0]);
    }

    enum Scenario {
        RENDEZVOUS(HandOffGeneralModelCheckTest::rendezvous),
        CLOSE_WAKES_WAITERS(HandOffGeneralModelCheckTest::closeWakesBlockedSenderAndReceiver),
        SELECT_CLAIM(HandOffGeneralModelCheckTest::twoSelectsClaimOneValueEach),
        INTERRUPT_VS_HAND_OFF(HandOffGeneralModelCheckTest::interruptRacingAHandOffLosesNothing);

        final java.util.function.Consumer<Impl> body;

        Scenario(java.util.function.Consumer<Impl> body) {
            this.body = body;
        }
    }

    private static void check(int invocations, Impl impl, Scenario scenario) {
        Lincheck.runConcurrentTest(invocations, () -> scenario.body.accept(impl));
    }

    // ----------------------------------------------------------------------------------------------- tests

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void realUnbufferedChannelPasses(Scenario scenario) {
        check(INVOCATIONS, new Real(0), scenario);
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"RENDEZVOUS", "SELECT_CLAIM", "INTERRUPT_VS_HAND_OFF"})
    void realBufferedChannelPasses(Scenario scenario) {
        check(INVOCATIONS / 4, new Real(1), scenario);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void correctCopyPasses(Scenario scenario) {
        check(INVOCATIONS / 4, new Broken(Fault.NONE), scenario);
    }

    @Test
    void negativeControlLostWakeUpIsCaught() {
        assertThrows(LincheckAssertionError.class,
                () -> check(CONTROL_INVOCATIONS, new Broken(Fault.REGISTER_WITHOUT_RECHECK), Scenario.RENDEZVOUS));
    }

    @Test
    void negativeControlCloseSkippingWaitersIsCaught() {
        assertThrows(LincheckAssertionError.class, () -> check(CONTROL_INVOCATIONS,
                new Broken(Fault.CLOSE_SKIPS_WAITERS), Scenario.CLOSE_WAKES_WAITERS));
    }

    @Test
    void negativeControlClaimWithoutCasIsCaught() {
        assertThrows(LincheckAssertionError.class,
                () -> check(CONTROL_INVOCATIONS, new Broken(Fault.CLAIM_WITHOUT_CAS), Scenario.SELECT_CLAIM));
    }

    @Test
    void negativeControlCancelWithoutCasIsCaught() {
        assertThrows(LincheckAssertionError.class, () -> check(CONTROL_INVOCATIONS,
                new Broken(Fault.CANCEL_WITHOUT_CAS), Scenario.INTERRUPT_VS_HAND_OFF));
    }
}
