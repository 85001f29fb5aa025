package dev.channels.bench.report;

import java.util.Map;

/**
 * The names a reader sees for each contender (the README's labels), and what kind of contender it is. A benchmark
 * method or {@code impl} value without an entry here keeps its own name and kind {@link Kind#OTHER}.
 */
final class Labels {

    /** What a row measures, for ranking and for the per-load verdict "mailbox or lock". */
    enum Kind {
        /** A mutual-exclusion lock; the critical section runs on the producer's thread. */
        LOCK,
        /** A queue drained by one consumer that applies every update (an actor's mailbox). */
        MAILBOX,
        /** Lock-free atomics with no critical section at all: a ceiling, neither lock nor mailbox. */
        CEILING,
        /** The harness alone (thread start and join): an overhead inside every other row, never ranked. */
        OVERHEAD,
        /** Any other contender (Suite 2's channels and queues). */
        OTHER
    }

    /** A contender as shown: plain text for the terminal, markdown for README and BENCHMARKS.md. */
    record Label(String plain, String markdown, Kind kind) {
    }

    private static final Map<String, Label> SUITE_1 = Map.ofEntries(
            Map.entry("harnessOnly", new Label("harness only (start and join P threads)",
                    "harness only (start and join P threads)", Kind.OVERHEAD)),
            Map.entry("synchronizedBlock", new Label("synchronized", "`synchronized`", Kind.LOCK)),
            Map.entry("reentrantLock", new Label("ReentrantLock (unfair)", "`ReentrantLock` (unfair)", Kind.LOCK)),
            Map.entry("reentrantLockFair", new Label("ReentrantLock (fair)", "`ReentrantLock` (fair)", Kind.LOCK)),
            Map.entry("stampedLock", new Label("StampedLock", "`StampedLock`", Kind.LOCK)),
            Map.entry("atomicLong", new Label("AtomicLong (lock-free ceiling)", "`AtomicLong` (lock-free ceiling)",
                    Kind.CEILING)),
            Map.entry("longAdder", new Label("LongAdder (lock-free ceiling)", "`LongAdder` (lock-free ceiling)",
                    Kind.CEILING)),
            Map.entry("oursTell", new Label("our actor, tell", "**our actor, `tell`**", Kind.MAILBOX)),
            Map.entry("oursAsk", new Label("our actor, ask", "**our actor, `ask`**", Kind.MAILBOX)),
            Map.entry("joxActorLoop", new Label("Jox channel, actor loop", "Jox channel, actor loop", Kind.MAILBOX)),
            Map.entry("pekkoTell", new Label("Pekko classic actor, tell", "Pekko classic actor, `tell`",
                    Kind.MAILBOX)),
            Map.entry("pekkoAsk", new Label("Pekko classic actor, ask", "Pekko classic actor, `ask`", Kind.MAILBOX)),
            Map.entry("jctoolsMpsc", new Label("raw JCTools MPSC + one consumer", "raw JCTools MPSC + one consumer",
                    Kind.MAILBOX)));

    private static final Map<String, String> SUITE_2 = Map.ofEntries(
            Map.entry("ours", "ours"),
            Map.entry("jox", "Jox 1.0.1"),
            Map.entry("synchronousQueue", "SynchronousQueue"),
            Map.entry("exchanger", "Exchanger"),
            Map.entry("linkedTransferQueue", "LinkedTransferQueue"),
            Map.entry("arrayBlockingQueue", "ArrayBlockingQueue"),
            Map.entry("linkedBlockingQueue", "LinkedBlockingQueue"),
            Map.entry("volatileFloor", "volatile floor"),
            Map.entry("jdk", "JDK queue"));

    private Labels() {
    }

    /** The label of a row's contender. */
    static Label of(Result r) {
        return of(r.className(), r.contender());
    }

    /** The label of {@code contender} in benchmark class {@code className} (simple name). */
    static Label of(String className, String contender) {
        boolean suite1 = className.equals("MailboxVsLocks") || className.equals("LocksClassic")
                || className.equals("AskLatency");
        if (suite1 && SUITE_1.containsKey(contender)) {
            return SUITE_1.get(contender);
        }
        String plain = SUITE_2.getOrDefault(contender, contender);
        String md = contender.startsWith("ours") ? "**" + plain + "**" : plain;
        return new Label(plain, md, contender.startsWith("harness") ? Kind.OVERHEAD : Kind.OTHER);
    }
}
