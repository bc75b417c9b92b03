package org.istn.nn.warp;

/** {@link SamplerKernel} on {@code float[]}; sums and weights are computed in double precision. */
final class FloatKernel implements SamplerKernel<float[]> {
    static final FloatKernel INSTANCE = new FloatKernel();

    private FloatKernel() {}

    /** 8 times the rounding of a float32 coordinate (2^-25 · size voxels). */
    @Override
    public double snap() {
        return 0x1p-22;
    }

    @Override
    public float[] allocate(int length) {
        return new float[length];
    }

    @Override
    public int length(float[] array) {
        return array.length;
    }

    @Override
    public void forward(float[] input, float[] grid, float[] output, SamplingGeometry g, int n,
            int p0, int p1, Corners k) {
        final int channels = g.channels;
        final int inVolume = g.inVolume;
        final int points = g.outPoints;
        final int dims = g.dims;
        final int inBase = n * channels * inVolume;
        final int outBase = n * channels * points;
        final int[] offset = k.offset;
        final double[] weight = k.weight;
        int gi = (n * points + p0) * dims;
        for (int p = p0; p < p1; p++, gi += dims) {
            if (dims == 2) {
                k.locate(grid[gi], grid[gi + 1]);
            } else {
                k.locate(grid[gi], grid[gi + 1], grid[gi + 2]);
            }
            final int count = k.count;
            for (int c = 0; c < channels; c++) {
                final int ib = inBase + c * inVolume;
                double sum = 0;
                for (int j = 0; j < count; j++) {
                    sum += weight[j] * input[ib + offset[j]];
                }
                output[outBase + c * points + p] = (float) sum;
            }
        }
    }

    @Override
    public void backward(float[] input, float[] grid, float[] gradOutput, float[] gradInput,
            int gradInputOffset, float[] gradGrid, SamplingGeometry g, int n, int p0, int p1,
            Corners k) {
        final int channels = g.channels;
        final int inVolume = g.inVolume;
        final int points = g.outPoints;
        final int dims = g.dims;
        final int inBase = n * channels * inVolume;
        final int outBase = n * channels * points;
        final int[] offset = k.offset;
        final double[] weight = k.weight;
        final double[] dx = k.dx;
        final double[] dy = k.dy;
        final double[] dz = k.dz;
        int gi = (n * points + p0) * dims;
        for (int p = p0; p < p1; p++, gi += dims) {
            if (dims == 2) {
                k.locate(grid[gi], grid[gi + 1]);
            } else {
                k.locate(grid[gi], grid[gi + 1], grid[gi + 2]);
            }
            final int count = k.count;
            double gx = 0;
            double gy = 0;
            double gz = 0;
            for (int c = 0; c < channels; c++) {
                final double go = gradOutput[outBase + c * points + p];
                final int ib = inBase + c * inVolume;
                final int tb = gradInputOffset + c * inVolume;
                double sx = 0;
                double sy = 0;
                double sz = 0;
                for (int j = 0; j < count; j++) {
                    final double v = input[ib + offset[j]];
                    sx += dx[j] * v;
                    sy += dy[j] * v;
                    sz += dz[j] * v;
                    gradInput[tb + offset[j]] += (float) (weight[j] * go);
                }
                gx += sx * go;
                gy += sy * go;
                gz += sz * go;
            }
            gradGrid[gi] = (float) gx;
            gradGrid[gi + 1] = (float) gy;
            if (dims == 3) {
                gradGrid[gi + 2] = (float) gz;
            }
        }
    }

    @Override
    public void addInto(float[] target, int targetOffset, float[] source, int from, int to) {
        for (int i = from; i < to; i++) {
            target[targetOffset + i] += source[i];
        }
    }
}
