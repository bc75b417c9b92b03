package org.istn.nn.warp;

/**
 * Per-thread scratch: the in-bounds corners of the cell around one sample point, with their
 * bilinear/trilinear weights and the derivatives of those weights with respect to the
 * normalised grid coordinates. Corners outside the image are left out, which is zero padding:
 * they contribute nothing to the value and nothing to either gradient.
 *
 * <p>A voxel coordinate within {@code size · snap} voxels of a voxel centre is moved onto that
 * centre ({@code snap} is 2<sup>-22</sup> for float32 data, 2<sup>-48</sup> for double). A grid
 * stored in float32 holds voxel centres only to about {@code size · 2^-25} voxels, so without this
 * the identity grid would blend each voxel with a neighbour by up to that fraction (≈1e-5 of the
 * neighbour difference at 181 voxels); with it, identity and whole-voxel shifts reproduce
 * voxels exactly. Elsewhere the result is PyTorch's; at snapped points it differs from PyTorch's
 * by at most {@code size · snap} of a neighbour difference, and the gradient to the grid is the
 * one PyTorch gives at the exact centre (the cell above it).
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
    private final double snapX;
    private final double snapY;
    private final double snapZ;

    /** @param snap relative snapping distance, see the class comment */
    Corners(SamplingGeometry g, boolean alignCorners, double snap) {
        this.g = g;
        this.alignCorners = alignCorners;
        snapX = g.inW * snap;
        snapY = g.inH * snap;
        snapZ = g.inD * snap;
        scaleX = GridCoordinates.scale(g.inW, alignCorners);
        scaleY = GridCoordinates.scale(g.inH, alignCorners);
        scaleZ = GridCoordinates.scale(g.inD, alignCorners);
    }

    /** Locates the 2D point with normalised coordinates (x, y). */
    void locate(double x, double y) {
        double ix = snap(GridCoordinates.unnormalize(x, g.inW, alignCorners), snapX);
        double iy = snap(GridCoordinates.unnormalize(y, g.inH, alignCorners), snapY);
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
        double ix = snap(GridCoordinates.unnormalize(x, g.inW, alignCorners), snapX);
        double iy = snap(GridCoordinates.unnormalize(y, g.inH, alignCorners), snapY);
        double iz = snap(GridCoordinates.unnormalize(z, g.inD, alignCorners), snapZ);
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

    /** The nearest voxel centre when {@code v} is within {@code tolerance} of it, else {@code v}. */
    private static double snap(double v, double tolerance) {
        double centre = Math.rint(v);
        return Math.abs(v - centre) <= tolerance ? centre : v;
    }
}
