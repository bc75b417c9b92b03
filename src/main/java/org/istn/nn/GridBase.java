package org.istn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Normalised voxel-centre coordinates of an image grid with {@code align_corners = false} (the
 * convention of every grid in this project): voxel {@code i} of {@code n} sits at
 * {@code (2i + 1) / n - 1}.
 */
public final class GridBase {

    private GridBase() {}

    public static double centre(int i, int n) {
        return (2.0 * i + 1.0) / n - 1.0;
    }

    /**
     * Homogeneous coordinates {@code [P, dims + 1]} of every voxel in C order of the spatial
     * shape (graph order {@code (D,) H, W}); columns (x, y[, z], 1) with x along W.
     */
    public static INDArray homogeneous(long[] spatial, DataType dtype) {
        int dims = spatial.length;
        int nx = (int) spatial[dims - 1];
        int ny = (int) spatial[dims - 2];
        int nz = dims == 3 ? (int) spatial[0] : 1;
        double[] c = new double[nx * ny * nz * (dims + 1)];
        int k = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    c[k++] = centre(x, nx);
                    c[k++] = centre(y, ny);
                    if (dims == 3) {
                        c[k++] = centre(z, nz);
                    }
                    c[k++] = 1.0;
                }
            }
        }
        return Nd4j.create(c, new long[] {(long) nx * ny * nz, dims + 1}, DataType.DOUBLE).castTo(dtype);
    }
}
