package dev.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows "Go's v, ok" (receiveOrClosed) and "range" (for-each and stream). */
class ReceiveFormsTest {
    private static final int N = 1000;

    private static Conc.Task<Void> produceThenClose(Channel<Integer> ch, int n) {
        return Conc.run(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                }
            } finally {
                ch.close();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void receiveOrClosedReturnsValuesThenEmptyAfterClose(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, N);
        for (int i = 0; i < N; i++) {
            assertEquals(new ReceiveResult.Received<>(i), ch.receiveOrClosed());
        }
        assertEquals(ReceiveResult.closed(null), ch.receiveOrClosed());
        producer.join();
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void receiveOrClosedBlocksUntilAValueArrives(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<ReceiveResult<Integer>> r = Conc.start(ch::receiveOrClosed);
        Conc.awaitBlockedReceiver(ch, 1, r.thread);
        ch.send(5);
        assertEquals(new ReceiveResult.Received<>(5), r.join());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void forEachEndsWhenClosedAndDrained(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, N);
        List<Integer> got = new ArrayList<>();
        for (int v : ch) {
            got.add(v);
        }
        producer.join();
        assertEquals(IntStream.range(0, N).boxed().toList(), got);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void forEachOverReceiveOnlyViewEndsWhenClosedAndDrained(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, N);
        int count = 0;
        for (int v : ch.receiveOnly()) {
            assertEquals(count++, v);
        }
        producer.join();
        assertEquals(N, count);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void streamEndsWhenClosedAndDrained(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, N);
        List<Integer> got = ch.receiveOnly().stream().collect(Collectors.toList());
        producer.join();
        assertEquals(IntStream.range(0, N).boxed().toList(), got);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void streamTakesOnlyWhatItPulls(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, 10);
        assertEquals(List.of(0, 1, 2), ch.stream().limit(3).toList());
        // The rest is still in the channel, in order (at most one value may be held by a lazy stream; ours pulls
        // exactly what limit() asks for).
        List<Integer> rest = new ArrayList<>();
        for (int v : ch) {
            rest.add(v);
        }
        producer.join();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), rest);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void iteratorOnClosedDrainedChannelHasNoNext(ChannelKind kind) {
        Channel<Integer> ch = kind.create();
        ch.close();
        Iterator<Integer> it = ch.iterator();
        assertFalse(it.hasNext());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(0, ch.stream().count());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void iteratorNextWithoutHasNextReceives(ChannelKind kind) throws Exception {
        Channel<Integer> ch = kind.create();
        Conc.Task<Void> producer = produceThenClose(ch, 3);
        Iterator<Integer> it = ch.iterator();
        assertEquals(0, it.next());
        assertTrue(it.hasNext());
        assertTrue(it.hasNext(), "hasNext twice does not consume a value");
        assertEquals(1, it.next());
        assertEquals(2, it.next());
        assertFalse(it.hasNext());
        producer.join();
    }
}
