package org.istn.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Affine spatial transformer. A convolutional feature extractor (nf, 2nf, 4nf, 4nf, 4nf; stride 2
 * after the first; batch norm, ReLU; global average pooling, so any {@code input_shape} works)
 * feeds four zero-initialised heads:
 * <ul>
 *   <li>translation {@code t = 0.1·tanh(·)}, one per axis, in normalised units (the image spans 2);</li>
 *   <li>rotation angles {@code (π/4)·tanh(·)}: one in 2D; in 3D about x, y and z, composed
 *       {@code R = Rx·Ry·Rz};</li>
 *   <li>scales {@code exp(0.2·tanh(·))}, one per axis;</li>
 *   <li>shear angles {@code (π/4)·tanh(·)} (1 in 2D, 3 in 3D): they orient the scaling axes,
 *       {@code Sh = R(shear)}.</li>
 * </ul>
 * The linear part is {@code A = Sh·S·Shᵀ·R} and the transform maps an output position p to the
 * sampling position {@code A·(p + t)}, i.e. {@code θ = [A | A·t]}. Zero heads give θ = [I | 0]:
 * an untrained affine STN is the identity.
 */
public record AffineStn(int[] inputShape, int nf) implements SpatialTransformer {

    public AffineStn {
        Shapes.dims("affine STN", inputShape);
        if (nf < 1) {
            throw new IllegalArgumentException("affine STN nf must be >= 1, found " + nf);
        }
        inputShape = inputShape.clone();
    }

    @Override
    public String kind() {
        return "affine-stn";
    }

    @Override
    public Outputs build(NetBuilder b, SDVariable x) {
        int d = inputShape.length;
        SDVariable f = features(b, x, nf);
        int width = 4 * nf;
        int angles = d == 2 ? 1 : 3;
        SDVariable t = b.sd().math().tanh(b.dense("translation", f, width, d, NetBuilder.Init.ZERO)).mul(0.1);
        SDVariable r = b.sd().math().tanh(b.dense("rotation", f, width, angles, NetBuilder.Init.ZERO))
                .mul(Math.PI / 4);
        SDVariable logS = b.sd().math().tanh(b.dense("scaling", f, width, d, NetBuilder.Init.ZERO)).mul(0.2);
        SDVariable h = b.sd().math().tanh(b.dense("shearing", f, width, angles, NetBuilder.Init.ZERO))
                .mul(Math.PI / 4);
        SDVariable s = b.sd().math().exp(logS);

        SDVariable[][] rot = rotation(b.sd(), r, d);
        SDVariable[][] sh = rotation(b.sd(), h, d);
        SDVariable[][] scale = new SDVariable[d][d];
        for (int i = 0; i < d; i++) {
            scale[i][i] = col(s, i);
        }
        SDVariable[][] a = multiply(multiply(multiply(sh, scale), transpose(sh)), rot);
        String p = b.prefix() + "/";
        // theta rows: [A_k0 .. A_k(d-1), (A t)_k], each [N, 1]
        SDVariable[] rows = new SDVariable[d];
        for (int k = 0; k < d; k++) {
            SDVariable[] row = new SDVariable[d + 1];
            SDVariable shift = null;
            for (int j = 0; j < d; j++) {
                row[j] = a[k][j] == null ? zerosLike(col(t, 0)) : a[k][j];
                SDVariable term = a[k][j] == null ? null : a[k][j].mul(col(t, j));
                shift = term == null ? shift : shift == null ? term : shift.add(term);
            }
            row[d] = shift;
            rows[k] = b.sd().concat(1, row); // [N, d + 1]
        }
        SDVariable theta = b.sd().stack(1, rows).rename(p + "theta"); // [N, d, d + 1]
        SDVariable base = b.sd().constant(p + "base", GridBase.homogeneous(spatial(), b.dtype()));
        SDVariable[] coords = new SDVariable[d];
        for (int k = 0; k < d; k++) {
            coords[k] = rows[k].mmul(base.permute(1, 0)); // [N, P]
        }
        long[] gridShape = new long[d + 2];
        gridShape[0] = -1;
        long[] sp = spatial();
        System.arraycopy(sp, 0, gridShape, 1, d);
        gridShape[d + 1] = d;
        SDVariable grid = b.sd().stack(2, coords).reshape(gridShape).rename(p + "grid");
        Map<String, SDVariable> explain = new LinkedHashMap<>();
        explain.put("theta", theta);
        explain.put("translation", t.rename(p + "translation"));
        explain.put("rotation", r.rename(p + "rotation"));
        explain.put("scaling", s.rename(p + "scaling"));
        explain.put("shearing", h.rename(p + "shearing"));
        return new Outputs(grid, explain);
    }

