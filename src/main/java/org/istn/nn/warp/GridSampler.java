package org.istn.nn.warp;

import java.util.concurrent.ForkJoinPool;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bilinear (2D) and trilinear (3D) grid sampling with zero padding, and its backward: PyTorch's
 * {@code grid_sample(input, grid, mode='bilinear', padding_mode='zeros', align_corners=…)}.
 *
 * <p>Layouts are C order: input {@code [N, C, H, W]} / {@code [N, C, D, H, W]}, grid
 * {@code [N, Hout, Wout, 2]} / {@code [N, Dout, Hout, Wout, 3]} holding normalised
 * {@code (x, y[, z])} (x along W, z along D), output {@code [N, C, Hout, Wout]} /
 * {@code [N, C, Dout, Hout, Wout]}. Points outside the image read zeros. Coordinates, weights and
 * sums are computed in double precision for float32 data too.
 *
 * <p>One deliberate difference from PyTorch: a coordinate within {@code size · 2^-22} voxels
 * ({@code size · 2^-48} for double data) of a voxel centre is read at that centre. That is the
 * rounding error of a float32 grid coordinate (times 8), so identity grids and whole-voxel shifts
 * reproduce voxels exactly instead of blending in up to ~1e-5 of a neighbour; anywhere else the
 * results are PyTorch's.
 *
 * <p>Work is split into tasks of consecutive output points of one image. The split depends only
 * on the shapes, never on the number of threads, and the input gradient of an image is the sum,
 * in task order, of per-task partial gradients; so results are bit-identical from run to run and
 * between a sequential and a parallel sampler. The partial buffers cost at most
 * {@value #MAX_PARTIAL_ELEMENTS} extra elements per call.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GridSampler {
    /** Target number of forward tasks per call (enough to balance 16 threads). */
    static final int FORWARD_TASKS = 64;
    /** Target number of backward tasks per call. */
    static final int BACKWARD_TASKS = 16;
    /** Bound on the elements of the extra input-gradient buffers of one backward call. */
    static final int MAX_PARTIAL_ELEMENTS = 1 << 24;
    /** Elements per task when summing partial input gradients. */
    private static final int REDUCE_CHUNK = 1 << 16;

    private final boolean alignCorners;
    private final TaskRunner runner;

    private GridSampler(boolean alignCorners, ForkJoinPool pool) {
        this.alignCorners = alignCorners;
        this.runner = new TaskRunner(pool);
    }

    /** A sampler that runs on the common fork-join pool (and the calling thread). */
    public static GridSampler create(boolean alignCorners) {
        return new GridSampler(alignCorners, ForkJoinPool.commonPool());
    }

    /** A sampler that runs on {@code pool}. */
    public static GridSampler withPool(boolean alignCorners, ForkJoinPool pool) {
        return new GridSampler(alignCorners, WarpShapes.notNull(pool, "fork-join pool"));
    }

    /** A sampler that runs in the calling thread only; its results equal the parallel ones. */
    public static GridSampler sequential(boolean alignCorners) {
        return new GridSampler(alignCorners, null);
    }

    /** True when ±1 are the centres of the corner voxels, false when they are their outer edges. */
    public boolean alignCorners() {
        return alignCorners;
    }

    /**
     * The output shape {@code [N, C, Hout, Wout]} or {@code [N, C, Dout, Hout, Wout]} for an input
     * and grid shape; fails with found and expected shapes when they do not fit together.
     */
    public static long[] outputShape(long[] inputShape, long[] gridShape) {
        return SamplingGeometry.of(inputShape, gridShape).outputShape();
    }

    /** Samples {@code input} at {@code grid}; returns the output in C order. */
    public float[] forward(float[] input, long[] inputShape, float[] grid, long[] gridShape) {
        return forward(FloatKernel.INSTANCE, input, inputShape, grid, gridShape);
    }

    /** Double-precision {@link #forward(float[], long[], float[], long[])}. */
    public double[] forward(double[] input, long[] inputShape, double[] grid, long[] gridShape) {
        return forward(DoubleKernel.INSTANCE, input, inputShape, grid, gridShape);
    }

    /**
     * Gradients with respect to {@code input} and {@code grid} of a loss whose gradient with
     * respect to the sampled output is {@code gradOutput} (shaped like the output).
     */
    public SamplerGradients<float[]> backward(float[] input, long[] inputShape, float[] grid,
            long[] gridShape, float[] gradOutput) {
        return backward(FloatKernel.INSTANCE, input, inputShape, grid, gridShape, gradOutput);
    }

    /** Double-precision {@link #backward(float[], long[], float[], long[], float[])}. */
    public SamplerGradients<double[]> backward(double[] input, long[] inputShape, double[] grid,
            long[] gridShape, double[] gradOutput) {
        return backward(DoubleKernel.INSTANCE, input, inputShape, grid, gridShape, gradOutput);
    }

    /**
     * {@code INDArray} form of {@link #forward(float[], long[], float[], long[])}: FLOAT or DOUBLE
     * arrays in any order; the output has their data type and C order.
     */
    public INDArray forward(INDArray input, INDArray grid) {
        return Nd4jArrays.sample(this, input, grid);
    }

    /** {@code INDArray} form of {@link #backward(float[], long[], float[], long[], float[])}. */
    public SamplerGradients<INDArray> backward(INDArray input, INDArray grid, INDArray gradOutput) {
        return Nd4jArrays.sampleBackward(this, input, grid, gradOutput);
    }

    private <A> A forward(SamplerKernel<A> kernel, A input, long[] inputShape, A grid,
            long[] gridShape) {
        SamplingGeometry g = checked(kernel, input, inputShape, grid, gridShape);
        A output = kernel.allocate(g.outputLength());
        int slabs = slabs(g.batch, g.outPoints, FORWARD_TASKS, Integer.MAX_VALUE);
        runner.run(g.batch * slabs, work(g), t -> {
            int n = t / slabs;
            int s = t % slabs;
            kernel.forward(input, grid, output, g, n, start(s, slabs, g.outPoints),
                    start(s + 1, slabs, g.outPoints), new Corners(g, alignCorners, kernel.snap()));
        });
        return output;
    }

    private <A> SamplerGradients<A> backward(SamplerKernel<A> kernel, A input, long[] inputShape,
            A grid, long[] gridShape, A gradOutput) {
        SamplingGeometry g = checked(kernel, input, inputShape, grid, gridShape);
        WarpShapes.notNull(gradOutput, "grid_sample output gradient");
        WarpShapes.checkLength(kernel.length(gradOutput), g.outputShape(),
                "grid_sample output gradient");
        int imageLength = g.channels * g.inVolume;
        A gradInput = kernel.allocate(g.inputLength());
        A gradGrid = kernel.allocate(g.gridLength());
        int slabs = slabs(g.batch, g.outPoints, BACKWARD_TASKS,
                1 + MAX_PARTIAL_ELEMENTS / (g.batch * imageLength));
        // slab 0 of image n accumulates straight into gradInput, slab s > 0 into partials[n][s-1]
        Object[][] partials = new Object[g.batch][slabs - 1];
        runner.run(g.batch * slabs, work(g), t -> {
            int n = t / slabs;
            int s = t % slabs;
            A target = gradInput;
            int offset = n * imageLength;
            if (s > 0) {
                target = kernel.allocate(imageLength);
                offset = 0;
                partials[n][s - 1] = target;
            }
            kernel.backward(input, grid, gradOutput, target, offset, gradGrid, g, n,
                    start(s, slabs, g.outPoints), start(s + 1, slabs, g.outPoints),
                    new Corners(g, alignCorners, kernel.snap()));
        });
        if (slabs > 1) {
            int chunks = (imageLength + REDUCE_CHUNK - 1) / REDUCE_CHUNK;
            runner.run(g.batch * chunks, (long) g.inputLength() * slabs, t -> {
                int n = t / chunks;
                int from = (t % chunks) * REDUCE_CHUNK;
                int to = Math.min(imageLength, from + REDUCE_CHUNK);
                for (Object partial : partials[n]) {
                    @SuppressWarnings("unchecked")
                    A p = (A) partial;
                    kernel.addInto(gradInput, n * imageLength, p, from, to);
                }
            });
        }
        return new SamplerGradients<>(gradInput, gradGrid);
    }

    private static <A> SamplingGeometry checked(SamplerKernel<A> kernel, A input, long[] inputShape,
            A grid, long[] gridShape) {
        SamplingGeometry g = SamplingGeometry.of(inputShape, gridShape);
        WarpShapes.notNull(input, "grid_sample input");
        WarpShapes.notNull(grid, "grid_sample grid");
        WarpShapes.checkLength(kernel.length(input), inputShape, "grid_sample input");
        WarpShapes.checkLength(kernel.length(grid), gridShape, "grid_sample grid");
        return g;
    }

    /** Tasks per image: about {@code target} tasks in all, at most one per point, at most {@code cap}. */
    static int slabs(int batch, int points, int target, int cap) {
        int perImage = (target + batch - 1) / batch;
        return Math.max(1, Math.min(Math.min(perImage, points), cap));
    }

    /** Elements read and written per call, roughly: output values plus grid coordinates. */
    private static long work(SamplingGeometry g) {
        return (long) g.outputLength() + g.gridLength();
    }

    /** First point of slab {@code s} of {@code slabs}. */
    private static int start(int s, int slabs, int points) {
        return (int) ((long) s * points / slabs);
    }
}
