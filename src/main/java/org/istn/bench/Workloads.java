package org.istn.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.istn.nn.AffineStn;
import org.istn.nn.BSplineStn;
import org.istn.nn.Discriminator;
import org.istn.nn.Istn;
import org.istn.nn.Itn;
import org.istn.nn.LeNetClassifier;
import org.istn.nn.LeNetRegressor;
import org.istn.nn.NetBuilder;
import org.istn.nn.Network;
import org.istn.nn.NetworkGraph;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.Shapes;
import org.istn.nn.SpatialTransformer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmarked networks, by name, and how each is run.
 *
 * <ul>
 *   <li>{@code itn}: the ITN graph; loss {@code 0.01·sum(output)}.</li>
 *   <li>{@code affine-stn}, {@code bspline-stn}: {@link Istn} without ITN, so the hand-written
 *       grid sampler is included: forward = graph + sampler; forward+backward = that, the
 *       sampler's backward and {@link Istn#backward} (which runs the graph forward again, as
 *       SameDiff's gradient call always does).</li>
 *   <li>{@code affine-stn-graph}, {@code bspline-stn-graph}: the STN graph alone, up to the grid;
 *       loss {@code 0.01·sum(grid)}.</li>
 *   <li>{@code discriminator}, {@code classifier}, {@code regressor}: the network graph; loss
 *       {@code 0.01·sum(output)}; each also as a {@code +dx} row that asks for the input gradient
 *       too (what a domain-adaptation step needs from them).</li>
 *   <li>{@code classifier-fit}, {@code regressor-fit}: a whole training step of the task model,
 *       {@link SameDiffTaskModel#fit} (binary cross-entropy or MSE, one fused forward/backward,
 *       Adam update, running statistics); forward = the graph's output with batch statistics.</li>
 * </ul>
 */
public final class Workloads {

    /** Network names, in table order. */
    public static final List<String> NAMES = List.of("itn", "affine-stn", "affine-stn-graph", "bspline-stn",
            "bspline-stn-graph", "discriminator", "classifier", "regressor", "classifier-fit", "regressor-fit");

    private static final long SEED = 1234L;
    private static final String INPUT = "x";

    private Workloads() {}

    /** Whether the network also gets a {@code +dx} row. */
    public static boolean hasInputGradientRow(String name) {
        return name.equals("discriminator") || name.equals("classifier") || name.equals("regressor");
    }

    /** The rows of one network: without, and where it applies with, the input gradient. */
    public static List<Boolean> inputGradientVariants(String name) {
        return hasInputGradientRow(name) ? List.of(false, true) : List.of(false);
    }

    /** Builds the workload of network {@code name} on setting {@code s}. */
    public static Workload create(String name, boolean inputGradient, BenchSetting s, BenchOptions o) {
        int[] shape = s.inputShape();
        int d = s.dims();
        switch (name) {
            case "itn":
                return new NetworkWorkload(name, new Itn(shape, o.nf()), s, false);
            case "discriminator":
                return new NetworkWorkload(name, new Discriminator(shape, o.nfDiscriminator()), s, inputGradient);
            case "classifier":
                return new NetworkWorkload(name, new LeNetClassifier(shape, o.nfTask(), 1), s, inputGradient);
            case "regressor":
                return new NetworkWorkload(name, new LeNetRegressor(shape, o.nfTask()), s, inputGradient);
            case "classifier-fit":
                return new TaskFitWorkload(name, new LeNetClassifier(shape, o.nfTask(), 1), s);
            case "regressor-fit":
                return new TaskFitWorkload(name, new LeNetRegressor(shape, o.nfTask()), s);
            case "affine-stn":
                return new IstnWorkload(name, new AffineStn(shape, o.nf()), s);
            case "bspline-stn":
                return new IstnWorkload(name, bspline(s, o), s);
            case "affine-stn-graph":
                return new StnGraphWorkload(name, new AffineStn(shape, o.nf()), s);
            case "bspline-stn-graph":
                return new StnGraphWorkload(name, bspline(s, o), s);
            default:
                throw new IllegalArgumentException("unknown network '" + name + "'; expected one of "
                        + String.join(", ", NAMES) + " (" + d + "D)");
        }
    }

    private static BSplineStn bspline(BenchSetting s, BenchOptions o) {
        int[] spacing = new int[s.dims()];
        java.util.Arrays.fill(spacing, o.cpSpacingFor(s));
        return new BSplineStn(s.inputShape(), o.nf(), o.maxDisplacement(), spacing);
    }

