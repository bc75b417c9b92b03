package org.istn.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.config.LossType;
import org.istn.nn.Discriminator;
import org.istn.nn.GraphVariables;
import org.istn.nn.NetBuilder;
import org.istn.nn.Shapes;
import org.istn.nn.StateEntries;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A discriminator with both of its roles in one graph, so that one forward and one backward pass
 * give everything an adversarial step needs:
 * <ul>
 * <li>the discriminator's own loss {@code 0.5·[dis(D(real), r) + dis(D(fake), f)]} and its
 * gradient with respect to D's parameters (fake detached: no gradient leaves through it);
 * <li>the generator's loss {@code gan(D(fake), r')} and its gradient with respect to the fake
 * images only (D frozen), computed by a second copy of D whose parameters are copied from the
 * first before each step and never trained.
 * </ul>
 * Losses act on D's scalar logit per image: bce is binary cross-entropy with logits, mse and l1
 * compare the logit with the (soft) label. The discriminator has no batch coupling (instance
 * norm only), so scoring real and fake images in one batch equals scoring them apart.
 *
 * <p>Not thread-safe: one instance per training thread.
 */
public final class AdversarialCritic {
    private static final String D_IN = "critic_in";
    private static final String G_IN = "gan_in";
    private static final String D_T = "critic_target";
    private static final String D_W = "critic_weight";
    private static final String G_T = "gan_target";
    private static final String G_W = "gan_weight";
    private static final String D_LOSS = "critic_loss";
    private static final String G_LOSS = "gan_loss";
    private static final String TOTAL = "critic_total";

    private final SameDiff sd = SameDiff.create();
    private final DataType dtype;
    private final String logits;
    private final List<String> params;
    private final Map<String, String> copyOf = new LinkedHashMap<>();
    private final AdamOptimizer adam;

    /** What one step computed. */
    public record Step(double criticLoss, double ganLoss, Map<String, INDArray> gradients, INDArray fakeGradient,
            INDArray realLogits, INDArray fakeLogits) {}

    /**
     * @param ganLoss loss of the generator's term; {@code disLoss} of the discriminator's
     * @param learningRate, beta1, beta2 the discriminator's Adam
     */
    public AdversarialCritic(Discriminator net, LossType disLoss, LossType ganLoss, DataType dtype, long seed,
            double learningRate, double beta1, double beta2) {
        this.dtype = dtype;
        int[] shape = net.inputShape();
        int dims = shape.length;
        NetBuilder main = new NetBuilder(sd, "d", dims, dtype, seed);
        NetBuilder frozen = new NetBuilder(sd, "d_frozen", dims, dtype, seed);
        SDVariable dIn = main.gradientInput(D_IN, Shapes.graphShape(shape, 1, 1));
        SDVariable gIn = frozen.gradientInput(G_IN, Shapes.graphShape(shape, 1, 1));
        SDVariable z1 = net.build(main, dIn);
        SDVariable z2 = net.build(frozen, gIn);
        this.logits = z1.name();
        main.trainFlag();
        SDVariable dLoss = loss(disLoss, z1, sd.placeHolder(D_T, dtype, -1, 1)).mul(sd.placeHolder(D_W, dtype, -1, 1))
                .sum().rename(D_LOSS);
        SDVariable gLoss = loss(ganLoss, z2, sd.placeHolder(G_T, dtype, -1, 1)).mul(sd.placeHolder(G_W, dtype, -1, 1))
                .sum().rename(G_LOSS);
        dLoss.add(gLoss).rename(TOTAL);
        sd.setLossVariables(TOTAL);
        this.params = GraphVariables.parameters(sd).stream().filter(p -> p.startsWith("d/")).toList();
        for (String p : params) {
            copyOf.put(p, "d_frozen/" + p.substring(2));
        }
        this.adam = new AdamOptimizer(sd, params, learningRate, beta1, beta2);
    }

