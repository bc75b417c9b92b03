package org.istn.nn.warp;

import java.util.Arrays;

/** Shape checks shared by the samplers and grid builders; messages state found vs expected. */
final class WarpShapes {

    private WarpShapes() {}

    /** {@code [2, 3, 4]}. */
    static String format(long[] shape) {
        return Arrays.toString(shape);
    }

    /** The number of elements of {@code shape}, which must fit a Java array. */
    static int elementCount(long[] shape, String what) {
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(what + " shape " + format(shape)
                        + " has a dimension < 1; every dimension must be at least 1");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " shape " + format(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements, the most a Java array holds");
            }
        }
        return (int) n;
    }

    /** Fails unless {@code length} is the element count of {@code shape}. */
    static void checkLength(int length, long[] shape, String what) {
        int expected = elementCount(shape, what);
        if (length != expected) {
            throw new IllegalArgumentException(what + " has " + length + " elements, expected "
                    + expected + " for shape " + format(shape));
        }
    }

    /** Fails on a null array or shape, naming it. */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
