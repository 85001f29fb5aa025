package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Suite 1's report on a small fixture ({@code suite1-fixture.json}):
 * <ul>
 *   <li>P = 1: StampedLock 5.0 +/- 0.4 against Jox 40 +/- 5: the lock wins by 8x; our tell (40 +/- 200) is noisy;
 *   <li>P = 64: StampedLock 20 +/- 9 and our tell 30 +/- 3: the intervals overlap, too close to call;
 *   <li>P = 10,000: our tell 50 +/- 5 against synchronized 100 +/- 10 (two forks, means 95 and 105): the mailbox
 *       wins by 2x; StampedLock (90 +/- 100) is noisy, Jox has a single measurement (no error: noisy).
 * </ul>
 */
class Suite1Test {

    private static List<Result> fixture() throws IOException {
        try (InputStream in = Suite1Test.class.getResourceAsStream("/suite1-fixture.json")) {
            return Result.fromJmhJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<Result> at(String producers) throws IOException {
        return fixture().stream().filter(r -> r.params().get("producers").equals(producers)).toList();
    }

    private static Suite1.Run run(Load load) {
        return new Suite1.Run("quick profile (`channels-bench/run.sh`)", "2026-11-30 16:00 UTC", "a CPU, 2 cores",
                "JDK 25", load);
    }

    private static final Load QUIET = new Load(0.1, 0.2, 2);

    @Test
    void aRowIsNoisyWhenItsErrorExceedsHalfItsScoreOrIsUnknown() {
        assertFalse(result("a", 10, 5).isNoisy(), "an error of exactly half the score is not noisy");
        assertTrue(result("a", 10, 5.01).isNoisy());
        assertTrue(result("a", 10, Double.NaN).isNoisy(), "a single measurement has no error estimate");
        assertFalse(result("a", 10, 0.1).isNoisy());
    }

    private static Result result(String contender, double score, double error) {
        return new Result(Suite1.CLASS, contender, "avgt", 1, Map.of("producers", "1", "work", "0"), score, error,
                "ns/op", null, Map.of(), List.of());
    }

    @Test
    void ranksOnlyRowsThatAreNeitherNoisyNorTheHarness() throws IOException {
        List<Suite1.Ranked> ranked = Suite1.rank(at("1"));
        assertEquals(List.of("longAdder:1", "stampedLock:2", "synchronizedBlock:3", "joxActorLoop:4", "oursTell:0",
                        "harnessOnly:0"),
                ranked.stream().map(r -> r.result().contender() + ":" + r.rank()).toList());
    }

    @Test
    void verdictNamesTheWinnerAndByHowMuch() throws IOException {
        assertEquals("Verdict at P=1: the lock wins, 8.0x faster: best lock StampedLock 5.00 ns, best mailbox Jox "
                + "channel, actor loop 40.0 ns; our actor, tell: noisy.", Suite1.verdict("1", at("1")));
        assertEquals("Verdict at P=10,000: the mailbox wins, 2.0x faster: best mailbox our actor, tell 50.0 ns, "
                + "best lock synchronized 100 ns.", Suite1.verdict("10000", at("10000")));
    }

    @Test
    void verdictIsTooCloseToCallWhenTheErrorIntervalsOverlap() throws IOException {
        assertEquals("Verdict at P=64: too close to call (the error intervals overlap): best lock StampedLock "
                + "20.0 ns, best mailbox our actor, tell 30.0 ns.", Suite1.verdict("64", at("64")));
    }

    @Test
    void noVerdictWithoutARankedRowOnBothSides() throws IOException {
        List<Result> onlyLocks = at("1").stream().filter(r -> Labels.of(r).kind() != Labels.Kind.MAILBOX).toList();
        assertEquals("Verdict at P=1: none: no mailbox row measured without noise (rerun on an idle machine, or "
                + "with more iterations).", Suite1.verdict("1", onlyLocks));
    }

    @Test
    void labelsAreTheReadmesNotTheMethodNames() {
        assertEquals("our actor, tell", Labels.of("MailboxVsLocks", "oursTell").plain());
        assertEquals("**our actor, `tell`**", Labels.of("MailboxVsLocks", "oursTell").markdown());
        assertEquals("synchronized", Labels.of("MailboxVsLocks", "synchronizedBlock").plain());
        assertEquals("ReentrantLock (fair)", Labels.of("MailboxVsLocks", "reentrantLockFair").plain());
        assertEquals("raw JCTools MPSC + one consumer", Labels.of("MailboxVsLocks", "jctoolsMpsc").plain());
        assertEquals(Labels.Kind.OVERHEAD, Labels.of("MailboxVsLocks", "harnessOnly").kind());
        assertEquals(Labels.Kind.LOCK, Labels.of("MailboxVsLocks", "stampedLock").kind());
        assertEquals(Labels.Kind.MAILBOX, Labels.of("MailboxVsLocks", "pekkoTell").kind());
        assertEquals(Labels.Kind.CEILING, Labels.of("MailboxVsLocks", "longAdder").kind());
        assertEquals("SynchronousQueue", Labels.of("Rendezvous", "synchronousQueue").plain());
        assertEquals("someNewPeer", Labels.of("Rendezvous", "someNewPeer").plain(), "unknown names stay as they are");
    }

    @Test
    void consoleTableShowsErrorsNoiseOverheadAndOneVerdictPerLoad() throws IOException {
        String table = Suite1.console(fixture(), run(QUIET), "1 fork, 3 x 300 ms warm-up, 10 x 300 ms measured");
        assertTrue(table.contains("Quick profile (channels-bench/run.sh): 1 fork, 3 x 300 ms warm-up, 10 x 300 ms "
                + "measured; 2026-11-30 16:00 UTC"), table);
        assertTrue(table.matches("(?s).*\\n +1  LongAdder \\(lock-free ceiling\\) +4\\.00 +0\\.20 +1\\.00x\\n.*"),
                table);
        assertTrue(table.matches("(?s).*\\n +-  our actor, tell +40\\.0 +200 +24 +noisy \\(error > half the score"
                + "\\)\\n.*"), table);
        assertTrue(table.matches("(?s).*\\n +-  Jox channel, actor loop +60\\.0 +n/a +noisy \\(no error estimate\\)"
                + "\\n.*"), table);
        assertTrue(table.matches("(?s).*\\n +harness only \\(start and join P threads\\) +0\\.20 +0\\.50 +"
                + "overhead, inside every row above\\n.*"), table);
        assertEquals(3, table.split("\nVerdict at P=", -1).length - 1, table);
        assertFalse(table.contains("oursTell") || table.contains("synchronizedBlock"), table);
        assertFalse(table.contains("WARNING"), table);
    }

    @Test
    void aBusyRunWarnsAtTheTopAndBottomOfTheTableAndInTheReadmeBlock() throws IOException {
        Load busy = new Load(3.5, 0.2, 2);
        String table = Suite1.console(fixture(), run(busy), "s");
        assertEquals(2, table.split(Load.BUSY, -1).length - 1, table);
        assertTrue(table.contains("Rerun on an idle machine."), table);
        assertTrue(Suite1.markdown(fixture(), run(busy), "s", "plot.svg").contains(Load.BUSY));
    }

    @Test
    void busyWhenTheLoadBeforeOrAfterIsAboveTheCoreCount() {
        assertFalse(new Load(0.5, 1.0, 2).busy());
        assertFalse(new Load(2.0, 2.0, 2).busy(), "at the core count is not above it");
        assertTrue(new Load(2.01, 0.1, 2).busy());
        assertTrue(new Load(0.1, 2.5, 2).busy());
        assertTrue(new Load(Double.NaN, 9, 4).busy());
        assertFalse(new Load(Double.NaN, Double.NaN, 2).busy(), "unknown load is not a busy machine");
        assertFalse(new Load(Double.NaN, Double.NaN, 2).known());
        assertNull(new Load(0.5, 1.0, 2).warning());
        assertTrue(new Load(0.1, 2.5, 2).warning().startsWith(Load.BUSY + " (load 0.10 before the run, 2.50 after "
                + "it, on 2 cores)"), new Load(0.1, 2.5, 2).warning());
    }

    @Test
    void loadValuesAreParsedOrRejectedWithTheirText() {
        assertEquals(1.25, Load.parse(" 1.25\n"));
        assertTrue(Double.isNaN(Load.parse("")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Load.parse("busy"));
        assertTrue(e.getMessage().contains("\"busy\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Load(1, 1, 0));
        assertTrue(e.getMessage().contains("cores"), e.getMessage());
    }

    @Test
    void readmeBlockSaysWhichProfileAndRunProducedIt() throws IOException {
        String md = Suite1.markdown(fixture(), run(QUIET), "1 fork, 3 x 300 ms warm-up, 10 x 300 ms measured",
                "channels-bench/results/charts/suite1-readme.svg");
        String[] lines = md.split("\n");
        assertEquals(Suite1.BEGIN, lines[0]);
        assertEquals("Produced by Suite 1's quick profile (`channels-bench/run.sh`): 1 fork, 3 x 300 ms warm-up, "
                + "10 x 300 ms measured; run of 2026-11-30 16:00 UTC on a CPU, 2 cores, JDK 25, load 0.10 before the "
                + "run, 0.20 after it, on 2 cores.", lines[1]);
        assertTrue(md.contains("\n| contender | P=1 | P=64 | P=10,000 |\n"), md);
        assertTrue(md.contains("\n| **our actor, `tell`** | *40.0 ± 200 noisy* | 30.0 ± 3.00 | 50.0 ± 5.00 |\n"), md);
        assertTrue(md.contains("\n- Verdict at P=64: too close to call"), md);
        assertTrue(md.endsWith(Suite1.END + "\n"), md);
    }

    @Test
    void plotHasOnePolylinePerContenderWithLegendAndAxisLabels() throws Exception {
        String svg = Suite1.svg(fixture(), "quick profile");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList lines = doc.getElementsByTagName("polyline");
        // Five contenders: LongAdder, StampedLock, synchronized, our tell, Jox; the harness is an overhead.
        assertEquals(5, lines.getLength(), svg);
        // Our tell has points at P = 1, 64 and 10,000.
        String ours = null;
        for (int i = 0; i < lines.getLength(); i++) {
            String stroke = lines.item(i).getAttributes().getNamedItem("stroke").getNodeValue();
            if (stroke.equals("#d62728")) {
                ours = lines.item(i).getAttributes().getNamedItem("points").getNodeValue();
            }
        }
        assertEquals(3, ours.split(" ").length, ours);
        for (String text : List.of(">our actor, tell<", ">synchronized<", ">Jox channel, actor loop<",
                ">virtual-thread producers P (log scale)<", ">ns per update (log scale, lower is better)<",
                ">noisy: error above half the score<", ">100<", ">10,000<")) {
            assertTrue(svg.contains(text), text + " in\n" + svg);
        }
        assertFalse(svg.contains("harness"), svg);
    }

    @Test
    void aRunFromABusyMachineIsNotPublishedUnlessForced() throws IOException {
        String readme = "intro\n" + Suite1.BEGIN + "\nold\n" + Suite1.END + "\nrest\n";
        String busy = Suite1.markdown(fixture(), run(new Load(5, 0.1, 2)), "s", "plot.svg");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Readme.publish(readme, busy, false));
        assertTrue(e.getMessage().contains("busy machine"), e.getMessage());
        assertEquals("intro\n" + busy + "rest\n", Readme.publish(readme, busy, true));
        String quiet = Suite1.markdown(fixture(), run(QUIET), "s", "plot.svg");
        assertEquals("intro\n" + quiet + "rest\n", Readme.publish(readme, quiet, false));
    }

    @Test
    void readmeSpliceReplacesOnlyTheMarkedBlock() {
        String readme = "# Title\n\nbefore\n" + Suite1.BEGIN + "\nold table\n" + Suite1.END + "\nafter\n";
        String block = Suite1.BEGIN + "\nnew table\n" + Suite1.END + "\n";
        assertEquals("# Title\n\nbefore\n" + Suite1.BEGIN + "\nnew table\n" + Suite1.END + "\nafter\n",
                Readme.splice(readme, block, Suite1.BEGIN, Suite1.END));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Readme.splice("# no markers\n", block, Suite1.BEGIN, Suite1.END));
        assertTrue(e.getMessage().contains(Suite1.BEGIN), e.getMessage());
    }
}