    private SDVariable loss(LossType type, SDVariable z, SDVariable t) {
        return switch (type) {
            case BCE -> sd.nn().relu(z, 0).sub(z.mul(t)).add(sd.math().log1p(sd.math().exp(sd.math().abs(z).neg())));
            case MSE -> z.sub(t).mul(z.sub(t));
            case L1 -> sd.math().abs(z.sub(t));
        };
    }

    /** The trainable parameter names of D (the frozen copy excluded). */
    public List<String> parameterNames() {
        return params;
    }

    /**
     * Losses and gradients for one step: {@code real} [n, 1, ...] and {@code fake} [m, 1, ...]
     * images with their soft labels for the critic ({@code realLabels}, {@code fakeLabels}) and
     * the generator's target labels {@code ganLabels} [m]; {@code ganWeight} scales the
     * generator's loss (0.5 in the bidirectional objective).
     */
    public Step step(INDArray real, INDArray fake, double[] realLabels, double[] fakeLabels, double[] ganLabels,
            double ganWeight) {
        for (Map.Entry<String, String> e : copyOf.entrySet()) {
            sd.getVariable(e.getValue()).getArr().assign(sd.getVariable(e.getKey()).getArr());
        }
        long n = real.size(0);
        long m = fake.size(0);
        NetBuilder.bind(sd, D_IN, Nd4j.concat(0, real.castTo(dtype), fake.castTo(dtype)));
        NetBuilder.bind(sd, G_IN, fake.castTo(dtype).dup());
        double[] t = new double[(int) (n + m)];
        double[] w = new double[t.length];
        for (int i = 0; i < n; i++) {
            t[i] = realLabels[i];
            w[i] = 0.5 / n;
        }
        for (int i = 0; i < m; i++) {
            t[(int) n + i] = fakeLabels[i];
            w[(int) n + i] = 0.5 / m;
        }
        double[] gw = new double[(int) m];
        java.util.Arrays.fill(gw, ganWeight / m);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(NetBuilder.TRAIN, Nd4j.scalar(dtype, 1.0));
        ph.put(D_T, column(t));
        ph.put(D_W, column(w));
        ph.put(G_T, column(ganLabels));
        ph.put(G_W, column(gw));
        List<String> wanted = new ArrayList<>(params);
        wanted.add(G_IN);
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(D_LOSS, G_LOSS, logits), wanted);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String p : params) {
            grads.put(p, og.getGradients().get(p).dup());
        }
        INDArray z = og.getOutputs().get(logits).reshape(n + m);
        double ganLoss = ganWeight == 0 ? 0 : og.getOutputs().get(G_LOSS).getDouble(0) / ganWeight;
        return new Step(og.getOutputs().get(D_LOSS).getDouble(0), ganLoss, grads,
                og.getGradients().get(G_IN).dup(), z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).dup(),
                z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, n + m)).dup());
    }

    /** Applies the critic's gradients with its Adam. */
    public void apply(Map<String, INDArray> gradients) {
        adam.step(gradients);
    }

    /** D's logits for images (no training). */
    public INDArray logits(INDArray x) {
        NetBuilder.bind(sd, D_IN, x.castTo(dtype));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(NetBuilder.TRAIN, Nd4j.scalar(dtype, 0.0));
        return sd.output(ph, logits).get(logits).reshape(x.size(0)).dup();
    }

    private INDArray column(double[] v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE).castTo(dtype);
    }

    /** D's parameters and Adam state under {@code prefix}. */
    public void exportState(String prefix, Map<String, INDArray> into) {
        for (String p : params) {
            into.put(prefix + p, sd.getVariable(p).getArr().dup());
        }
        adam.exportState(prefix, into);
    }

    public void importState(String prefix, Map<String, INDArray> state) {
        for (String p : params) {
            StateEntries.assign(state, prefix + p, sd.getVariable(p).getArr());
        }
        adam.importState(prefix, state);
    }

    /** The graph (for tests and saving D). */
    public SameDiff graph() {
        return sd;
    }
}
