package org.istn.morpho;

/**
 * A contrast and brightness change of intensities in [0, 1]: {@code v' = offset + scale·v^gamma}
 * (values are clamped to [0, 1] first). Gamma below 1 brightens mid-grey strokes; the offset
 * lifts the black background.
 *
 * @param gamma exponent, > 0
 * @param scale multiplier, > 0
 * @param offset added value
 */
public record IntensityTransform(double gamma, double scale, double offset) {

    /** @throws IllegalArgumentException naming the bad parameter */
    public IntensityTransform {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, found " + gamma);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("intensity scale must be a finite number > 0, found " + scale);
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("intensity offset must be finite, found " + offset);
        }
    }

    /** The changed intensities (a new array). */
    public float[] apply(float[] img) {
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            double v = Math.min(1.0, Math.max(0.0, img[i]));
            out[i] = (float) (offset + scale * Math.pow(v, gamma));
        }
        return out;
    }
}
