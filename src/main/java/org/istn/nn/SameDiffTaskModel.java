package org.istn.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.train.AdamOptimizer;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A task model made of one of the project's networks ({@link LeNetClassifier},
 * {@link LeNetRegressor}) trained with Adam: binary cross-entropy on the logit for one class,
 * softmax cross-entropy for more, mean squared error for a regressor. Batch-norm running
 * statistics follow the batches with momentum 0.1.
 */
public final class SameDiffTaskModel implements TaskModel {
    private static final String LABELS = "labels";
    private static final String LOSS = "task_loss";

    private final NetworkGraph net;
    private final int numClasses;
    private final boolean regressor;
    private final AdamOptimizer adam;

    public SameDiffTaskModel(NetworkGraph net, double learningRate) {
        this.net = net;
        this.regressor = net.network() instanceof LeNetRegressor;
        this.numClasses = net.network() instanceof LeNetClassifier c ? c.numClasses() : 1;
        SameDiff sd = net.graph();
        SDVariable out = sd.getVariable(net.outputName());
        SDVariable y = sd.placeHolder(LABELS, net.dtype(), -1, numClasses);
        SDVariable loss;
        if (regressor) {
            SDVariable d = out.sub(y);
            loss = d.mul(d).mean();
        } else if (numClasses == 1) {
            // BCE with logits, stable form: max(z, 0) - z·y + log(1 + exp(-|z|))
            SDVariable z = out;
            loss = sd.nn().relu(z, 0).sub(z.mul(y)).add(sd.math().log1p(sd.math().exp(sd.math().abs(z).neg()))).mean();
        } else {
            // log-softmax written out (SameDiff's logSoftmax op fails to build in M2.1)
            SDVariable shifted = out.sub(out.max(true, 1));
            SDVariable logp = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
            loss = logp.mul(y).sum(1).neg().mean();
        }
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);
        this.adam = new AdamOptimizer(sd, net.parameterNames(), learningRate, 0.9, 0.999);
    }

    /**
     * The project's LeNet ({@link LeNetRegressor}, or {@link LeNetClassifier} with
     * {@code numClasses} outputs) in float, initialised from {@code seed}, with Adam.
     */
    public static SameDiffTaskModel lenet(boolean regressor, int[] inputShape, int nf, int numClasses,
            double learningRate, long seed) {
        NetworkGraph net = new NetworkGraph(regressor ? new LeNetRegressor(inputShape, nf)
                : new LeNetClassifier(inputShape, nf, numClasses), inputShape, DataType.FLOAT, seed);
        return new SameDiffTaskModel(net, learningRate);
    }

    public NetworkGraph network() {
        return net;
    }

    @Override
    public Kind kind() {
        return regressor ? Kind.REGRESSOR : numClasses == 1 ? Kind.BINARY : Kind.MULTICLASS;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** Every graph variable (parameters, running statistics), {@code adam/<param>} and {@code adam/iteration}. */
    @Override
    public Map<String, INDArray> exportState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String v : net.variableNames()) {
            m.put(v, net.graph().getVariable(v).getArr().dup());
        }
        adam.exportState("", m);
        return m;
    }

    @Override
    public void importState(Map<String, INDArray> state) {
        for (String v : net.variableNames()) {
            StateEntries.assign(state, v, net.graph().getVariable(v).getArr());
        }
        adam.importState("", state);
    }

    @Override
    public INDArray predict(INDArray x) {
        INDArray out = net.output(x, false);
        if (regressor) {
            return out.reshape(out.size(0));
        }
        if (numClasses == 1) {
            return Transforms.sigmoid(out.reshape(out.size(0)), true);
        }
        return Transforms.softmax(out, true);
    }

    @Override
    public double fit(INDArray x, INDArray labels) {
        Map<String, INDArray> ph = net.feed(x, true);
        ph.put(LABELS, targets(labels));
        List<String> want = new ArrayList<>(List.of(LOSS));
        for (NetBuilder.BatchNormStats s : net.batchNorms()) {
            want.add(s.batchMean());
            want.add(s.batchVar());
        }
        // one forward and one backward pass give the loss, the batch statistics and the gradients
        OutAndGrad og = net.graph().calculateGradientsAndOutputs(ph, want, net.parameterNames());
        Map<String, INDArray> out = og.getOutputs();
        double loss = out.get(LOSS).getDouble(0);
        adam.step(og.getGradients());
        net.updateRunningStatistics(out, 0.1);
        return loss;
    }

    /**
     * The gradient of {@link #fit}'s loss (the batch mean) with respect to {@code x}, batch
     * statistics in batch norm, in the graph's data type: one forward and one backward pass of the
     * same graph, with no optimiser step and no update of the running statistics.
     */
    @Override
    public INDArray inputGradient(INDArray x, INDArray labels) {
        Map<String, INDArray> ph = net.feed(x, true);
        ph.put(LABELS, targets(labels));
        // SameDiff may hand back arrays it reuses in later executions: own a copy
        return net.graph().calculateGradients(ph, NetworkGraph.INPUT).get(NetworkGraph.INPUT).dup();
    }

    private INDArray targets(INDArray labels) {
        INDArray l = labels.castTo(net.dtype()).reshape(labels.length(), 1);
        if (numClasses == 1) {
            return l;
        }
        INDArray oneHot = Nd4j.zeros(net.dtype(), labels.length(), numClasses);
        for (int i = 0; i < labels.length(); i++) {
            int k = (int) Math.round(l.getDouble(i, 0));
            if (k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("label " + l.getDouble(i, 0) + " is not a class index in [0, "
                        + (numClasses - 1) + "] (num_classes " + numClasses + ")");
            }
            oneHot.putScalar(i, k, 1.0);
        }
        return oneHot;
    }
}
