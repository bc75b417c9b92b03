package org.istn.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One preprocessed image with its label, ready for a network.
 *
 * <p>{@code shape} is the spatial size in NIfTI axis order (x, y[, z]) and {@code image} holds
 * the voxels with x fastest, which is exactly a C-order array of shape [z, y, x] (or [y, x]):
 * the layout ND4J's [N, C, D, H, W] convolutions expect per channel.
 *
 * @param id the subject id from the manifest
 * @param line the manifest line it came from (for messages)
 * @param shape spatial size (x, y[, z])
 * @param image voxels, x fastest
 * @param label the label, or NaN when the manifest has none for this job
 */
public record Sample(String id, int line, int[] shape, float[] image, float label) implements Serializable {

    public Sample {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != image.length) {
            throw new IllegalArgumentException("sample " + id + ": shape " + Arrays.toString(shape)
                    + " needs " + n + " voxels, found " + image.length);
        }
    }

    public boolean hasLabel() {
        return !Float.isNaN(label);
    }

    /** A copy with other voxels of the same shape. */
    public Sample withImage(float[] newImage) {
        return new Sample(id, line, shape, newImage, label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && s.id.equals(id) && s.line == line && Arrays.equals(s.shape, shape)
                && Arrays.equals(s.image, image) && Float.compare(s.label, label) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return "Sample[" + id + ", line " + line + ", shape " + Arrays.toString(shape) + ", label " + label + "]";
    }
}
