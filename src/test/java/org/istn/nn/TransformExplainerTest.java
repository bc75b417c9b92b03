package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/**
 * Explainability figures against transforms whose parameters are set by hand: the heads of an
 * affine STN have zero weights, so their biases fix the transform for every image; the ITN's
 * zero output layer plus a bias c adds exactly c to every voxel.
 */
class TransformExplainerTest {

    /** Sets a dense head's bias so that {@code scale·tanh(bias)} equals {@code values}. */
    static void head(Istn istn, String name, double scale, double... values) {
        double[] b = new double[values.length];
        for (int i = 0; i < b.length; i++) {
            double v = values[i] / scale;
            b[i] = 0.5 * Math.log((1 + v) / (1 - v));
        }
        INDArray target = istn.graph().getVariable("istn/stn/" + name + "/b").getArr();
        target.assign(Nd4j.create(b).reshape(target.shape()).castTo(target.dataType()));
    }

    static void itnBias(Istn istn, double c) {
        istn.graph().getVariable("istn/itn/out/b").getArr().assign(c);
    }

    private static INDArray input(int[] shape, int n) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.FLOAT, Shapes.graphShape(shape, n, 1)).subi(0.5);
    }

    @Test
    void identity2dAnd3d() {
        for (int[] shape : new int[][] {{12, 10}, {8, 7, 6}}) {
            Istn istn = new Istn(new Itn(shape, 1), new AffineStn(shape, 1), shape, DataType.FLOAT, 4);
            List<Map<String, Double>> e = TransformExplainer.explain(istn, istn.forward(input(shape, 2), false));
            assertEquals(2, e.size());
            Map<String, Double> m = e.get(1);
            List<String> names = shape.length == 2
                    ? List.of("tx", "ty", "rot", "scale_x", "scale_y", "shear", "disp_max", "disp_mean", "jac_min",
                            "jac_nonpos_fraction", "itn_mean_change", "itn_max_abs_change")
                    : List.of("tx", "ty", "tz", "rot_x", "rot_y", "rot_z", "scale_x", "scale_y", "scale_z",
                            "shear_x", "shear_y", "shear_z", "disp_max", "disp_mean", "jac_min",
                            "jac_nonpos_fraction", "itn_mean_change", "itn_max_abs_change");
            assertEquals(names, List.copyOf(m.keySet()));
            assertTrue(TransformExplainer.ALL_NAMES.containsAll(names));
            for (String k : names) {
                double expected = k.startsWith("scale") || k.equals("jac_min") ? 1.0 : 0.0;
                assertEquals(expected, m.get(k), 1e-6, k + " of the identity, " + shape.length + "D");
            }
        }
    }

    @Test
    void knownTranslation2d() {
        int[] shape = {12, 10};
        Istn istn = new Istn(null, new AffineStn(shape, 1), shape, DataType.FLOAT, 4);
        head(istn, "translation", 0.1, 0.04, -0.02);
        Map<String, Double> m = TransformExplainer.explain(istn, istn.forward(input(shape, 1), false)).get(0);
        assertEquals(0.04, m.get("tx"), 1e-7);
        assertEquals(-0.02, m.get("ty"), 1e-7);
        // grid = p + t everywhere: u = t / 2, |u| = sqrt(.04² + .02²) / 2
        double norm = Math.hypot(0.04, 0.02) / 2;
        assertEquals(norm, m.get("disp_max"), 1e-6);
        assertEquals(norm, m.get("disp_mean"), 1e-6);
        assertEquals(1.0, m.get("jac_min"), 1e-5);
        assertEquals(0.0, m.get("jac_nonpos_fraction"), 0.0);
        assertEquals(0.0, m.get("rot"), 0.0);
    }

    @Test
    void knownScaleAndRotation3d() {
        int[] shape = {8, 7, 6};
        double[] s = {1.1, 0.9, 1.05};
        Istn istn = new Istn(null, new AffineStn(shape, 1), shape, DataType.FLOAT, 4);
        head(istn, "scaling", 0.2, Math.log(s[0]), Math.log(s[1]), Math.log(s[2]));
        Map<String, Double> m = TransformExplainer.explain(istn, istn.forward(input(shape, 1), false)).get(0);
        assertEquals(s[0], m.get("scale_x"), 1e-6);
        assertEquals(s[1], m.get("scale_y"), 1e-6);
        assertEquals(s[2], m.get("scale_z"), 1e-6);
        // grid_c = s_c·p_c: u_c = (s_c − 1)·p_c / 2; in voxels the map stretches axis c by s_c
        assertEquals(s[0] * s[1] * s[2], m.get("jac_min"), 1e-5);
        double max = 0;
        double sum = 0;
        for (int z = 0; z < shape[2]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[0]; x++) {
                    double ux = (s[0] - 1) * GridBase.centre(x, shape[0]) / 2;
                    double uy = (s[1] - 1) * GridBase.centre(y, shape[1]) / 2;
                    double uz = (s[2] - 1) * GridBase.centre(z, shape[2]) / 2;
                    double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
                    max = Math.max(max, n);
                    sum += n;
                }
            }
        }
        assertEquals(max, m.get("disp_max"), 1e-6);
        assertEquals(sum / (shape[0] * shape[1] * shape[2]), m.get("disp_mean"), 1e-6);

        Istn rot = new Istn(null, new AffineStn(shape, 1), shape, DataType.FLOAT, 4);
        head(rot, "rotation", Math.PI / 4, 0.3, -0.2, 0.1);
        Map<String, Double> r = TransformExplainer.explain(rot, rot.forward(input(shape, 1), false)).get(0);
        assertEquals(0.3, r.get("rot_x"), 1e-6);
        assertEquals(-0.2, r.get("rot_y"), 1e-6);
        assertEquals(0.1, r.get("rot_z"), 1e-6);
        assertEquals(1.0, r.get("jac_min"), 1e-5); // det A = 1 in any units
        assertTrue(r.get("disp_max") > 0.05, "a rotation displaces the corners: " + r);
    }

    @Test
    void itnChangeIsTheOutputLayerBias() {
        int[] shape = {12, 10};
        Istn istn = new Istn(new Itn(shape, 1), null, shape, DataType.FLOAT, 4);
        itnBias(istn, -0.25);
        List<Map<String, Double>> e = TransformExplainer.explain(istn, istn.forward(input(shape, 3), false));
        for (Map<String, Double> m : e) {
            assertEquals(List.of("itn_mean_change", "itn_max_abs_change"), List.copyOf(m.keySet()));
            assertEquals(-0.25, m.get("itn_mean_change"), 1e-6);
            assertEquals(0.25, m.get("itn_max_abs_change"), 1e-6);
        }
    }

    @Test
    void bsplineDisplacementMatchesItsOwnField() {
        int[] shape = {10, 9};
        double maxDisp = 0.08;
        Istn istn = new Istn(null, new BSplineStn(shape, 1, maxDisp, new int[] {4, 4}), shape, DataType.FLOAT, 2);
        GradientCheck.randomizeParameters(istn.graph(), 5, 3.0);
        Istn.Forward f = istn.forward(input(shape, 2), false);
        List<Map<String, Double>> e = TransformExplainer.explain(istn, f);
        INDArray d = f.explain().get("displacement").castTo(DataType.DOUBLE); // [N, H, W, 2]
        WarpStatistics.Stats[] ws = WarpStatistics.of(d);
        for (int b = 0; b < 2; b++) {
            INDArray u = d.slice(b);
            INDArray norm = org.nd4j.linalg.ops.transforms.Transforms.sqrt(u.mul(u).sum(2), true).reshape(-1);
            Map<String, Double> m = e.get(b);
            assertEquals(List.of("disp_max", "disp_mean", "jac_min", "jac_nonpos_fraction"), List.copyOf(m.keySet()));
            assertEquals(norm.maxNumber().doubleValue(), m.get("disp_max"), 1e-6);
            assertEquals(norm.meanNumber().doubleValue(), m.get("disp_mean"), 1e-6);
            assertEquals(ws[b].jacobianMin(), m.get("jac_min"), 1e-4);
            assertTrue(m.get("disp_max") > 0.01 && m.get("disp_max") <= Math.sqrt(2) * maxDisp + 1e-6, m.toString());
        }
    }
}
