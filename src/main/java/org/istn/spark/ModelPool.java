package org.istn.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.istn.train.ModelRecipe;
import org.istn.train.TrainableModel;

/**
 * Models kept alive in an executor JVM between averaging rounds: building the graphs costs more
 * than a round's steps on small data, so each task borrows a model built from an equal recipe
 * (its state is then replaced by the broadcast one) and returns it. One model per concurrent
 * task; models are not thread-safe and never shared while borrowed.
 */
public final class ModelPool {
    private static final Map<String, ConcurrentLinkedDeque<TrainableModel>> POOL = new ConcurrentHashMap<>();

    private ModelPool() {}

    /** A model built from {@code recipe} (reused when one is free). */
    @SuppressWarnings("unchecked")
    public static <M extends TrainableModel> M borrow(ModelRecipe<M> recipe) {
        TrainableModel m = POOL.computeIfAbsent(recipe.key(), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        return m == null ? recipe.build() : (M) m;
    }

    /** Gives a model back for later rounds. */
    public static <M extends TrainableModel> void release(ModelRecipe<M> recipe, M model) {
        POOL.computeIfAbsent(recipe.key(), k -> new ConcurrentLinkedDeque<>()).addFirst(model);
    }

    /** Drops the models of {@code recipe} (end of a run). */
    public static void clear(ModelRecipe<?> recipe) {
        POOL.remove(recipe.key());
    }
}
