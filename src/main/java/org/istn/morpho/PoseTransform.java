package org.istn.morpho;

/**
 * A rotation and isotropic scaling of a row-major 2D image about its centre
 * ({@code ((w−1)/2, (h−1)/2)} in pixel-centre coordinates), resampled bilinearly with zero
 * outside the image. Positive angles turn the image counter-clockwise as displayed with rows
 * going down (x = column to the right, y = row downwards); a scale above 1 enlarges it. Each
 * output pixel p takes the input at {@code c + R(−θ)(p − c)/s}.
 *
 * @param rotationDegrees the angle θ in degrees
 * @param scale the scale factor s, > 0
 */
public record PoseTransform(double rotationDegrees, double scale) {

    /** @throws IllegalArgumentException for a non-finite angle or a scale that is not > 0 */
    public PoseTransform {
        if (!Double.isFinite(rotationDegrees)) {
            throw new IllegalArgumentException("rotation must be a finite angle in degrees, found " + rotationDegrees);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number > 0, found " + scale);
        }
    }

    /** The transformed image, of the same size. */
    public float[] apply(float[] img, int w, int h) {
        if (img.length != w * h) {
            throw new IllegalArgumentException("image has " + img.length + " pixels, expected " + w + "×" + h);
        }
        double t = Math.toRadians(rotationDegrees);
        double cos = Math.cos(t) / scale;
        double sin = Math.sin(t) / scale;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double dy = y - cy;
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double sx = cx + cos * dx - sin * dy;
                double sy = cy + sin * dx + cos * dy;
                out[y * w + x] = bilinear(img, w, h, sx, sy);
            }
        }
        return out;
    }

    private static float bilinear(float[] img, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = (1 - fx) * (1 - fy) * at(img, w, h, x0, y0) + fx * (1 - fy) * at(img, w, h, x0 + 1, y0)
                + (1 - fx) * fy * at(img, w, h, x0, y0 + 1) + fx * fy * at(img, w, h, x0 + 1, y0 + 1);
        return (float) v;
    }

    private static float at(float[] img, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h ? img[y * w + x] : 0f;
    }
}
