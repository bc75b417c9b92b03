package org.istn.nn.warp;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code affine_grid(theta, size, align_corners)} and its backward.
 *
 * <p>{@code theta [N, 2, 3]} with {@code size = [N, C, H, W]} gives a grid {@code [N, H, W, 2]};
 * {@code theta [N, 3, 4]} with {@code size = [N, C, D, H, W]} gives {@code [N, D, H, W, 3]}.
 * Grid point {@code (z, y, x)} of image n is {@code theta[n] · (cx[x], cy[y], (cz[z],) 1)}, where
 * {@code c} are the normalised voxel centres of the convention (a size-1 axis sits at 0).
 * Arithmetic is in double precision; float entry points round only the result.
 */
public final class AffineGrid {

    private AffineGrid() {}

    /** The grid shape {@code [N, H, W, 2]} or {@code [N, D, H, W, 3]} for an image size. */
    public static long[] gridShape(long[] size) {
        int dims = spatialDims(size);
        long[] shape = new long[size.length];
        shape[0] = size[0];
        System.arraycopy(size, 2, shape, 1, dims);
        shape[shape.length - 1] = dims;
        return shape;
    }

    /** The θ shape {@code [N, 2, 3]} or {@code [N, 3, 4]} for an image size. */
    public static long[] thetaShape(long[] size) {
        int dims = spatialDims(size);
        return new long[] {size[0], dims, dims + 1};
    }

    /** The sampling grid of {@code theta} for images of {@code size} ({@code [N, C, (D,) H, W]}). */
    public static float[] forward(float[] theta, long[] size, boolean alignCorners) {
        WarpShapes.notNull(theta, "affine_grid theta");
        WarpShapes.checkLength(theta.length, thetaShape(size), "affine_grid theta");
        float[] grid = new float[WarpShapes.elementCount(gridShape(size), "affine_grid grid")];
        fill(toDouble(theta), size, alignCorners, grid, null);
        return grid;
    }

    /** Double-precision {@link #forward(float[], long[], boolean)}. */
    public static double[] forward(double[] theta, long[] size, boolean alignCorners) {
        WarpShapes.notNull(theta, "affine_grid theta");
        WarpShapes.checkLength(theta.length, thetaShape(size), "affine_grid theta");
        double[] grid = new double[WarpShapes.elementCount(gridShape(size), "affine_grid grid")];
        fill(theta, size, alignCorners, null, grid);
        return grid;
    }

    /** Gradient with respect to θ ({@code [N, 2, 3]} / {@code [N, 3, 4]}) given that to the grid. */
    public static float[] backward(float[] gradGrid, long[] size, boolean alignCorners) {
        WarpShapes.notNull(gradGrid, "affine_grid grid gradient");
        WarpShapes.checkLength(gradGrid.length, gridShape(size), "affine_grid grid gradient");
        double[] g = accumulate(gradGrid, null, size, alignCorners);
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = (float) g[i];
        }
        return out;
    }

    /** Double-precision {@link #backward(float[], long[], boolean)}. */
    public static double[] backward(double[] gradGrid, long[] size, boolean alignCorners) {
        WarpShapes.notNull(gradGrid, "affine_grid grid gradient");
        WarpShapes.checkLength(gradGrid.length, gridShape(size), "affine_grid grid gradient");
        return accumulate(null, gradGrid, size, alignCorners);
    }

    /** {@code INDArray} form of {@link #forward(float[], long[], boolean)} (FLOAT or DOUBLE θ). */
    public static INDArray forward(INDArray theta, long[] size, boolean alignCorners) {
        return Nd4jArrays.affineGrid(theta, size, alignCorners);
    }

    /** {@code INDArray} form of {@link #backward(float[], long[], boolean)}. */
    public static INDArray backward(INDArray gradGrid, long[] size, boolean alignCorners) {
        return Nd4jArrays.affineGridBackward(gradGrid, size, alignCorners);
    }

    /** 2 or 3, after checking that {@code size} is {@code [N, C, H, W]} or {@code [N, C, D, H, W]}. */
    static int spatialDims(long[] size) {
        WarpShapes.notNull(size, "affine_grid size");
        if (size.length != 4 && size.length != 5) {
            throw new IllegalArgumentException("affine_grid size must be [N, C, H, W] or "
                    + "[N, C, D, H, W], found " + WarpShapes.format(size));
        }
        WarpShapes.elementCount(size, "affine_grid size");
        return size.length - 2;
    }

    /** Normalised voxel centres per spatial axis, z (or a single 0 in 2D), y, x. */
    private static double[][] centres(long[] size, boolean alignCorners) {
        int dims = size.length - 2;
        double[] cz = dims == 3 ? GridCoordinates.centres((int) size[2], alignCorners) : new double[1];
        double[] cy = GridCoordinates.centres((int) size[size.length - 2], alignCorners);
        double[] cx = GridCoordinates.centres((int) size[size.length - 1], alignCorners);
        return new double[][] {cz, cy, cx};
    }

    /** Writes the grid to whichever of {@code f} and {@code d} is not null. */
    private static void fill(double[] theta, long[] size, boolean alignCorners, float[] f,
            double[] d) {
        int dims = size.length - 2;
        int cols = dims + 1;
        double[][] c = centres(size, alignCorners);
        int i = 0;
        for (int n = 0; n < size[0]; n++) {
            int t = n * dims * cols;
            for (double z : c[0]) {
                for (double y : c[1]) {
                    for (double x : c[2]) {
                        for (int r = 0; r < dims; r++) {
                            int row = t + r * cols;
                            double v = dims == 2
                                    ? theta[row] * x + theta[row + 1] * y + theta[row + 2]
                                    : theta[row] * x + theta[row + 1] * y + theta[row + 2] * z
                                            + theta[row + 3];
                            if (f != null) {
                                f[i++] = (float) v;
                            } else {
                                d[i++] = v;
                            }
                        }
                    }
                }
            }
        }
    }

    /** dL/dθ from dL/dgrid, read from whichever of {@code f} and {@code d} is not null. */
    private static double[] accumulate(float[] f, double[] d, long[] size, boolean alignCorners) {
        int dims = size.length - 2;
        int cols = dims + 1;
        double[][] c = centres(size, alignCorners);
        double[] grad = new double[(int) size[0] * dims * cols];
        double[] base = new double[cols];
        base[dims] = 1;
        int i = 0;
        for (int n = 0; n < size[0]; n++) {
            int t = n * dims * cols;
            for (double z : c[0]) {
                if (dims == 3) {
                    base[2] = z;
                }
                for (double y : c[1]) {
                    base[1] = y;
                    for (double x : c[2]) {
                        base[0] = x;
                        for (int r = 0; r < dims; r++) {
                            double g = f != null ? f[i++] : d[i++];
                            for (int j = 0; j < cols; j++) {
                                grad[t + r * cols + j] += g * base[j];
                            }
                        }
                    }
                }
            }
        }
        return grad;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
