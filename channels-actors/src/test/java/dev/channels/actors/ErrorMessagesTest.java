package dev.channels.actors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exceptions the actor runtime constructs name their actor. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ErrorMessagesTest {

    @Test
    void actorStoppedNamesTheActor() {
        try (ActorSystem system = ActorSystem.create()) {
            ActorRef<int[]> ref = system.spawn(new int[1], ActorOptions.defaults().withName("ledger"));
            ref.stop();
            ActorStoppedException e = assertThrows(ActorStoppedException.class, () -> ref.tell(s -> s[0]++));
            assertTrue(e.getMessage().contains("'ledger'"), e.getMessage());
        }
    }

    @Test
    void mailboxFullNamesTheActorForARefusedTellAndADroppedAsk() throws Exception {
        for (Overflow policy : new Overflow[]{Overflow.FAIL, Overflow.DROP_NEWEST}) {
            try (ActorSystem system = ActorSystem.create()) {
                ActorRef<int[]> ref = system.spawn(new int[1],
                        ActorOptions.defaults().withName("orders").withMailbox(1, policy).withDeadLetters(m -> { }));
                CountDownLatch gate = new CountDownLatch(1);
                CountDownLatch holding = new CountDownLatch(1);
                ref.tell(s -> {
                    holding.countDown();
                    Waits.awaitUninterruptibly(gate);
                });
                holding.await();
                ref.tell(s -> s[0]++); // fills the mailbox
                try {
                    MailboxFullException e;
                    if (policy == Overflow.FAIL) {
                        e = assertThrows(MailboxFullException.class, () -> ref.tell(s -> s[0]++));
                    } else {
                        CompletableFuture<Integer> dropped = ref.askAsync(s -> s[0]);
                        CompletionException ce = assertThrows(CompletionException.class, dropped::join);
                        e = assertInstanceOf(MailboxFullException.class, ce.getCause());
                    }
                    assertTrue(e.getMessage().contains("'orders'") && e.getMessage().contains("1"), e.getMessage());
                } finally {
                    gate.countDown();
                }
            }
        }
    }
}
