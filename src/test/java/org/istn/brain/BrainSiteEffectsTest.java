package org.istn.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each site stage changes the image as documented: the contrast curve is exactly {@code v^γ} of
 * the normalised image, the bias field stays within {@code [e^−b, e^b]} and shifts the brain's
 * mean by a factor in that range, the blur lowers the gradient energy and keeps the mean, the
 * noise has the Rayleigh/Rician moments, the normalisation puts the brain's 99.5th percentile at 1.
 */
class BrainSiteEffectsTest {

    private static Template template;
    private static SubjectSimulator sim;
    private static SubjectSimulator.Sampled sampled;

    @BeforeAll
    static void simulate() throws Exception {
        template = BrainPhantom.template();
        sim = new SubjectSimulator(template, BrainPhantom.options(Path.of("unused"), Path.of("unused")));
        sampled = sim.sample(Pose.IDENTITY, 1.0, sim.deformation(new SplittableRandom(3)));
    }

    private static SiteProfile plain() {
        return new SiteProfile(0, 1, 0, 0, Pose.IDENTITY);
    }

    @Test
    void gammaIsExactlyThePowerOfTheNormalisedImage() {
        int n = sim.size();
        float[] ones = new float[n * n * n];
        float[] linear = sim.applySite(sampled, plain(), ones, new SplittableRandom(1));
        for (double g : new double[] {0.5, 1.5}) {
            float[] curved = sim.applySite(sampled, plain().withIntensity(0, g, 0, 0), ones, new SplittableRandom(1));
            double brainLinear = 0;
            double brainCurved = 0;
            for (int i = 0; i < linear.length; i++) {
                // the 99.5th percentile is an order statistic, so normalising commutes with v^γ
                assertEquals(Math.min(1.0, Math.pow(linear[i], g)), curved[i], 2e-6, "voxel " + i + " gamma " + g);
                if (sampled.mask()[i] >= 0.5f) {
                    brainLinear += linear[i];
                    brainCurved += curved[i];
                }
            }
            assertTrue(g < 1 ? brainCurved > brainLinear : brainCurved < brainLinear,
                    "gamma " + g + " moves the brain mean the documented way: " + brainLinear + " -> " + brainCurved);
        }
    }