    /** The shared conv feature extractor of the STNs, globally pooled to {@code [N, 4nf]}. */
    static SDVariable features(NetBuilder b, SDVariable x, int nf) {
        int[] widths = {nf, 2 * nf, 4 * nf, 4 * nf, 4 * nf};
        SDVariable h = x;
        int in = 1;
        for (int i = 0; i < widths.length; i++) {
            h = b.conv("conv" + i, h, in, widths[i], 3, i == 0 ? 1 : 2, 1, NetBuilder.Init.HE);
            h = b.relu(b.batchNorm("conv" + i + "_bn", h, widths[i]));
            in = widths[i];
        }
        return b.globalAveragePool(h);
    }

    private long[] spatial() {
        long[] g = Shapes.graphShape(inputShape, 1, 1);
        return Arrays.copyOfRange(g, 2, g.length);
    }

    /** Column {@code i} of {@code [N, k]} as {@code [N, 1]}. */
    private static SDVariable col(SDVariable v, int i) {
        return v.get(SDIndex.all(), SDIndex.interval(i, i + 1));
    }

    private static SDVariable zerosLike(SDVariable v) {
        return v.mul(0.0);
    }

    /** 2D: rotation by a[0]; 3D: Rx(a[0])·Ry(a[1])·Rz(a[2]); entries [N, 1], null = 0. */
    private static SDVariable[][] rotation(SameDiff sd, SDVariable angles, int d) {
        if (d == 2) {
            return planar(sd, col(angles, 0), 0, 1, 2);
        }
        return multiply(multiply(planar(sd, col(angles, 0), 1, 2, 3), planar(sd, col(angles, 1), 2, 0, 3)),
                planar(sd, col(angles, 2), 0, 1, 3));
    }

    /** Rotation by {@code a} in the plane of axes (i, j): e_i to cos·e_i + sin·e_j. */
    private static SDVariable[][] planar(SameDiff sd, SDVariable a, int i, int j, int d) {
        SDVariable c = sd.math().cos(a);
        SDVariable s = sd.math().sin(a);
        SDVariable[][] m = new SDVariable[d][d];
        SDVariable one = c.mul(0.0).add(1.0);
        for (int k = 0; k < d; k++) {
            m[k][k] = one;
        }
        m[i][i] = c;
        m[j][j] = c;
        m[i][j] = s.neg();
        m[j][i] = s;
        return m;
    }

    private static SDVariable[][] transpose(SDVariable[][] m) {
        int d = m.length;
        SDVariable[][] t = new SDVariable[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[i][j] = m[j][i];
            }
        }
        return t;
    }

    /** Product of matrices of per-image entries; null entries are zeros. */
    private static SDVariable[][] multiply(SDVariable[][] a, SDVariable[][] b) {
        int d = a.length;
        SDVariable[][] c = new SDVariable[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                SDVariable sum = null;
                for (int k = 0; k < d; k++) {
                    if (a[i][k] != null && b[k][j] != null) {
                        SDVariable term = a[i][k].mul(b[k][j]);
                        sum = sum == null ? term : sum.add(term);
                    }
                }
                c[i][j] = sum;
            }
        }
        return c;
    }
}
