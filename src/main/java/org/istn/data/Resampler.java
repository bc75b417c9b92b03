package org.istn.data;

/**
 * Linear resampling of 2D and 3D images to a new grid, one axis at a time (separable, so the
 * result equals bi-/trilinear interpolation).
 *
 * <p>Convention: voxel centres are aligned the way {@code align_corners=False} does it in
 * PyTorch ({@code scipy.ndimage.zoom(grid_mode=True)}): output voxel {@code i} of {@code m}
 * samples input position {@code (i + 0.5) * n / m - 0.5}, clamped to {@code [0, n - 1]}, so the
 * images' extents coincide. Equal sizes return an exact copy.
 */
public final class Resampler {

    private Resampler() {}

    /**
     * @param data voxels, x fastest
     * @param shape the input size (x, y[, z])
     * @param target the output size, same rank
     * @return the resampled voxels, x fastest
     */
    public static float[] resample(float[] data, int[] shape, int[] target) {
        if (shape.length != target.length) {
            throw new IllegalArgumentException("cannot resample a " + shape.length + "D image to a "
                    + target.length + "D shape");
        }
        float[] cur = data;
        int[] curShape = shape.clone();
        for (int axis = 0; axis < shape.length; axis++) {
            if (curShape[axis] != target[axis]) {
                cur = resampleAxis(cur, curShape, axis, target[axis]);
                curShape[axis] = target[axis];
            }
        }
        return cur == data ? data.clone() : cur;
    }

    private static float[] resampleAxis(float[] in, int[] shape, int axis, int m) {
        int n = shape[axis];
        int inner = 1;
        for (int a = 0; a < axis; a++) {
            inner *= shape[a];
        }
        int outer = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            outer *= shape[a];
        }
        int[] lo = new int[m];
        float[] w = new float[m];
        double scale = (double) n / m;
        for (int i = 0; i < m; i++) {
            double pos = Math.min(Math.max((i + 0.5) * scale - 0.5, 0.0), n - 1);
            int l = (int) Math.floor(pos);
            if (l >= n - 1) {
                l = Math.max(n - 2, 0);
            }
            lo[i] = l;
            w[i] = n == 1 ? 0f : (float) (pos - l);
        }
        float[] out = new float[inner * m * outer];
        int hiStep = n == 1 ? 0 : inner;
        for (int o = 0; o < outer; o++) {
            int inBase = o * n * inner;
            int outBase = o * m * inner;
            for (int i = 0; i < m; i++) {
                int src = inBase + lo[i] * inner;
                int dst = outBase + i * inner;
                float wi = w[i];
                float wl = 1f - wi;
                for (int k = 0; k < inner; k++) {
                    out[dst + k] = wl * in[src + k] + wi * in[src + hiStep + k];
                }
            }
        }
        return out;
    }
}
