package org.istn.train;

import java.util.List;
import java.util.Map;
import org.istn.nn.StatefulModel;

/**
 * What the parameter-averaging engine trains: a model that takes a step on a batch and whose
 * whole training state can be exported, summed, averaged and imported. Built on each worker
 * from a serializable {@link ModelRecipe}; not thread-safe.
 */
public interface TrainableModel extends StatefulModel {

    /** The names of the losses {@link #step} reports, in order. */
    List<String> lossNames();

    /** One optimisation step; returns each loss of the batch (before the step). */
    Map<String, Double> step(StepBatch batch);
}
