package org.istn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Markdown table: header, alignment row, number formats, failed rows. */
class ResultTableTest {

    @Test
    void formatsRowsAndDerivedColumns() {
        BenchSetting s = BenchSetting.parse("3d16");
        BenchResult ok = new BenchResult("classifier", s, 85.04, 520.0, "5/5", "4/6", 61.2, 2470.4, 1034.0,
                Optional.empty());
        BenchResult bad = BenchResult.failed("discriminator", s, "OutOfMemoryError: off-heap");
        String[] lines = ResultTable.markdown(List.of(ok, bad)).split("\n");
        assertEquals(4, lines.length);
        assertEquals("| network | setting | fwd ms/step | fwd ms/sample | fwd+bwd ms/step | fwd+bwd ms/sample |"
                + " samples/s (fwd+bwd) | peak heap MB | peak RSS MB (at start) | clean steps fwd, fwd+bwd |", lines[0]);
        assertEquals("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", lines[1]);
        assertEquals("| classifier | 3d16 (64x64x64 b16) | 85.0 | 5.32 | 520.0 | 32.50 | 30.8 | 61 | 2470 (1034) |"
                + " 5/5, 4/6 |", lines[2]);
        assertEquals("| discriminator | 3d16 (64x64x64 b16) | failed: OutOfMemoryError: off-heap |  |  |  |  |  |"
                + "  |  |", lines[3]);
    }

    @Test
    void reportCarriesThePyTorchReferenceAndTheComparison() {
        BenchSetting s = BenchSetting.parse("3d16");
        BenchResult r = new BenchResult("classifier", s, 85, 400, "5/5", "5/5", 60, 2000, 1000, Optional.empty());
        String report = BenchReport.markdown(BenchOptions.defaults(), List.of(r), java.util.Map.of());
        assertTrue(report.contains("0.52 s per step, **30.5 samples/s**"), report);
        assertTrue(report.contains("classifier 64^3 batch 16: 0.40 s per step, 40.0 samples/s = 1.31x"), report);
    }
}
