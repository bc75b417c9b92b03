package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertSameBits;
import static org.istn.nn.warp.WarpAssertions.assertShape;
import static org.istn.nn.warp.WarpAssertions.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The identity θ through {@link AffineGrid} and the {@link GridSampler} reproduces random images
 * (values in [-1, 1)) exactly, bit for bit, in float32 and in double (the brief's bar is a max abs
 * error below 1e-6), for both conventions, 2D and 3D, even, odd, unit and large sizes (without
 * snapping to voxel centres, 181 x 217 in float32 would be off by ~1e-5).
 */
class IdentityGridTest {

    @ParameterizedTest(name = "size {0} align_corners={1}")
    @CsvSource({
        "2 3 6 7, false", "2 3 6 7, true", "1 1 8 8, false", "1 1 8 8, true",
        "3 2 1 5, false", "3 2 1 5, true",
        "2 2 5 6 7, false", "2 2 5 6 7, true", "1 1 8 8 8, false", "1 1 8 8 8, true",
        "2 1 4 1 3, false", "2 1 4 1 3, true",
        "1 1 181 217, false", "1 1 181 217, true", "1 1 28 28, false", "1 1 28 28, true",
        "1 1 33 64 47, false", "1 1 33 64 47, true"
    })
    void identityThetaReproducesTheImage(String sizeText, boolean alignCorners) {
        long[] size = RandomTensors.shape(sizeText);
        int dims = size.length - 2;
        Random r = new Random(sizeText.hashCode() + (alignCorners ? 1 : 0));
        double[] image = RandomTensors.uniform(r, RandomTensors.count(size));
        float[] imageF = toFloat(image);
        GridSampler sampler = GridSampler.create(alignCorners);

        float[] gridF = AffineGrid.forward(IdentityGrid.theta((int) size[0], dims), size,
                alignCorners);
        long[] gridShape = AffineGrid.gridShape(size);
        assertShape(size, GridSampler.outputShape(size, gridShape), "identity output");
        assertSameBits(imageF, sampler.forward(imageF, size, gridF, gridShape), "float32 identity");

        double[] gridD = AffineGrid.forward(IdentityGrid.thetaDouble((int) size[0], dims), size,
                alignCorners);
        assertArrayEquals(image, sampler.forward(image, size, gridD, gridShape), 0.0,
                "double identity");

        // the direct identity grid is the affine one, element for element
        assertSameBits(gridF, IdentityGrid.of(size, alignCorners), "identity grid vs affine_grid");
        assertArrayEquals(gridD, IdentityGrid.ofDouble(size, alignCorners), 0.0,
                "identity grid vs affine_grid (double)");
    }
}
