package org.istn.nn.warp;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The grid and θ that leave an image unchanged: sampled with a {@link GridSampler} of the same
 * {@code alignCorners} convention, every voxel is read back at its own centre. The grid equals
 * {@link AffineGrid#forward(float[], long[], boolean)} of {@link #theta(int, int)}, element for
 * element.
 *
 * <p>In float32 the grid's coordinates are rounded (by up to about {@code size · 2^-25} voxels);
 * the sampler moves coordinates that close to a voxel centre onto it (see {@link GridSampler}),
 * so the reproduction is exact in float32 as in double.
 */
public final class IdentityGrid {

    private IdentityGrid() {}

    /** Identity grid {@code [N, H, W, 2]} / {@code [N, D, H, W, 3]} for images of {@code size}. */
    public static float[] of(long[] size, boolean alignCorners) {
        double[] d = ofDouble(size, alignCorners);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Double-precision {@link #of(long[], boolean)}. */
    public static double[] ofDouble(long[] size, boolean alignCorners) {
        int dims = AffineGrid.spatialDims(size);
        double[] grid = new double[WarpShapes.elementCount(AffineGrid.gridShape(size),
                "identity grid")];
        double[] cz = dims == 3 ? GridCoordinates.centres((int) size[2], alignCorners) : new double[1];
        double[] cy = GridCoordinates.centres((int) size[size.length - 2], alignCorners);
        double[] cx = GridCoordinates.centres((int) size[size.length - 1], alignCorners);
        int i = 0;
        for (int n = 0; n < size[0]; n++) {
            for (double z : cz) {
                for (double y : cy) {
                    for (double x : cx) {
                        grid[i++] = x;
                        grid[i++] = y;
                        if (dims == 3) {
                            grid[i++] = z;
                        }
                    }
                }
            }
        }
        return grid;
    }

    /** Identity grid as a FLOAT {@code INDArray} in C order. */
    public static INDArray array(long[] size, boolean alignCorners) {
        return Nd4j.create(of(size, alignCorners), AffineGrid.gridShape(size), DataType.FLOAT);
    }

    /** Identity θ {@code [batch, dims, dims + 1]} for {@code dims} = 2 or 3. */
    public static float[] theta(int batch, int dims) {
        double[] d = thetaDouble(batch, dims);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Double-precision {@link #theta(int, int)}. */
    public static double[] thetaDouble(int batch, int dims) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("identity theta needs 2 or 3 spatial dimensions, found "
                    + dims);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("identity theta needs a batch of at least 1, found "
                    + batch);
        }
        int cols = dims + 1;
        double[] theta = new double[batch * dims * cols];
        for (int n = 0; n < batch; n++) {
            for (int r = 0; r < dims; r++) {
                theta[(n * dims + r) * cols + r] = 1;
            }
        }
        return theta;
    }
}
