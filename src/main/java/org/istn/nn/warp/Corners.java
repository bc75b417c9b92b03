package org.istn.nn.warp;

/**
 * Per-thread scratch: the in-bounds corners of the cell around one sample point, with their
 * bilinear/trilinear weights and the derivatives of those weights with respect to the
 * normalised grid coordinates. Corners outside the image are left out, which is zero padding:
 * they contribute nothing to the value and nothing to either gradient.
 *
 * <p>A NaN coordinate gives NaN weights on in-bounds corners, so NaN reaches the output rather
 * than being hidden as 0.
 */
final class Corners {
    /** Number of in-bounds corners held (0 to 4 in 2D, 0 to 8 in 3D). */
    int count;
    /** Offset of each corner inside one channel of one image ({@code (z*H + y)*W + x}). */
    final int[] offset = new int[8];
    final double[] weight = new double[8];
    /** d weight / d grid x (normalised units). */
    final double[] dx = new double[8];
    /** d weight / d grid y (normalised units). */
    final double[] dy = new double[8];
    /** d weight / d grid z (normalised units). */
    final double[] dz = new double[8];

    private final SamplingGeometry g;
    private final boolean alignCorners;
    private final double scaleX;
    private final double scaleY;
    private final double scaleZ;

    Corners(SamplingGeometry g, boolean alignCorners) {
        this.g = g;
        this.alignCorners = alignCorners;
        scaleX = GridCoordinates.scale(g.inW, alignCorners);
        scaleY = GridCoordinates.scale(g.inH, alignCorners);
        scaleZ = GridCoordinates.scale(g.inD, alignCorners);
    }

    /** Locates the 2D point with normalised coordinates (x, y). */
    void locate(double x, double y) {
        double ix = GridCoordinates.unnormalize(x, g.inW, alignCorners);
        double iy = GridCoordinates.unnormalize(y, g.inH, alignCorners);
        int x0 = (int) Math.floor(ix);
        int y0 = (int) Math.floor(iy);
        double tx = ix - x0;
        double ty = iy - y0;
        count = 0;
        for (int by = 0; by < 2; by++) {
            int yy = y0 + by;
            if (yy < 0 || yy >= g.inH) {
                continue;
            }
            double wy = by == 0 ? 1 - ty : ty;
            double sy = by == 0 ? -scaleY : scaleY;
            for (int bx = 0; bx < 2; bx++) {
                int xx = x0 + bx;
                if (xx < 0 || xx >= g.inW) {
                    continue;
                }
                double wx = bx == 0 ? 1 - tx : tx;
                double sx = bx == 0 ? -scaleX : scaleX;
                offset[count] = yy * g.inW + xx;
                weight[count] = wx * wy;
                dx[count] = sx * wy;
                dy[count] = wx * sy;
                dz[count] = 0;
                count++;
            }
        }
    }

    /** Locates the 3D point with normalised coordinates (x, y, z). */
    void locate(double x, double y, double z) {
        double ix = GridCoordinates.unnormalize(x, g.inW, alignCorners);
        double iy = GridCoordinates.unnormalize(y, g.inH, alignCorners);
        double iz = GridCoordinates.unnormalize(z, g.inD, alignCorners);
        int x0 = (int) Math.floor(ix);
        int y0 = (int) Math.floor(iy);
        int z0 = (int) Math.floor(iz);
        double tx = ix - x0;
        double ty = iy - y0;
        double tz = iz - z0;
        count = 0;
        for (int bz = 0; bz < 2; bz++) {
            int zz = z0 + bz;
            if (zz < 0 || zz >= g.inD) {
                continue;
            }
            double wz = bz == 0 ? 1 - tz : tz;
            double sz = bz == 0 ? -scaleZ : scaleZ;
            for (int by = 0; by < 2; by++) {
                int yy = y0 + by;
                if (yy < 0 || yy >= g.inH) {
                    continue;
                }
                double wy = by == 0 ? 1 - ty : ty;
                double sy = by == 0 ? -scaleY : scaleY;
                for (int bx = 0; bx < 2; bx++) {
                    int xx = x0 + bx;
                    if (xx < 0 || xx >= g.inW) {
                        continue;
                    }
                    double wx = bx == 0 ? 1 - tx : tx;
                    double sx = bx == 0 ? -scaleX : scaleX;
                    offset[count] = (zz * g.inH + yy) * g.inW + xx;
                    weight[count] = wx * wy * wz;
                    dx[count] = sx * wy * wz;
                    dy[count] = wx * sy * wz;
                    dz[count] = wx * wy * sz;
                    count++;
                }
            }
        }
    }
}
