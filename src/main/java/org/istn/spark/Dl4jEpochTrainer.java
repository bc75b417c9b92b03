package org.istn.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.istn.data.Sample;
import org.istn.train.EpochTrainer;
import org.istn.train.StateVector;
import org.istn.train.TaskTrainingModel;

/**
 * {@link EpochTrainer} over dl4j-spark ({@link Dl4jSparkTrainer}): the 2D engine of
 * {@code train-task}. Each epoch imports the state into the driver's graph, lets dl4j-spark's
 * parameter averaging train one epoch, and exports the averaged graph's state. dl4j-spark reports
 * once per epoch (it has no per-round callback), so progress arrives at the end of each epoch.
 */
public final class Dl4jEpochTrainer implements EpochTrainer {
    private final Dl4jSparkTrainer trainer;
    private final JavaRDD<Sample> samples;
    private final long sampleCount;

    /**
     * @param samples the training samples (cached)
     * @param sampleCount their number
     */
    public Dl4jEpochTrainer(Dl4jSparkTrainer trainer, JavaRDD<Sample> samples, long sampleCount) {
        this.trainer = trainer;
        this.samples = samples;
        this.sampleCount = sampleCount;
    }

    @Override
    public List<String> lossNames() {
        return List.of(TaskTrainingModel.LOSS);
    }

    @Override
    public long stepsPerEpoch() {
        return new EpochLayout((int) sampleCount, trainer.options().batchSize(), trainer.workers(),
                trainer.options().averagingFrequency()).minibatches();
    }

    @Override
    public int workers() {
        return trainer.workers();
    }

    @Override
    public Epoch train(int epoch, StateVector state, ProgressSink progress) throws Exception {
        trainer.model().importState(state.toMap());
        Dl4jSparkTrainer.EpochResult r = trainer.fitEpoch(samples, epoch);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put(TaskTrainingModel.LOSS, r.meanLoss());
        if (progress != null) {
            progress.report(r.minibatches(), losses, r.samples(), r.seconds());
        }
        StateVector next = StateVector.of(trainer.model().exportState());
        String divergence = null;
        if (!Double.isFinite(r.meanLoss())) {
            divergence = "loss_task = " + r.meanLoss() + " in epoch " + epoch;
        } else if (!next.isFinite()) {
            divergence = "the averaged parameters hold NaN/Inf after epoch " + epoch;
        }
        return new Epoch(divergence == null ? next : state, losses, r.minibatches(), r.samples(), r.seconds(),
                Double.NaN, divergence);
    }
}
