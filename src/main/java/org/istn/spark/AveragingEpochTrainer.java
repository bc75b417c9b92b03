package org.istn.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.istn.data.Sample;
import org.istn.train.EpochPlan;
import org.istn.train.EpochTrainer;
import org.istn.train.StateVector;
import org.istn.train.TrainableModel;

/**
 * {@link EpochTrainer} by parameter averaging over Spark: plans each epoch ({@link EpochPlan})
 * and runs it with a {@link ParameterAveragingTrainer}, reporting progress after each round.
 */
public final class AveragingEpochTrainer<M extends TrainableModel> implements EpochTrainer {
    private final ParameterAveragingTrainer<M> trainer;
    private final JavaRDD<Sample> a;
    private final JavaRDD<Sample> b;
    private final List<String> aIds;
    private final List<String> bIds;
    private final List<String> lossNames;
    private final long seed;
    private final int batch;
    private final int workers;
    private final int frequency;

    /**
     * @param b domain B's samples, or null for single-domain training (then {@code bIds} is empty)
     */
    public AveragingEpochTrainer(ParameterAveragingTrainer<M> trainer, JavaRDD<Sample> a, List<String> aIds,
            JavaRDD<Sample> b, List<String> bIds, List<String> lossNames, long seed, int batch, int workers,
            int frequency) {
        this.trainer = trainer;
        this.a = a;
        this.b = b;
        this.aIds = List.copyOf(aIds);
        this.bIds = List.copyOf(bIds);
        this.lossNames = List.copyOf(lossNames);
        this.seed = seed;
        this.batch = batch;
        this.workers = workers;
        this.frequency = frequency;
    }

    @Override
    public List<String> lossNames() {
        return lossNames;
    }

    @Override
    public long stepsPerEpoch() {
        return EpochPlan.of(seed, 1, aIds, bIds, batch, workers, frequency).steps().size();
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public Epoch train(int epoch, StateVector state, ProgressSink progress) throws Exception {
        EpochPlan plan = EpochPlan.of(seed, epoch, aIds, bIds, batch, workers, frequency);
        long[] done = {0};
        ParameterAveragingTrainer.EpochResult r = trainer.trainEpoch(plan, a, b, state, (round, s) -> {
            done[0] += round.steps();
            if (progress != null) {
                progress.report(done[0], means(round.lossSums(), round.steps()), round.samples(), round.seconds());
            }
        });
        return new Epoch(r.state(), means(r.lossSums(), r.steps()), r.steps(), r.samples(), r.seconds(),
                r.averagingSeconds(), r.divergence());
    }

    private Map<String, Double> means(Map<String, Double> sums, long steps) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String n : lossNames) {
            Double v = sums.get(n);
            m.put(n, v == null || steps == 0 ? Double.NaN : v / steps);
        }
        return m;
    }
}
