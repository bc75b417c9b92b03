package org.istn.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-subject explainability figures of one transformer pass ({@link Istn.Forward}): what the
 * ITN and STN did to each image, as named numbers.
 *
 * <ul>
 *   <li>affine STN: {@code tx, ty(, tz)} the translation head's output in normalised
 *       coordinates (the image spans 2, so 0.1 moves by 5 % of the extent; see
 *       {@link AffineStn}); {@code rot} (2D) or {@code rot_x, rot_y, rot_z} (3D) rotation angles
 *       in radians; {@code scale_x, scale_y(, scale_z)} scale factors; {@code shear} (2D) or
 *       {@code shear_x, shear_y, shear_z} (3D) shear angles in radians;</li>
 *   <li>any STN (affine or B-spline), from the sampling grid: the displacement
 *       {@code u = (grid − identity) / 2}, whose component along each axis is a fraction of the
 *       image extent along that axis; {@code disp_max} and {@code disp_mean} are the largest and
 *       mean Euclidean norm of u over the voxels (so 0.1 means a tenth of the image, exactly so
 *       for square images); {@code jac_min} and {@code jac_nonpos_fraction} are the minimum of the
 *       Jacobian determinant of {@code p ↦ p + u(p)} in voxel units and the fraction of voxels
 *       where it is ≤ 0 (folding), by {@link WarpStatistics};</li>
 *   <li>ITN: {@code itn_mean_change} the mean and {@code itn_max_abs_change} the largest absolute
 *       value of {@code ITN(x) − x} over the voxels, in the units of the (normalised) input.</li>
 * </ul>
 * The identity transform gives zero translation and rotation, unit scales, {@code disp_* = 0},
 * {@code jac_min = 1} and zero ITN change.
 */
public final class TransformExplainer {

    /** Every name an explanation can hold, 2D and 3D together, in a fixed order (a stable column set). */
    public static final List<String> ALL_NAMES = List.of("tx", "ty", "tz", "rot", "rot_x", "rot_y", "rot_z",
            "scale_x", "scale_y", "scale_z", "shear", "shear_x", "shear_y", "shear_z", "disp_max", "disp_mean",
            "jac_min", "jac_nonpos_fraction", "itn_mean_change", "itn_max_abs_change");

    private static final String[] AXES = {"x", "y", "z"};

    private TransformExplainer() {}

    /**
     * The figures of each image of a batch.
     *
     * @param istn the transformer that made {@code f} (it says whether an ITN and which STN ran)
     * @param f one forward pass of {@code istn}
     * @return one ordered map per batch item
     */
    public static List<Map<String, Double>> explain(Istn istn, Istn.Forward f) {
        int n = (int) f.input().size(0);
        int dims = f.input().rank() - 2;
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashMap<>());
        }
        if (istn.stn() instanceof AffineStn) {
            affine(f.explain(), dims, out);
        }
        if (istn.stn() != null) {
            warp(f.grid(), out);
        }
        if (istn.itn() != null) {
            itn(f.input(), f.itnOutput(), out);
        }
        List<Map<String, Double>> frozen = new ArrayList<>();
        for (Map<String, Double> m : out) {
            frozen.add(Collections.unmodifiableMap(m));
        }
        return frozen;
    }

    private static void affine(Map<String, INDArray> e, int dims, List<Map<String, Double>> out) {
        double[][] t = rows(e.get("translation"));
        double[][] r = rows(e.get("rotation"));
        double[][] s = rows(e.get("scaling"));
        double[][] h = rows(e.get("shearing"));
        for (int i = 0; i < out.size(); i++) {
            Map<String, Double> m = out.get(i);
            for (int a = 0; a < dims; a++) {
                m.put("t" + AXES[a], t[i][a]);
            }
            angles(m, "rot", r[i], dims);
            for (int a = 0; a < dims; a++) {
                m.put("scale_" + AXES[a], s[i][a]);
            }
            angles(m, "shear", h[i], dims);
        }
    }

    private static void angles(Map<String, Double> m, String name, double[] v, int dims) {
        if (dims == 2) {
            m.put(name, v[0]);
        } else {
            for (int a = 0; a < 3; a++) {
                m.put(name + "_" + AXES[a], v[a]);
            }
        }
    }

    /** The grid's displacement from the identity, its norm statistics and the Jacobian's. */
    private static void warp(INDArray grid, List<Map<String, Double>> out) {
        long[] s = grid.shape(); // [N, (D,) H, W, dims]
        int dims = (int) s[s.length - 1];
        int nz = dims == 3 ? (int) s[1] : 1;
        int ny = (int) s[s.length - 3];
        int nx = (int) s[s.length - 2];
        double[] g = grid.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] cx = centres(nx);
        double[] cy = centres(ny);
        double[] cz = centres(nz);
        int voxels = nz * ny * nx;
        double[] u = new double[g.length];
        for (int b = 0; b < out.size(); b++) {
            double max = 0;
            double sum = 0;
            int k = b * voxels * dims;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double norm2 = 0;
                        for (int c = 0; c < dims; c++) {
                            double id = c == 0 ? cx[x] : c == 1 ? cy[y] : cz[z];
                            u[k] = (g[k] - id) / 2;
                            norm2 += u[k] * u[k];
                            k++;
                        }
                        double norm = Math.sqrt(norm2);
                        max = Math.max(max, norm);
                        sum += norm;
                    }
                }
            }
            out.get(b).put("disp_max", max);
            out.get(b).put("disp_mean", sum / voxels);
        }
        WarpStatistics.Stats[] stats = WarpStatistics.of(Nd4j.create(u, s, DataType.DOUBLE));
        for (int b = 0; b < out.size(); b++) {
            out.get(b).put("jac_min", stats[b].jacobianMin());
            out.get(b).put("jac_nonpos_fraction", stats[b].jacobianFractionNonPositive());
        }
    }

    private static void itn(INDArray input, INDArray itnOutput, List<Map<String, Double>> out) {
        int n = out.size();
        double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = itnOutput.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int per = x.length / n;
        for (int b = 0; b < n; b++) {
            double sum = 0;
            double max = 0;
            for (int v = b * per; v < (b + 1) * per; v++) {
                double d = y[v] - x[v];
                sum += d;
                max = Math.max(max, Math.abs(d));
            }
            out.get(b).put("itn_mean_change", sum / per);
            out.get(b).put("itn_max_abs_change", max);
        }
    }

    private static double[] centres(int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = GridBase.centre(i, n);
        }
        return c;
    }

    private static double[][] rows(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
