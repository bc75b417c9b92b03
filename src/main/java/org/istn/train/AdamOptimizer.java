package org.istn.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam for a set of SameDiff variables (one network, or one part of a graph), with its own
 * learning rate and betas: each network of the adversarial step gets its own optimiser, as in the
 * reference (ISTN and discriminator β = (0.5, 0.999)). The moment estimates live in one state
 * array per parameter, which {@link #state()} exposes for checkpoints and averaging.
 */
public final class AdamOptimizer {

    private final SameDiff sd;
    private final Adam config;
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    private int iteration;

    public AdamOptimizer(SameDiff sd, Iterable<String> parameters, double learningRate, double beta1, double beta2) {
        this.sd = sd;
        this.config = new Adam(learningRate, beta1, beta2, Adam.DEFAULT_ADAM_EPSILON);
        for (String p : parameters) {
            INDArray param = sd.getVariable(p).getArr();
            INDArray s = Nd4j.zeros(param.dataType(), 1, config.stateSize(param.length()));
            state.put(p, s);
            updaters.put(p, config.instantiate(s, true));
        }
    }

    /** Applies one step: every parameter with a gradient in {@code gradients} moves; others stay. */
    public void step(Map<String, INDArray> gradients) {
        for (Map.Entry<String, GradientUpdater<?>> e : updaters.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (g == null) {
                continue;
            }
            INDArray update = g.dup();
            e.getValue().applyUpdater(update, iteration, 0);
            sd.getVariable(e.getKey()).getArr().subi(update);
        }
        iteration++;
    }

    public int iteration() {
        return iteration;
    }

    /** Sets the step count (bias correction depends on it): for resuming and averaging. */
    public void setIteration(int iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, found " + iteration);
        }
        this.iteration = iteration;
    }

    /** Copies of the moment arrays as {@code <prefix>adam/<param>} and the step count as {@code <prefix>adam/iteration}. */
    public void exportState(String prefix, Map<String, INDArray> into) {
        state.forEach((k, v) -> into.put(prefix + "adam/" + k, v.dup()));
        into.put(prefix + "adam/iteration", Nd4j.scalar(org.nd4j.linalg.api.buffer.DataType.DOUBLE, iteration));
    }

    /** Reads what {@link #exportState} wrote; an error names a missing or mis-shaped entry. */
    public void importState(String prefix, Map<String, INDArray> from) {
        state.forEach((k, v) -> org.istn.nn.StateEntries.assign(from, prefix + "adam/" + k, v));
        setIteration((int) Math.round(org.istn.nn.StateEntries.get(from, prefix + "adam/iteration").getDouble(0)));
    }

    /** The optimiser's state arrays by parameter name (live views). */
    public Map<String, INDArray> state() {
        return state;
    }
}
