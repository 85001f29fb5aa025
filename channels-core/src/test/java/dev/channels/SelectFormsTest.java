package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ways to write a select: each form here must compile exactly as written, without a type witness
 * ({@code Select.<String>builder()}) and without {@code return null;} in handlers that only act, and must run as
 * its Javadoc says.
 */
@Timeout(60)
class SelectFormsTest {

    // ------------------------------------------------------------------------------ value form: builder()

    @Test
    void theFirstCaseFixesTheResultTypeOfAChain() throws InterruptedException {
        Channel<Integer> in = Channel.buffered(1);
        Channel<Integer> out = Channel.unbuffered();
        in.send(7);
        String r = Select.builder()
                .onReceive(in, v -> "got " + v)
                .onSend(out, 42, () -> "sent")
                .onTimeout(Duration.ofSeconds(30), () -> "timeout")
                .select();
        assertEquals("got 7", r);
    }

    @Test
    void everyCaseKindCanStartAChain() throws InterruptedException {
        Channel<Integer> ch = Channel.buffered(1);
        String sent = Select.builder().onSend(ch, 1, () -> "sent").onDefault(() -> "full").select();
        String full = Select.builder().onSendFrom(ch, () -> 2, () -> "sent").onDefault(() -> "full").select();
        Integer received = Select.builder().onReceive(ch, v -> v).onDefault(() -> -1).select();
        String nothing = Select.builder().onDefault(() -> "nothing").select();
        String timedOut = Select.builder().onTimeout(Duration.ZERO, () -> "timeout").select();
        ch.close();
        Boolean closed = Select.builder().onReceiveOrClosed(ch, ReceiveResult::isClosed).select();
        assertEquals(List.of("sent", "full", "1", "nothing", "timeout", "true"),
                List.of(sent, full, received.toString(), nothing, timedOut, closed.toString()));
    }

    @Test
    void aChainCanBeKeptAndRunAgain() throws InterruptedException {
        Channel<Integer> ch = Channel.buffered(2);
        ch.send(1);
        ch.send(2);
        var loop = Select.builder().onReceive(ch, v -> v * 10).onDefault(() -> 0);
        int a = loop.select();
        int b = loop.select();
        int c = loop.select();
        assertEquals(List.of(10, 20, 0), List.of(a, b, c));
    }

    @Test
    void builderSettingsCarryOverAndABuilderStartsIndependentSelects() throws InterruptedException {
        Channel<String> first = Channel.buffered(1);
        Channel<String> second = Channel.buffered(1);
        first.send("first");
        second.send("second");
        Select.Builder ordered = Select.builder().ordered();
        var one = ordered.onReceive(second, v -> v);
        var two = ordered.onReceive(first, v -> v).onReceive(second, v -> v);
        assertEquals("first", two.select(), "ordered: the first ready case in declaration order");
        assertEquals("second", one.select(), "the first select has only its own case");
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        List<Integer> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            var seeded = Select.builder().random(new SplittableRandom(99)).onReceive(a, v -> 0).onReceive(b, v -> 1);
            List<Integer> picks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                a.trySend(1);
                b.trySend(1);
                picks.add(seeded.select());
                a.tryReceive();
                b.tryReceive();
            }
            runs.add(picks.hashCode());
        }
        assertEquals(runs.get(0), runs.get(1), "the same seed picks the same cases");
    }

    // ------------------------------------------------------------------------------- value form: create()

    @Test
    void createTakesTheResultTypeFromTheVariableForCasesAddedInALoop() throws InterruptedException {
        List<Channel<Integer>> inputs = List.of(Channel.buffered(1), Channel.buffered(1), Channel.buffered(1));
        inputs.get(1).send(5);
        Select<String> s = Select.create();
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            s.onReceive(inputs.get(i), v -> "input " + index + ": " + v);
        }
        assertEquals("input 1: 5", s.select());
    }

    // ------------------------------------------------------------------------------ action form: actions()

    @Test
    void actionHandlersReturnNothing() throws InterruptedException {
        Channel<String> in = Channel.buffered(1);
        List<String> log = new ArrayList<>();
        in.send("hello");
        var actions = Select.actions()
                .onReceive(in, v -> log.add("got " + v))      // a value-returning call, used as a statement
                .onDefault(() -> log.add("nothing"));
        actions.select();
        actions.select();
        in.close();
        Select.actions().onReceiveOrClosed(in, r -> log.add(r.isClosed() ? "closed" : "value")).select();
        Select.actions().onTimeout(Duration.ZERO, () -> { }).select();
        Channel<Integer> out = Channel.buffered(1);
        Select.actions().onSend(out, 1, () -> log.add("sent")).select();
        Select.actions().onSendFrom(out, () -> 2, () -> log.add("sent again")).onDefault(() -> log.add("full"))
                .ordered().select();
        assertEquals(List.of("got hello", "nothing", "closed", "sent", "full"), log);
    }

    @Test
    void actionHandlersMayBlock() throws Exception {
        Channel<Integer> in = Channel.buffered(1);
        Channel<Integer> out = Channel.buffered(1);
        in.send(3);
        Select.actions().onReceive(in, out::send).select(); // Go: case v := <-in: out <- v
        assertEquals(3, out.receive());
    }

    // ----------------------------------------------------------------------------- onSend vs onSendFrom

    @Test
    void aReusedSelectSendsAFreshValueFromItsSupplierOnEveryRun() throws InterruptedException {
        Channel<Integer> out = Channel.buffered(3);
        AtomicInteger next = new AtomicInteger();
        var sendNext = Select.builder().onSendFrom(out, next::incrementAndGet, () -> "sent");
        for (int i = 0; i < 3; i++) {
            sendNext.select();
        }
        assertEquals(List.of(1, 2, 3), List.of(out.receive(), out.receive(), out.receive()));

        int[] counter = {100};
        var sendCaptured = Select.builder().onSend(out, counter[0], () -> "sent");
        for (int i = 0; i < 3; i++) {
            counter[0]++;
            sendCaptured.select();
        }
        assertEquals(List.of(100, 100, 100), List.of(out.receive(), out.receive(), out.receive()),
                "onSend sends the value captured when the case was added");
    }

    @Test
    void theSupplierIsAskedOncePerRunEvenWhenAnotherCaseFires() throws InterruptedException {
        Channel<Integer> full = Channel.buffered(1);
        full.send(0);
        AtomicInteger asked = new AtomicInteger();
        var s = Select.builder().onSendFrom(full, asked::incrementAndGet, () -> "sent").onDefault(() -> "default");
        assertEquals("default", s.select());
        assertEquals("default", s.select());
        assertEquals(2, asked.get());
        assertEquals(0, full.receive(), "the unsent values were not delivered");
        assertEquals(0, full.size());
    }

    @Test
    void aSupplierThatReturnsNullFailsTheRunBeforeAnyCaseFires() throws InterruptedException {
        Channel<Integer> out = Channel.buffered(1);
        Channel<Integer> in = Channel.buffered(1);
        in.send(1);
        var s = Select.builder().onSendFrom(out, () -> null, () -> "sent").onReceive(in, v -> "received");
        NullPointerException e = assertThrows(NullPointerException.class, s::select);
        assertEquals("Select.onSendFrom: the supplier returned null", e.getMessage());
        assertEquals(1, in.size(), "no case fired");
        assertEquals(0, out.size());
    }
}
