package org.istn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.ComputationGraphTaskModel;
import org.istn.nn.TaskModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * The Spark side of an epoch of {@link Dl4jSparkTrainer}: samples with their shuffled positions
 * become one partition of minibatches per worker and round ({@link EpochLayout}), by one shuffle;
 * a round's partitions are then read without touching the others.
 */
final class EpochMinibatches {

    private EpochMinibatches() {}

    /** Partition {@code r·workers + w} holds worker w's minibatches of round r, in position order. */
    static JavaRDD<DataSet> build(JavaRDD<Sample> samples, EpochLayout layout,
            Broadcast<Map<String, Integer>> positions, TaskModel.Kind kind, int classes,
            Dl4jSparkTrainer.Augmentation augmentation, int epoch) {
        return samples.mapToPair(new PlaceSample(layout, positions))
                .partitionBy(new HashPartitioner(layout.partitions()))
                .values()
                .mapPartitions(new BuildMinibatches(layout.batchSize(), kind, classes, augmentation, epoch));
    }

    /** Round {@code r}'s partitions of an epoch's minibatches. */
    static JavaRDD<DataSet> round(JavaRDD<DataSet> batches, EpochLayout layout, int r) {
        PartitionPruningRDD<DataSet> pruned = PartitionPruningRDD.create(batches.rdd(),
                new PartitionRange(layout.firstPartition(r), layout.firstPartition(r) + layout.workersIn(r)));
        return new JavaRDD<>(pruned, ClassTag$.MODULE$.apply(DataSet.class));
    }

    /** (manifest line, id) of a sample: its identity for the shuffle. */
    static String key(int line, String id) {
        return line + "\t" + id;
    }

    /** Sample → (partition, (position, sample)). */
    static final class PlaceSample implements PairFunction<Sample, Integer, Tuple2<Integer, Sample>> {
        private static final long serialVersionUID = 1L;
        private final EpochLayout layout;
        private final Broadcast<Map<String, Integer>> positions;

        PlaceSample(EpochLayout layout, Broadcast<Map<String, Integer>> positions) {
            this.layout = layout;
            this.positions = positions;
        }

        @Override
        public Tuple2<Integer, Tuple2<Integer, Sample>> call(Sample s) {
            Integer p = positions.value().get(key(s.line(), s.id()));
            if (p == null) {
                throw new IllegalStateException("sample " + s.id() + " (line " + s.line() + ") was not in the training"
                        + " set when the epoch was planned; the training RDD must not change within an epoch");
            }
            return new Tuple2<>(layout.partitionOf(p), new Tuple2<>(p, s));
        }
    }

    /** A partition's (position, sample) pairs → its minibatches in position order. */
    static final class BuildMinibatches implements FlatMapFunction<Iterator<Tuple2<Integer, Sample>>, DataSet> {
        private static final long serialVersionUID = 1L;
        private final int batchSize;
        private final TaskModel.Kind kind;
        private final int classes;
        private final Dl4jSparkTrainer.Augmentation augmentation;
        private final int epoch;

        BuildMinibatches(int batchSize, TaskModel.Kind kind, int classes, Dl4jSparkTrainer.Augmentation augmentation,
                int epoch) {
            this.batchSize = batchSize;
            this.kind = kind;
            this.classes = classes;
            this.augmentation = augmentation;
            this.epoch = epoch;
        }

        @Override
        public Iterator<DataSet> call(Iterator<Tuple2<Integer, Sample>> it) {
            List<Tuple2<Integer, Sample>> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            all.sort(Comparator.comparingInt(Tuple2::_1));
            List<DataSet> out = new ArrayList<>();
            int i = 0;
            while (i < all.size()) {
                int minibatch = all.get(i)._1() / batchSize;
                List<Sample> batch = new ArrayList<>(batchSize);
                for (; i < all.size() && all.get(i)._1() / batchSize == minibatch; i++) {
                    Sample s = all.get(i)._2();
                    String problem = ComputationGraphTaskModel.labelProblem(kind, classes, s.label());
                    if (problem != null) {
                        throw new IllegalArgumentException("training sample " + s.id() + " (manifest line " + s.line()
                                + "): " + problem);
                    }
                    batch.add(augmentation == null ? s : augmentation.apply(s, epoch));
                }
                out.add(new DataSet(Batches.images(batch),
                        ComputationGraphTaskModel.labelArray(kind, classes, Batches.labels(batch), DataType.FLOAT)));
            }
            return out.iterator();
        }
    }

    /** Keeps partitions {@code from} (inclusive) to {@code to} (exclusive). */
    static final class PartitionRange extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;

        PartitionRange(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Object apply(Object index) {
            int i = (Integer) index;
            return i >= from && i < to;
        }
    }
}
