package dev.channels;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ChannelsTest {

    /** Waits for observable state, parking briefly between looks; the @Timeout turns a bug into a failure. */
    static void awaitCondition(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            LockSupport.parkNanos(200_000L);
        }
    }

    @Nested
    class After {
        @Test
        void deliversOneInstantThenCloses() throws InterruptedException {
            Instant before = Instant.now();
            var ch = Channels.after(Duration.ofMillis(5));
            Instant fired = ch.receive();
            assertFalse(fired.isBefore(before));
            assertEquals(ReceiveResult.closed(null), ch.receiveOrClosed(), "closed after its one value");
        }

        @Test
        void zeroOrNegativeDelayDeliversAtOnce() {
            assertTrue(Channels.after(Duration.ZERO).tryReceive().isReceived());
            assertTrue(Channels.after(Duration.ofSeconds(-1)).tryReceive().isReceived());
        }

        @Test
        void worksAsSelectTimeoutCaseAndLosesToAReadyValue() throws InterruptedException {
            Channel<String> in = Channel.buffered(1);
            in.send("value");
            var timeout = Channels.after(Duration.ofDays(1));
            String r = Select.builder()
                    .onReceive(in, v -> v)
                    .onReceive(timeout, t -> "timeout")
                    .select();
            assertEquals("value", r);
            r = Select.builder()
                    .onReceive(in, v -> v)
                    .onReceive(Channels.after(Duration.ofMillis(1)), t -> "timeout")
                    .select();
            assertEquals("timeout", r);
        }

        @Test
        void usesNoPlatformThreadPerTimer() {
            int before = Thread.getAllStackTraces().size(); // platform threads only
            List<ReceiveChannel<Instant>> timers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) { // long enough that none can fire during the test, however slow the
                timers.add(Channels.after(Duration.ofMinutes(10).plusMillis(i % 50))); // machine; dropped after it
            }
            int during = Thread.getAllStackTraces().size();
            assertTrue(during - before < 20, "platform threads grew from " + before + " to " + during);
            assertEquals(0, timers.stream().filter(t -> t.tryReceive().isReceived()).count());
        }

        @Test
        void nullIsRefused() {
            assertThrows(NullPointerException.class, () -> Channels.after(null));
        }
    }

    @Nested
    class Tickers {
        @Test
        void ticksRepeatedlyUntilStoppedThenClosesAndEndsItsThread() throws InterruptedException {
            Ticker ticker = Channels.ticker(Duration.ofMillis(1));
            Instant previous = ticker.channel().receive();
            for (int i = 0; i < 3; i++) {
                Instant next = ticker.channel().receive();
                assertFalse(next.isBefore(previous));
                previous = next;
            }
            ticker.stop();
            assertFalse(ticker.scheduled(), "its timer is cancelled");
            assertTrue(ticker.channel().isClosed());
            int left = 0;
            for (Instant ignored : ticker.channel()) { // ends: the channel is closed
                left++;
            }
            assertEquals(0, left, "no stale tick after stop (Go 1.23)");
            ticker.stop(); // idempotent
        }

        @Test
        void slowReceiverMissesTicksInsteadOfQueueingThem() throws InterruptedException {
            try (Ticker ticker = Channels.ticker(Duration.ofMillis(1))) {
                awaitCondition(() -> ticker.ticks() >= 10); // ten ticks produced, none received
                assertEquals(1, ticker.channel().size(), "one buffered tick, the rest missed");
                assertEquals(1, ticker.channel().capacity());
                ticker.stop();
                List<Instant> left = new ArrayList<>();
                ticker.channel().forEach(left::add);
                assertEquals(List.of(), left, "the buffered tick is discarded by stop (Go 1.23: no stale tick)");
            }
        }

        @Test
        void stopWakesABlockedReceiver() throws InterruptedException {
            Ticker ticker = Channels.ticker(Duration.ofDays(1));
            var outcome = new java.util.concurrent.atomic.AtomicReference<ReceiveResult<Instant>>();
            Thread receiver = Thread.startVirtualThread(() -> {
                try {
                    outcome.set(ticker.channel().receiveOrClosed());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitCondition(() -> receiver.getState() == Thread.State.WAITING);
            ticker.stop();
            receiver.join();
            assertEquals(ReceiveResult.closed(null), outcome.get());
            assertFalse(ticker.scheduled());
        }

        @Test
        void badPeriodIsRefused() {
            for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
                IllegalArgumentException viaChannels = assertThrows(IllegalArgumentException.class,
                        () -> Channels.ticker(bad));
                assertEquals("Channels.ticker: period must be positive, got " + bad, viaChannels.getMessage());
                IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                        () -> new Ticker(bad), "the constructor checks too: it is the one conversion");
                assertEquals(viaChannels.getMessage(), direct.getMessage());
            }
            assertThrows(NullPointerException.class, () -> Channels.ticker(null));
        }

        /** A period too long for a long of nanoseconds is saturated (through Deadlines), never overflowed. */
        @Test
        void aHugePeriodIsSaturatedInsteadOfOverflowing() {
            for (Duration huge : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE))) {
                Ticker direct = new Ticker(huge); // threw ArithmeticException from Duration.toNanos before
                try (Ticker viaChannels = Channels.ticker(huge)) {
                    assertTrue(direct.scheduled());
                    assertTrue(viaChannels.scheduled());
                    assertEquals(direct.toString(), viaChannels.toString());
                    assertEquals(ReceiveResult.empty(), direct.channel().tryReceive(), "no tick for decades");
                } finally {
                    direct.stop();
                }
            }
        }
    }

    @Nested
    class Merge {
        @Test
        void everyValueArrivesOnceInPerInputOrderAndOutputClosesAfterAllInputs() {
            int inputs = 4;
            int perInput = 200;
            List<ReceiveChannel<String>> ins = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                int id = i;
                ins.add(Channels.generate(out -> {
                    for (int k = 0; k < perInput; k++) {
                        out.send(id + ":" + k);
                    }
                }));
            }
            Map<Integer, Integer> nextExpected = new HashMap<>();
            int total = 0;
            for (String v : Channels.merge(ins)) {
                int id = Integer.parseInt(v.substring(0, v.indexOf(':')));
                int k = Integer.parseInt(v.substring(v.indexOf(':') + 1));
                assertEquals(nextExpected.getOrDefault(id, 0), k, "order of input " + id);
                nextExpected.put(id, k + 1);
                total++;
            }
            assertEquals(inputs * perInput, total);
        }

        @Test
        void outputStaysOpenWhileOneInputIsOpen() throws InterruptedException {
            Channel<Integer> a = Channel.unbuffered();
            Channel<Integer> b = Channel.buffered(1);
            var out = Channels.merge(a, b);
            a.close();
            b.send(1);
            assertEquals(1, out.receive());
            assertFalse(out.isClosed());
            b.close();
            assertEquals(ReceiveResult.closed(null), out.receiveOrClosed());
        }

        @Test
        void noInputsGivesAClosedChannel() throws InterruptedException {
            assertEquals(ReceiveResult.closed(null), Channels.<String>merge().receiveOrClosed());
            assertEquals(ReceiveResult.closed(null), Channels.<String>merge(List.of()).receiveOrClosed());
        }

        @Test
        void inputClosedWithCausePassesTheCauseOn() {
            var cause = new IOException("upstream failed");
            Channel<Integer> failing = Channel.unbuffered();
            Channel<Integer> open = Channel.unbuffered(); // never closed: its forwarder must still end
            var out = Channels.merge(failing, open);
            failing.close(cause);
            var e = assertThrows(ChannelClosedException.class, () -> out.receive());
            assertSame(cause, e.getCause());
        }

        @Test
        void nullsAreRefused() {
            assertThrows(NullPointerException.class, () -> Channels.merge((ReceiveChannel<String>[]) null));
            assertThrows(NullPointerException.class,
                    () -> Channels.merge(Channel.<String>unbuffered(), null));
        }
    }

    @Nested
    class Generate {
        @Test
        void closedWhenBodyReturns() {
            var ch = Channels.<Integer>generate(out -> {
                for (int i = 0; i < 5; i++) {
                    out.send(i);
                }
            });
            assertEquals(List.of(0, 1, 2, 3, 4), ch.stream().toList());
            assertTrue(ch.isClosed());
        }

        @Test
        void closedWithTheCauseWhenBodyThrowsAfterValuesAreDrained() throws InterruptedException {
            var cause = new IllegalStateException("generator failed");
            var ch = Channels.<Integer>generate(3, out -> {
                out.send(1);
                out.send(2);
                throw cause;
            });
            assertEquals(1, ch.receive());
            assertEquals(2, ch.receive());
            assertEquals(new ReceiveResult.Closed<>(cause), ch.receiveOrClosed());
            var e = assertThrows(ChannelClosedException.class, ch::receive);
            assertSame(cause, e.getCause());
        }

        @Test
        void bufferedGeneratorRunsAheadByItsCapacity() throws InterruptedException {
            var sent = new AtomicInteger();
            var ch = Channels.<Integer>generate(3, out -> {
                for (int i = 0; ; i++) {
                    out.send(i);
                    sent.incrementAndGet();
                    if (i == 9) {
                        return;
                    }
                }
            });
            awaitCondition(() -> sent.get() == 3);
            assertEquals(3, ch.size());
            assertEquals(45, ch.stream().mapToInt(Integer::intValue).sum());
        }

        @Test
        void outputIsReceiveOnlyAndBodyGetsSendOnly() {
            var seen = new java.util.concurrent.atomic.AtomicReference<Object>();
            var ch = Channels.<Integer>generate(seen::set);
            ch.stream().count();
            assertFalse(ch instanceof SendChannel<?>);
            assertFalse(seen.get() instanceof ReceiveChannel<?>);
        }

        @Test
        void badArgumentsAreRefused() {
            assertThrows(NullPointerException.class, () -> Channels.generate(null));
            assertThrows(IllegalArgumentException.class, () -> Channels.<Integer>generate(-1, out -> { }));
        }
    }

    @Nested
    class WorkerPool {
        @Test
        void everyJobIsDoneOnceAndResultsCloseWhenJobsAreDone() throws InterruptedException {
            Channel<Integer> jobs = Channel.buffered(100);
            var workersSeen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
            var started = new CountDownLatch(3);
            var results = Channels.<Integer, Integer>workerPool(3, jobs, j -> {
                if (workersSeen.add(Thread.currentThread().getName())) {
                    started.countDown();
                    started.await(); // every worker takes a job before any finishes: all three work
                }
                return j * 2;
            });
            for (int j = 1; j <= 100; j++) {
                jobs.send(j);
            }
            jobs.close();
            List<Integer> got = new ArrayList<>(results.stream().toList());
            got.sort(null);
            List<Integer> expected = new ArrayList<>();
            for (int j = 1; j <= 100; j++) {
                expected.add(j * 2);
            }
            assertEquals(expected, got);
            assertEquals(3, workersSeen.size());
        }

        @Test
        void failureClosesResultsWithTheCauseAndStopsTheOtherWorkers() {
            var cause = new IllegalArgumentException("bad job 3");
            Channel<Integer> jobs = Channel.unbounded();
            for (int j = 1; j <= 3; j++) {
                jobs.trySend(j);
            }
            // jobs stays open: the other workers are blocked on it and must be interrupted.
            var results = Channels.<Integer, Integer>workerPool(2, jobs, j -> {
                if (j == 3) {
                    throw cause;
                }
                return j;
            });
            List<Integer> got = new ArrayList<>();
            var e = assertThrows(ChannelClosedException.class, () -> {
                for (int r : results) {
                    got.add(r);
                }
            });
            assertSame(cause, e.getCause());
            assertTrue(List.of(1, 2).containsAll(got));
        }

        @Test
        void workerReturningNullFailsTheResultsWithAMessageThatSaysSo() {
            Channel<Integer> jobs = Channel.buffered(1);
            jobs.trySend(7);
            jobs.close();
            var results = Channels.<Integer, Integer>workerPool(1, jobs, j -> null);
            var e = assertThrows(ChannelClosedException.class, results::receive);
            assertInstanceOf(NullPointerException.class, e.getCause());
            assertEquals("Channels.workerPool: the worker returned null for job 7", e.getCause().getMessage());
            assertTrue(e.getMessage().contains("the worker returned null for job 7"), e.getMessage());
        }

        @Test
        void jobsClosedWithCauseClosesResultsWithThatCause() {
            var cause = new IOException("job source failed");
            Channel<Integer> jobs = Channel.buffered(2);
            jobs.trySend(1);
            jobs.close(cause);
            var results = Channels.<Integer, Integer>workerPool(2, jobs, j -> j * 10);
            List<Integer> got = new ArrayList<>();
            var e = assertThrows(ChannelClosedException.class, () -> results.forEach(got::add));
            assertSame(cause, e.getCause());
            assertTrue(got.isEmpty() || got.equals(List.of(10)), got.toString());
        }

        @Test
        void badArgumentsAreRefused() {
            Channel<Integer> jobs = Channel.unbuffered();
            assertThrows(IllegalArgumentException.class, () -> Channels.workerPool(0, jobs, j -> j));
            assertThrows(NullPointerException.class, () -> Channels.workerPool(1, null, j -> j));
            assertThrows(NullPointerException.class, () -> Channels.<Integer, Integer>workerPool(1, jobs, null));
        }

        @Test
        void resultsChannelIsNotNull() {
            assertNotNull(Channels.workerPool(1, Channel.<Integer>unbuffered(), j -> j));
        }
    }
}
