package org.istn.nn.warp;

import java.util.Random;

/** Seeded random images and grids for the tests. */
final class RandomTensors {

    private RandomTensors() {}

    /** Uniform values in [-1, 1). */
    static double[] uniform(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    /** {@code "2 3 4"} → {@code [2, 3, 4]}. */
    static long[] shape(String text) {
        String[] parts = text.trim().split(" ");
        long[] v = new long[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(parts[i]);
        }
        return v;
    }

    static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return (int) n;
    }

    /**
     * A grid for images of spatial size {@code (D,) H, W} (given as {@code inputShape}) whose
     * points keep at least {@code margin} voxels away from every voxel-centre plane, where the
     * interpolant has kinks. Points lie in the cells {@code [k, k+1]}, {@code k = -1 … size-1},
     * on each axis, so some have corners in the zero padding.
     */
    static double[] gridAwayFromKinks(Random r, long[] inputShape, long[] gridShape, double margin,
            boolean alignCorners) {
        int dims = inputShape.length - 2;
        double[] grid = new double[count(gridShape)];
        for (int i = 0; i < grid.length; i++) {
            int axis = i % dims; // 0 = x (W), 1 = y (H), 2 = z (D)
            int size = (int) inputShape[inputShape.length - 1 - axis];
            int cell = r.nextInt(size + 1) - 1; // cells [k, k+1] for k = -1 … size-1
            double v = cell + margin + (1 - 2 * margin) * r.nextDouble();
            grid[i] = alignCorners ? 2 * v / (size - 1) - 1 : (2 * v + 1) / size - 1;
        }
        return grid;
    }
}
