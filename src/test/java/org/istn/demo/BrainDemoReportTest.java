package org.istn.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.istn.brain.BrainCohortOptions;
import org.istn.brain.SiteProfile;
import org.istn.io.png.FloatImage;
import org.junit.jupiter.api.Test;

/** The brain demo's options, the cohort it asks for, and the report's pictures and arithmetic. */
class BrainDemoReportTest {

    @Test
    void axialSliceIsTheMiddlePlaneWithYUp() {
        int n = 4;
        float[] vol = new float[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    vol[x + n * (y + n * z)] = 100 * z + 10 * y + x;
                }
            }
        }
        FloatImage a = BrainDemoReport.axial(vol, n);
        // z = n / 2 = 2; the top row (row 0) is y = 3, the bottom row y = 0; x runs left to right
        assertEquals(4, a.width());
        assertEquals(4, a.height());
        assertEquals(230, a.get(0, 0), 0);
        assertEquals(233, a.get(3, 0), 0);
        assertEquals(200, a.get(0, 3), 0);
        assertEquals(211, a.get(1, 2), 0);
    }

    @Test
    void intensityHistogramsAndTheirDistanceByHand() {
        // values: bins floor(20 v) clipped to 0..19: -0.5 -> 0, 0.0 -> 0, 0.07 -> 1, 0.5 -> 10, 1.0 -> 19, 2 -> 19
        double[] h = BrainDemoReport.histogram01(List.of(new float[] {-0.5f, 0f, 0.07f}, new float[] {0.5f, 1f, 2f}));
        double[] expected = new double[20];
        expected[0] = 2 / 6.0;
        expected[1] = 1 / 6.0;
        expected[10] = 1 / 6.0;
        expected[19] = 2 / 6.0;
        assertArrayEquals(expected, h, 1e-12);

        List<float[]> s = List.of(new float[] {0.1f, 0.1f});
        List<float[]> s2t = List.of(new float[] {0.1f, 0.9f});
        List<float[]> t = List.of(new float[] {0.9f, 0.9f});
        BrainDemoReport.Intensities in = BrainDemoReport.intensities(s, s2t, t);
        assertEquals(0.1, in.meanS(), 1e-7);
        assertEquals(0.5, in.meanS2T(), 1e-7);
        assertEquals(0.9, in.meanT(), 1e-7);
        assertEquals(2.0, in.distanceST(), 1e-12, "disjoint histograms");
        assertEquals(1.0, in.distanceS2TT(), 1e-12, "half of the mass moved into T's bin");
    }

    @Test
    void reportShowsTheMeasuredFiguresAndSaysHowTheModelWasSelected() {
        Demo.Outcome r = new Demo.Outcome(Path.of("/r"), Path.of("/r/report.md"), 0.96, 0.70, 0.88);
        BrainDemoReport.Intensities in = new BrainDemoReport.Intensities(0.1037, 0.1101, 0.1145, 0.7587, 0.4123);
        BrainDemoReport.Figures f = new BrainDemoReport.Figures(Map.of("accuracy", 0.96, "auc", 0.9984),
                Map.of("accuracy", 0.70, "auc", 0.7024), Map.of("accuracy", 0.88, "auc", 0.95),
                Map.of("accuracy", 0.80, "auc", Double.NaN));
        String md = BrainDemoReport.markdown(BrainDemoOptions.defaults(), r, f, Path.of("/d/brain"), 600, 1.0834, in,
                "epoch-0008.png");
        assertTrue(md.contains("| Task_S (trained on S) | S | 0.9600 | 0.9984 |"), md);
        assertTrue(md.contains("| Task_S | T | 0.7000 | 0.7024 |"), md);
        assertTrue(md.contains("| Task_S2T (fine-tuned on S2T by the DA job, last epoch) | T | 0.8800 | 0.9500 |"), md);
        // an undefined AUC (a class missing among the labels) is a dash
        assertTrue(md.contains("| the DA job's epoch selected on T's validation set | T | 0.8000 | – |"), md);
        assertTrue(md.contains("**69.2 %**"), md); // (0.88 - 0.70) / (0.96 - 0.70) = 0.6923
        assertTrue(md.contains("by the selected epoch's model: 38.5 %"), md); // (0.80 - 0.70) / 0.26
        assertTrue(md.contains("| S | 0.1037 | 0.7587 |"), md);
        assertTrue(md.contains("| S2T | 0.1101 | 0.4123 |"), md);
        assertTrue(md.contains("| T | 0.1145 | 0 |"), md);
        assertTrue(md.contains("`model_selection = target`") && md.contains("last epoch: no target label chose it"), md);
        assertTrue(md.contains("![affine parameters](affine.png)"), md);
        assertTrue(md.contains("da/samples/epoch-0008.png"), md);
        assertTrue(md.contains("shows S's test subjects 1.083 times larger on average"), md);
        assertTrue(md.contains("site T shows heads 1.12 times larger than S"), md);
        BrainDemoOptions d = BrainDemoOptions.defaults();
        assertTrue(md.contains(d.size() + "³ over 256 mm; " + d.train() + "/" + d.val() + "/" + d.test()
                + " subjects per site"), md);
        assertFalse(BrainDemoReport.markdown(BrainDemoOptions.defaults(), r, f, Path.of("/d"), 1, Double.NaN, in, null)
                .contains("affine.png"));
    }

    @Test
    void magnificationIsTheInverseOfTheGeometricMeanScaleAveragedOverSubjects() {
        // sampling at scales (0.8, 0.9, 1.0) shows the image 1/cbrt(0.72) = 1.1156 times larger;
        // at (1, 1, 1) not at all: mean (1.1156 + 1) / 2
        List<Map<String, Double>> e = List.of(Map.of("scale_x", 0.8, "scale_y", 0.9, "scale_z", 1.0),
                Map.of("scale_x", 1.0, "scale_y", 1.0, "scale_z", 1.0));
        assertEquals((1 / Math.cbrt(0.72) + 1) / 2, BrainDemoReport.magnification(e), 1e-12);
        assertEquals(1.11572, 1 / Math.cbrt(0.72), 1e-5);
    }

    @Test
    void theCohortIsMakeBrainCohortsDefaultAtTheDemosGridSizesSeedAndMagnificationWithSsNoiseAtT() {
        BrainDemoOptions o = new BrainDemoOptions(Path.of("/tmp/demo"), Path.of("/t/ch2bet.nii.gz"), 24, 30, 6, 7, 1,
                1, 4, true, "affine", 5, "local[2]", 1.1);
        BrainCohortOptions c = BrainDemo.cohortOptions(o);
        BrainCohortOptions d = BrainCohortOptions.defaults();
        assertEquals(Path.of("/tmp/demo/data/brain-24-30-6-7-m1.1-n0.02-seed5"), c.out());
        assertEquals(Path.of("/t/ch2bet.nii.gz"), c.template());
        assertEquals(24, c.size());
        assertEquals(256, c.fovMm(), 0);
        assertEquals(List.of(30, 6, 7), List.of(c.train(), c.val(), c.test()));
        assertEquals(5, c.seed());
        assertEquals(d.source(), c.source());
        SiteProfile t = d.target();
        assertEquals(new SiteProfile(t.bias(), t.gamma(), d.source().noise(), t.blur(),
                t.pose().withMagnification(1.1)), c.target());
        assertEquals(1.0, t.pose().magnification(), 0);
        assertEquals(0.02, d.source().noise(), 0);
        assertEquals(0.04, t.noise(), 0, "make-brain-cohort's T is noisier; the demo's is not");
        assertEquals(d.warpMm(), c.warpMm(), 0);
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        Path out = Path.of("/o");
        Path t = Path.of("/t");
        assertEquals("--size must be a multiple of 8 between 16 and 64 (the networks halve the grid three times),"
                + " found 20", assertThrows(IllegalArgumentException.class, () -> new BrainDemoOptions(out, t, 20, 10, 5,
                        5, 1, 1, 4, true, "affine", 1, "local", 1.12)).getMessage());
        assertEquals("--stn must be affine, bspline or none, found \"tps\"", assertThrows(IllegalArgumentException.class,
                () -> new BrainDemoOptions(out, t, 16, 10, 5, 5, 1, 1, 4, true, "tps", 1, "local", 1.12)).getMessage());
        assertEquals("--no-itn with --stn none leaves nothing to train", assertThrows(IllegalArgumentException.class,
                () -> new BrainDemoOptions(out, t, 16, 10, 5, 5, 1, 1, 4, false, "none", 1, "local", 1.12)).getMessage());
        assertEquals("--batch 16 is larger than --train 10", assertThrows(IllegalArgumentException.class,
                () -> new BrainDemoOptions(out, t, 16, 10, 5, 5, 1, 1, 16, true, "affine", 1, "local", 1.12)).getMessage());
        assertEquals("sizes, epochs and --batch must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> new BrainDemoOptions(out, t, 16, 10, 0, 5, 1, 1, 4, true, "affine", 1, "local", 1.12)).getMessage());
        assertEquals("--t-magnification must be between 0.8 and 1.25, found 1.3", assertThrows(
                IllegalArgumentException.class,
                () -> new BrainDemoOptions(out, t, 16, 10, 5, 5, 1, 1, 4, true, "affine", 1, "local", 1.3))
                .getMessage());
    }
}
