package org.istn.nn;

/**
 * Cubic B-spline interpolation along one axis as a matrix: {@code n} voxels from {@code K}
 * control points spaced {@code spacing} voxels apart, {@code K = ceil((n - 1) / spacing) + 3},
 * centred on the image. Row {@code u} holds the weights of voxel {@code u}: at most four
 * non-zero, non-negative, summing to 1 — so an interpolated value never exceeds the largest
 * control-point value in magnitude, and a dense field is the separable product of one such
 * matrix per axis (cheap and exact).
 */
public final class BSplineBasis {

    private BSplineBasis() {}

    /** Number of control points for {@code n} voxels. */
    public static int controlPoints(int n, int spacing) {
        if (n < 1 || spacing < 1) {
            throw new IllegalArgumentException("B-spline basis needs n >= 1 and spacing >= 1, found n " + n
                    + ", spacing " + spacing);
        }
        return (n - 1 + spacing - 1) / spacing + 3;
    }

    /** The {@code [n, K]} weight matrix, row-major. */
    public static double[][] matrix(int n, int spacing) {
        int k = controlPoints(n, spacing);
        double span = (double) (k - 3) * spacing;
        double origin = -(span - (n - 1)) / 2.0; // position of control point 1, in voxels
        double[][] m = new double[n][k];
        for (int u = 0; u < n; u++) {
            double t = (u - origin) / spacing + 1.0;
            int j = (int) Math.floor(t);
            double f = t - j;
            if (j > k - 3) { // the last voxel may sit exactly on the last interval's end
                j = k - 3;
                f = t - j;
            }
            double[] w = weights(f);
            for (int q = 0; q < 4; q++) {
                m[u][j - 1 + q] = w[q];
            }
        }
        return m;
    }

    /** The four cubic B-spline weights at fraction {@code f} in [0, 1]. */
    static double[] weights(double f) {
        double f2 = f * f;
        double f3 = f2 * f;
        double g = 1 - f;
        return new double[] {g * g * g / 6.0, (3 * f3 - 6 * f2 + 4) / 6.0, (-3 * f3 + 3 * f2 + 3 * f + 1) / 6.0,
            f3 / 6.0};
    }
}
