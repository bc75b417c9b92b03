package org.istn.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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

    private static final String PARAMS = "cg/params";
    private static final String UPDATER = "cg/updater";
    private static final String ITERATION = "cg/iteration";

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
    public Kind kind() {
        return kind;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /**
     * {@code cg/params} (DL4J keeps batch-norm running statistics among the parameters),
     * {@code cg/updater} (the optimiser's state view, when there is one) and {@code cg/iteration}.
     */
    @Override
    public Map<String, INDArray> exportState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(PARAMS, graph.params().dup());
        INDArray u = updaterState();
        if (u != null) {
            m.put(UPDATER, u.dup());
        }
        m.put(ITERATION, Nd4j.scalar(DataType.DOUBLE, graph.getConfiguration().getIterationCount()));
        return m;
    }

    @Override
    public void importState(Map<String, INDArray> state) {
        StateEntries.assign(state, PARAMS, graph.params());
        INDArray u = updaterState();
        if (u != null) {
            StateEntries.assign(state, UPDATER, u);
        }
        graph.getConfiguration().setIterationCount((int) Math.round(StateEntries.get(state, ITERATION).getDouble(0)));
    }

    private INDArray updaterState() {
        return graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray();
    }

    @Override
    public INDArray predict(INDArray x) {
        INDArray out = graph.outputSingle(false, x);
        return kind == Kind.MULTICLASS ? out : out.reshape(out.size(0));
    }

    @Override
    public double fit(INDArray x, INDArray labels) {
        DataSet batch = new DataSet(x, labelArray(kind, numClasses, labels, x.dataType()));
        double before = graph.score(batch, true);
        graph.fit(batch);
        return before;
    }

    /**
     * Backpropagates through the graph's vertices by hand: DL4J's {@code ComputationGraph} computes
     * the input's error term but does not keep it. The forward pass runs without workspaces so that
     * every vertex's input and error stay valid until the walk reaches the graph's input; the
     * output layer gives the gradient of the batch's summed loss, hence the division by N.
     */
    @Override
    public INDArray inputGradient(INDArray x, INDArray labels) {
        INDArray y = labelArray(kind, numClasses, labels, x.dataType());
        if (graph.getGradientsViewArray() == null) {
            graph.initGradientsView();
        }
        WorkspaceMode mode = graph.getConfiguration().getTrainingWorkspaceMode();
        graph.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        try {
            graph.feedForward(new INDArray[] {x}, true, false);
            GraphVertex[] vertices = graph.getVertices();
            int[] order = graph.topologicalSortOrder();
            INDArray[] errors = new INDArray[vertices.length];
            INDArray input = null;
            for (int t = order.length - 1; t >= 0; t--) {
                GraphVertex v = vertices[order[t]];
                if (v.isInputVertex()) {
                    input = errors[v.getVertexIndex()];
                    continue;
                }
                if (v.isOutputVertex()) {
                    ((IOutputLayer) v.getLayer()).setLabels(y);
                } else {
                    v.setEpsilon(errors[v.getVertexIndex()]);
                }
                INDArray[] back = v.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond();
                VertexIndices[] in = v.getInputVertices();
                for (int k = 0; k < in.length; k++) {
                    int u = in[k].getVertexIndex();
                    errors[u] = errors[u] == null ? back[k].dup() : errors[u].addi(back[k]);
                }
            }
            if (input == null) {
                throw new IllegalStateException("the task graph's input received no gradient");
            }
            return input.divi(x.size(0));
        } finally {
            graph.clearLayersStates();
            graph.getConfiguration().setTrainingWorkspaceMode(mode);
        }
    }

    /**
     * Labels {@code [N]} in the form the graph's output layer takes: {@code [N, 1]} for a binary
     * classifier or a regressor, one-hot {@code [N, numClasses]} for a multi-class classifier.
     *
     * @throws IllegalArgumentException naming the batch index of the first unusable label
     *     (see {@link #labelProblem})
     */
    public static INDArray labelArray(Kind kind, int numClasses, INDArray labels, DataType dtype) {
        int n = (int) labels.length();
        for (int i = 0; i < n; i++) {
            String problem = labelProblem(kind, numClasses, labels.getDouble(i));
            if (problem != null) {
                throw new IllegalArgumentException("label at batch index " + i + ": " + problem);
            }
        }
        if (kind != Kind.MULTICLASS) {
            return labels.castTo(dtype).reshape(n, 1);
        }
        INDArray y = Nd4j.zeros(dtype, n, numClasses);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (int) labels.getDouble(i), 1.0);
        }
        return y;
    }

    /**
     * Why {@code label} cannot train a {@code kind} model, or null when it can: a binary label
     * must lie in [0, 1] (0/1, or a soft label), a class label must be one of 0 … numClasses − 1,
     * a regression target must be finite.
     */
    public static String labelProblem(Kind kind, int numClasses, double label) {
        if (Double.isNaN(label)) {
            return "no label (NaN)";
        }
        return switch (kind) {
            case BINARY -> label >= 0 && label <= 1 ? null : "label " + label + " is not in [0, 1] (binary classifier)";
            case MULTICLASS -> label == Math.rint(label) && label >= 0 && label < numClasses ? null
                    : "label " + label + " is not a class index 0 .. " + (numClasses - 1);
            case REGRESSOR -> Double.isInfinite(label) ? "label " + label + " is not finite" : null;
        };
    }
}
