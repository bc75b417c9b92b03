package org.istn.nn;

import java.util.Arrays;

/** Shape rules shared by the networks, with messages that say what would fit. */
public final class Shapes {

    private Shapes() {}

    /** Size after a convolution with kernel k, stride s and padding p. */
    public static int convOut(int n, int k, int s, int p) {
        return (n + 2 * p - k) / s + 1;
    }

    /** Checks that every axis of {@code shape} is a positive multiple of {@code factor}. */
    public static void requireDivisible(String network, int[] shape, int factor, String why) {
        for (int s : shape) {
            if (s <= 0 || s % factor != 0) {
                int[] down = new int[shape.length];
                int[] up = new int[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    down[i] = Math.max(factor, shape[i] / factor * factor);
                    up[i] = (shape[i] + factor - 1) / factor * factor;
                }
                throw new IllegalArgumentException(network + " needs every axis of input_shape to be a multiple of "
                        + factor + " (" + why + "), found " + Arrays.toString(shape) + "; try "
                        + Arrays.toString(down) + " or " + Arrays.toString(up));
            }
        }
    }

    /** Checks 2 or 3 axes. */
    public static int dims(String network, int[] shape) {
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException(network + " is 2D or 3D, found input_shape " + Arrays.toString(shape));
        }
        return shape.length;
    }

    /** The image shape in graph order {@code [1, D, H, W]} / {@code [1, H, W]} from NIfTI order (x, y, z). */
    public static long[] graphShape(int[] inputShape, long batch, long channels) {
        long[] s = new long[inputShape.length + 2];
        s[0] = batch;
        s[1] = channels;
        for (int i = 0; i < inputShape.length; i++) {
            s[2 + i] = inputShape[inputShape.length - 1 - i];
        }
        return s;
    }
}
