package org.istn.morpho;

/**
 * Integer-factor resizing of a row-major grey image: bicubic upsampling (Keys' kernel,
 * a = −0.5, pixel centres aligned: output pixel i sits at input coordinate (i + 0.5)/f − 0.5,
 * zero outside the image) and area-average downsampling (each output pixel is the mean of its
 * f×f block), so that downsampling a block-constant upsampled image gives the image back.
 */
public final class Resize {

    private Resize() {}

    /** The image ({@code w}×{@code h}) upsampled by {@code f} with the bicubic kernel. */
    public static float[] upBicubic(float[] img, int w, int h, int f) {
        int bw = w * f;
        int bh = h * f;
        // horizontal pass into (bw × h), then vertical into (bw × bh)
        float[] tmp = new float[bw * h];
        int[] idx = new int[4];
        double[] wt = new double[4];
        for (int x = 0; x < bw; x++) {
            taps(x, f, idx, wt);
            for (int y = 0; y < h; y++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    if (idx[k] >= 0 && idx[k] < w) {
                        s += wt[k] * img[y * w + idx[k]];
                    }
                }
                tmp[y * bw + x] = (float) s;
            }
        }
        float[] out = new float[bw * bh];
        for (int y = 0; y < bh; y++) {
            taps(y, f, idx, wt);
            for (int x = 0; x < bw; x++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    if (idx[k] >= 0 && idx[k] < h) {
                        s += wt[k] * tmp[idx[k] * bw + x];
                    }
                }
                out[y * bw + x] = (float) s;
            }
        }
        return out;
    }

    /** The image ({@code w}×{@code h}, both multiples of {@code f}) reduced by {@code f}: block means. */
    public static float[] downArea(float[] img, int w, int h, int f) {
        if (w % f != 0 || h % f != 0) {
            throw new IllegalArgumentException(w + "×" + h + " is not a multiple of " + f);
        }
        int sw = w / f;
        int sh = h / f;
        float[] out = new float[sw * sh];
        double norm = 1.0 / (f * f);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double s = 0;
                for (int dy = 0; dy < f; dy++) {
                    int row = (y * f + dy) * w + x * f;
                    for (int dx = 0; dx < f; dx++) {
                        s += img[row + dx];
                    }
                }
                out[y * sw + x] = (float) (s * norm);
            }
        }
        return out;
    }

    /** The four input indices and weights of output sample {@code i}. */
    private static void taps(int i, int f, int[] idx, double[] wt) {
        double c = (i + 0.5) / f - 0.5;
        int base = (int) Math.floor(c);
        for (int k = 0; k < 4; k++) {
            idx[k] = base - 1 + k;
            wt[k] = keys(c - idx[k]);
        }
    }

    /** Keys' cubic convolution kernel with a = −0.5. */
    static double keys(double t) {
        double x = Math.abs(t);
        if (x <= 1) {
            return (1.5 * x - 2.5) * x * x + 1;
        } else if (x < 2) {
            return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        }
        return 0;
    }
}
