package org.istn.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.storage.StorageLevel;
import org.istn.data.Augmenter;
import org.istn.data.Sample;
import org.istn.train.EpochPlan;
import org.istn.train.ModelRecipe;
import org.istn.train.StateVector;
import org.istn.train.StepRunner;
import org.istn.train.TrainableModel;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Parameter averaging (the algorithm of dl4j-spark's {@code ParameterAveragingTrainingMaster})
 * over Spark's own primitives, for any {@link TrainableModel} — the adversarial DA step, which
 * no DL4J TrainingMaster can express, and the SameDiff task models. Per epoch, the
 * {@link EpochPlan}'s images are shuffled once into one partition per (round, worker); per
 * round, the driver broadcasts the training state (parameters, optimiser state, normalisation
 * statistics), each worker imports it into its pooled model, runs its {@code F} steps, and
 * returns its state; {@code treeAggregate} sums the states and the driver divides by the number
 * of workers that trained.
 *
 * <p>With one worker this is exactly single-process training (state round trips are lossless).
 */
public final class ParameterAveragingTrainer<M extends TrainableModel> {

    private final JavaSparkContext sc;
    private final ModelRecipe<M> recipe;
    private final Augmenter augmenter;
    private final long seed;
    private final String job;

    /** What one averaging round produced, for progress reports. */
    public record Round(int round, int rounds, long steps, long samples, Map<String, Double> lossSums,
            double seconds, double workerSeconds) {}

    /** Called on the driver after each round. */
    @FunctionalInterface
    public interface RoundListener {
        void onRound(Round round, StateVector state) throws Exception;
    }

    /** An epoch's result: the averaged state, or the divergence that stopped it. */
    public record EpochResult(StateVector state, Map<String, Double> lossSums, long steps, long samples,
            double seconds, double averagingSeconds, String divergence) {}

    /**
     * @param augmenter applied to the training images on the workers, or null
     * @param job the job's name, in the Spark UI's job descriptions
     */
    public ParameterAveragingTrainer(JavaSparkContext sc, ModelRecipe<M> recipe, Augmenter augmenter, long seed,
            String job) {
        this.sc = sc;
        this.recipe = recipe;
        this.augmenter = augmenter;
        this.seed = seed;
        this.job = job;
    }

    /**
     * Trains one epoch. {@code b} may be null for single-domain training.
     *
     * @param start the state to start from (the previous epoch's result)
     */
    public EpochResult trainEpoch(EpochPlan plan, JavaRDD<Sample> a, JavaRDD<Sample> b, StateVector start,
            RoundListener listener) throws Exception {
        long t0 = System.nanoTime();
        int w = plan.workers();
        int rounds = plan.rounds();
        Map<String, int[]> slots = new HashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < w; k++) {
                for (EpochPlan.Step s : plan.stepsOf(r, k)) {
                    for (String id : s.a()) {
                        slots.put("A" + id, new int[] {r * w + k});
                    }
                    for (String id : s.b()) {
                        slots.put("B" + id, new int[] {r * w + k});
                    }
                }
            }
        }
        sc.setJobDescription(job + ": epoch " + plan.epoch() + ", shuffling " + plan.samples()
                + " training samples to " + w + " workers × " + rounds + " rounds");
        Broadcast<Map<String, int[]>> slotsB = sc.broadcast(slots);
        JavaPairRDD<Integer, Tagged> keyed = tag(a, "A", slotsB);
        if (b != null) {
            keyed = keyed.union(tag(b, "B", slotsB));
        }
        JavaPairRDD<Integer, Tagged> parts = keyed.partitionBy(new IndexPartitioner(rounds * w));
        parts.persist(StorageLevel.MEMORY_AND_DISK_SER());

        StateVector state = start;
        Map<String, Double> sums = new LinkedHashMap<>();
        long steps = 0;
        long samples = 0;
        double workerSeconds = 0;
        String divergence = null;
        try {
            for (int r = 0; r < rounds && divergence == null; r++) {
                long r0 = System.nanoTime();
                final int round = r;
                sc.setJobDescription(job + ": epoch " + plan.epoch() + ", averaging round " + (r + 1) + "/" + rounds
                        + " (" + w + " workers × up to " + plan.frequency() + " steps)");
                Broadcast<byte[]> stateB = sc.broadcast(state.toBytes());
                Broadcast<EpochPlan> planB = sc.broadcast(plan);
                JavaRDD<Tuple2<Integer, Tagged>> roundRdd = new JavaRDD<>(
                        PartitionPruningRDD.create(parts.rdd(), new InRound(r, w)),
                        ClassTag$.MODULE$.apply(Tuple2.class));
                WorkerResult zero = new WorkerResult(null, new LinkedHashMap<>(), 0, 0, 0, null);
                ModelRecipe<M> rec = recipe;
                Augmenter aug = augmenter;
                long sd = seed;
                WorkerResult res = roundRdd.mapPartitions(it -> work(it, round, w, planB.value(), stateB.value(), rec,
                        aug, sd)).treeAggregate(zero, WorkerResult::merge, WorkerResult::merge, 2);
                stateB.destroy();
                planB.destroy();
                if (res.divergence != null) {
                    divergence = res.divergence;
                    break;
                }
                if (res.state == null) {
                    continue;
                }
                StateVector mean = res.state.mean();
                if (!mean.isFinite()) {
                    divergence = "the averaged parameters are not finite after epoch " + plan.epoch() + ", round "
                            + (r + 1);
                    break;
                }
                state = mean;
                res.lossSums.forEach((k, v) -> sums.merge(k, v, Double::sum));
                steps += res.steps;
                samples += res.samples;
                double secs = (System.nanoTime() - r0) / 1e9;
                double ws = res.workers == 0 ? 0 : res.seconds / res.workers;
                workerSeconds += ws;
                if (listener != null) {
                    listener.onRound(new Round(r + 1, rounds, res.steps, res.samples, res.lossSums, secs, ws), state);
                }
            }
        } finally {
            parts.unpersist(false);
            slotsB.destroy();
        }
        double total = (System.nanoTime() - t0) / 1e9;
        return new EpochResult(state, sums, steps, samples, total, Math.max(0, total - workerSeconds), divergence);
    }

    private static JavaPairRDD<Integer, Tagged> tag(JavaRDD<Sample> rdd, String domain,
            Broadcast<Map<String, int[]>> slots) {
        return rdd.flatMapToPair(s -> {
            int[] slot = slots.value().get(domain + s.id());
            return slot == null ? java.util.Collections.emptyIterator()
                    : List.of(new Tuple2<>(slot[0], new Tagged(domain, s))).iterator();
        });
    }

    private static <M extends TrainableModel> Iterator<WorkerResult> work(Iterator<Tuple2<Integer, Tagged>> it,
            int round, int workers, EpochPlan plan, byte[] state, ModelRecipe<M> recipe, Augmenter aug, long seed) {
        Map<String, Sample> a = new HashMap<>();
        Map<String, Sample> b = new HashMap<>();
        int partition = -1;
        while (it.hasNext()) {
            Tuple2<Integer, Tagged> t = it.next();
            partition = t._1();
            (t._2().domain().equals("A") ? a : b).put(t._2().sample().id(), t._2().sample());
        }
        if (partition < 0) {
            return java.util.Collections.emptyIterator();
        }
        List<EpochPlan.Step> steps = plan.stepsOf(round, partition - round * workers);
        if (steps.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        M model = ModelPool.borrow(recipe);
        try {
            model.importState(StateVector.fromBytes(state, "broadcast state").toMap());
            StepRunner.Outcome o = StepRunner.run(model, plan.epoch(), steps, a, b, aug, seed);
            StateVector out = o.divergence() == null ? StateVector.of(model.exportState()) : null;
            return List.of(new WorkerResult(out, new LinkedHashMap<>(o.lossSums()), o.steps(), o.samples(),
                    o.seconds(), o.divergence())).iterator();
        } finally {
            ModelPool.release(recipe, model);
        }
    }

    /** A sample with its domain. */
    public record Tagged(String domain, Sample sample) implements Serializable {}

    /** Partition i holds the samples of (round i / W, worker i % W). */
    static final class IndexPartitioner extends Partitioner {
        private final int n;

        IndexPartitioner(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IndexPartitioner p && p.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }

    /** Keeps the partitions of one round. */
    static final class InRound extends AbstractFunction1<Object, Object> implements Serializable {
        private final int round;
        private final int workers;

        InRound(int round, int workers) {
            this.round = round;
            this.workers = workers;
        }

        @Override
        public Object apply(Object index) {
            return (Integer) index / workers == round;
        }
    }

    /** One or more workers' results, summed. */
    static final class WorkerResult implements Serializable {
        final StateVector state;
        final Map<String, Double> lossSums;
        final long steps;
        final long samples;
        final double seconds;
        final String divergence;
        final int workers;

        WorkerResult(StateVector state, Map<String, Double> lossSums, long steps, long samples, double seconds,
                String divergence) {
            this(state, lossSums, steps, samples, seconds, divergence, state == null && divergence == null ? 0 : 1);
        }

        private WorkerResult(StateVector state, Map<String, Double> lossSums, long steps, long samples,
                double seconds, String divergence, int workers) {
            this.state = state;
            this.lossSums = lossSums;
            this.steps = steps;
            this.samples = samples;
            this.seconds = seconds;
            this.divergence = divergence;
            this.workers = workers;
        }

        static WorkerResult merge(WorkerResult x, WorkerResult y) {
            Map<String, Double> l = new LinkedHashMap<>(x.lossSums);
            y.lossSums.forEach((k, v) -> l.merge(k, v, Double::sum));
            StateVector s = x.state == null ? y.state : x.state.plus(y.state);
            return new WorkerResult(s, l, x.steps + y.steps, x.samples + y.samples, x.seconds + y.seconds,
                    x.divergence != null ? x.divergence : y.divergence, x.workers + y.workers);
        }
    }

}
