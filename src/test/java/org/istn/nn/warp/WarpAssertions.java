package org.istn.nn.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons for the warp tests: length/shape first, then values with a stated tolerance. */
final class WarpAssertions {

    private WarpAssertions() {}

    /** Shapes equal. */
    static void assertShape(long[] expected, long[] actual, String what) {
        assertArrayEquals(expected, actual, what + ": shape");
    }

    /** {@code |expected[i] - actual[i]| <= tol} for all i. */
    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertClose(expected, a, tol, what);
    }

    /** {@code |expected[i] - actual[i]| <= tol} for all i. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tol) && (worst < 0 || err > worstErr || Double.isNaN(err))) {
                worst = i;
                worstErr = err;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " expected " + expected[worst] + " but was "
                    + actual[worst] + " (|error| " + worstErr + " > tolerance " + tol + ")");
        }
    }

    /** Largest {@code |expected[i] - actual[i]|}. */
    static double maxAbsError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "number of elements");
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            m = Math.max(m, Math.abs(expected[i] - actual[i]));
        }
        return m;
    }

    /** Bit-identical float arrays. */
    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (bit-identical expected)");
            }
        }
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
