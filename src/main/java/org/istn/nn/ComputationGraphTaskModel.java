package org.istn.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Any DL4J {@link ComputationGraph} (one input, one output) as the task model: its own output
 * layer, loss and updater decide training. {@code kind} says how to read its output: a binary
 * classifier's single output is P(label = 1) (sigmoid output layer), a K-class classifier's K
 * outputs are probabilities (softmax), a regressor's single output is the value. Binary and
 * regression labels are fed as {@code [N, 1]}, class labels one-hot.
 */
public final class ComputationGraphTaskModel implements TaskModel {

    /** How the graph's output is read. */
    public enum Kind { BINARY, MULTICLASS, REGRESSOR }

    private final ComputationGraph graph;
    private final Kind kind;
    private final int numClasses;

    /**
     * @param numClasses the number of outputs of a MULTICLASS graph (1 for the other kinds)
     */
    public ComputationGraphTaskModel(ComputationGraph graph, Kind kind, int numClasses) {
        if ((kind == Kind.MULTICLASS) != (numClasses > 1)) {
            throw new IllegalArgumentException("a " + kind + " task model has " + (kind == Kind.MULTICLASS
                    ? "more than one class" : "one output") + ", found num_classes " + numClasses);
        }
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a task model graph needs one input and one output, found "
                    + graph.getNumInputArrays() + " inputs and " + graph.getNumOutputArrays() + " outputs");
        }
        this.graph = graph;
        this.kind = kind;
        this.numClasses = numClasses;
    }

    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public INDArray predict(INDArray x) {
        INDArray out = graph.outputSingle(false, x);
        return kind == Kind.MULTICLASS ? out : out.reshape(out.size(0));
    }

    @Override
    public double fit(INDArray x, INDArray labels) {
        INDArray y;
        if (kind == Kind.MULTICLASS) {
            y = Nd4j.zeros(x.dataType(), labels.length(), numClasses);
            for (int i = 0; i < labels.length(); i++) {
                y.putScalar(i, Math.round(labels.getDouble(i)), 1.0);
            }
        } else {
            y = labels.castTo(x.dataType()).reshape(labels.length(), 1);
        }
        DataSet batch = new DataSet(x, y);
        double before = graph.score(batch, true);
        graph.fit(batch);
        return before;
    }
}
