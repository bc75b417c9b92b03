package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void sameShapeIsAnExactCopy() {
        Random rnd = new Random(1);
        float[] d = new float[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        float[] out = Resampler.resample(d, new int[] {3, 4, 5}, new int[] {3, 4, 5});
        assertNotSame(d, out);
        assertArrayEquals(d, out, 0f);
    }

    /** Linear interpolation reproduces a linear function wherever no clamping happens. */
    @Test
    void linearFunctionsAreReproducedInTheInterior() {
        int[] in = {7, 6, 5};
        int[] out = {13, 4, 9};
        float[] d = new float[7 * 6 * 5];
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 7; x++) {
                    d[(z * 6 + y) * 7 + x] = (float) f(x, y, z);
                }
            }
        }
        float[] r = Resampler.resample(d, in, out);
        assertEquals(13 * 4 * 9, r.length);
        for (int z = 0; z < 9; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 13; x++) {
                    double px = clamp((x + 0.5) * 7 / 13 - 0.5, 6);
                    double py = clamp((y + 0.5) * 6 / 4 - 0.5, 5);
                    double pz = clamp((z + 0.5) * 5 / 9 - 0.5, 4);
                    assertEquals(f(px, py, pz), r[(z * 4 + y) * 13 + x], 1e-4, "at " + x + "," + y + "," + z);
                }
            }
        }
    }

    /** PyTorch F.interpolate(align_corners=False) vectors, from src/test/python/make_resample_golden.py. */
    @Test
    void matchesPyTorchInterpolate() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/golden/resample.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            int[] shape = ints(c.get("shape"));
            int[] target = ints(c.get("target"));
            float[] in = floats(c.get("input"));
            float[] expected = floats(c.get("output"));
            float[] actual = Resampler.resample(in, shape, target);
            assertEquals(expected.length, actual.length, "length");
            assertArrayEquals(expected, actual, 1e-5f, "case " + n);
            n++;
        }
        assertEquals(4, n);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    @Test
    void downsamplingByTwoAveragesNeighbours() {
        // 4 -> 2 samples positions 0.5 and 2.5: the means of pairs
        float[] r = Resampler.resample(new float[] {1, 3, 5, 9, 2, 2, 2, 2}, new int[] {4, 2}, new int[] {2, 2});
        assertArrayEquals(new float[] {2, 7, 2, 2}, r, 1e-6f);
    }

    @Test
    void singletonAxesBroadcast() {
        float[] r = Resampler.resample(new float[] {5f}, new int[] {1, 1}, new int[] {3, 2});
        assertArrayEquals(new float[] {5, 5, 5, 5, 5, 5}, r, 0f);
    }

    private static double f(double x, double y, double z) {
        return 0.5 * x - 1.25 * y + 2 * z + 3;
    }

    private static double clamp(double p, int max) {
        return Math.max(0, Math.min(max, p));
    }
}
