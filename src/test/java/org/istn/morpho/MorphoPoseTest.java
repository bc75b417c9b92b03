package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pose change: identity exactly, rotations and scalings mapping known pixels. */
class MorphoPoseTest {

    static float[] random(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] img = new float[w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextDouble();
        }
        return img;
    }

    @Test
    void rotationZeroScaleOneIsTheIdentityExactly() {
        for (int[] s : new int[][] {{28, 28}, {7, 12}, {1, 1}}) {
            float[] img = random(s[0], s[1], 3);
            assertArrayEquals(img, new PoseTransform(0, 1).apply(img, s[0], s[1]));
        }
    }

    @Test
    void rotationByNinetyDegreesMovesAKnownPixel() {
        // centre (13.5, 13.5); input (x 20, y 10) is 6.5 right, 3.5 up; turned 90° counter-clockwise
        // as displayed it lands 3.5 left, 6.5 up: output (x 10, y 7)
        float[] img = new float[28 * 28];
        img[10 * 28 + 20] = 1f;
        float[] out = new PoseTransform(90, 1).apply(img, 28, 28);
        assertEquals(1f, out[7 * 28 + 10], 1e-6f);
        double rest = 0;
        for (int i = 0; i < out.length; i++) {
            rest += i == 7 * 28 + 10 ? 0 : Math.abs(out[i]);
        }
        assertEquals(0, rest, 1e-5);
        // the whole image: out(x, y) = in(w-1-y, x) for a square image
        float[] r = random(28, 28, 5);
        float[] o = new PoseTransform(90, 1).apply(r, 28, 28);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(r[x * 28 + (27 - y)], o[y * 28 + x], 1e-5f, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void scaleTwoDoublesDistancesFromTheCentreAndPadsWithZero() {
        // 29×29, centre (14, 14): input (16, 11) is (+2, −3) from it; scale 2 puts it at (18, 8)
        float[] r = random(29, 29, 9);
        float[] o = new PoseTransform(0, 2).apply(r, 29, 29);
        assertEquals(r[11 * 29 + 16], o[8 * 29 + 18], 1e-6f);
        // halfway between output pixels the input is sampled between two pixels: bilinear mean
        assertEquals((r[14 * 29 + 14] + r[14 * 29 + 15]) / 2, o[14 * 29 + 15], 1e-6f);
        // shrinking: the border of the output samples outside the input, zero padding
        float[] ones = new float[29 * 29];
        java.util.Arrays.fill(ones, 1f);
        float[] small = new PoseTransform(0, 0.5).apply(ones, 29, 29);
        assertEquals(0f, small[0]);
        assertEquals(1f, small[14 * 29 + 14]);
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("scale must be a finite number > 0, found 0.0",
                assertThrows(IllegalArgumentException.class, () -> new PoseTransform(10, 0)).getMessage());
        assertEquals("rotation must be a finite angle in degrees, found NaN",
                assertThrows(IllegalArgumentException.class, () -> new PoseTransform(Double.NaN, 1)).getMessage());
    }
}
