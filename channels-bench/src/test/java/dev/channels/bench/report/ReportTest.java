package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static List<Result> fixture() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("/jmh-fixture.json")) {
            return Result.fromJmhJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsContenderShapeScoreAndAllocation() throws IOException {
        Result ours = fixture().get(0);
        assertEquals("Rendezvous", ours.className());
        assertEquals("ours", ours.contender());
        assertEquals("pingPong", ours.shape(false));
        assertEquals(100.0, ours.score());
        assertEquals(0.001, ours.bytesPerOp());
        assertEquals(List.of(100.0), ours.forkMeans());
        assertTrue(Double.isNaN(suite1().get(14).error()), "JMH writes a missing error as the string NaN");
        assertEquals(List.of(95.0, 105.0), suite1().get(12).forkMeans(), "one mean per fork of rawData");
    }

    private static List<Result> suite1() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("/suite1-fixture.json")) {
            return Result.fromJmhJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void tableRowsCarryTheRatioAgainstTheBestPeer() throws IOException {
        String table = Report.table(fixture().subList(0, 3));
        // Ours first, then peers by score; the best peer (the volatile floor, 40 ns) is 1.00x.
        assertEquals("""
                | shape | contender | ns/op | ± | fork means | B/op | vs best peer |
                |---|---|---:|---:|---:|---:|---:|
                | pingPong | **ours** | 100 | 5.00 |  | 0.0 | 2.50x |
                | pingPong | volatile floor | 40.0 | 1.25 |  |  | 1.00x |
                | pingPong | Jox 1.0.1 | 200 | 20.0 |  | 48 | 5.00x |
                """, table);
    }

    @Test
    void aNoisyRowIsNotRankedAndIsNoBestPeer() throws IOException {
        List<Result> rows = new java.util.ArrayList<>(fixture().subList(0, 3));
        Result floor = rows.get(2);
        rows.set(2, new Result(floor.className(), floor.method(), floor.mode(), floor.threads(), floor.params(),
                floor.score(), 30.0, floor.unit(), null, floor.percentiles(), List.of(20.0, 60.0)));
        String table = Report.table(rows);
        // The floor (40 +/- 30) is noisy: Jox becomes the best peer, and the floor shows its fork spread.
        assertTrue(table.contains("| pingPong | **ours** | 100 | 5.00 |  | 0.0 | 0.50x |"), table);
        assertTrue(table.contains("| pingPong | volatile floor | 40.0 | 30.0 | 20.0–60.0 |  | noisy |"), table);
        assertTrue(table.contains("| pingPong | Jox 1.0.1 | 200 | 20.0 |  | 48 | 1.00x |"), table);
    }

    @Test
    void suite1SectionOfTheFullReportHasLabelsNoiseSpreadAndVerdicts() throws IOException {
        String md = Report.markdown(suite1(), null, null);
        assertTrue(md.contains("| **our actor, `tell`** | *40.0 ± 200 (noisy), 24 B* |"), md);
        // Best peers: LongAdder at P=1 (a ceiling is a peer here), StampedLock at 64, synchronized itself at
        // 10,000 (StampedLock and Jox are noisy there).
        assertTrue(md.contains("| `synchronized` | 6.00 ± 0.50 (1.50x) | 40.0 ± 5.00 (2.00x) | 100 ± 10.0 (1.00x) "
                + "[95.0–105] |"), md);
        assertTrue(md.contains("- Verdict at P=10,000: the mailbox wins, 2.0x faster"), md);
    }

    @Test
    void pivotPutsProducersAcross() throws IOException {
        String pivot = Report.pivot(fixture().subList(3, 5), "producers");
        assertTrue(pivot.contains("| contender | producers=4 |"), pivot);
        assertTrue(pivot.contains("| `synchronized` | 30.0 ± 3.00 (1.00x) |"), pivot);
        assertTrue(pivot.contains("| Pekko classic actor, `tell` | 90.0 ± 3.00 (3.00x) |"), pivot);
    }

    @Test
    void targetsAreCheckedAgainstTheirLimits() throws IOException {
        String targets = Report.targets(fixture());
        assertTrue(targets.contains("| rendezvous hand-off <= 0.5x Jox | 0.50x (100 / 200 ns) | pass |"), targets);
        assertTrue(targets.contains("| rendezvous hand-off <= 2x the volatile floor | 2.50x (100 / 40.0 ns) | **missed** |"),
                targets);
        assertTrue(targets.contains("| 2-case select <= 0.5x Jox |  | not measured (ours missing) |"), targets);
        List<Result> noisyJox = new java.util.ArrayList<>(fixture());
        Result jox = noisyJox.get(1);
        noisyJox.set(1, new Result(jox.className(), jox.method(), jox.mode(), jox.threads(), jox.params(),
                jox.score(), Double.NaN, jox.unit(), jox.bytesPerOp(), jox.percentiles(), jox.forkMeans()));
        targets = Report.targets(noisyJox);
        assertTrue(targets.contains("| rendezvous hand-off <= 0.5x Jox |  | not judged (jox is noisy) |"), targets);
    }

    @Test
    void chartsAreSvgWithOneBarPerRow() throws IOException {
        String svg = Report.charts(fixture().subList(0, 3)).get("rendezvous.svg");
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(3, svg.split("<rect x=\"230\"", -1).length - 1, svg);
    }
}
