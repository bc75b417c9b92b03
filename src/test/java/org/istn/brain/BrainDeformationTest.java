package org.istn.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The subjects' random B-spline deformation: exactly zero at zero amplitude, smooth (second
 * differences within the analytic bound of a cubic B-spline), folding-free at the largest
 * allowed amplitude, of the RMS size the B-spline theory predicts, and reproducible by seed.
 */
class BrainDeformationTest {

    private static final double[] HALF = {60, 70, 56};
    private static final double SPACING = 40;

    @Test
    void basisWeightsSumToOneAndMatchTheCubicBSpline() {
        double[] w = new double[4];
        for (double f = 0; f <= 1; f += 0.125) {
            BSplineDeformation.weights(f, w);
            assertEquals(1.0, w[0] + w[1] + w[2] + w[3], 1e-12, "partition of unity at " + f);
        }
        BSplineDeformation.weights(0, w);
        assertArrayEquals(new double[] {1 / 6.0, 4 / 6.0, 1 / 6.0, 0}, w, 1e-12, "B-spline at a knot");
        BSplineDeformation.weights(0.5, w);
        assertArrayEquals(new double[] {1 / 48.0, 23 / 48.0, 23 / 48.0, 1 / 48.0}, w, 1e-12, "B-spline mid-way");
    }

