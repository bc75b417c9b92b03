package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertSameBits;
import static org.istn.nn.warp.WarpAssertions.toFloat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The multi-threaded backward is deterministic: bit-identical from run to run, on the common
 * pool and on a 3-thread pool, and bit-identical to the sequential sampler (the task split and
 * the order in which partial input gradients are summed depend only on the shapes). Grid points
 * crowd into the centre of the image so that many of them add into the same voxels, where a
 * different summation order would show.
 */
class GridSamplerDeterminismTest {
    private static ForkJoinPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ForkJoinPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Batches of 1 and 3 split each image into 16 and 6 tasks; a batch of 40 gives one per image. */
    @ParameterizedTest(name = "input {0} grid {1} align_corners={2}")
    @CsvSource({
        "1 2 24 24 24, 1 32 32 32 3, false",
        "3 2 64 64, 3 128 128 2, true",
        "40 1 32 32, 40 48 48 2, false"
    })
    void backwardIsBitIdenticalAcrossRunsAndThreadCounts(String in, String gr, boolean align) {
        long[] inShape = RandomTensors.shape(in);
        long[] gridShape = RandomTensors.shape(gr);
        Random r = new Random(5);
        float[] input = toFloat(RandomTensors.uniform(r, RandomTensors.count(inShape)));
        float[] grid = toFloat(RandomTensors.uniform(r, RandomTensors.count(gridShape)));
        for (int i = 0; i < grid.length; i++) {
            grid[i] *= 0.3f;
        }
        float[] upstream = toFloat(RandomTensors.uniform(r,
                RandomTensors.count(GridSampler.outputShape(inShape, gridShape))));
        assertTrue(upstream.length + grid.length >= TaskRunner.MIN_PARALLEL_WORK,
                "the case must be large enough to run in parallel");

        SamplerGradients<float[]> reference = GridSampler.sequential(align)
                .backward(input, inShape, grid, gridShape, upstream);
        GridSampler[] samplers = {GridSampler.create(align), GridSampler.withPool(align, pool)};
        for (GridSampler sampler : samplers) {
            for (int run = 0; run < 3; run++) {
                SamplerGradients<float[]> g = sampler.backward(input, inShape, grid, gridShape,
                        upstream);
                assertSameBits(reference.input(), g.input(), "gradient to input, run " + run);
                assertSameBits(reference.grid(), g.grid(), "gradient to grid, run " + run);
            }
            assertSameBits(GridSampler.sequential(align).forward(input, inShape, grid, gridShape),
                    sampler.forward(input, inShape, grid, gridShape), "output");
        }
    }
}
