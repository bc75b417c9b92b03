package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Thinning and thickening change the estimated stroke thickness of synthetic digit-like strokes
 * (anti-aliased: an "0", a circle of radius 8 px, and a "7", two segments) by roughly the requested factor.
 *
 * <p>Expected values: the estimate t of a stroke drawn w px wide is within 0.25 px of w
 * (measured: 2.49–2.52 for w = 2.5, 3.44–3.49 for w = 3.5). Eroding or dilating by a·t/2 on each
 * side gives (1 ∓ a)·t; the pixel grid rounds the radius down to the distances that occur (√k),
 * by up to one high-resolution pixel (0.25 px) per side, the skeleton is kept through thinning,
 * and a circle's inner edge curves: hence a tolerance of ±0.5 px around (1 ∓ a)·t (measured
 * deviations up to 0.43 px).
 */
class MorphoStrokeTest {

    static final int N = 28;

    /** A stroke of the given width (px) along the curve, anti-aliased by 8×8 supersampling. */
    static float[] stroke(double width, java.util.function.ToDoubleBiFunction<Double, Double> distanceToCurve) {
        float[] img = new float[N * N];
        int ss = 8;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int inside = 0;
                for (int j = 0; j < ss; j++) {
                    for (int i = 0; i < ss; i++) {
                        double px = x - 0.5 + (i + 0.5) / ss;
                        double py = y - 0.5 + (j + 0.5) / ss;
                        if (distanceToCurve.applyAsDouble(px, py) <= width / 2) {
                            inside++;
                        }
                    }
                }
                img[y * N + x] = inside / (float) (ss * ss);
            }
        }
        return img;
    }

    static float[] zero(double width) {
        return stroke(width, (x, y) -> Math.abs(Math.hypot(x - 13.5, y - 13.5) - 8));
    }

    static float[] seven(double width) {
        return stroke(width, (x, y) -> Math.min(segment(x, y, 7, 6, 20, 6), segment(x, y, 20, 6, 11, 23)));
    }

    static double segment(double x, double y, double ax, double ay, double bx, double by) {
        double vx = bx - ax;
        double vy = by - ay;
        double t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
        return Math.hypot(x - ax - t * vx, y - ay - t * vy);
    }

    @Test
    void thinningAndThickeningScaleTheThickness() {
        for (double width : new double[] {2.5, 3.5}) {
            for (float[] img : new float[][] {zero(width), seven(width)}) {
                StrokeMorphology m = StrokeMorphology.of(img, N, N);
                double t = m.meanThickness();
                assertEquals(width, t, 0.25, "thickness estimate of a stroke drawn " + width + " px wide");
                double thin = StrokeMorphology.of(m.thin(0.7), N, N).meanThickness();
                double thick = StrokeMorphology.of(m.thicken(1.0), N, N).meanThickness();
                double thin4 = StrokeMorphology.of(m.thin(0.4), N, N).meanThickness();
                double thick5 = StrokeMorphology.of(m.thicken(0.5), N, N).meanThickness();
                String what = String.format("width %.1f: t %.3f, thin0.7 %.3f, thin0.4 %.3f, thick1.0 %.3f, thick0.5 %.3f",
                        width, t, thin, thin4, thick, thick5);
                assertEquals(0.3 * t, thin, 0.5, what);
                assertEquals(0.6 * t, thin4, 0.5, what);
                assertEquals(2.0 * t, thick, 0.5, what);
                assertEquals(1.5 * t, thick5, 0.5, what);
                assertTrue(thin < thin4 && thin4 < t && t < thick5 && thick5 < thick, what);
            }
        }
    }

    @Test
    void intensityChangeOfKnownValues() {
        IntensityTransform f = new IntensityTransform(0.6, 0.8, 0.1);
        float[] out = f.apply(new float[] {0f, 1f, 0.5f, -0.2f, 1.3f});
        assertEquals(0.1f, out[0], 1e-7);
        assertEquals(0.9f, out[1], 1e-7);
        assertEquals(0.1 + 0.8 * Math.pow(0.5, 0.6), out[2], 1e-7); // 0.627798
        assertEquals(0.1f, out[3], 1e-7, "clamped to 0 first");
        assertEquals(0.9f, out[4], 1e-7, "clamped to 1 first");
    }

    @Test
    void blankImageHasNoThicknessAndStaysBlank() {
        StrokeMorphology m = StrokeMorphology.of(new float[N * N], N, N);
        assertEquals(0.0, m.meanThickness());
        assertEquals(0f, max(m.thin(0.7)));
        assertEquals(0f, max(m.thicken(1.0)));
    }

    @Test
    void outputsStayInTheImageRange() {
        float[] img = seven(2.5);
        StrokeMorphology m = StrokeMorphology.of(img, N, N);
        for (float[] out : new float[][] {m.thin(0.7), m.thicken(1.0)}) {
            for (float v : out) {
                assertTrue(v >= 0f && v <= max(img) + 1e-6f, "value " + v);
            }
        }
        assertEquals(max(img), max(m.thicken(1.0)), 1e-6f, "thickened strokes reach the image maximum");
    }

    static float max(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
