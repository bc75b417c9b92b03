package org.istn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.istn.config.OptimSettings;
import org.istn.data.Sample;
import org.istn.nn.ComputationGraphTaskModel;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;

/**
 * Trains a DL4J task model ({@link ComputationGraphTaskModel}, e.g. a
 * {@link org.istn.nn.Dl4jLeNet}) on Spark with dl4j-spark's {@link ParameterAveragingTrainingMaster}
 * driving a {@link SparkComputationGraph}: each averaging round broadcasts the driver's
 * parameters and Adam state, every worker runs {@code averaging_frequency} minibatch steps on its
 * partition, and the driver replaces its parameters and Adam state by the workers' means. Lives on
 * the driver; one instance per training run.
 *
 * <p><b>Epochs.</b> {@link #fitEpoch} shuffles the training samples deterministically from
 * (seed, epoch) — the order depends only on the samples' (manifest line, id), never on how the RDD
 * is partitioned — applies the optional augmentation, cuts minibatches of {@code batch_size} and
 * deals them out with {@link EpochLayout}: one Spark partition per worker and round, built by one
 * shuffle, cached for the epoch. Each round is one call of the training master on that round's
 * partitions (so dl4j-spark's own random split of an epoch into rounds, and its repartitioning, never
 * apply: the layout is balanced already). Labels follow {@link ComputationGraphTaskModel#labelArray}.
 *
 * <p><b>Iteration counter and updater state across rounds (dl4j-spark 1.0.0-M2 with DL4J
 * 1.0.0-M2.1), as read from their code and checked by {@code Dl4jSparkTrainerIT}:</b>
 * <ul>
 *   <li>The Adam moments travel: with {@code saveUpdater(true)} the broadcast carries the
 *       driver's updater state, each worker starts from a copy, and the driver sets the
 *       element-wise mean of the workers' final states (the m and v of Adam averaged like the
 *       parameters). Batch-norm running statistics are parameters in DL4J and are averaged too.</li>
 *   <li>The iteration counter does not travel: the worker rebuilds its network from
 *       {@code ComputationGraphConfiguration.clone()}, which drops {@code iterationCount} and
 *       {@code epochCount}, so every worker restarts Adam's bias correction at step 0 each round.
 *       DL4J's Adam step is {@code lr·√(1−β2^t)/(1−β1^t)·m/(√v+ε)} with t = iteration + 1; with
 *       the restart t runs 1 … F every round (factor 0.32 … 0.17 for F = 5) on moments that are
 *       already warm, where continuous counting gives 0.22 at step 50, 0.51 at step 300, 0.80 at
 *       step 1000 and tends to 1: past the first few hundred steps, dl4j-spark as it is trains with
 *       a fraction of the learning rate. (The driver adds {@code averagingFrequency} to its own
 *       count after each round, but no worker reads it.) The test reproduces dl4j-spark's own
 *       result bit for bit by local training that resets the counter at every round start.
 *       This class therefore installs a {@link TrainingHook} that, before a worker's first step,
 *       sets the worker network's counters to the driver's values at broadcast time; after each
 *       round the driver's count is set to its value at the start of the round plus the steps the
 *       busiest worker took. With one worker the run is then the same computation as plain
 *       {@code ComputationGraph.fit} over the same minibatches in the same order (bit-identical
 *       parameters and Adam state in the test).</li>
 *   <li>The network's state — parameters, updater state, iteration count — is read from
 *       {@link #network()} at the start of every round, so importing a state
 *       ({@link ComputationGraphTaskModel#importState}) between epochs is what the next round
 *       trains from.</li>
 * </ul>
 *
 * <p>The epoch's loss is the example-weighted mean of every minibatch's loss before its step,
 * collected from the workers through Spark accumulators (a retried task may count twice). No
 * dl4j-spark training statistics or listeners are collected; no prefetch threads run.
 */
public final class Dl4jSparkTrainer {

    /** Per-epoch augmentation applied on the executors, e.g. {@code augmenter::apply}. */
    @FunctionalInterface
    public interface Augmentation extends Serializable {
        Sample apply(Sample sample, int epoch);
    }

    /**
     * @param workers            parallel workers (Spark tasks per round); 0 = Spark's default
     *                           parallelism (executors × cores on a cluster, N of local[N])
     * @param batchSize          samples per step on each worker ({@code batch_size})
     * @param averagingFrequency steps per worker between averages ({@code averaging_frequency})
     * @param seed               seeds the per-epoch shuffle (and dl4j-spark's own generator)
     */
    public record Options(int workers, int batchSize, int averagingFrequency, long seed) {
        public Options {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 0 (0 = Spark's default parallelism), found "
                        + workers);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch_size must be >= 1, found " + batchSize);
            }
            if (averagingFrequency < 1) {
                throw new IllegalArgumentException("averaging_frequency must be >= 1, found " + averagingFrequency);
            }
        }

