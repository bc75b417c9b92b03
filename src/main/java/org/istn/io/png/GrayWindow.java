package org.istn.io.png;

/**
 * A grey-level window: values at or below {@code low} become black (0), values at or above
 * {@code high} white (255), values between are mapped linearly and rounded to the nearest level
 * ({@code round(255 · (v − low) / (high − low))}). NaN becomes black.
 *
 * @param low the value shown black
 * @param high the value shown white; equal to {@code low} for a constant image, whose values
 *        then all show black
 */
public record GrayWindow(double low, double high) {

    public GrayWindow {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
            throw new IllegalArgumentException("grey window must be finite with low <= high, found ["
                    + low + ", " + high + "]");
        }
    }

    /**
     * The window from the smallest to the largest finite value of the images together, so that
     * images shown side by side share one scale; [0, 1] when no value is finite.
     */
    public static GrayWindow auto(float[]... images) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] image : images) {
            for (float v : image) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new GrayWindow(lo, hi) : new GrayWindow(0, 1);
    }

    /** @return the grey level (0–255) of a value */
    public int level(double v) {
        if (Double.isNaN(v) || v <= low) {
            return 0;
        }
        if (v >= high) {
            return 255;
        }
        return (int) Math.round(255.0 * (v - low) / (high - low));
    }
}