    static INDArray input(BenchSetting s) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(SEED), Shapes.graphShape(s.inputShape(),
                s.batch(), 1)).castTo(DataType.FLOAT);
    }

    static Map<String, INDArray> placeholders(INDArray x) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(INPUT, x);
        ph.put(NetBuilder.TRAIN, Nd4j.scalar(DataType.FLOAT, 1f));
        return ph;
    }

    static String[] trainable(SameDiff sd) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !v.name().endsWith("/runMean")
                    && !v.name().endsWith("/runVar")) {
                out.add(v.name());
            }
        }
        return out.toArray(String[]::new);
    }

    /** A plain network graph with loss 0.01·sum(output). */
    private static final class NetworkWorkload implements Workload {
        private final String label;
        private final SameDiff sd = SameDiff.create();
        private final String output;
        private final String[] gradVars;
        private final Map<String, INDArray> ph;

        NetworkWorkload(String name, Network net, BenchSetting s, boolean inputGradient) {
            this.label = inputGradient ? name + " +dx" : name;
            SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, Shapes.graphShape(s.inputShape(), -1, 1));
            NetBuilder b = new NetBuilder(sd, name, s.dims(), DataType.FLOAT, SEED);
            SDVariable out = net.build(b, x);
            b.trainFlag();
            this.output = out.name();
            sd.setLossVariables(out.mul(0.01).sum().name());
            String[] params = trainable(sd);
            if (inputGradient) {
                String[] withX = java.util.Arrays.copyOf(params, params.length + 1);
                withX[params.length] = INPUT;
                params = withX;
            }
            this.gradVars = params;
            this.ph = placeholders(input(s));
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void forward() {
            sd.output(ph, output);
        }

        @Override
        public void forwardBackward() {
            sd.calculateGradients(ph, gradVars);
        }

        @Override
        public SameDiff graph() {
            return sd;
        }
    }

    /** The STN graph alone, up to the grid, with loss 0.01·sum(grid). */
    private static final class StnGraphWorkload implements Workload {
        private final String label;
        private final SameDiff sd = SameDiff.create();
        private final String grid;
        private final String[] params;
        private final Map<String, INDArray> ph;

        StnGraphWorkload(String name, SpatialTransformer stn, BenchSetting s) {
            this.label = name;
            SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, Shapes.graphShape(s.inputShape(), -1, 1));
            NetBuilder b = new NetBuilder(sd, "stn", s.dims(), DataType.FLOAT, SEED);
            SDVariable g = stn.build(b, x).grid();
            b.trainFlag();
            this.grid = g.name();
            sd.setLossVariables(g.mul(0.01).sum().name());
            this.params = trainable(sd);
            this.ph = placeholders(input(s));
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void forward() {
            sd.output(ph, grid);
        }

        @Override
        public void forwardBackward() {
            sd.calculateGradients(ph, params);
        }

        @Override
        public SameDiff graph() {
            return sd;
        }
    }

    /** One training step of a task model: {@link SameDiffTaskModel#fit}, Adam learning rate 1e-4. */
    private static final class TaskFitWorkload implements Workload {
        private final String label;
        private final NetworkGraph graph;
        private final SameDiffTaskModel model;
        private final INDArray x;
        private final INDArray labels;

        TaskFitWorkload(String name, Network net, BenchSetting s) {
            this.label = name;
            this.graph = new NetworkGraph(net, s.inputShape(), DataType.FLOAT, SEED);
            this.model = new SameDiffTaskModel(graph, 1e-4);
            this.x = input(s);
            // alternating 0/1: binary labels for the classifier, targets for the regressor
            float[] l = new float[s.batch()];
            for (int i = 0; i < l.length; i++) {
                l[i] = i % 2;
            }
            this.labels = Nd4j.createFromArray(l);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void forward() {
            graph.output(x, true);
        }

        @Override
        public void forwardBackward() {
            model.fit(x, labels);
        }

        @Override
        public SameDiff graph() {
            return graph.graph();
        }
    }

    /** An STN through {@link Istn}, grid sampler included; the upstream gradient is fixed noise. */
    private static final class IstnWorkload implements Workload {
        private final String label;
        private final Istn istn;
        private final INDArray x;
        private final INDArray gradOutput;

        IstnWorkload(String name, SpatialTransformer stn, BenchSetting s) {
            this.label = name;
            this.istn = new Istn(null, stn, s.inputShape(), DataType.FLOAT, SEED);
            this.x = input(s);
            this.gradOutput = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(SEED + 1), x.shape())
                    .castTo(DataType.FLOAT).subi(0.5).muli(0.01);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void forward() {
            istn.forward(x, true);
        }

        @Override
        public void forwardBackward() {
            Istn.Forward f = istn.forward(x, true);
            istn.backward(f, gradOutput, null);
        }

        @Override
        public SameDiff graph() {
            return istn.graph();
        }
    }
}
