package org.istn.morpho;

/**
 * Exact Euclidean distance transform of a binary image (pixels row-major, width {@code w}): for
 * every pixel, the distance between its centre and the centre of the nearest pixel of the other
 * kind. Computed as squared distances with the lower envelope of parabolas (Felzenszwalb and
 * Huttenlocher, "Distance transforms of sampled functions", 2012) along columns, then along
 * rows; squared distances are integers, held exactly in doubles. Pixels outside the image do not
 * count: an image with no pixel of the other kind gives +∞ everywhere.
 */
public final class DistanceTransform {

    private static final double INF = 1e20;

    private DistanceTransform() {}

    /**
     * Distance of each pixel to the nearest background ({@code false}) pixel; 0 on background.
     * This is the {@code distance_transform_edt} of scipy for the mask.
     */
    public static double[] toBackground(boolean[] mask, int w, int h) {
        return transform(mask, w, h, true);
    }

    /** Distance of each pixel to the nearest foreground ({@code true}) pixel; 0 on foreground. */
    public static double[] toForeground(boolean[] mask, int w, int h) {
        return transform(mask, w, h, false);
    }

    private static double[] transform(boolean[] mask, int w, int h, boolean distantValue) {
        if (mask.length != w * h) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + w + "×" + h);
        }
        double[] d = new double[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = mask[i] == distantValue ? INF : 0;
        }
        int n = Math.max(w, h);
        double[] f = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                f[y] = d[y * w + x];
            }
            envelope(f, h, out, v, z);
            for (int y = 0; y < h; y++) {
                d[y * w + x] = out[y];
            }
        }
        for (int y = 0; y < h; y++) {
            System.arraycopy(d, y * w, f, 0, w);
            envelope(f, w, out, v, z);
            System.arraycopy(out, 0, d, y * w, w);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= INF / 2 ? Double.POSITIVE_INFINITY : Math.sqrt(d[i]);
        }
        return d;
    }

    /** One-dimensional squared distance transform of {@code f[0..n)} into {@code out}. */
    private static void envelope(double[] f, int n, double[] out, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            out[q] = dq * dq + f[v[k]];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
