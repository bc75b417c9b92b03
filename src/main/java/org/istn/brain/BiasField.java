package org.istn.brain;

import java.util.SplittableRandom;

/**
 * A site's smooth multiplicative bias field {@code exp(b · P(u))} over the output grid, u the
 * position from the grid centre divided by a half-width w (voxels), chosen by
 * {@link SubjectSimulator#biasHalfWidthVoxels()} as half the template brain's largest extent, so
 * that the cube |u| ≤ 1 holds the brain at scale 1. P is a random quadratic
 * {@code Σ c_k φ_k} with φ = x, y, z, xy, xz, yz, x² − ⅓, y² − ⅓, z² − ⅓ and c_k standard
 * Gaussian draws, divided by its largest |value| on a 33³ lattice of [−1, 1]³, so |P| ≤ 1 in
 * that cube (up to the lattice's resolution) and the field stays within {@code [e^−b, e^b]} over
 * the brain; beyond the cube (background, 0 before the noise, or a larger or shifted brain's
 * edge) the quadratic simply continues.
 * The field belongs to the site (the scanner), not to a subject: it is drawn once per site and
 * applied in scanner coordinates, after the pose.
 */
final class BiasField {

    /** Terms of P. */
    static final int TERMS = 9;
    private static final int LATTICE = 33;

    private final double[] c;

    /** A field with these (already normalised) coefficients. */
    BiasField(double[] coefficients) {
        if (coefficients.length != TERMS) {
            throw new IllegalArgumentException("a bias field has " + TERMS + " coefficients, found " + coefficients.length);
        }
        this.c = coefficients.clone();
    }

    /** A random site field, normalised so that max |P| on the lattice is 1. */
    static BiasField random(SplittableRandom rng) {
        double[] c = new double[TERMS];
        for (int k = 0; k < TERMS; k++) {
            c[k] = rng.nextGaussian();
        }
        BiasField raw = new BiasField(c);
        double max = 0;
        for (int k = 0; k < LATTICE; k++) {
            for (int j = 0; j < LATTICE; j++) {
                for (int i = 0; i < LATTICE; i++) {
                    double p = raw.polynomial(lattice(i), lattice(j), lattice(k));
                    max = Math.max(max, Math.abs(p));
                }
            }
        }
        for (int k = 0; k < TERMS; k++) {
            c[k] /= max;
        }
        return new BiasField(c);
    }

    private static double lattice(int i) {
        return -1 + 2.0 * i / (LATTICE - 1);
    }

    /** The coefficients c_k (after normalisation). */
    double[] coefficients() {
        return c.clone();
    }

    /** P at u = (x, y, z). */
    double polynomial(double x, double y, double z) {
        return c[0] * x + c[1] * y + c[2] * z + c[3] * x * y + c[4] * x * z + c[5] * y * z
                + c[6] * (x * x - 1.0 / 3) + c[7] * (y * y - 1.0 / 3) + c[8] * (z * z - 1.0 / 3);
    }

    /**
     * The factors {@code exp(b · P(u))} at every voxel of an n³ grid, x fastest; voxel i sits at
     * {@code u = (i − (n − 1)/2) / w}.
     *
     * @param n voxels per axis
     * @param b the log-amplitude
     * @param w the half-width in voxels that maps to |u| = 1
     */
    float[] factors(int n, double b, double w) {
        float[] f = new float[n * n * n];
        double c = (n - 1) / 2.0;
        for (int k = 0, idx = 0; k < n; k++) {
            double z = (k - c) / w;
            for (int j = 0; j < n; j++) {
                double y = (j - c) / w;
                for (int i = 0; i < n; i++, idx++) {
                    double x = (i - c) / w;
                    f[idx] = (float) Math.exp(b * polynomial(x, y, z));
                }
            }
        }
        return f;
    }
}