    @Test
    void zeroAmplitudeIsExactlyTheIdentityAndDrawsNothing() {
        SplittableRandom rng = new SplittableRandom(5);
        BSplineDeformation d = new BSplineDeformation(rng, HALF, SPACING, 0);
        assertTrue(d.isZero());
        assertEquals(0.0, d.maxCoefficient());
        double[] out = new double[3];
        SplittableRandom pts = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            d.displacement(pts.nextDouble(-100, 100), pts.nextDouble(-100, 100), pts.nextDouble(-100, 100), out);
            assertArrayEquals(new double[] {0, 0, 0}, out, 0.0);
        }
        assertEquals(new SplittableRandom(5).nextLong(), rng.nextLong(), "no draw consumed");
    }

    @Test
    void smoothWithinTheAnalyticBoundOfACubicBSpline() {
        double sigma = SPACING * 2 / 15;
        BSplineDeformation d = new BSplineDeformation(new SplittableRandom(11), HALF, SPACING, sigma);
        double cmax = d.maxCoefficient();
        assertTrue(cmax > 0 && cmax <= 3 * sigma + 1e-6, "coefficients clamped to 3 sigma: " + cmax);
        // |d''| ≤ cmax · max_f Σ|B_i''(f)| / δ² = 4·cmax/δ² along any axis, so a second difference
        // with step e is at most 4·cmax·e²/δ²; first differences at most cmax·max Σ|B_i'|·e/δ = 1.5·cmax·e/δ
        double e = 1.0;
        double bound2 = 4 * cmax * e * e / (SPACING * SPACING);
        double bound1 = 1.5 * cmax * e / SPACING;
        double[] a = new double[3];
        double[] b = new double[3];
        double[] c = new double[3];
        double worst2 = 0;
        double worst1 = 0;
        SplittableRandom pts = new SplittableRandom(2);
        for (int i = 0; i < 3000; i++) {
            double x = pts.nextDouble(-80, 80);
            double y = pts.nextDouble(-90, 90);
            double z = pts.nextDouble(-75, 75);
            for (int axis = 0; axis < 3; axis++) {
                double[] step = new double[3];
                step[axis] = e;
                d.displacement(x - step[0], y - step[1], z - step[2], a);
                d.displacement(x, y, z, b);
                d.displacement(x + step[0], y + step[1], z + step[2], c);
                for (int k = 0; k < 3; k++) {
                    worst2 = Math.max(worst2, Math.abs(a[k] - 2 * b[k] + c[k]));
                    worst1 = Math.max(worst1, Math.abs(c[k] - b[k]));
                }
            }
        }
        assertTrue(worst1 > 0, "a non-zero field");
        assertTrue(worst1 <= bound1 * (1 + 1e-9), "first difference " + worst1 + " > bound " + bound1);
        assertTrue(worst2 <= bound2 * (1 + 1e-6) + 1e-12, "second difference " + worst2 + " > bound " + bound2);
    }

    @Test
    void foldingFreeAtTheLargestAllowedAmplitude() {
        double sigma = SPACING * 2 / 15;
        for (long seed = 0; seed < 5; seed++) {
            BSplineDeformation d = new BSplineDeformation(new SplittableRandom(seed), HALF, SPACING, sigma);
            double minDet = Double.POSITIVE_INFINITY;
            double h = 0.5;
            double[] p = new double[3];
            double[] m = new double[3];
            for (double x = -90; x <= 90; x += 6) {
                for (double y = -100; y <= 100; y += 6) {
                    for (double z = -80; z <= 80; z += 6) {
                        double[][] j = new double[3][3];
                        for (int axis = 0; axis < 3; axis++) {
                            double[] s = new double[3];
                            s[axis] = h;
                            d.displacement(x + s[0], y + s[1], z + s[2], p);
                            d.displacement(x - s[0], y - s[1], z - s[2], m);
                            for (int k = 0; k < 3; k++) {
                                j[k][axis] = (k == axis ? 1 : 0) + (p[k] - m[k]) / (2 * h);
                            }
                        }
                        double det = j[0][0] * (j[1][1] * j[2][2] - j[1][2] * j[2][1])
                                - j[0][1] * (j[1][0] * j[2][2] - j[1][2] * j[2][0])
                                + j[0][2] * (j[1][0] * j[2][1] - j[1][1] * j[2][0]);
                        minDet = Math.min(minDet, det);
                    }
                }
            }
            assertTrue(minDet > 0.2, "seed " + seed + ": smallest Jacobian determinant " + minDet);
        }
    }

    @Test
    void rmsDisplacementIsAboutAThirdOfSigma() {
        // per component E[d²] = σ² · (∫β³(x)² dx)³ = σ² · (151/315)³ for iid coefficients, so RMS ≈ 0.332·σ
        double expected = Math.sqrt(Math.pow(151.0 / 315, 3));
        double sigma = 4;
        double sum = 0;
        int n = 0;
        double[] out = new double[3];
        for (long seed = 0; seed < 20; seed++) {
            BSplineDeformation d = new BSplineDeformation(new SplittableRandom(100 + seed), HALF, SPACING, sigma);
            SplittableRandom pts = new SplittableRandom(seed);
            for (int i = 0; i < 500; i++) {
                d.displacement(pts.nextDouble(-60, 60), pts.nextDouble(-70, 70), pts.nextDouble(-56, 56), out);
                sum += out[0] * out[0] + out[1] * out[1] + out[2] * out[2];
                n += 3;
            }
        }
        double rms = Math.sqrt(sum / n) / sigma;
        assertEquals(expected, rms, 0.15 * expected, "RMS displacement / sigma");
    }

    @Test
    void sameGeneratorSameFieldOtherGeneratorOtherField() {
        BSplineDeformation a = new BSplineDeformation(new SplittableRandom(7), HALF, SPACING, 3);
        BSplineDeformation b = new BSplineDeformation(new SplittableRandom(7), HALF, SPACING, 3);
        BSplineDeformation c = new BSplineDeformation(new SplittableRandom(8), HALF, SPACING, 3);
        double[] da = new double[3];
        double[] db = new double[3];
        double[] dc = new double[3];
        a.displacement(10, -20, 5, da);
        b.displacement(10, -20, 5, db);
        c.displacement(10, -20, 5, dc);
        assertArrayEquals(da, db, 0.0);
        assertTrue(Math.abs(da[0] - dc[0]) + Math.abs(da[1] - dc[1]) + Math.abs(da[2] - dc[2]) > 1e-3);
    }
}
