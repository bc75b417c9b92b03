package org.istn.nn;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model whose whole training state — parameters, optimiser state (moments, iteration count),
 * normalisation running statistics — can be taken out and put back by name. Parameter averaging
 * sums and divides these arrays across workers; checkpoints store them; resuming puts them back.
 *
 * <p>Names are stable for a given architecture and configuration, so the state of one instance
 * loads into another built the same way (on another executor, or after a restart).
 */
public interface StatefulModel {

    /** Copies of every array training changes, in a fixed order (a counter is a scalar array). */
    Map<String, INDArray> exportState();

    /**
     * Replaces the training state with {@code state} (values are copied in).
     *
     * @throws IllegalArgumentException naming the first missing or mis-shaped entry
     */
    void importState(Map<String, INDArray> state);
}
