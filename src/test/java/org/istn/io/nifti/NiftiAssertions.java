package org.istn.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** Comparisons shared by the NIfTI tests: shape first, then values with a stated tolerance. */
final class NiftiAssertions {

    private NiftiAssertions() {}

    /** Bit-identical float32 arrays (tolerance 0; -0.0 and 0.0 differ, all NaNs are one). */
    static void assertSameFloats(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of voxels");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": voxel " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (tolerance 0)");
            }
        }
    }

    /** 4x4 matrices equal within {@code tol} per entry. */
    static void assertMatrix(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(4, actual.length, what + ": rows");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], actual[i], tol, what + ": row " + i + " of "
                    + Arrays.deepToString(actual) + " vs " + Arrays.deepToString(expected));
        }
    }
}
