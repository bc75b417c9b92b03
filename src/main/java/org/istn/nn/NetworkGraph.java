package org.istn.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One {@link Network} in a graph of its own, for inference and for saving: input {@value #INPUT},
 * output {@code <prefix>/output}. The input is a gradient input ({@link NetBuilder#gradientInput}),
 * not a placeholder, so that the gradient with respect to it can be asked for; its value is set by
 * {@link #feed} (or {@link #output}), and it is neither a parameter nor saved state. Not
 * thread-safe.
 */
public final class NetworkGraph {

    public static final String INPUT = "x";

    private final Network network;
    private final int[] inputShape;
    private final DataType dtype;
    private final long seed;
    private final SameDiff sd;
    private final String output;
    private final List<NetBuilder.BatchNormStats> batchNorms;

    public NetworkGraph(Network network, int[] inputShape, DataType dtype, long seed) {
        this.network = network;
        this.inputShape = inputShape.clone();
        this.dtype = dtype;
        this.seed = seed;
        this.sd = SameDiff.create();
        NetBuilder b = new NetBuilder(sd, network.kind(), inputShape.length, dtype, seed);
        // a variable, not a placeholder: its gradient is wanted (SameDiffTaskModel#inputGradient)
        SDVariable x = b.gradientInput(INPUT, Shapes.graphShape(inputShape, 1, 1));
        this.output = network.build(b, x).rename(network.kind() + "/output").name();
        b.trainFlag();
        this.batchNorms = List.copyOf(b.batchNorms());
    }

    /** Name of the network's output variable. */
    public String outputName() {
        return output;
    }

    public DataType dtype() {
        return dtype;
    }

    public List<NetBuilder.BatchNormStats> batchNorms() {
        return batchNorms;
    }

    /** Trainable parameters (running statistics excluded). */
    public List<String> parameterNames() {
        return GraphVariables.parameters(sd);
    }

    /** Running statistics ← (1 − momentum)·running + momentum·batch (PyTorch's convention). */
    public void updateRunningStatistics(Map<String, INDArray> batchStats, double momentum) {
        GraphVariables.updateRunningStatistics(sd, batchNorms, batchStats, momentum);
    }

    public Network network() {
        return network;
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    public long seed() {
        return seed;
    }

    public SameDiff graph() {
        return sd;
    }

    /** The network's output for {@code x}; {@code train} selects batch (true) or running statistics. */
    public INDArray output(INDArray x, boolean train) {
        return sd.output(feed(x, train), output).get(output);
    }

    /**
     * Sets the input to (a copy of) {@code x} and returns the placeholders of a pass over it: the
     * training flag, {@code train} selecting batch (true) or running statistics; a mutable map, for
     * callers that add placeholders of their own (labels).
     */
    public Map<String, INDArray> feed(INDArray x, boolean train) {
        NetBuilder.bind(sd, INPUT, x.castTo(dtype));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(NetBuilder.TRAIN, Nd4j.scalar(dtype, train ? 1.0 : 0.0));
        return ph;
    }

    /** Every variable (parameters and running statistics), for saving. */
    public List<String> variableNames() {
        return GraphVariables.all(sd);
    }
}
