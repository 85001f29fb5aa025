package sample.consumer;

import dev.channels.Channel;
import dev.channels.ReceiveResult;
import dev.channels.Select;
import dev.channels.actors.ActorRef;
import dev.channels.actors.ActorSystem;
import dev.channels.test.SyncTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Uses the library as a user would: a channel, a select, an actor and a test bubble. Then checks how it was
 * loaded: with {@code module-path} every library jar must be its named module with only its API exported; with
 * {@code class-path} everything is in the unnamed module. Exits non-zero on any mismatch.
 */
public final class Consumer {

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("module-path") || args[0].equals("class-path"))) {
            throw new IllegalArgumentException("usage: Consumer module-path|class-path");
        }
        String mode = args[0];

        // A channel: a producer sends 1..3 and closes; the range loop drains it.
        Channel<Integer> numbers = Channel.buffered(2);
        Thread producer = Thread.startVirtualThread(() -> {
            try {
                for (int i = 1; i <= 3; i++) {
                    numbers.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                numbers.close();
            }
        });
        int sum = 0;
        for (int n : numbers) {
            sum += n;
        }
        producer.join();
        check(sum == 6, "channel: sum of 1..3 received, got " + sum);

        // A select: one ready case, one that never is, and a timeout.
        Channel<String> ready = Channel.buffered(1);
        Channel<String> silent = Channel.unbuffered();
        ready.send("hello");
        String chosen = Select.builder()
                .onReceive(silent, s -> "silent")
                .onReceive(ready, s -> s)
                .onTimeout(Duration.ofSeconds(10), () -> "timeout")
                .select();
        check(chosen.equals("hello"), "select: expected the ready case, got " + chosen);

        // Go's v, ok and a poll: the result says received, empty or closed; a select whose handlers only act.
        List<String> seen = new ArrayList<>();
        ready.send("again");
        Select.actions().onReceive(ready, seen::add).onDefault(() -> seen.add("nothing")).select();
        ready.close();
        String polled = switch (ready.tryReceive()) {
            case ReceiveResult.Received<String>(String v) -> "received " + v;
            case ReceiveResult.Empty<String>() -> "empty";
            case ReceiveResult.Closed<String>(Throwable cause) -> "closed";
        };
        check(seen.equals(List.of("again")) && polled.equals("closed"),
                "receive results: expected [again] and closed, got " + seen + " and " + polled);

        // A state actor.
        int size;
        try (ActorSystem system = ActorSystem.create("consumer")) {
            ActorRef<List<String>> list = system.spawn(new ArrayList<>());
            list.tell(l -> l.add("a"));
            size = list.ask(List::size);
        }
        check(size == 1, "actor: expected 1 element, got " + size);

        // Deterministic time (channels-test): an hour-long timed receive in a bubble returns at once, at exactly
        // one virtual hour.
        Instant[] woke = new Instant[1];
        SyncTest.run(() -> {
            Channel.<String>unbuffered().receive(Duration.ofHours(1));
            woke[0] = SyncTest.now();
        });
        check(Instant.parse("2000-01-01T01:00:00Z").equals(woke[0]), "synctest: expected one virtual hour, got "
                + woke[0]);

        Module core = Channel.class.getModule();
        Module actors = ActorSystem.class.getModule();
        if (mode.equals("module-path")) {
            check(core.isNamed() && core.getName().equals("dev.channels"),
                    "channels-core is not the named module dev.channels: " + core);
            check(actors.isNamed() && actors.getName().equals("dev.channels.actors"),
                    "channels-actors is not the named module dev.channels.actors: " + actors);
            check(!core.getDescriptor().isAutomatic() && !actors.getDescriptor().isAutomatic(),
                    "a library jar is an automatic module (no module-info.class)");
            check(core.getPackages().contains("dev.channels.internal") && !core.isExported("dev.channels.internal"),
                    "dev.channels.internal must be in dev.channels and not exported");
            check(actors.getDescriptor().requires().stream().anyMatch(r -> r.name().equals("org.jctools.core.jdk11")),
                    "dev.channels.actors does not require org.jctools.core.jdk11 (the mailbox's queues)");
            check(ModuleLayer.boot().findModule("org.jctools.core.jdk11").isPresent(),
                    "JCTools is not resolved as the module org.jctools.core.jdk11");
            check(Consumer.class.getModule().getName().equals("sample.consumer"), "the sample is not a module");
            Module test = SyncTest.class.getModule();
            check(test.isNamed() && test.getName().equals("dev.channels.test") && !test.getDescriptor().isAutomatic(),
                    "channels-test is not the named module dev.channels.test: " + test);
            check(core.isExported("dev.channels.internal", test) && !test.isExported("dev.channels.test.internal"),
                    "dev.channels.internal must be exported to dev.channels.test only, and its own internals hidden");
        } else {
            check(!core.isNamed() && !actors.isNamed() && !SyncTest.class.getModule().isNamed()
                            && !Consumer.class.getModule().isNamed(),
                    "on the class path everything must be in the unnamed module");
        }
        System.out.println("consumer OK on the " + mode + " (Java " + Runtime.version() + "): channel, select, actor, synctest; "
                + "core in " + core + ", actors in " + actors);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
