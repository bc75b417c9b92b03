package org.istn.io.png;

import java.util.Arrays;
import java.util.Objects;

/**
 * A 2D float image in NIfTI order: pixel (x, y) is {@code pixels[x + width · y]}. The array is
 * held, not copied.
 *
 * @param width size along x
 * @param height size along y
 * @param pixels {@code width · height} values
 */
public record FloatImage(int width, int height, float[] pixels) {

    public FloatImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, found " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " needs " + (long) width * height
                    + " values, found " + pixels.length);
        }
    }

    /**
     * The image itself (2 dimensions) or its central axial slice (3 dimensions: z = depth / 2,
     * rounded down), copied.
     *
     * @param shape 2 or 3 sizes, x first
     * @param data the values, x fastest
     */
    public static FloatImage centralSlice(int[] shape, float[] data) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException("image shape " + Arrays.toString(shape)
                    + " has " + shape.length + " dimensions; expected 2 or 3");
        }
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (data.length != n) {
            throw new IllegalArgumentException("image of shape " + Arrays.toString(shape) + " needs " + n
                    + " values, found " + data.length);
        }
        int plane = shape[0] * shape[1];
        int z = shape.length == 3 ? shape[2] / 2 : 0;
        return new FloatImage(shape[0], shape[1], Arrays.copyOfRange(data, z * plane, (z + 1) * plane));
    }

    /** @return the value at (x, y) */
    public float get(int x, int y) {
        return pixels[x + width * y];
    }

    /** @return this − other, pixel by pixel */
    public FloatImage minus(FloatImage other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot subtract a " + other.width + "x" + other.height
                    + " image from a " + width + "x" + height + " image");
        }
        float[] d = new float[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pixels[i] - other.pixels[i];
        }
        return new FloatImage(width, height, d);
    }
}
