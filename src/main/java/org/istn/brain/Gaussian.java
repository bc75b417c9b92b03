package org.istn.brain;

import java.util.stream.IntStream;

/**
 * Separable Gaussian smoothing of a 3D volume (x fastest). The kernel is sampled at integer
 * offsets up to {@code ceil(3σ)} and normalised; near the borders only the weights inside the
 * volume are used and renormalised, so a constant volume stays constant and nothing darkens at
 * the edges. A sigma of 0 leaves that axis unchanged.
 */
final class Gaussian {

    private Gaussian() {}

    /** The normalised kernel {@code w[r + radius]} for offsets −radius … radius. */
    static double[] kernel(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int r = -radius; r <= radius; r++) {
            w[r + radius] = Math.exp(-0.5 * r * r / (sigma * sigma));
            sum += w[r + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * A smoothed copy.
     *
     * @param data the voxels, x fastest
     * @param shape {nx, ny, nz}
     * @param sigma per axis, in voxels, each ≥ 0
     * @param parallel whether to spread the lines over the common fork-join pool
     */
    static float[] blur(float[] data, int[] shape, double[] sigma, boolean parallel) {
        float[] cur = data.clone();
        for (int axis = 0; axis < 3; axis++) {
            if (sigma[axis] > 0) {
                cur = axis(cur, shape, axis, kernel(sigma[axis]), parallel);
            }
        }
        return cur;
    }

    private static float[] axis(float[] in, int[] shape, int axis, double[] w, boolean parallel) {
        int nx = shape[0];
        int ny = shape[1];
        int n = shape[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int lines = in.length / n;
        int radius = w.length / 2;
        float[] out = new float[in.length];
        IntStream range = IntStream.range(0, lines);
        (parallel ? range.parallel() : range).forEach(line -> {
            int start;
            if (axis == 0) {
                start = line * nx;
            } else if (axis == 1) {
                start = (line % nx) + (line / nx) * nx * ny;
            } else {
                start = line;
            }
            for (int i = 0; i < n; i++) {
                int lo = Math.max(0, i - radius);
                int hi = Math.min(n - 1, i + radius);
                double s = 0;
                double ws = 0;
                for (int j = lo; j <= hi; j++) {
                    double wj = w[j - i + radius];
                    s += wj * in[start + j * stride];
                    ws += wj;
                }
                out[start + i * stride] = (float) (s / ws);
            }
        });
        return out;
    }
}
