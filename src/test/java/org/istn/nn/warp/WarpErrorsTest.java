package org.istn.nn.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every validation branch of the array API fails with its exact message. */
class WarpErrorsTest {
    private static final GridSampler SAMPLER = GridSampler.sequential(false);
    private static final long[] IN_2D = {2, 1, 5, 6};
    private static final long[] GRID_2D = {2, 4, 7, 2};

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void inputOfWrongRank() {
        assertMessage("grid_sample input must have rank 4 [N, C, H, W] or 5 [N, C, D, H, W], found "
                + "rank 3 with shape [2, 3, 4]",
                () -> GridSampler.outputShape(new long[] {2, 3, 4}, GRID_2D));
    }

    @Test
    void gridWithWrongCoordinateCount() {
        assertMessage("grid_sample grid shape [2, 4, 7, 3] does not match input shape [2, 1, 5, 6]: "
                + "expected [2, Hout, Wout, 2]",
                () -> GridSampler.outputShape(IN_2D, new long[] {2, 4, 7, 3}));
    }

    @Test
    void gridWithOtherBatch() {
        assertMessage("grid_sample grid shape [3, 4, 7, 2] does not match input shape [2, 1, 5, 6]: "
                + "expected [2, Hout, Wout, 2]",
                () -> GridSampler.outputShape(IN_2D, new long[] {3, 4, 7, 2}));
    }

    @Test
    void gridOfWrongRankFor3d() {
        assertMessage("grid_sample grid shape [2, 4, 5, 3] does not match input shape "
                + "[2, 1, 4, 5, 6]: expected [2, Dout, Hout, Wout, 3]",
                () -> GridSampler.outputShape(new long[] {2, 1, 4, 5, 6}, new long[] {2, 4, 5, 3}));
    }

    @Test
    void emptyDimension() {
        assertMessage("grid_sample input shape [2, 0, 5, 6] has a dimension < 1; every dimension "
                + "must be at least 1",
                () -> GridSampler.outputShape(new long[] {2, 0, 5, 6}, GRID_2D));
    }

    @Test
    void tooManyElements() {
        assertMessage("grid_sample input shape [1, 1, 2048, 2048, 1024] has more than 2147483647 "
                + "elements, the most a Java array holds",
                () -> GridSampler.outputShape(new long[] {1, 1, 2048, 2048, 1024},
                        new long[] {1, 2, 2, 2, 3}));
    }

    @Test
    void inputDataOfWrongLength() {
        assertMessage("grid_sample input has 59 elements, expected 60 for shape [2, 1, 5, 6]",
                () -> SAMPLER.forward(new float[59], IN_2D, new float[112], GRID_2D));
    }

    @Test
    void gridDataOfWrongLength() {
        assertMessage("grid_sample grid has 111 elements, expected 112 for shape [2, 4, 7, 2]",
                () -> SAMPLER.forward(new double[60], IN_2D, new double[111], GRID_2D));
    }

    @Test
    void outputGradientOfWrongLength() {
        assertMessage("grid_sample output gradient has 10 elements, expected 56 for shape "
                + "[2, 1, 4, 7]",
                () -> SAMPLER.backward(new float[60], IN_2D, new float[112], GRID_2D,
                        new float[10]));
    }

    @Test
    void nullArrays() {
        assertMessage("grid_sample input must not be null",
                () -> SAMPLER.forward((float[]) null, IN_2D, new float[112], GRID_2D));
        assertMessage("grid_sample output gradient must not be null",
                () -> SAMPLER.backward(new float[60], IN_2D, new float[112], GRID_2D, null));
        assertMessage("grid_sample grid shape must not be null",
                () -> SAMPLER.forward(new float[60], IN_2D, new float[112], null));
    }

    @Test
    void affineSizeOfWrongRank() {
        assertMessage("affine_grid size must be [N, C, H, W] or [N, C, D, H, W], found [2, 5, 6]",
                () -> AffineGrid.forward(new float[12], new long[] {2, 5, 6}, false));
    }

    @Test
    void affineThetaOfWrongLength() {
        assertMessage("affine_grid theta has 5 elements, expected 6 for shape [1, 2, 3]",
                () -> AffineGrid.forward(new float[5], new long[] {1, 1, 4, 4}, true));
    }

    @Test
    void affineGridGradientOfWrongLength() {
        assertMessage("affine_grid grid gradient has 7 elements, expected 48 for shape "
                + "[1, 2, 2, 4, 3]",
                () -> AffineGrid.backward(new double[7], new long[] {1, 1, 2, 2, 4}, true));
    }

    @Test
    void identityThetaArguments() {
        assertMessage("identity theta needs 2 or 3 spatial dimensions, found 4",
                () -> IdentityGrid.theta(1, 4));
        assertMessage("identity theta needs a batch of at least 1, found 0",
                () -> IdentityGrid.theta(0, 2));
    }
}
