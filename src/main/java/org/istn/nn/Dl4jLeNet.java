package org.istn.nn;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The 2D task models as DL4J {@link ComputationGraph}s, so that dl4j-spark's parameter averaging
 * can train them ({@code istn train-task} on 2D data). They follow the project's SameDiff LeNets
 * layer for layer:
 *
 * <ul>
 *   <li><b>classifier</b> (kinds {@code BINARY}, {@code MULTICLASS}), as {@link LeNetClassifier}:
 *       5×5 stride-2 convolutions (padding 2) at widths 2nf, 4nf, 8nf, 16nf, 32nf, 32nf (nf = 4:
 *       8 … 128), batch norm after all but the first, ReLU; global average pooling; an output
 *       layer with one sigmoid unit and binary cross-entropy ({@code BINARY}) or
 *       {@code num_classes} softmax units and multi-class cross-entropy ({@code MULTICLASS}).
 *       The depth adapts to the image: blocks are added while the larger side is still above one
 *       pixel, at most six (16×16: 4 blocks, 28×28 and 32×32: 5, 64×64 and larger: 6), so the last
 *       block sees the whole image and no block runs on a 1×1 map;</li>
 *   <li><b>regressor</b> (kind {@code REGRESSOR}), as {@link LeNetRegressor}: 5×5 convolutions
 *       (stride 1, padding 2) at nf and 2nf, each with ReLU and 2×2 max pooling, dense layers 128,
 *       64, 32 with ReLU, one linear output trained on mean squared error.</li>
 * </ul>
 *
 * <p>Adam(lr, β1 = 0.9, β2 = 0.999, ε = 1e-8); He initialisation for the hidden layers, Xavier
 * for the output, drawn from DL4J's generator seeded with {@code seed}, so two graphs built with
 * the same arguments start identical. Batch norm: ε = 1e-5, running statistics with decay 0.9
 * (the SameDiff LeNets' momentum 0.1), running variance stored as a variance (not DL4J's default
 * log10 standard deviation), so that parameter averaging averages variances.
 *
 * <p>2D only: DL4J's batch-norm layer rejects 3D (rank-5) input, so 3D task models are the SameDiff
 * LeNets (see docs/task-training.md). {@code inputShape} is in NIfTI order (x, y): x is the image
 * width, and the graph's input is {@code [N, 1, y, x]}, the layout of {@code Batches.images}.
 *
 * @param kind       how the output is read
 * @param inputShape (x, y), or (x, y, 1)
 * @param nf         base width, &gt;= 1
 * @param numClasses outputs of a {@code MULTICLASS} model (&gt;= 2), 1 for the other kinds
 */
public record Dl4jLeNet(TaskModel.Kind kind, int[] inputShape, int nf, int numClasses) {
    /** The graph's input name. */
    public static final String INPUT = "image";
    /** The graph's output layer name. */
    public static final String OUTPUT = "out";
    private static final int MAX_BLOCKS = 6;

    public Dl4jLeNet {
        if (kind == null) {
            throw new IllegalArgumentException("task model kind is missing");
        }
        if (inputShape == null || !(inputShape.length == 2 || (inputShape.length == 3 && inputShape[2] == 1))) {
            throw new IllegalArgumentException("the DL4J task model is 2D, found input_shape "
                    + Arrays.toString(inputShape) + " (3D task models are the SameDiff LeNets: DL4J's batch norm"
                    + " cannot take 3D input)");
        }
        inputShape = new int[] {inputShape[0], inputShape[1]};
        if (inputShape[0] < 1 || inputShape[1] < 1) {
            throw new IllegalArgumentException("input_shape must be positive, found " + Arrays.toString(inputShape));
        }
        if (nf < 1) {
            throw new IllegalArgumentException("nf must be >= 1, found " + nf);
        }
        if ((kind == TaskModel.Kind.MULTICLASS) != (numClasses > 1) || numClasses < 1) {
            throw new IllegalArgumentException("a " + kind + " task model needs " + (kind == TaskModel.Kind.MULTICLASS
                    ? "num_classes >= 2" : "num_classes 1") + ", found " + numClasses);
        }
        if (kind == TaskModel.Kind.REGRESSOR && (inputShape[0] < 4 || inputShape[1] < 4)) {
            throw new IllegalArgumentException("the regressor needs every axis of input_shape >= 4 (two 2x poolings),"
                    + " found " + Arrays.toString(inputShape));
        }
    }

