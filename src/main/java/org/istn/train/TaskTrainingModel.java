package org.istn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.nn.TaskModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A task model as a {@link TrainableModel}: each step is one optimiser step of the task loss on
 * domain A's batch (step 1 of the workflow, {@code train-task}; the parameter-averaging engine
 * trains it like the DA models). Its state is the task model's, unprefixed.
 */
public final class TaskTrainingModel implements TrainableModel {
    /** The one loss reported. */
    public static final String LOSS = "loss_task";

    private final TaskModel task;

    public TaskTrainingModel(TaskModel task) {
        this.task = task;
    }

    public TaskModel task() {
        return task;
    }

    @Override
    public List<String> lossNames() {
        return List.of(LOSS);
    }

    @Override
    public Map<String, Double> step(StepBatch batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOSS, task.fit(batch.a(), batch.aLabels()));
        return m;
    }

    @Override
    public Map<String, INDArray> exportState() {
        return task.exportState();
    }

    @Override
    public void importState(Map<String, INDArray> state) {
        task.importState(state);
    }
}
