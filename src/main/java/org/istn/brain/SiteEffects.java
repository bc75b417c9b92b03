package org.istn.brain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The intensity stages of a site, each a plain function of an n³ image (x fastest) so that each
 * can be checked alone; {@link SubjectSimulator} applies them in the order of
 * {@link SiteProfile}: contrast, bias, blur, normalisation, noise, clipping.
 */
final class SiteEffects {

    private SiteEffects() {}

    /** The contrast curve {@code v → v^gamma} for v > 0 (0 and below become 0), in place. */
    static void gamma(float[] img, double gamma) {
        if (gamma == 1) {
            for (int i = 0; i < img.length; i++) {
                img[i] = Math.max(0f, img[i]);
            }
            return;
        }
        for (int i = 0; i < img.length; i++) {
            img[i] = img[i] > 0 ? (float) Math.pow(img[i], gamma) : 0f;
        }
    }

    /** Multiplies by the bias factors, in place. */
    static void multiply(float[] img, float[] factors) {
        for (int i = 0; i < img.length; i++) {
            img[i] *= factors[i];
        }
    }

    /** A Gaussian blur of {@code sigma} voxels on every axis (a copy; sigma 0 returns a copy). */
    static float[] blur(float[] img, int n, double sigma) {
        return Gaussian.blur(img, new int[] {n, n, n}, new double[] {sigma, sigma, sigma}, false);
    }

    /**
     * Divides by the 99.5th percentile (nearest rank) of the brain voxels (mask ≥ 0.5), in place,
     * and returns that percentile.
     *
     * @throws IllegalStateException when no voxel is brain or the percentile is not positive
     */
    static double normalise(float[] img, float[] mask) {
        int n = 0;
        for (float m : mask) {
            if (m >= 0.5f) {
                n++;
            }
        }
        float[] brain = new float[n];
        for (int i = 0, k = 0; i < img.length; i++) {
            if (mask[i] >= 0.5f) {
                brain[k++] = img[i];
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no brain voxel in the output grid (mask ≥ 0.5 nowhere): is --fov far"
                    + " larger than the brain, or --size too small?");
        }
        double p = nearestRank(brain, 0.995);
        if (!(p > 0)) {
            throw new IllegalStateException("the brain's 99.5th percentile intensity is " + p + "; expected > 0");
        }
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (img[i] / p);
        }
        return p;
    }

    /**
     * Rician noise, in place: {@code v → sqrt((v + σ·n₁)² + (σ·n₂)²)} with n₁, n₂ standard
     * Gaussian draws per voxel (the magnitude of a complex signal with Gaussian noise in both
     * channels). On a 0 background it is Rayleigh noise of mean {@code σ·sqrt(π/2)}.
     */
    static void rician(float[] img, double sigma, SplittableRandom rng) {
        if (sigma == 0) {
            return;
        }
        for (int i = 0; i < img.length; i++) {
            double re = img[i] + sigma * rng.nextGaussian();
            double im = sigma * rng.nextGaussian();
            img[i] = (float) Math.sqrt(re * re + im * im);
        }
    }

    /** Clips to [0, 1], in place. */
    static void clip(float[] img) {
        for (int i = 0; i < img.length; i++) {
            img[i] = Math.max(0f, Math.min(1f, img[i]));
        }
    }

    /**
     * The q-quantile by nearest rank: the value at sorted index {@code ceil(q·n) − 1} (a copy is
     * sorted). Being an order statistic, it commutes with increasing maps such as {@code v^γ}.
     */
    static double nearestRank(float[] values, double q) {
        float[] s = values.clone();
        Arrays.sort(s);
        int k = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, k))];
    }
}
