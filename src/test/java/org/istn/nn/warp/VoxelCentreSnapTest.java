package org.istn.nn.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Coordinates within {@code size · 2^-22} voxels (float32; {@code 2^-48} in double) of a voxel
 * centre are read at that centre; farther ones interpolate as in PyTorch. Image: one row of 8
 * voxels with values 0, 10, 20, …, so the output is 10 × the voxel coordinate read.
 */
class VoxelCentreSnapTest {
    private static final long[] IN = {1, 1, 1, 8};
    private static final long[] GRID = {1, 1, 2, 2};
    private static final double SNAP_F = 8 * 0x1p-22;

    private static double[] ramp() {
        double[] v = new double[8];
        for (int i = 0; i < 8; i++) {
            v[i] = 10 * i;
        }
        return v;
    }

    /** Normalised x of voxel coordinate {@code ix} (align_corners=true: -1 + 2 ix / 7). */
    private static double x(double ix) {
        return -1 + 2 * ix / 7;
    }

    @Test
    void floatCoordinatesNextToACentreReadTheCentre() {
        float[] grid = {(float) x(3 + 0.5 * SNAP_F), 0f, (float) x(3 + 4 * SNAP_F), 0f};
        float[] out = GridSampler.create(true).forward(WarpAssertions.toFloat(ramp()), IN, grid,
                GRID);
        assertEquals(30f, out[0], 0f, "within the snapping distance: the centre exactly");
        // beyond it: PyTorch's interpolation, 10 * (3 + 4 * SNAP_F) up to float32 rounding
        assertEquals(10 * (3 + 4 * SNAP_F), out[1], 2e-6, "beyond the snapping distance");
        assertTrue(out[1] > 30f, "beyond the snapping distance: not snapped");
    }

    @Test
    void doubleCoordinatesSnapOnlyAtRoundingLevel() {
        double[] grid = {x(3) + 1e-16, 0, x(3 + 1e-9), 0};
        double[] out = GridSampler.create(true).forward(ramp(), IN, grid, GRID);
        assertArrayEquals(new double[] {30, 30 + 1e-8}, out, 1e-12);
        assertEquals(30.0, out[0], 0.0, "rounding-level offset: the centre exactly");
    }

    @Test
    void gradientToTheGridAtACentreIsThatOfTheCellAbove() {
        // at voxel 3 exactly, PyTorch's d(out)/d(ix) is v[4] - v[3] = 10, i.e. 10 * 7/2 per unit x
        float[] grid = {(float) x(3), 0f, (float) x(7), 0f};
        SamplerGradients<float[]> g = GridSampler.create(true).backward(
                WarpAssertions.toFloat(ramp()), IN, grid, GRID, new float[] {1f, 1f});
        assertEquals(35f, g.grid()[0], 1e-5f, "interior centre");
        // at the last voxel the cell above is padding (0): (0 - 70) * 7/2
        assertEquals(-245f, g.grid()[2], 1e-4f, "last centre");
    }
}
