package org.istn.nn.warp;

import static org.istn.nn.warp.WarpAssertions.assertSameBits;
import static org.istn.nn.warp.WarpAssertions.assertShape;
import static org.istn.nn.warp.WarpAssertions.maxAbsError;
import static org.istn.nn.warp.WarpAssertions.toDouble;
import static org.istn.nn.warp.WarpAssertions.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The identity θ through {@link AffineGrid} and the {@link GridSampler} reproduces random images
 * (values in [-1, 1)): max abs error below {@value #FLOAT_TOL} in float32 and
 * {@value #DOUBLE_TOL} in double, for both conventions, 2D and 3D, even, odd and unit sizes.
 */
class IdentityGridTest {
    static final double FLOAT_TOL = 1e-6;
    static final double DOUBLE_TOL = 1e-12;

    @ParameterizedTest(name = "size {0} align_corners={1}")
    @CsvSource({
        "2 3 6 7, false", "2 3 6 7, true", "1 1 8 8, false", "1 1 8 8, true",
        "3 2 1 5, false", "3 2 1 5, true",
        "2 2 5 6 7, false", "2 2 5 6 7, true", "1 1 8 8 8, false", "1 1 8 8 8, true",
        "2 1 4 1 3, false", "2 1 4 1 3, true"
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
        float[] outF = sampler.forward(imageF, size, gridF, gridShape);
        double errF = maxAbsError(toDouble(imageF), toDouble(outF));
        assertTrue(errF < FLOAT_TOL, "float32 identity: max abs error " + errF);

        double[] gridD = AffineGrid.forward(IdentityGrid.thetaDouble((int) size[0], dims), size,
                alignCorners);
        double errD = maxAbsError(image, sampler.forward(image, size, gridD, gridShape));
        assertTrue(errD < DOUBLE_TOL, "double identity: max abs error " + errD);

        // the direct identity grid is the affine one, element for element
        assertSameBits(gridF, IdentityGrid.of(size, alignCorners), "identity grid vs affine_grid");
        assertArrayEquals(gridD, IdentityGrid.ofDouble(size, alignCorners), 0.0,
                "identity grid vs affine_grid (double)");
    }
}
