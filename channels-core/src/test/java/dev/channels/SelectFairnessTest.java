package dev.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice among ready cases: uniform by default (Go), first-ready in ordered mode, reproducible by seed. */
@Timeout(60)
class SelectFairnessTest {

    /** Go's TestSelectFairness bound: two always-ready cases, 10,000 selects, each within 5,000 +/- 500. */
    @Test
    void choosesUniformlyAmongReadyCases() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        Channel<Integer> neverA = Channel.unbuffered();
        Channel<Integer> neverB = Channel.buffered(1);
        int[] counts = new int[4];
        Select<Integer> sel = Select.builder()
                .onReceive(neverA, v -> 0)
                .onReceive(a, v -> 1)
                .onReceive(neverB, v -> 2)
                .onReceive(b, v -> 3);
        for (int i = 0; i < 10_000; i++) {
            a.trySend(1);
            b.trySend(1);
            counts[sel.select()]++;
        }
        assertEquals(0, counts[0] + counts[2], "never-ready cases never fire");
        assertTrue(Math.abs(counts[1] - 5_000) <= 500 && Math.abs(counts[3] - 5_000) <= 500,
                "counts a=" + counts[1] + " b=" + counts[3]);
    }

    @Test
    void choosesUniformlyAmongReadySendCases() throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        int[] counts = new int[2];
        Select<Integer> sel = Select.builder().onSend(a, 1, () -> 0).onSend(b, 1, () -> 1);
        for (int i = 0; i < 10_000; i++) {
            counts[sel.select()]++;
            a.tryReceive();
            b.tryReceive();
        }
        assertTrue(Math.abs(counts[0] - 5_000) <= 500, "counts a=" + counts[0] + " b=" + counts[1]);
    }

    @Test
    void orderedModeAlwaysTakesTheFirstReadyCase() throws InterruptedException {
        Channel<Integer> notReady = Channel.unbuffered();
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        Select<String> sel = Select.builder().ordered()
                .onReceive(notReady, v -> "notReady").onReceive(a, v -> "a").onReceive(b, v -> "b");
        for (int i = 0; i < 1_000; i++) {
            a.trySend(1);
            b.trySend(1);
            assertEquals("a", sel.select());
            assertEquals("b", sel.select());
        }
    }

    @Test
    void aSeededRandomReproducesTheSameChoices() throws InterruptedException {
        long seed = new SplittableRandom().nextLong();
        assertEquals(choices(seed), choices(seed), "seed " + seed);
    }

    private static List<Integer> choices(long seed) throws InterruptedException {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        Channel<Integer> c = Channel.buffered(1);
        Select<Integer> sel = Select.builder().random(new SplittableRandom(seed))
                .onReceive(a, v -> 0).onReceive(b, v -> 1).onReceive(c, v -> 2);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            a.trySend(1);
            b.trySend(1);
            c.trySend(1);
            out.add(sel.select());
            a.tryReceive();
            b.tryReceive();
            c.tryReceive();
        }
        return out;
    }
}
