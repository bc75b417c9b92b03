package org.istn.io.png;

/**
 * A blue–white–red colour map for signed values such as difference images: 0 is white,
 * {@code −maxAbs} (and below) pure blue (0, 0, 255), {@code +maxAbs} (and above) pure red
 * (255, 0, 0), linear in between (e.g. {@code maxAbs/2} is (255, 128, 128)). NaN is mid-grey.
 *
 * @param maxAbs the magnitude shown at full colour, finite and &gt; 0
 */
public record DivergingColorMap(double maxAbs) {

    public DivergingColorMap {
        if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
            throw new IllegalArgumentException("diverging colour map needs a finite maxAbs > 0, found " + maxAbs);
        }
    }

    /**
     * The map whose full colour is the largest finite magnitude in the images, so that images
     * shown side by side share one scale; {@code maxAbs} 1 when all values are 0 (all white).
     */
    public static DivergingColorMap symmetric(float[]... images) {
        double m = 0;
        for (float[] image : images) {
            for (float v : image) {
                if (Float.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return new DivergingColorMap(m > 0 ? m : 1);
    }

    /** @return the colour of a value as {@code 0xRRGGBB} */
    public int rgb(double v) {
        if (Double.isNaN(v)) {
            return 0x808080;
        }
        double t = Math.max(-1, Math.min(1, v / maxAbs));
        if (t >= 0) {
            int gb = (int) Math.round(255 * (1 - t));
            return 0xFF0000 | gb << 8 | gb;
        }
        int rg = (int) Math.round(255 * (1 + t));
        return rg << 16 | rg << 8 | 0xFF;
    }
}
