package org.istn.nn.warp;

/**
 * Validated sizes of one grid-sampling call: batch, channels, input and output spatial sizes.
 * 2D calls have {@code inD = outD = 1} and {@code dims = 2}.
 */
final class SamplingGeometry {
    final int dims;
    final int batch;
    final int channels;
    final int inD;
    final int inH;
    final int inW;
    final int outD;
    final int outH;
    final int outW;
    /** Voxels in one channel of one input image. */
    final int inVolume;
    /** Output points per image (= grid points per image). */
    final int outPoints;
    private final long[] outputShape;

    private SamplingGeometry(long[] in, long[] grid) {
        dims = in.length - 2;
        batch = (int) in[0];
        channels = (int) in[1];
        inD = dims == 3 ? (int) in[2] : 1;
        inH = (int) in[in.length - 2];
        inW = (int) in[in.length - 1];
        outD = dims == 3 ? (int) grid[1] : 1;
        outH = (int) grid[grid.length - 3];
        outW = (int) grid[grid.length - 2];
        inVolume = inD * inH * inW;
        outPoints = outD * outH * outW;
        outputShape = new long[in.length];
        outputShape[0] = batch;
        outputShape[1] = channels;
        System.arraycopy(grid, 1, outputShape, 2, dims);
    }

    /**
     * Checks that {@code inputShape} is {@code [N, C, H, W]} or {@code [N, C, D, H, W]} and that
     * {@code gridShape} is the matching {@code [N, Hout, Wout, 2]} or
     * {@code [N, Dout, Hout, Wout, 3]}.
     */
    static SamplingGeometry of(long[] inputShape, long[] gridShape) {
        WarpShapes.notNull(inputShape, "grid_sample input shape");
        WarpShapes.notNull(gridShape, "grid_sample grid shape");
        int rank = inputShape.length;
        if (rank != 4 && rank != 5) {
            throw new IllegalArgumentException("grid_sample input must have rank 4 [N, C, H, W] or 5 "
                    + "[N, C, D, H, W], found rank " + rank + " with shape "
                    + WarpShapes.format(inputShape));
        }
        String expected = rank == 4 ? "[" + inputShape[0] + ", Hout, Wout, 2]"
                : "[" + inputShape[0] + ", Dout, Hout, Wout, 3]";
        if (gridShape.length != rank || gridShape[0] != inputShape[0]
                || gridShape[rank - 1] != rank - 2) {
            throw new IllegalArgumentException("grid_sample grid shape " + WarpShapes.format(gridShape)
                    + " does not match input shape " + WarpShapes.format(inputShape) + ": expected "
                    + expected);
        }
        WarpShapes.elementCount(inputShape, "grid_sample input");
        WarpShapes.elementCount(gridShape, "grid_sample grid");
        SamplingGeometry g = new SamplingGeometry(inputShape, gridShape);
        WarpShapes.elementCount(g.outputShape, "grid_sample output");
        return g;
    }

    /** {@code [N, C, Hout, Wout]} or {@code [N, C, Dout, Hout, Wout]}. */
    long[] outputShape() {
        return outputShape.clone();
    }

    int inputLength() {
        return batch * channels * inVolume;
    }

    int outputLength() {
        return batch * channels * outPoints;
    }

    int gridLength() {
        return batch * outPoints * dims;
    }
}