        /** {@code batch_size} and {@code averaging_frequency} of a job's settings. */
        public static Options of(OptimSettings optim, long seed, int workers) {
            return new Options(workers, optim.batchSize(), optim.averagingFrequency(), seed);
        }
    }

    /**
     * One epoch: the mean training loss (before each step, weighted by minibatch size), the samples
     * and minibatches trained, the averaging rounds, and the wall-clock seconds.
     */
    public record EpochResult(int epoch, double meanLoss, long samples, long minibatches, int rounds, int workers,
            double seconds) {
        /** Samples per second of wall-clock time. */
        public double samplesPerSecond() {
            return seconds > 0 ? samples / seconds : Double.NaN;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jSparkTrainer.class);
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final JavaSparkContext sc;
    private final ComputationGraphTaskModel model;
    private final Options options;
    private final Augmentation augmentation;
    private final int workers;
    private final ParameterAveragingTrainingMaster master;
    private final SparkComputationGraph sparkGraph;
    private final WorkerStepHook hook;
    private int keysRddId = -1;
    private List<String> keys;

    /**
     * @param augmentation applied to every training sample each epoch; null for none
     */
    public Dl4jSparkTrainer(JavaSparkContext sc, ComputationGraphTaskModel model, Options options,
            Augmentation augmentation) {
        this.sc = sc;
        this.model = model;
        this.options = options;
        this.augmentation = augmentation;
        this.workers = options.workers() > 0 ? options.workers() : Math.max(1, sc.defaultParallelism());
        this.hook = new WorkerStepHook(sc.sc().doubleAccumulator("train-task loss x examples"),
                sc.sc().longAccumulator("train-task examples"), sc.sc().longAccumulator("train-task steps"));
        this.master = new ParameterAveragingTrainingMaster.Builder(workers, options.batchSize())
                .batchSizePerWorker(options.batchSize())
                .averagingFrequency(options.averagingFrequency())
                .saveUpdater(true)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .collectTrainingStats(false)
                .rngSeed(options.seed())
                .trainingHooks(hook)
                .build();
        this.sparkGraph = new SparkComputationGraph(sc, model.graph(), master);
    }

    /** The network on the driver: after {@link #fitEpoch}, the averaged model. */
    public ComputationGraph network() {
        return sparkGraph.getNetwork();
    }

    /** The task model around {@link #network()} (predict, export/import state). */
    public ComputationGraphTaskModel model() {
        return model;
    }

    /** The number of workers (Spark tasks per averaging round). */
    public int workers() {
        return workers;
    }

    public Options options() {
        return options;
    }

    /** dl4j-spark's training master (for inspection; its settings are this class's). */
    public ParameterAveragingTrainingMaster trainingMaster() {
        return master;
    }

    /** Test seam: whether workers are given the driver's iteration count (true; false is dl4j-spark's own behaviour). */
    void carryIterationCount(boolean carry) {
        hook.carryCounters = carry;
    }

    /**
     * Trains one epoch on {@code trainSamples} (labelled samples of one 2D shape; any
     * partitioning, preferably cached) and leaves the averaged model in {@link #network()}.
     *
     * @param epoch the epoch's number: seeds its shuffle and augmentation, names its Spark jobs
     * @throws IllegalArgumentException before any training, when there are no samples, two share
     *     (manifest line, id), the images differ in shape or a label cannot train the model (the
     *     message names the sample's id and manifest line)
     */
    public EpochResult fitEpoch(JavaRDD<Sample> trainSamples, int epoch) {
        long start = System.nanoTime();
        String previousDescription = sc.getLocalProperty(JOB_DESCRIPTION);
        JavaRDD<DataSet> batches = null;
        Broadcast<Map<String, Integer>> positions = null;
        try {
            sc.setJobDescription("train-task: epoch " + epoch + ", shuffle the training samples");
            List<String> order = shuffled(trainSamples, options.seed(), epoch);
            EpochLayout layout = new EpochLayout(order.size(), options.batchSize(), workers,
                    options.averagingFrequency());
            Map<String, Integer> pos = new HashMap<>(order.size() * 2);
            for (int i = 0; i < order.size(); i++) {
                pos.put(order.get(i), i);
            }
            positions = sc.broadcast(pos);
            batches = minibatches(trainSamples, layout, positions, epoch).persist(StorageLevel.MEMORY_AND_DISK_SER());
            hook.lossSum.reset();
            hook.examples.reset();
            hook.steps.reset();
            ComputationGraphConfiguration conf = network().getConfiguration();
            for (int r = 0; r < layout.rounds(); r++) {
                sc.setJobDescription("train-task: epoch " + epoch + ", averaging round " + (r + 1) + "/"
                        + layout.rounds() + " (" + layout.workersIn(r) + " workers x up to " + layout.stepsIn(r)
                        + " steps of " + options.batchSize() + ")");
                int iteration = conf.getIterationCount();
                hook.iteration = iteration;
                hook.epochCount = conf.getEpochCount();
                master.executeTraining(sparkGraph, EpochMinibatches.round(batches, layout, r));
                conf.setIterationCount(iteration + layout.stepsIn(r));
            }
            network().incrementEpochCount();
            long examples = hook.examples.value();
            if (examples != order.size() || hook.steps.value() != layout.minibatches()) {
                LOG.warn("epoch {}: the loss accumulators saw {} samples in {} steps, the epoch has {} in {}"
                        + " (retried Spark tasks count twice); the epoch loss averages what they saw", epoch,
                        examples, hook.steps.value(), order.size(), layout.minibatches());
            }
            return new EpochResult(epoch, hook.lossSum.value() / examples, order.size(), layout.minibatches(),
                    layout.rounds(), workers, (System.nanoTime() - start) / 1e9);
        } finally {
            if (batches != null) {
                batches.unpersist(false);
            }
            if (positions != null) {
                positions.destroy();
            }
            sc.setLocalProperty(JOB_DESCRIPTION, previousDescription);
        }
    }

    /**
     * The epoch's minibatches as {@link #fitEpoch} trains them, in partition order (partition
     * {@code r·workers + w} = worker w of round r). For tests and inspection.
     */
    JavaRDD<DataSet> epochMinibatches(JavaRDD<Sample> trainSamples, int epoch) {
        List<String> order = shuffled(trainSamples, options.seed(), epoch);
        EpochLayout layout = new EpochLayout(order.size(), options.batchSize(), workers, options.averagingFrequency());
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            pos.put(order.get(i), i);
        }
        return minibatches(trainSamples, layout, sc.broadcast(pos), epoch);
    }

    private JavaRDD<DataSet> minibatches(JavaRDD<Sample> samples, EpochLayout layout,
            Broadcast<Map<String, Integer>> positions, int epoch) {
        return EpochMinibatches.build(samples, layout, positions, model.kind(), model.numClasses(), augmentation,
                epoch);
    }

    /**
     * The sample keys in the epoch's order: sorted by (line, id), then permuted by Fisher–Yates from
     * a generator seeded by (seed, epoch).
     */
    private List<String> shuffled(JavaRDD<Sample> samples, long seed, int epoch) {
        if (keys == null || keysRddId != samples.id()) {
            List<Tuple4<Integer, String, int[], Float>> ids = new ArrayList<>(
                    samples.map(s -> new Tuple4<>(s.line(), s.id(), s.shape(), s.label())).collect());
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("no training samples: the training set is empty");
            }
            ids.sort(Comparator.<Tuple4<Integer, String, int[], Float>>comparingInt(Tuple4::_1)
                    .thenComparing(Tuple4::_2));
            int[] shape = ids.get(0)._3();
            List<String> k = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                Tuple4<Integer, String, int[], Float> t = ids.get(i);
                if (i > 0 && t._1().equals(ids.get(i - 1)._1()) && t._2().equals(ids.get(i - 1)._2())) {
                    throw new IllegalArgumentException("two training samples share id \"" + t._2()
                            + "\" and manifest line " + t._1() + "; each sample needs its own (line, id)");
                }
                if (!Arrays.equals(shape, t._3())) {
                    throw new IllegalArgumentException("training sample " + t._2() + " (manifest line " + t._1()
                            + ") has image shape " + Arrays.toString(t._3()) + ", sample " + ids.get(0)._2()
                            + " (manifest line " + ids.get(0)._1() + ") " + Arrays.toString(shape)
                            + "; all training images must have one shape");
                }
                String problem = ComputationGraphTaskModel.labelProblem(model.kind(), model.numClasses(), t._4());
                if (problem != null) {
                    throw new IllegalArgumentException("training sample " + t._2() + " (manifest line " + t._1() + "): "
                            + problem);
                }
                k.add(EpochMinibatches.key(t._1(), t._2()));
            }
            keys = k;
            keysRddId = samples.id();
        }
        List<String> out = new ArrayList<>(keys);
        SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static long mix(long seed, int epoch) {
        long h = (seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return h * 0x94D049BB133111EBL;
    }
}
