package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertClose;
import static org.istn.nn.warp.WarpAssertions.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AffineGrid} against PyTorch {@code affine_grid} (grid, absolute tolerance
 * {@value #TOL}; gradient to θ, relative tolerance {@value #REL_TOL} of the largest entry, since
 * it sums up to 120 float32 products), and its backward against central finite differences in
 * double precision (the grid is linear in θ, so they agree to rounding: {@value #FD_TOL}).
 */
class AffineGridTest {
    static final double TOL = 1e-5;
    static final double REL_TOL = 1e-6;
    static final double FD_TOL = 1e-9;

    static List<Golden.Case> cases() {
        return Golden.cases("affine_grid", Golden.SHARED, Golden.EXTRA);
    }

    static List<Golden.Case> casesWithBackward() {
        return cases().stream().filter(c -> c.has("grad_theta")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gridMatchesTorch(Golden.Case c) {
        long[] size = c.size();
        assertShape(c.shape("grid"), AffineGrid.gridShape(size), c.name());
        assertShape(c.shape("theta"), AffineGrid.thetaShape(size), c.name());
        assertClose(c.doubles("grid"), AffineGrid.forward(c.floats("theta"), size, c.alignCorners()),
                TOL, c + " grid (float)");
        assertClose(c.doubles("grid"),
                AffineGrid.forward(c.doubles("theta"), size, c.alignCorners()), TOL,
                c + " grid (double)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithBackward")
    void gradientToThetaMatchesTorch(Golden.Case c) {
        double[] expected = c.doubles("grad_theta");
        float[] actual = AffineGrid.backward(c.floats("upstream_grad"), c.size(), c.alignCorners());
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        assertClose(expected, actual, REL_TOL * Math.max(1, largest), c + " gradient to theta");
    }

    @ParameterizedTest(name = "{0}D align_corners={1}")
    @CsvSource({"2, false", "2, true", "3, false", "3, true"})
    void backwardMatchesFiniteDifferences(int dims, boolean alignCorners) {
        Random r = new Random(77 + dims);
        long[] size = dims == 2 ? new long[] {2, 3, 4, 5} : new long[] {2, 1, 3, 4, 5};
        double[] theta = RandomTensors.uniform(r, RandomTensors.count(AffineGrid.thetaShape(size)));
        double[] upstream = RandomTensors.uniform(r,
                RandomTensors.count(AffineGrid.gridShape(size)));
        double[] analytic = AffineGrid.backward(upstream, size, alignCorners);
        double[] numeric = GridSamplerGradientCheckTest.centralDifferences(theta, 1e-3,
                t -> GridSamplerGradientCheckTest.loss(AffineGrid.forward(t, size, alignCorners),
                        upstream));
        assertEquals(theta.length, analytic.length, "gradient to theta: number of elements");
        assertClose(numeric, analytic, FD_TOL, "gradient to theta");
    }

    @Test
    void shapesFollowSize() {
        assertShape(new long[] {2, 5, 6, 2}, AffineGrid.gridShape(new long[] {2, 1, 5, 6}), "2D grid");
        assertShape(new long[] {2, 4, 5, 6, 3}, AffineGrid.gridShape(new long[] {2, 1, 4, 5, 6}),
                "3D grid");
        assertShape(new long[] {2, 2, 3}, AffineGrid.thetaShape(new long[] {2, 1, 5, 6}), "2D theta");
        assertShape(new long[] {2, 3, 4}, AffineGrid.thetaShape(new long[] {2, 1, 4, 5, 6}),
                "3D theta");
    }
}