    /**
     * The model a job asks for: {@code model_type} "classifier" (binary for {@code num_classes}
     * 1, else multi-class) or "regressor" (then {@code num_classes} must be 1).
     */
    public static Dl4jLeNet of(String modelType, int[] inputShape, int nf, int numClasses) {
        TaskModel.Kind kind = switch (modelType) {
            case "classifier" -> numClasses == 1 ? TaskModel.Kind.BINARY : TaskModel.Kind.MULTICLASS;
            case "regressor" -> TaskModel.Kind.REGRESSOR;
            default -> throw new IllegalArgumentException("model_type must be classifier or regressor, found \""
                    + modelType + "\"");
        };
        return new Dl4jLeNet(kind, inputShape, nf, numClasses);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Image width (NIfTI x). */
    public int width() {
        return inputShape[0];
    }

    /** Image height (NIfTI y). */
    public int height() {
        return inputShape[1];
    }

    /** Number of convolution blocks: 2 for the regressor; for the classifier see the class comment. */
    public int depth() {
        if (kind == TaskModel.Kind.REGRESSOR) {
            return 2;
        }
        int side = Math.max(width(), height());
        int blocks = 0;
        do {
            side = Shapes.convOut(side, 5, 2, 2);
            blocks++;
        } while (side > 1 && blocks < MAX_BLOCKS);
        return blocks;
    }

    /** Channel widths of the convolution blocks. */
    public int[] widths() {
        int[] w = new int[depth()];
        for (int i = 0; i < w.length; i++) {
            w[i] = kind == TaskModel.Kind.REGRESSOR ? nf << i : Math.min(2 * nf << i, 32 * nf);
        }
        return w;
    }

    /** The graph configuration: Adam at {@code learningRate}, initialisation seeded by {@code seed}. */
    public ComputationGraphConfiguration configuration(double learningRate, long seed) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be > 0, found " + learningRate);
        }
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate, 0.9, 0.999, 1e-8))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(height(), width(), 1));
        String last = kind == TaskModel.Kind.REGRESSOR ? regressorTrunk(g) : classifierTrunk(g);
        OutputLayer.Builder out = switch (kind) {
            case BINARY -> new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID);
            case MULTICLASS -> new OutputLayer.Builder(LossFunction.MCXENT).nOut(numClasses)
                    .activation(Activation.SOFTMAX);
            case REGRESSOR -> new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY);
        };
        g.addLayer(OUTPUT, out.weightInit(WeightInit.XAVIER).build(), last);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    private String classifierTrunk(ComputationGraphConfiguration.GraphBuilder g) {
        String in = INPUT;
        int[] widths = widths();
        for (int i = 0; i < widths.length; i++) {
            String conv = "conv" + i;
            g.addLayer(conv, new ConvolutionLayer.Builder(5, 5).stride(2, 2).padding(2, 2).nOut(widths[i])
                    .activation(i == 0 ? Activation.RELU : Activation.IDENTITY).build(), in);
            in = conv;
            if (i > 0) {
                g.addLayer(conv + "_bn", new BatchNormalization.Builder().eps(NetBuilder.BN_EPS).decay(0.9)
                        .useLogStd(false).build(), in);
                g.addLayer(conv + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                        conv + "_bn");
                in = conv + "_relu";
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        return "pool";
    }

    private String regressorTrunk(ComputationGraphConfiguration.GraphBuilder g) {
        String in = INPUT;
        int[] widths = widths();
        for (int i = 0; i < widths.length; i++) {
            g.addLayer("conv" + i, new ConvolutionLayer.Builder(5, 5).stride(1, 1).padding(2, 2).nOut(widths[i])
                    .activation(Activation.RELU).build(), in);
            g.addLayer("pool" + i, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .build(), "conv" + i);
            in = "pool" + i;
        }
        int[] dense = {128, 64, 32};
        for (int i = 0; i < dense.length; i++) {
            g.addLayer("fc" + i, new DenseLayer.Builder().nOut(dense[i]).activation(Activation.RELU).build(), in);
            in = "fc" + i;
        }
        return in;
    }

    /** A freshly initialised graph (see {@link #configuration}). */
    public ComputationGraph graph(double learningRate, long seed) {
        ComputationGraph graph = new ComputationGraph(configuration(learningRate, seed));
        graph.init();
        return graph;
    }

    /** A freshly initialised graph as a task model. */
    public ComputationGraphTaskModel build(double learningRate, long seed) {
        return new ComputationGraphTaskModel(graph(learningRate, seed), kind, numClasses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dl4jLeNet d && d.kind == kind && Arrays.equals(d.inputShape, inputShape) && d.nf == nf
                && d.numClasses == numClasses;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Arrays.hashCode(inputShape)) * 31 + nf * 7 + numClasses;
    }

    @Override
    public String toString() {
        return "Dl4jLeNet[" + kind + ", input_shape " + Arrays.toString(inputShape) + ", nf " + nf + ", classes "
                + numClasses + ", depth " + depth() + "]";
    }
}
