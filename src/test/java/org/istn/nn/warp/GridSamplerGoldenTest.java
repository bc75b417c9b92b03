package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertClose;
import static org.istn.nn.warp.WarpAssertions.assertShape;
import static org.istn.nn.warp.WarpAssertions.toDouble;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sampler against PyTorch {@code grid_sample} (float32, CPU): output, gradient to the input
 * and gradient to the grid, absolute tolerance {@value #TOL}, through the float and the double
 * path.
 */
class GridSamplerGoldenTest {
    /** Torch computes in float32; values are O(1), so 1e-5 absolute is a few float ulps. */
    static final double TOL = 1e-5;

    static List<Golden.Case> cases() {
        return Golden.cases("grid_sample", Golden.SHARED, Golden.EXTRA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatPathMatchesTorch(Golden.Case c) {
        GridSampler sampler = GridSampler.create(c.alignCorners());
        long[] inShape = c.shape("input");
        long[] gridShape = c.shape("grid");
        assertShape(c.shape("output"), GridSampler.outputShape(inShape, gridShape), c.name());

        float[] out = sampler.forward(c.floats("input"), inShape, c.floats("grid"), gridShape);
        assertClose(c.doubles("output"), out, TOL, c + " output");

        SamplerGradients<float[]> g = sampler.backward(c.floats("input"), inShape,
                c.floats("grid"), gridShape, c.floats("upstream_grad"));
        assertShape(c.shape("grad_input"), inShape, c.name());
        assertShape(c.shape("grad_grid"), gridShape, c.name());
        assertClose(c.doubles("grad_input"), g.input(), TOL, c + " gradient to input");
        assertClose(c.doubles("grad_grid"), g.grid(), TOL, c + " gradient to grid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doublePathMatchesTorch(Golden.Case c) {
        GridSampler sampler = GridSampler.create(c.alignCorners());
        long[] inShape = c.shape("input");
        long[] gridShape = c.shape("grid");
        double[] input = toDouble(c.floats("input"));
        double[] grid = toDouble(c.floats("grid"));

        assertClose(c.doubles("output"), sampler.forward(input, inShape, grid, gridShape), TOL,
                c + " output");
        SamplerGradients<double[]> g = sampler.backward(input, inShape, grid, gridShape,
                toDouble(c.floats("upstream_grad")));
        assertClose(c.doubles("grad_input"), g.input(), TOL, c + " gradient to input");
        assertClose(c.doubles("grad_grid"), g.grid(), TOL, c + " gradient to grid");
    }
}
