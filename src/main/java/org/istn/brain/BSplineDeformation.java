package org.istn.brain;

import java.util.SplittableRandom;

/**
 * A smooth random displacement field d(x) (mm) over template-centred coordinates (mm): a cubic
 * B-spline on a lattice of control points with spacing δ, whose coefficients are independent
 * Gaussian draws of standard deviation σ per component, clamped to ±3σ. The lattice covers the
 * box it is made for with one control point to spare on each side; beyond it the coefficients
 * are 0, so d fades smoothly to 0 outside. The field is C² everywhere, exactly 0 when σ = 0, and
 * with 3σ ≤ 0.4δ (checked by {@link BrainCohortOptions}) no coefficient exceeds the 0.4·δ bound
 * that is known to keep a cubic B-spline map folding-free (its Jacobian determinant positive).
 *
 * <p>The RMS displacement is smaller than σ: the B-spline averages neighbouring coefficients,
 * about 0.33·σ per component in 3D.
 */
final class BSplineDeformation {

    private final double spacing;
    private final double[] origin = new double[3];
    private final int[] count = new int[3];
    private final float[][] coef;
    private final boolean zero;

    /**
     * @param rng the subject's generator (draws {@code 3·Π count} Gaussians when σ > 0, none otherwise)
     * @param halfExtentMm the box to cover, {@code [−e, e]} per axis
     * @param spacing control-point spacing δ, mm
     * @param sigma coefficient standard deviation σ, mm (0 = the identity)
     */
    BSplineDeformation(SplittableRandom rng, double[] halfExtentMm, double spacing, double sigma) {
        this.spacing = spacing;
        int n = 1;
        for (int a = 0; a < 3; a++) {
            origin[a] = -halfExtentMm[a] - spacing;
            count[a] = (int) Math.floor(2 * halfExtentMm[a] / spacing) + 4;
            n *= count[a];
        }
        coef = new float[3][n];
        zero = sigma == 0;
        if (!zero) {
            double clamp = 3 * sigma;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    coef[c][i] = (float) Math.max(-clamp, Math.min(clamp, sigma * rng.nextGaussian()));
                }
            }
        }
    }

    /** Whether d is 0 everywhere. */
    boolean isZero() {
        return zero;
    }

    /** The control points per axis. */
    int[] count() {
        return count.clone();
    }

    /** The largest absolute coefficient, mm. */
    double maxCoefficient() {
        double m = 0;
        for (float[] c : coef) {
            for (float v : c) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Cubic B-spline basis weights at fraction f for the control points base−1 … base+2. */
    static void weights(double f, double[] w) {
        double g = 1 - f;
        w[0] = g * g * g / 6;
        w[1] = (3 * f * f * f - 6 * f * f + 4) / 6;
        w[2] = (-3 * f * f * f + 3 * f * f + 3 * f + 1) / 6;
        w[3] = f * f * f / 6;
    }

    /** Writes d(x, y, z) into {@code out} (3 values, mm). */
    void displacement(double x, double y, double z, double[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        if (zero) {
            return;
        }
        double tx = (x - origin[0]) / spacing;
        double ty = (y - origin[1]) / spacing;
        double tz = (z - origin[2]) / spacing;
        int bx = (int) Math.floor(tx);
        int by = (int) Math.floor(ty);
        int bz = (int) Math.floor(tz);
        if (bx + 2 < 0 || by + 2 < 0 || bz + 2 < 0 || bx - 1 >= count[0] || by - 1 >= count[1] || bz - 1 >= count[2]) {
            return;
        }
        double[] wx = new double[4];
        double[] wy = new double[4];
        double[] wz = new double[4];
        weights(tx - bx, wx);
        weights(ty - by, wy);
        weights(tz - bz, wz);
        int nx = count[0];
        int nxy = nx * count[1];
        float[] cx = coef[0];
        float[] cy = coef[1];
        float[] cz = coef[2];
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int k = 0; k < 4; k++) {
            int iz = bz - 1 + k;
            if (iz < 0 || iz >= count[2]) {
                continue;
            }
            for (int j = 0; j < 4; j++) {
                int iy = by - 1 + j;
                if (iy < 0 || iy >= count[1]) {
                    continue;
                }
                double wjk = wy[j] * wz[k];
                int row = iz * nxy + iy * nx;
                for (int i = 0; i < 4; i++) {
                    int ix = bx - 1 + i;
                    if (ix < 0 || ix >= nx) {
                        continue;
                    }
                    double w = wx[i] * wjk;
                    sx += w * cx[row + ix];
                    sy += w * cy[row + ix];
                    sz += w * cz[row + ix];
                }
            }
        }
        out[0] = sx;
        out[1] = sy;
        out[2] = sz;
    }
}
