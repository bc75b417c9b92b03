package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertSameBits;
import static org.istn.nn.warp.WarpAssertions.assertShape;
import static org.istn.nn.warp.WarpAssertions.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code INDArray} conveniences give exactly what the array API gives, in C order. */
class WarpNd4jTest {
    private static final long[] IN = {2, 3, 5, 6};
    private static final long[] GRID = {2, 4, 7, 2};

    private final Random r = new Random(11);
    private final float[] input = toFloat(RandomTensors.uniform(r, RandomTensors.count(IN)));
    private final float[] grid = toFloat(RandomTensors.uniform(r, RandomTensors.count(GRID)));
    private final float[] upstream = toFloat(RandomTensors.uniform(r, 2 * 3 * 4 * 7));
    private final GridSampler sampler = GridSampler.create(true);

    @Test
    void floatForwardAndBackwardEqualTheArrayPath() {
        INDArray in = Nd4j.create(input, IN, DataType.FLOAT);
        INDArray gr = Nd4j.create(grid, GRID, DataType.FLOAT);
        INDArray out = sampler.forward(in, gr);
        assertShape(new long[] {2, 3, 4, 7}, out.shape(), "output");
        assertEquals(DataType.FLOAT, out.dataType());
        assertSameBits(sampler.forward(input, IN, grid, GRID), out.data().asFloat(), "output");

        SamplerGradients<INDArray> g = sampler.backward(in, gr,
                Nd4j.create(upstream, out.shape(), DataType.FLOAT));
        SamplerGradients<float[]> expected = sampler.backward(input, IN, grid, GRID, upstream);
        assertShape(IN, g.input().shape(), "gradient to input");
        assertShape(GRID, g.grid().shape(), "gradient to grid");
        assertSameBits(expected.input(), g.input().data().asFloat(), "gradient to input");
        assertSameBits(expected.grid(), g.grid().data().asFloat(), "gradient to grid");
    }

    @Test
    void nonContiguousViewsAreReadInLogicalOrder() {
        // the same image stored channels-last, then permuted to [N, C, H, W]: a strided view
        INDArray channelsLast = Nd4j.create(input, IN, DataType.FLOAT).permute(0, 2, 3, 1).dup('c');
        INDArray view = channelsLast.permute(0, 3, 1, 2);
        INDArray out = sampler.forward(view, Nd4j.create(grid, GRID, DataType.FLOAT));
        assertSameBits(sampler.forward(input, IN, grid, GRID), out.data().asFloat(), "output");
    }

    @Test
    void doubleArraysTakeTheDoublePath() {
        double[] in = WarpAssertions.toDouble(input);
        double[] gr = WarpAssertions.toDouble(grid);
        INDArray out = sampler.forward(Nd4j.create(in, IN, DataType.DOUBLE),
                Nd4j.create(gr, GRID, DataType.DOUBLE));
        assertEquals(DataType.DOUBLE, out.dataType());
        assertArrayEquals(sampler.forward(in, IN, gr, GRID), out.data().asDouble(), 0.0);
    }

    @Test
    void affineGridAndItsBackward() {
        long[] size = {2, 1, 3, 4, 5};
        float[] theta = toFloat(RandomTensors.uniform(r, 2 * 3 * 4));
        INDArray g = AffineGrid.forward(Nd4j.create(theta, new long[] {2, 3, 4}, DataType.FLOAT),
                size, false);
        assertShape(new long[] {2, 3, 4, 5, 3}, g.shape(), "grid");
        assertSameBits(AffineGrid.forward(theta, size, false), g.data().asFloat(), "grid");

        float[] gradGrid = toFloat(RandomTensors.uniform(r, RandomTensors.count(g.shape())));
        INDArray gt = AffineGrid.backward(Nd4j.create(gradGrid, g.shape(), DataType.FLOAT), size,
                false);
        assertShape(new long[] {2, 3, 4}, gt.shape(), "gradient to theta");
        assertSameBits(AffineGrid.backward(gradGrid, size, false), gt.data().asFloat(),
                "gradient to theta");

        INDArray id = IdentityGrid.array(size, false);
        assertShape(g.shape(), id.shape(), "identity grid");
        assertSameBits(IdentityGrid.of(size, false), id.data().asFloat(), "identity grid");
    }

    @Test
    void mixedOrUnsupportedTypesFail() {
        INDArray in = Nd4j.create(input, IN, DataType.FLOAT);
        INDArray gr = Nd4j.create(grid, GRID, DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.forward(in, gr.castTo(DataType.DOUBLE)));
        assertEquals("grid_sample needs FLOAT or DOUBLE arrays of one data type, found input FLOAT, "
                + "grid DOUBLE", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AffineGrid.forward(Nd4j.zeros(DataType.INT32, 2, 2, 3), IN, true));
        assertEquals("affine_grid needs FLOAT or DOUBLE arrays of one data type, found theta INT",
                e.getMessage());
    }

    @Test
    void wrongShapesFail() {
        INDArray in = Nd4j.create(input, IN, DataType.FLOAT);
        INDArray gr = Nd4j.create(grid, GRID, DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.backward(in, gr, Nd4j.zeros(DataType.FLOAT, 2, 3, 7, 4)));
        assertEquals("grid_sample output gradient has shape [2, 3, 7, 4], expected the output shape "
                + "[2, 3, 4, 7]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AffineGrid.forward(Nd4j.zeros(DataType.FLOAT, 2, 3, 3), IN, true));
        assertEquals("affine_grid theta has shape [2, 3, 3], expected [2, 2, 3] for size "
                + "[2, 3, 5, 6]", e.getMessage());
    }
}
