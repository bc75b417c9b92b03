package org.istn.morpho;

/**
 * Stroke morphology of one grey digit image, as Morpho-MNIST measures and perturbs it (D. C.
 * Castro et al., "Morpho-MNIST: quantitative assessment and diagnostics for representation
 * learning", JMLR 2019): the image is upsampled {@value #SCALE}× (bicubic, clamped to the
 * image's own range) and binarised at half
 * its maximum; the stroke's skeleton (Zhang–Suen) and distance transform give the mean stroke
 * thickness, twice the mean distance to the background along the skeleton.
 *
 * <p>{@link #thin} erodes the binary stroke with a disk of radius {@code amount·t/2} (t the
 * thickness at high resolution) but keeps the skeleton, so no stroke vanishes, and keeps the
 * grey levels inside; {@link #thicken} dilates with a disk of radius {@code amount·t/2} and sets
 * the added pixels to the image maximum. Both are computed at high resolution and averaged back
 * down to the original size. Thickness is in pixels of the original image.
 */
public final class StrokeMorphology {

    /** Upsampling factor of the analysis. */
    public static final int SCALE = 4;

    private final int w;
    private final int h;
    private final float[] hires;
    private final float max;
    private final boolean[] binary;
    private final double[] distance;
    private final boolean[] skeleton;
    private final double thickness;

    private StrokeMorphology(float[] image, int w, int h) {
        if (image.length != w * h) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, expected " + w + "×" + h);
        }
        this.w = w;
        this.h = h;
        int bw = w * SCALE;
        int bh = h * SCALE;
        float m = 0;
        for (float v : image) {
            m = Math.max(m, v);
        }
        max = m;
        hires = Resize.upBicubic(image, w, h, SCALE);
        for (int i = 0; i < hires.length; i++) {
            hires[i] = Math.min(m, Math.max(0f, hires[i])); // no cubic over- or undershoot
        }
        binary = new boolean[hires.length];
        for (int i = 0; i < hires.length; i++) {
            binary[i] = m > 0 && hires[i] > 0.5f * m;
        }
        distance = DistanceTransform.toBackground(binary, bw, bh);
        skeleton = Skeleton.of(binary, bw, bh);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < skeleton.length; i++) {
            if (skeleton[i]) {
                sum += distance[i];
                n++;
            }
        }
        thickness = n == 0 ? 0 : 2 * sum / n / SCALE;
    }

    /** Analyses a row-major grey image of {@code w}×{@code h} pixels. */
    public static StrokeMorphology of(float[] image, int w, int h) {
        return new StrokeMorphology(image, w, h);
    }

    /** Mean stroke thickness in pixels of the original image (0 for a blank image). */
    public double meanThickness() {
        return thickness;
    }

    /** The binarised upsampled image (row-major, {@code SCALE·w} wide); a copy. */
    public boolean[] binary() {
        return binary.clone();
    }

    /** The skeleton of {@link #binary()}; a copy. */
    public boolean[] skeleton() {
        return skeleton.clone();
    }

    /**
     * The image with strokes thinned by {@code amount} of their thickness (0 < amount < 1), at
     * the original size.
     */
    public float[] thin(double amount) {
        double r = radius(amount);
        float[] out = new float[hires.length];
        for (int i = 0; i < out.length; i++) {
            boolean keep = skeleton[i] || distance[i] > r;
            out[i] = keep ? hires[i] : 0f;
        }
        return down(out);
    }

    /** The image with strokes thickened by {@code amount} of their thickness, at the original size. */
    public float[] thicken(double amount) {
        double r = radius(amount);
        double[] toStroke = DistanceTransform.toForeground(binary, w * SCALE, h * SCALE);
        float[] out = new float[hires.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toStroke[i] <= r ? Math.max(hires[i], max) : hires[i];
        }
        return down(out);
    }

    private double radius(double amount) {
        if (!(amount >= 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be a finite number >= 0, found " + amount);
        }
        return amount * thickness * SCALE / 2;
    }

    private float[] down(float[] big) {
        return Resize.downArea(big, w * SCALE, h * SCALE, SCALE);
    }
}
