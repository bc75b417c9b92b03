package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Euclidean distance transform equals a brute-force search, exactly, on random images. */
class MorphoDistanceTransformTest {

    /** Distance from each pixel to the nearest pixel whose value is {@code target}, by trying all. */
    static double[] bruteForce(boolean[] m, int w, int h, boolean target) {
        double[] d = new double[w * h];
        for (int p = 0; p < d.length; p++) {
            long best = Long.MAX_VALUE;
            for (int q = 0; q < d.length; q++) {
                if (m[q] == target) {
                    long dx = p % w - q % w;
                    long dy = p / w - q / w;
                    best = Math.min(best, dx * dx + dy * dy);
                }
            }
            d[p] = best == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : Math.sqrt(best);
        }
        return d;
    }

    @Test
    void matchesBruteForceExactlyOnRandomImages() {
        SplittableRandom rng = new SplittableRandom(7);
        int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {5, 7}, {16, 16}, {23, 11}, {40, 37}};
        double[] densities = {0.02, 0.3, 0.7, 0.97};
        int cases = 0;
        for (int[] s : sizes) {
            for (double p : densities) {
                for (int rep = 0; rep < 3; rep++) {
                    boolean[] m = new boolean[s[0] * s[1]];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = rng.nextDouble() < p;
                    }
                    String what = s[0] + "x" + s[1] + " density " + p + " rep " + rep;
                    assertEquals(Arrays.toString(bruteForce(m, s[0], s[1], false)),
                            Arrays.toString(DistanceTransform.toBackground(m, s[0], s[1])), what);
                    assertEquals(Arrays.toString(bruteForce(m, s[0], s[1], true)),
                            Arrays.toString(DistanceTransform.toForeground(m, s[0], s[1])), what);
                    cases++;
                }
            }
        }
        assertEquals(84, cases);
    }

    @Test
    void uniformImages() {
        boolean[] all = new boolean[12];
        Arrays.fill(all, true);
        for (double v : DistanceTransform.toBackground(all, 4, 3)) {
            assertEquals(Double.POSITIVE_INFINITY, v, "no background pixel at all");
        }
        for (double v : DistanceTransform.toForeground(all, 4, 3)) {
            assertEquals(0.0, v);
        }
    }

    @Test
    void knownValues() {
        // a single background pixel in the corner of a 4×3 image of foreground
        boolean[] m = new boolean[12];
        Arrays.fill(m, true);
        m[0] = false;
        double[] d = DistanceTransform.toBackground(m, 4, 3);
        assertEquals(0.0, d[0]);
        assertEquals(3.0, d[3]);
        assertEquals(Math.sqrt(13), d[11]); // (3, 2)
        assertEquals(Math.sqrt(5), d[6]); // (2, 1)
    }
}
