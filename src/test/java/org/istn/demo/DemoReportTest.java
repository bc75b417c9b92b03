package org.istn.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's options and the report's arithmetic (histogram, gap closed, table). */
class DemoReportTest {

    @Test
    void histogramCountsEveryValueOnceInEqualBins() {
        double[][] h = DemoReport.histogram(new double[] {0, 0.1, 0.5, 0.99, 1.0}, 4);
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875}, h[0], 1e-12);
        assertArrayEquals(new double[] {2, 0, 1, 2}, h[1], 0);
        double[][] flat = DemoReport.histogram(new double[] {3, 3, 3}, 5);
        assertEquals(3, java.util.Arrays.stream(flat[1]).sum(), 0);
    }

    @Test
    void gapClosedAndTheTableUseTheMeasuredAccuracies() {
        Demo.Outcome r = new Demo.Outcome(Path.of("/r"), Path.of("/r/report.md"), 0.9, 0.3, 0.75);
        assertEquals(0.75, r.gapClosed(), 1e-12);
        String md = DemoReport.markdown(DemoOptions.quick(), r, Path.of("/d"), 12, true, "epoch-0003.png");
        assertTrue(md.contains("| Task_S (trained on S) | S | 0.9000 |"), md);
        assertTrue(md.contains("| Task_S | T | 0.3000 |"), md);
        assertTrue(md.contains("| T | 0.7500 |"), md);
        assertTrue(md.contains("**75.0 %**"), md);
        assertTrue(md.contains("![affine parameters](affine.png)"), md);
        assertTrue(md.contains("da/samples/epoch-0003.png"), md);
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        DemoOptions d = DemoOptions.defaults();
        assertEquals("--label must be digit or parity, found \"age\"", assertThrows(IllegalArgumentException.class,
                () -> new DemoOptions(d.out(), Optional.empty(), "age", 10, 5, 5, 1, 1, 4, true, "affine", 1, "local", false))
                .getMessage());
        assertEquals("--stn must be affine, bspline or none, found \"tps\"", assertThrows(
                IllegalArgumentException.class, () -> new DemoOptions(d.out(), Optional.empty(), "digit", 10, 5, 5, 1, 1,
                        4, true, "tps", 1, "local", false)).getMessage());
        assertEquals("--no-itn with --stn none leaves nothing to train", assertThrows(IllegalArgumentException.class,
                () -> new DemoOptions(d.out(), Optional.empty(), "digit", 10, 5, 5, 1, 1, 4, false, "none", 1, "local", false))
                .getMessage());
        assertEquals("--batch 64 is larger than --train 10", assertThrows(IllegalArgumentException.class,
                () -> new DemoOptions(d.out(), Optional.empty(), "digit", 10, 5, 5, 1, 1, 64, true, "affine", 1, "l", false))
                .getMessage());
        assertEquals(1, new DemoOptions(d.out(), Optional.empty(), "parity", 10, 5, 5, 1, 1, 4, true, "affine", 1, "l", false)
                .numClasses());
    }
}
