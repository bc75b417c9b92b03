package org.istn.data;

import org.istn.config.Normalizer;

/**
 * Intensity normalisation of one image, applied after resampling.
 * <ul>
 *   <li>{@code tanh}: element-wise {@code tanh(x)}, as the reference tool does (it expects
 *       intensities that are already roughly standardised);</li>
 *   <li>{@code zscore}: {@code (x - mean) / std} with mean and std over the foreground, the
 *       voxels above the image's minimum (the background of skull-stripped MRI is that minimum);</li>
 *   <li>{@code minmax}: linear map of [min, max] to [-1, 1];</li>
 *   <li>{@code none}: unchanged.</li>
 * </ul>
 * A constant image maps to zeros under {@code zscore} and {@code minmax}.
 */
public final class Normalization {

    private Normalization() {}

    /** Normalises {@code data} in place and returns it. */
    public static float[] apply(Normalizer normalizer, float[] data) {
        switch (normalizer) {
            case NONE -> { }
            case TANH -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) Math.tanh(data[i]);
                }
            }
            case MINMAX -> {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : data) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                affine(data, max > min ? 2.0 / (max - min) : 0.0, min, -1.0, max > min);
            }
            case ZSCORE -> {
                float min = Float.POSITIVE_INFINITY;
                for (float v : data) {
                    min = Math.min(min, v);
                }
                double sum = 0;
                long n = 0;
                for (float v : data) {
                    if (v > min) {
                        sum += v;
                        n++;
                    }
                }
                if (n < 2) {
                    java.util.Arrays.fill(data, 0f);
                    return data;
                }
                double mean = sum / n;
                double ss = 0;
                for (float v : data) {
                    if (v > min) {
                        ss += (v - mean) * (v - mean);
                    }
                }
                double std = Math.sqrt(ss / n);
                affine(data, std > 0 ? 1.0 / std : 0.0, mean, 0.0, std > 0);
            }
            default -> throw new IllegalArgumentException("unknown normalizer " + normalizer);
        }
        return data;
    }

    /** data = (data - shift) * scale + offset, or zeros when not {@code valid}. */
    private static void affine(float[] data, double scale, double shift, double offset, boolean valid) {
        if (!valid) {
            java.util.Arrays.fill(data, 0f);
            return;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((data[i] - shift) * scale + offset);
        }
    }
}
