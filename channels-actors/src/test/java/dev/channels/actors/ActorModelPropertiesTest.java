package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based properties: an actor fed a sequence of operations ends in the state that applying them in order to a
 * plain object gives, whatever the mailbox and whatever the interleaving of asks.
 */
@Timeout(120)
class ActorModelPropertiesTest {

    /** An operation on a list of ints, chosen by a generated code: append, remove the first, or double all. */
    private static Consumer<List<Integer>> op(int code) {
        int kind = Math.floorMod(code, 3);
        return switch (kind) {
            case 0 -> l -> l.add(code);
            case 1 -> l -> {
                if (!l.isEmpty()) {
                    l.remove(0);
                }
            };
            default -> l -> l.replaceAll(x -> x * 2);
        };
    }

    @Test
    void anActorAppliesOneSendersOperationsExactlyInOrder() {
        try (ActorSystem system = ActorSystem.create("model")) {
            qt().withExamples(200 * Integer.getInteger("stress.factor", 1))
                    .forAll(lists().of(integers().between(-1_000, 1_000)).ofSizeBetween(0, 200),
                            integers().between(1, 8),
                            integers().between(0, 40))
                    .checkAssert((codes, capacity, askEvery) -> {
                        ActorRef<List<Integer>> ref = system.spawn(new ArrayList<>(),
                                ActorOptions.defaults().withMailbox(capacity, Overflow.BLOCK));
                        List<Integer> model = new ArrayList<>();
                        try {
                            for (int i = 0; i < codes.size(); i++) {
                                Consumer<List<Integer>> o = op(codes.get(i));
                                ref.tell(o);
                                o.accept(model);
                                if (askEvery > 0 && i % askEvery == 0) {
                                    org.junit.jupiter.api.Assertions.assertEquals(model,
                                            ref.ask(l -> List.copyOf(l)), "after op " + i);
                                }
                            }
                            org.junit.jupiter.api.Assertions.assertEquals(model, ref.ask(l -> List.copyOf(l)));
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        } finally {
                            ref.stop();
                        }
                        ref.termination().join();
                    });
        }
    }
}
