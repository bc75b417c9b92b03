package org.istn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-image statistics of a dense displacement field, for explainability outputs: the largest
 * displacement and the Jacobian determinant of the map {@code p ↦ p + u(p)} (in voxel units),
 * whose minimum and fraction of voxels ≤ 0 say whether the warp folds.
 *
 * <p>Input layout: {@code [N, (D,) H, W, dims]} with components (x, y[, z]) as fractions of the
 * image extent along their axis — the B-spline STN's {@code displacement} output. Derivatives are
 * central differences (one-sided at the borders).
 */
public final class WarpStatistics {

    private WarpStatistics() {}

    /** Statistics of one image's warp. */
    public record Stats(double maxDisplacement, double jacobianMin, double jacobianFractionNonPositive) {}

    public static Stats[] of(INDArray displacement) {
        long[] s = displacement.shape();
        int dims = (int) s[s.length - 1];
        if (s.length != dims + 2) {
            throw new IllegalArgumentException("displacement must be [N, (D,) H, W, dims], found "
                    + java.util.Arrays.toString(s));
        }
        int n = (int) s[0];
        int nz = dims == 3 ? (int) s[1] : 1;
        int ny = (int) s[s.length - 3];
        int nx = (int) s[s.length - 2];
        double[] u = displacement.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] extent = dims == 3 ? new int[] {nx, ny, nz} : new int[] {nx, ny};
        Stats[] out = new Stats[n];
        int per = nz * ny * nx * dims;
        for (int b = 0; b < n; b++) {
            int base = b * per;
            double maxAbs = 0;
            double minDet = Double.POSITIVE_INFINITY;
            long folded = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double[][] j = new double[dims][dims];
                        for (int c = 0; c < dims; c++) {
                            maxAbs = Math.max(maxAbs, Math.abs(u[base + ((z * ny + y) * nx + x) * dims + c]));
                            // d u_c / d axis a, in voxels per voxel
                            j[c][0] = diff(u, base, dims, c, nx, ny, x, y, z, 0, nx) * extent[c];
                            j[c][1] = diff(u, base, dims, c, nx, ny, x, y, z, 1, ny) * extent[c];
                            if (dims == 3) {
                                j[c][2] = diff(u, base, dims, c, nx, ny, x, y, z, 2, nz) * extent[c];
                            }
                            j[c][c] += 1.0;
                        }
                        double det = dims == 2 ? j[0][0] * j[1][1] - j[0][1] * j[1][0]
                                : j[0][0] * (j[1][1] * j[2][2] - j[1][2] * j[2][1])
                                        - j[0][1] * (j[1][0] * j[2][2] - j[1][2] * j[2][0])
                                        + j[0][2] * (j[1][0] * j[2][1] - j[1][1] * j[2][0]);
                        minDet = Math.min(minDet, det);
                        folded += det <= 0 ? 1 : 0;
                    }
                }
            }
            out[b] = new Stats(maxAbs, minDet, (double) folded / ((long) nz * ny * nx));
        }
        return out;
    }

    /** Central (one-sided at borders) difference of component c along axis a, per voxel. */
    private static double diff(double[] u, int base, int dims, int c, int nx, int ny, int x, int y, int z, int a,
            int len) {
        int[] p = {x, y, z};
        if (len == 1) {
            return 0;
        }
        int lo = Math.max(p[a] - 1, 0);
        int hi = Math.min(p[a] + 1, len - 1);
        int[] q = p.clone();
        q[a] = hi;
        double vh = u[base + ((q[2] * ny + q[1]) * nx + q[0]) * dims + c];
        q[a] = lo;
        double vl = u[base + ((q[2] * ny + q[1]) * nx + q[0]) * dims + c];
        return (vh - vl) / (hi - lo);
    }
}
