package org.istn.data;

import java.io.Serializable;
import java.util.Arrays;
import org.istn.config.Normalizer;
import org.istn.io.nifti.NiftiVolume;

/**
 * Turns a decoded volume into a {@link Sample}: checks that its dimensionality fits
 * {@code input_shape}, resamples it linearly to {@code input_shape} and normalises intensities.
 * Runs on executors; holds only plain values.
 */
public final class Preprocessor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] inputShape;
    private final Normalizer normalizer;

    public Preprocessor(int[] inputShape, Normalizer normalizer) {
        if (inputShape.length < 2 || inputShape.length > 3) {
            throw new IllegalArgumentException("input_shape must have 2 or 3 entries, found "
                    + Arrays.toString(inputShape));
        }
        this.inputShape = inputShape.clone();
        this.normalizer = normalizer;
    }

    /** The spatial shape every sample has after preprocessing. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /**
     * @return the preprocessed sample
     * @throws IllegalArgumentException when the volume's dimensionality does not fit (message
     *     says found and expected, without location: the caller adds it)
     */
    public Sample apply(String id, int line, NiftiVolume volume, float label) {
        int[] shape = effectiveShape(volume.shape());
        if (shape.length != inputShape.length) {
            throw new IllegalArgumentException("image is " + shape.length + "D ("
                    + join(volume.shape()) + ") but input_shape " + Arrays.toString(inputShape)
                    + " is " + inputShape.length + "D");
        }
        float[] data = Resampler.resample(volume.data(), shape, inputShape);
        Normalization.apply(normalizer, data);
        return new Sample(id, line, inputShape.clone(), data, label);
    }

    /** Drops trailing singleton axes beyond the second (a 28x28x1 image is 2D). */
    static int[] effectiveShape(int[] shape) {
        int rank = shape.length;
        while (rank > 2 && shape[rank - 1] == 1) {
            rank--;
        }
        return Arrays.copyOf(shape, rank);
    }

    private static String join(int[] shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return b.toString();
    }
}
