package org.istn.train;

import java.io.Serializable;

/**
 * How to build a {@link TrainableModel} on a worker: serializable, so Spark ships it to the
 * executors, which build the model once and reuse it (see {@code org.istn.spark.ModelPool}).
 *
 * @param <M> the model type
 */
public interface ModelRecipe<M extends TrainableModel> extends Serializable {

    /** A new model with its initial (seeded) state. */
    M build();

    /** Identifies models built by equal recipes (a model built from one serves any equal recipe). */
    String key();
}