    @Test
    void biasFieldStaysWithinItsRangeAndScalesTheBrain() {
        for (long seed = 0; seed < 5; seed++) {
            BiasField f = BiasField.random(new SplittableRandom(seed));
            double b = 0.3;
            int n = 33;
            float[] factors = f.factors(n, b, (n - 1) / 2.0); // the grid's corner voxels at |u| = 1: the lattice itself
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            double logMean = 0;
            for (float v : factors) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                logMean += Math.log(v);
            }
            logMean /= factors.length;
            assertTrue(lo >= Math.exp(-b) * (1 - 1e-6) && hi <= Math.exp(b) * (1 + 1e-6), "seed " + seed + ": ["
                    + lo + ", " + hi + "]");
            assertEquals(b, Math.max(Math.log(hi), -Math.log(lo)), 1e-6, "the field reaches its amplitude on the lattice");
            assertTrue(Math.abs(logMean) < 0.5 * b, "seed " + seed + ": mean log factor " + logMean);
        }
        // on the brain: the mean with the field, over the mean without, is within [e^-b, e^b]
        int n = sim.size();
        double b = 0.3;
        float[] factors = BiasField.random(new SplittableRandom(9)).factors(n, b, sim.biasHalfWidthVoxels());
        float[] without = sampled.intensity().clone();
        float[] with = sampled.intensity().clone();
        SiteEffects.multiply(with, factors);
        double sw = 0;
        double so = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < with.length; i++) {
            if (sampled.mask()[i] >= 0.5f && without[i] > 0) {
                sw += with[i];
                so += without[i];
                lo = Math.min(lo, with[i] / without[i]);
                hi = Math.max(hi, with[i] / without[i]);
            }
        }
        double ratio = sw / so;
        assertTrue(ratio >= Math.exp(-b) && ratio <= Math.exp(b), "brain mean ratio " + ratio);
        assertTrue(lo >= Math.exp(-b) * 0.99 && hi <= Math.exp(b) * 1.01, "voxel ratios [" + lo + ", " + hi + "]");
        assertTrue(hi / lo > Math.exp(0.5 * b), "the field varies over the brain: [" + lo + ", " + hi + "]");
    }

    @Test
    void blurLowersGradientEnergyAndKeepsTheMean() {
        int n = sim.size();
        float[] img = sampled.intensity();
        double e0 = gradientEnergy(img, n);
        double previous = e0;
        for (double sigma : new double[] {0.5, 1.0, 2.0}) {
            float[] b = SiteEffects.blur(img, n, sigma);
            double e = gradientEnergy(b, n);
            assertTrue(e < previous, "sigma " + sigma + ": gradient energy " + e + " not below " + previous);
            assertEquals(mean(img), mean(b), 0.02 * mean(img), "sigma " + sigma + " keeps the mean (renormalised borders)");
            previous = e;
        }
        assertTrue(previous < 0.5 * e0, "sigma 2 removes most gradient energy: " + previous + " vs " + e0);
    }

    @Test
    void blurOfAPointIsTheSampledGaussian() {
        int n = 15;
        float[] delta = new float[n * n * n];
        int c = 7;
        delta[c + n * (c + n * c)] = 1;
        double sigma = 1.2;
        float[] b = SiteEffects.blur(delta, n, sigma);
        double norm = 0;
        for (int r = -4; r <= 4; r++) {
            norm += Math.exp(-r * r / (2 * sigma * sigma));
        }
        for (int[] off : new int[][] {{0, 0, 0}, {1, 0, 0}, {0, 2, 0}, {1, 1, 3}}) {
            double expected = Math.exp(-(off[0] * off[0] + off[1] * off[1] + off[2] * off[2]) / (2 * sigma * sigma))
                    / (norm * norm * norm);
            assertEquals(expected, b[(c + off[0]) + n * ((c + off[1]) + n * (c + off[2]))], 1e-7,
                    java.util.Arrays.toString(off));
        }
        float[] constant = new float[n * n * n];
        java.util.Arrays.fill(constant, 0.7f);
        for (float v : SiteEffects.blur(constant, n, 2.0)) {
            assertEquals(0.7f, v, 1e-6, "a constant stays constant up to the borders");
        }
    }

    @Test
    void ricianNoiseHasTheRayleighAndRicianMoments() {
        double sigma = 0.05;
        float[] zero = new float[200_000];
        SiteEffects.rician(zero, sigma, new SplittableRandom(4));
        double m = mean(zero);
        double sd = Math.sqrt(variance(zero, m));
        assertEquals(sigma * Math.sqrt(Math.PI / 2), m, 0.01 * sigma * Math.sqrt(Math.PI / 2), "Rayleigh mean");
        assertEquals(sigma * Math.sqrt(2 - Math.PI / 2), sd, 0.02 * sigma * Math.sqrt(2 - Math.PI / 2), "Rayleigh s.d.");
        float[] bright = new float[200_000];
        java.util.Arrays.fill(bright, 0.8f);
        SiteEffects.rician(bright, sigma, new SplittableRandom(5));
        double mb = mean(bright);
        // at SNR 16 the Rician is close to Gaussian: mean ≈ sqrt(A² + σ²), s.d. ≈ σ
        assertEquals(Math.sqrt(0.64 + sigma * sigma), mb, 1e-3, "Rician mean at high SNR");
        assertEquals(sigma, Math.sqrt(variance(bright, mb)), 0.02 * sigma, "Rician s.d. at high SNR");
        float[] none = {0.3f, 0f};
        SiteEffects.rician(none, 0, new SplittableRandom(1));
        assertEquals(0.3f, none[0]);
        assertEquals(0f, none[1]);
    }

    @Test
    void normalisationPutsTheBrainPercentileAtOne() {
        float[] img = sampled.intensity().clone();
        for (int i = 0; i < img.length; i++) {
            img[i] *= 3.5f;
        }
        double p = SiteEffects.normalise(img, sampled.mask());
        assertTrue(p > 0);
        int brain = 0;
        int above = 0;
        for (int i = 0; i < img.length; i++) {
            if (sampled.mask()[i] >= 0.5f) {
                brain++;
                if (img[i] > 1f) {
                    above++;
                }
            }
        }
        assertTrue(above <= Math.ceil(0.005 * brain), above + " of " + brain + " brain voxels above 1");
        assertEquals(2.0, SiteEffects.nearestRank(new float[] {4, 1, 3, 2}, 0.5), 0.0, "nearest rank of 4 values at 0.5");
        assertEquals(4.0, SiteEffects.nearestRank(new float[] {4, 1, 3, 2}, 0.995), 0.0);
    }

    @Test
    void sitesDifferAsDocumented() {
        // the default T against the default S on the same anatomy: noisier background, blurrier brain
        int n = sim.size();
        SiteProfile s = SiteProfile.defaultSource().withPose(Pose.IDENTITY);
        SiteProfile t = SiteProfile.defaultTarget().withPose(Pose.IDENTITY);
        float[] fs = BiasField.random(new SplittableRandom(1)).factors(n, s.bias(), sim.biasHalfWidthVoxels());
        float[] ft = BiasField.random(new SplittableRandom(2)).factors(n, t.bias(), sim.biasHalfWidthVoxels());
        float[] a = sim.applySite(sampled, s.withIntensity(s.bias(), s.gamma(), 0, s.blur()), fs, new SplittableRandom(1));
        float[] b = sim.applySite(sampled, t.withIntensity(t.bias(), t.gamma(), 0, t.blur()), ft, new SplittableRandom(1));
        assertTrue(gradientEnergy(b, n) < gradientEnergy(a, n), "T (blur " + t.blur() + " mm) smoother than S ("
                + s.blur() + " mm)");
        float[] an = sim.applySite(sampled, s, fs, new SplittableRandom(1));
        float[] bn = sim.applySite(sampled, t, ft, new SplittableRandom(1));
        double bgS = 0;
        double bgT = 0;
        int k = 0;
        for (int i = 0; i < an.length; i++) {
            if (sampled.mask()[i] == 0f) {
                bgS += an[i];
                bgT += bn[i];
                k++;
            }
        }
        assertEquals(s.noise() * Math.sqrt(Math.PI / 2), bgS / k, 0.1 * s.noise(), "S background = its Rayleigh floor");
        assertEquals(t.noise() * Math.sqrt(Math.PI / 2), bgT / k, 0.1 * t.noise(), "T background = its Rayleigh floor");
    }

    static double gradientEnergy(float[] img, int n) {
        double e = 0;
        for (int z = 0; z < n - 1; z++) {
            for (int y = 0; y < n - 1; y++) {
                for (int x = 0; x < n - 1; x++) {
                    int i = x + n * (y + n * z);
                    double gx = img[i + 1] - img[i];
                    double gy = img[i + n] - img[i];
                    double gz = img[i + n * n] - img[i];
                    e += gx * gx + gy * gy + gz * gz;
                }
            }
        }
        return e;
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(float[] v, double m) {
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }
}
