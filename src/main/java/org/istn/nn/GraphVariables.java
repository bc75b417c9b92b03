package org.istn.nn;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The variables of a network graph: all of them (what is saved), the trainable parameters (all
 * but batch-norm running statistics and gradient inputs, whose names hold no '/'), and the update
 * of running statistics from batch statistics.
 */
public final class GraphVariables {

    private GraphVariables() {}

    /** Every variable: parameters and running statistics (gradient inputs excluded). */
    public static List<String> all(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).filter(n -> n.contains("/")).toList();
    }

    /** The trainable parameters. */
    public static List<String> parameters(SameDiff sd) {
        return all(sd).stream().filter(n -> !n.endsWith("/runMean") && !n.endsWith("/runVar")).toList();
    }

    /** Running statistics ← (1 − momentum)·running + momentum·batch, PyTorch's convention. */
    public static void updateRunningStatistics(SameDiff sd, List<NetBuilder.BatchNormStats> batchNorms,
            Map<String, INDArray> batchStats, double momentum) {
        for (NetBuilder.BatchNormStats s : batchNorms) {
            INDArray m = batchStats.get(s.batchMean());
            INDArray v = batchStats.get(s.batchVar());
            if (m != null && v != null) {
                sd.getVariable(s.runMean()).getArr().muli(1 - momentum).addi(m.mul(momentum));
                sd.getVariable(s.runVar()).getArr().muli(1 - momentum).addi(v.mul(momentum));
            }
        }
    }
}
