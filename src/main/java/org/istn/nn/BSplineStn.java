package org.istn.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * B-spline spatial transformer: a convolutional feature extractor (as the affine STN's, but
 * flattened instead of pooled, so that the head sees where features are) feeds a zero-initialised
 * dense head giving one displacement per axis at every control point,
 * {@code max_displacement·tanh(·)}, on a grid spaced {@code cp_spacing} voxels apart. The dense
 * displacement is their cubic B-spline interpolation, a separable product of one
 * {@link BSplineBasis} matrix per axis; the sampling grid is identity + displacement.
 *
 * <p>Units: displacements are fractions of the image extent along their axis (0.1 = a tenth of
 * the image). Because B-spline weights are non-negative and sum to 1, no voxel is displaced by
 * more than {@code max_displacement} along any axis. Zero head weights give zero displacement:
 * an untrained B-spline STN is the identity.
 */
public record BSplineStn(int[] inputShape, int nf, double maxDisplacement, int[] cpSpacing)
        implements SpatialTransformer {

    public BSplineStn {
        int d = Shapes.dims("B-spline STN", inputShape);
        if (nf < 1) {
            throw new IllegalArgumentException("B-spline STN nf must be >= 1, found " + nf);
        }
        if (!(maxDisplacement >= 0 && maxDisplacement <= 1)) {
            throw new IllegalArgumentException("max_displacement must be in [0, 1], found " + maxDisplacement);
        }
        if (cpSpacing.length != d) {
            throw new IllegalArgumentException("cp_spacing needs one entry per axis of input_shape "
                    + Arrays.toString(inputShape) + ", found " + Arrays.toString(cpSpacing));
        }
        inputShape = inputShape.clone();
        cpSpacing = cpSpacing.clone();
    }

    @Override
    public String kind() {
        return "bspline-stn";
    }

    /** Control points per axis, NIfTI order (x, y[, z]). */
    public int[] controlGrid() {
        int[] k = new int[inputShape.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = BSplineBasis.controlPoints(inputShape[i], cpSpacing[i]);
        }
        return k;
    }

    @Override
    public Outputs build(NetBuilder b, SDVariable x) {
        int d = inputShape.length;
        SameDiff sd = b.sd();
        int[] widths = {nf, 2 * nf, 4 * nf, 4 * nf, 4 * nf};
        SDVariable h = x;
        int in = 1;
        long[] size = spatial();
        for (int i = 0; i < widths.length; i++) {
            int stride = i == 0 ? 1 : 2;
            h = b.relu(b.batchNorm("conv" + i + "_bn", b.conv("conv" + i, h, in, widths[i], 3, stride, 1,
                    NetBuilder.Init.HE), widths[i]));
            for (int a = 0; a < size.length; a++) {
                size[a] = Shapes.convOut((int) size[a], 3, stride, 1);
            }
            in = widths[i];
        }
        long flat = in;
        for (long s : size) {
            flat *= s;
        }
        SDVariable f = h.reshape(-1, flat);
        int[] k = controlGrid(); // x, y[, z]
        long cps = d;
        for (int kk : k) {
            cps *= kk;
        }
        SDVariable head = b.dense("controlPoints", f, (int) flat, (int) cps, NetBuilder.Init.ZERO);
        SDVariable cp = sd.math().tanh(head).mul(maxDisplacement);
        // [N, d, (Kz,) Ky, Kx]
        long[] cpShape = new long[d + 2];
        cpShape[0] = -1;
        cpShape[1] = d;
        for (int a = 0; a < d; a++) {
            cpShape[2 + a] = k[d - 1 - a];
        }
        String p = b.prefix() + "/";
        SDVariable cpGrid = cp.reshape(cpShape).rename(p + "controlPoints");
        long[] sp = spatial(); // (D,) H, W
        SDVariable disp = interpolate(sd, b.dtype(), cpGrid, k, sp, p); // [N, d, (D,) H, W]
        int[] toGrid = new int[d + 2];
        toGrid[0] = 0;
        for (int a = 0; a < d; a++) {
            toGrid[1 + a] = 2 + a;
        }
        toGrid[d + 1] = 1;
        SDVariable displacement = disp.permute(toGrid).rename(p + "displacement"); // [N, (D,) H, W, d]
        long[] baseShape = new long[d + 2];
        baseShape[0] = 1;
        System.arraycopy(sp, 0, baseShape, 1, d);
        baseShape[d + 1] = d;
        SDVariable base = sd.constant(p + "identity", GridBase.homogeneous(sp, b.dtype())
                .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, d))
                .dup().reshape(baseShape));
        // the image extent is 2 in normalised coordinates
        SDVariable grid = displacement.mul(2.0).add(base).rename(p + "grid");
        Map<String, SDVariable> explain = new LinkedHashMap<>();
        explain.put("controlPoints", cpGrid);
        explain.put("displacement", displacement);
        return new Outputs(grid, explain);
    }

    /** Separable interpolation: one matrix product per axis. */
    private SDVariable interpolate(SameDiff sd, DataType dtype, SDVariable cp, int[] k, long[] sp, String p) {
        int d = k.length;
        // basis transposes [K, n] per axis, NIfTI order
        SDVariable[] bt = new SDVariable[d];
        for (int a = 0; a < d; a++) {
            double[][] m = BSplineBasis.matrix(inputShape[a], cpSpacing[a]);
            bt[a] = sd.constant(p + "basis" + a, Nd4j.create(m).castTo(dtype).transpose().dup());
        }
        long nx = inputShape[0];
        long ny = inputShape[1];
        if (d == 2) {
            // [N, 2, Ky, Kx] -> x: [N*2*Ky, Kx]·[Kx, nx] -> [N, 2, Ky, nx]
            SDVariable t = cp.reshape(-1, k[0]).mmul(bt[0]).reshape(-1, 2, k[1], nx);
            // y: move Ky last: [N, 2, nx, Ky] -> [.., Ky]·[Ky, ny] -> [N, 2, nx, ny] -> [N, 2, ny, nx]
            t = t.permute(0, 1, 3, 2).reshape(-1, k[1]).mmul(bt[1]).reshape(-1, 2, nx, ny).permute(0, 1, 3, 2);
            return t;
        }
        long nz = inputShape[2];
        // [N, 3, Kz, Ky, Kx]
        SDVariable t = cp.reshape(-1, k[0]).mmul(bt[0]).reshape(-1, 3, k[2], k[1], nx);
        t = t.permute(0, 1, 2, 4, 3).reshape(-1, k[1]).mmul(bt[1]).reshape(-1, 3, k[2], nx, ny)
                .permute(0, 1, 2, 4, 3); // [N, 3, Kz, ny, nx]
        t = t.permute(0, 1, 3, 4, 2).reshape(-1, k[2]).mmul(bt[2]).reshape(-1, 3, ny, nx, nz)
                .permute(0, 1, 4, 2, 3); // [N, 3, nz, ny, nx]
        return t;
    }

    private long[] spatial() {
        long[] g = Shapes.graphShape(inputShape, 1, 1);
        return Arrays.copyOfRange(g, 2, g.length);
    }
}
