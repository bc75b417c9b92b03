package org.istn.nn.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written backward against central finite differences in double precision, for the
 * loss {@code L = sum(output * upstream)} with a random upstream gradient. Grid points keep
 * {@value #MARGIN} voxels away from voxel-centre planes (the kinks of the interpolant), and some
 * fall partly or wholly into the zero padding. Criterion per element:
 * {@code |analytic - numeric| / max(|analytic|, |numeric|, FLOOR) < } {@value #REL_TOL}, where
 * {@value #FLOOR} only keeps entries that are exactly zero in both (voxels no point reads) from
 * dividing by zero. Measured worst relative errors are about 1e-9.
 */
class GridSamplerGradientCheckTest {
    static final double MARGIN = 0.1;
    static final double REL_TOL = 1e-6;
    static final double FLOOR = 1e-9;
    /** The output is linear in the image, and linear in each grid coordinate inside a cell. */
    static final double H_INPUT = 1e-3;
    /** In normalised units: at most 1e-4 * 5/2 voxels, well inside the margin. */
    static final double H_GRID = 1e-4;

    @ParameterizedTest(name = "{0}D align_corners={1}")
    @CsvSource({"2, false", "2, true", "3, false", "3, true"})
    void gradientsMatchFiniteDifferences(int dims, boolean alignCorners) {
        Random r = new Random(1000 * dims + (alignCorners ? 1 : 0));
        long[] inShape = dims == 2 ? new long[] {2, 2, 4, 5} : new long[] {2, 2, 3, 4, 5};
        long[] gridShape = dims == 2 ? new long[] {2, 3, 4, 2} : new long[] {2, 2, 3, 4, 3};
        GridSampler sampler = GridSampler.create(alignCorners);
        double[] input = RandomTensors.uniform(r, RandomTensors.count(inShape));
        double[] grid = RandomTensors.gridAwayFromKinks(r, inShape, gridShape, MARGIN, alignCorners);
        double[] upstream = RandomTensors.uniform(r,
                RandomTensors.count(GridSampler.outputShape(inShape, gridShape)));

        SamplerGradients<double[]> g = sampler.backward(input, inShape, grid, gridShape, upstream);
        assertEquals(input.length, g.input().length, "gradient to input: number of elements");
        assertEquals(grid.length, g.grid().length, "gradient to grid: number of elements");

        double[] numericInput = centralDifferences(input, H_INPUT,
                x -> loss(sampler.forward(x, inShape, grid, gridShape), upstream));
        double[] numericGrid = centralDifferences(grid, H_GRID,
                x -> loss(sampler.forward(input, inShape, x, gridShape), upstream));
        assertRelative(numericInput, g.input(), "gradient to input");
        assertRelative(numericGrid, g.grid(), "gradient to grid");
        assertTrue(countNonZero(g.grid()) > grid.length / 2,
                "most grid points should have a non-zero gradient");
    }

    static double loss(double[] output, double[] upstream) {
        double s = 0;
        for (int i = 0; i < output.length; i++) {
            s += output[i] * upstream[i];
        }
        return s;
    }

    static double[] centralDifferences(double[] x, double h, ToDoubleFunction<double[]> f) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            grad[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return grad;
    }

    static void assertRelative(double[] numeric, double[] analytic, String what) {
        assertEquals(numeric.length, analytic.length, what + ": number of elements");
        for (int i = 0; i < numeric.length; i++) {
            double err = Math.abs(analytic[i] - numeric[i])
                    / Math.max(FLOOR, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            assertTrue(err < REL_TOL, what + ": element " + i + " analytic " + analytic[i]
                    + " numeric " + numeric[i] + " relative error " + err + " >= " + REL_TOL);
        }
    }

    private static int countNonZero(double[] v) {
        int n = 0;
        for (double d : v) {
            n += d != 0 ? 1 : 0;
        }
        return n;
    }
}
