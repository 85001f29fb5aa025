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
        assertTrue(Double.isNaN(fixture().get(1).error()), "JMH writes a missing error as the string NaN");
    }

    @Test
    void tableRowsCarryTheRatioAgainstTheBestPeer() throws IOException {
        String table = Report.table(fixture().subList(0, 3));
        // Ours first, then peers by score; the best peer (the volatile floor, 40 ns) is 1.00x.
        assertEquals("""
                | shape | contender | ns/op | ± | B/op | vs best peer |
                |---|---|---:|---:|---:|---:|
                | pingPong | **ours** | 100 | 5.00 | 0.0 | 2.50x |
                | pingPong | volatileFloor | 40.0 | 1.25 |  | 1.00x |
                | pingPong | jox | 200 |  | 48 | 5.00x |
                """, table);
    }

    @Test
    void pivotPutsProducersAcross() throws IOException {
        String pivot = Report.pivot(fixture().subList(3, 5), "producers");
        assertTrue(pivot.contains("| contender | producers=4 |"), pivot);
        assertTrue(pivot.contains("| synchronizedBlock | 30.0 (1.00x) |"), pivot);
        assertTrue(pivot.contains("| pekkoTell | 90.0 (3.00x) |"), pivot);
    }

    @Test
    void targetsAreCheckedAgainstTheirLimits() throws IOException {
        String targets = Report.targets(fixture());
        assertTrue(targets.contains("| rendezvous hand-off <= 0.5x Jox | 0.50x (100 / 200 ns) | pass |"), targets);
        assertTrue(targets.contains("| rendezvous hand-off <= 2x the volatile floor | 2.50x (100 / 40.0 ns) | **missed** |"),
                targets);
        assertTrue(targets.contains("| 2-case select <= 0.5x Jox |  | not measured (ours missing) |"), targets);
    }

    @Test
    void chartsAreSvgWithOneBarPerRow() throws IOException {
        String svg = Report.charts(fixture().subList(0, 3)).get("rendezvous.svg");
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(3, svg.split("<rect x=\"230\"", -1).length - 1, svg);
    }
}
