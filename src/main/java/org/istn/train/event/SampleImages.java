package org.istn.train.event;

import java.util.Objects;

/**
 * One validation subject through a transformer: the input, the ITN's output and the STN's
 * output, each one image in NIfTI axis order (x fastest) with {@code shape} (2 or 3 entries).
 * Stages that are absent (no ITN, no STN) repeat the previous stage.
 *
 * @param id subject id
 * @param direction e.g. {@code A2B} or {@code B2A}
 * @param shape image shape, x first
 * @param input the image fed to the ISTN
 * @param afterItn the ITN's output
 * @param afterStn the final output (after the STN)
 */
public record SampleImages(String id, String direction, int[] shape, float[] input, float[] afterItn,
        float[] afterStn) {

    public SampleImages {
        Objects.requireNonNull(id, "id");
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (input.length != n || afterItn.length != n || afterStn.length != n) {
            throw new IllegalArgumentException("sample " + id + ": image lengths do not match shape");
        }
    }
}
