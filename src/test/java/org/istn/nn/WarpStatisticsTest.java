package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WarpStatisticsTest {

    @Test
    void identityHasUnitJacobian() {
        WarpStatistics.Stats s = WarpStatistics.of(Nd4j.zeros(DataType.FLOAT, 2, 5, 6, 7, 3))[1];
        assertEquals(0.0, s.maxDisplacement(), 0.0);
        assertEquals(1.0, s.jacobianMin(), 1e-12);
        assertEquals(0.0, s.jacobianFractionNonPositive(), 0.0);
    }

    /** u_x = a·x (in extent fractions) is a stretch with determinant 1 + a·nx per voxel step. */
    @Test
    void linearStretchAndFoldAreMeasured() {
        int nx = 10;
        int ny = 4;
        INDArray u = Nd4j.zeros(DataType.DOUBLE, 1, ny, nx, 2);
        double a = 0.02; // per voxel, as a fraction of the extent: 0.2 voxels per voxel
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                u.putScalar(new long[] {0, y, x, 0}, a * x);
            }
        }
        WarpStatistics.Stats s = WarpStatistics.of(u)[0];
        assertEquals(1 + a * nx, s.jacobianMin(), 1e-12);
        assertEquals(a * (nx - 1), s.maxDisplacement(), 1e-12);
        INDArray fold = u.mul(-10); // 1 - 2 < 0 everywhere
        WarpStatistics.Stats f = WarpStatistics.of(fold)[0];
        assertEquals(1 - 10 * a * nx, f.jacobianMin(), 1e-12);
        assertEquals(1.0, f.jacobianFractionNonPositive(), 0.0);
    }
}
