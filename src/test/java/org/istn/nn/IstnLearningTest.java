package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.istn.nn.warp.AffineGrid;
import org.istn.nn.warp.GridSampler;
import org.istn.train.AdamOptimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients flow end to end (ITN → STN → sampler → discriminator, by finite differences), and
 * STNs learn known transforms by gradient descent through the sampler.
 */
class IstnLearningTest {

    /** A smooth 2D blob image [n, 1, h, w]: sum of two Gaussians, different per image. */
    private static INDArray blobs(int n, int h, int w, double shift) {
        double[] d = new double[n * h * w];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = GridBase.centre(x, w);
                    double v = GridBase.centre(y, h);
                    double c = 0.15 * b + shift;
                    d[(b * h + y) * w + x] = Math.exp(-((u - 0.2 - c) * (u - 0.2 - c) + (v + 0.1) * (v + 0.1)) / 0.08)
                            + 0.6 * Math.exp(-((u + 0.3) * (u + 0.3) + (v - 0.3 + c) * (v - 0.3 + c)) / 0.05);
                }
            }
        }
        return Nd4j.create(d, new long[] {n, 1, h, w}, DataType.DOUBLE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2})
    void gradientsFlowFromTheDiscriminatorThroughSamplerStnAndItn(int variant) {
        int[] shape = {16, 16}; // 8x8 would leave 1x1 bottleneck maps, where batch norm of 2 values is degenerate
        Istn istn = new Istn(variant == 2 ? null : new Itn(shape, 1), variant == 1 ? null : new AffineStn(shape, 1),
                shape, DataType.DOUBLE, 3);
        GradientCheck.randomizeParameters(istn.graph(), 4, 0.3);
        SameDiff dsd = SameDiff.create();
        NetBuilder db = new NetBuilder(dsd, "d", 2, DataType.DOUBLE, 9);
        SDVariable warped = db.gradientInput("warped", 2, 1, 16, 16);
        SDVariable logit = new Discriminator(shape, 1).build(db, warped);
        db.trainFlag();
        // D's logit is nearly shift-invariant (instance norm, global pooling); a weighted sum of the
        // warped image itself makes every STN head matter to the loss
        Nd4j.getRandom().setSeed(6);
        SDVariable pixels = warped.mul(dsd.constant("pixelWeights", Nd4j.rand(DataType.DOUBLE, 2, 1, 16, 16)));
        SDVariable logits = logit.mul(dsd.constant("logitWeights", Nd4j.rand(DataType.DOUBLE, 2, 1).subi(0.5)));
        String loss = logits.sum().add(pixels.sum()).rename("loss").name();
        dsd.setLossVariables(loss);
        INDArray x = blobs(2, 16, 16, 0);

        Istn.Forward f = istn.forward(x, true);
        NetBuilder.bind(dsd, "warped", f.output());
        INDArray gWarped = dsd.calculateGradients(Map.of(NetBuilder.TRAIN, Nd4j.scalar(1.0)), "warped").get("warped");
        Map<String, INDArray> analytic = istn.backward(f, gWarped, null);

        List<String> params = istn.parameterNames();
        assertEquals(variant != 2, params.stream().anyMatch(p -> p.startsWith("istn/itn/")));
        assertEquals(variant != 1, params.stream().anyMatch(p -> p.startsWith("istn/stn/")));
        int checked = 0;
        double eps = 1e-6;
        for (int k = 0; k < params.size(); k++) {
            String p = params.get(k);
            if (k % 3 != 0 && !p.startsWith("istn/stn/translation") && !p.startsWith("istn/itn/out")) {
                continue; // every third parameter, plus the STN's translation head and the ITN's output layer
            }
            INDArray a = istn.graph().getVariable(p).getArr();
            for (long i : new long[] {0, a.length() / 2, a.length() - 1}) {
                double orig = a.getDouble(i);
                a.putScalar(i, orig + eps);
                double plus = endToEnd(istn, dsd, x, loss);
                a.putScalar(i, orig - eps);
                double minus = endToEnd(istn, dsd, x, loss);
                a.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double an = analytic.get(p).getDouble(i);
                double rel = Math.abs(an - numeric) / Math.max(Math.abs(an) + Math.abs(numeric), 1e-8);
                // the loss is O(100): below 1e-6 a central difference with step 1e-6 is round-off
                assertTrue(rel < 1e-5 || Math.abs(an - numeric) < 1e-6,
                        p + "[" + i + "]: analytic " + an + ", numeric " + numeric);
                checked++;
            }
        }
        if (variant != 1) {
            assertTrue(analytic.get("istn/stn/translation/b").amaxNumber().doubleValue() > 1e-3,
                    "the STN's translation head receives gradient through the sampler");
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    private static double endToEnd(Istn istn, SameDiff dsd, INDArray x, String loss) {
        NetBuilder.bind(dsd, "warped", istn.forward(x, true).output());
        return dsd.output(Map.of(NetBuilder.TRAIN, Nd4j.scalar(1.0)), loss).get(loss).getDouble(0);
    }

    @Test
    void anAffineStnLearnsAKnownShift() {
        int[] shape = {16, 16};
        INDArray source = blobs(4, 16, 16, 0).castTo(DataType.FLOAT);
        double tx = 0.07; // within the head's range 0.1·tanh
        double ty = -0.05;
        float[] theta = new float[4 * 6];
        for (int b = 0; b < 4; b++) {
            System.arraycopy(new float[] {1, 0, (float) tx, 0, 1, (float) ty}, 0, theta, 6 * b, 6);
        }
        INDArray grid = AffineGrid.forward(Nd4j.create(theta, new long[] {4, 2, 3}), new long[] {4, 1, 16, 16}, false);
        INDArray target = GridSampler.create(false).forward(source, grid);
        Istn istn = new Istn(null, new AffineStn(shape, 2), shape, DataType.FLOAT, 7);
        double first = fit(istn, source, target, 0.01, 120);
        double last = mse(istn.forward(source, false).output(), target);
        INDArray t = istn.forward(source, false).explain().get("translation");
        assertTrue(last < 0.05 * first, "loss " + first + " -> " + last);
        assertEquals(tx, t.getDouble(0, 0), 0.015, "learned x shift");
        assertEquals(ty, t.getDouble(0, 1), 0.015, "learned y shift");
    }

    @Test
    void aBSplineStnLearnsAKnownSmoothWarp() {
        int[] shape = {24, 24};
        INDArray source = blobs(2, 24, 24, 0.05).castTo(DataType.FLOAT);
        // the known warp: a smooth displacement made by the same kind of B-spline, a third of the bound
        BSplineStn teacherNet = new BSplineStn(shape, 1, 0.15, new int[] {6, 6});
        Istn teacher = new Istn(null, teacherNet, shape, DataType.FLOAT, 99);
        GradientCheck.randomizeParameters(teacher.graph(), 12, 0.4);
        INDArray target = teacher.forward(source, false).output();
        Istn student = new Istn(null, new BSplineStn(shape, 2, 0.15, new int[] {6, 6}), shape, DataType.FLOAT, 1);
        double first = fit(student, source, target, 0.005, 150);
        double last = mse(student.forward(source, false).output(), target);
        assertTrue(first > 1e-4, "the teacher's warp changes the images: " + first);
        assertTrue(last < 0.2 * first, "loss " + first + " -> " + last);
    }

    /** MSE training with Adam; returns the first loss. */
    private static double fit(Istn istn, INDArray x, INDArray target, double lr, int steps) {
        AdamOptimizer adam = new AdamOptimizer(istn.graph(), istn.parameterNames(), lr, 0.9, 0.999);
        double first = Double.NaN;
        for (int s = 0; s < steps; s++) {
            Istn.Forward f = istn.forward(x, true);
            INDArray diff = f.output().sub(target);
            if (s == 0) {
                first = diff.mul(diff).meanNumber().doubleValue();
            }
            INDArray grad = diff.mul(2.0 / diff.length());
            adam.step(istn.backward(f, grad, null));
            istn.updateRunningStatistics(f.batchStats(), 0.1);
        }
        return first;
    }

    private static double mse(INDArray a, INDArray b) {
        INDArray d = a.sub(b);
        return d.mul(d).meanNumber().doubleValue();
    }

}
