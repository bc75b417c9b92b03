package org.istn.spark;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.TaskModel;
import org.istn.nn.TransformExplainer;
import org.istn.nn.TransformerChain;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicts every subject of an RDD of samples on the executors: each partition rebuilds the
 * broadcast models once ({@link ModelBytes}), then runs batches of {@code batchSize} samples
 * through the transformers (if any) and the task model in inference mode (running statistics),
 * one {@link SubjectPrediction} per subject, lazily (a partition never holds more than one batch
 * of outputs beyond what Spark consumes).
 */
public final class DistributedInference {

    private DistributedInference() {}

    /**
     * @param samples the preprocessed subjects
     * @param models the models, broadcast by the caller (who destroys the broadcast when done)
     * @param batchSize samples per forward pass
     * @param keepImages whether each prediction carries the transformed image
     */
    public static JavaRDD<SubjectPrediction> predict(JavaRDD<Sample> samples, Broadcast<ModelBytes> models,
            int batchSize, boolean keepImages) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, found " + batchSize);
        }
        return samples.mapPartitions(it -> partition(models.value(), it, batchSize, keepImages));
    }

    /** One partition: the models are built only when it has samples. */
    static Iterator<SubjectPrediction> partition(ModelBytes m, Iterator<Sample> in, int batchSize,
            boolean keepImages) throws IOException {
        if (!in.hasNext()) {
            return Collections.emptyIterator();
        }
        TaskModel task = m.taskModel();
        TransformerChain chain = m.transformers();
        return new Iterator<>() {
            private final Deque<SubjectPrediction> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && in.hasNext()) {
                    List<Sample> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && in.hasNext()) {
                        batch.add(in.next());
                    }
                    ready.addAll(predictBatch(task, chain, batch, keepImages));
                }
                return !ready.isEmpty();
            }

            @Override
            public SubjectPrediction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.removeFirst();
            }
        };
    }

    /** Transformers, then the task model, on one batch of samples of one shape. */
    public static List<SubjectPrediction> predictBatch(TaskModel task, TransformerChain chain, List<Sample> batch,
            boolean keepImages) {
        INDArray x = Batches.images(batch);
        List<Map<String, Double>> explanations = null;
        if (!chain.isEmpty()) {
            TransformerChain.Result r = chain.apply(x);
            x = r.output();
            explanations = r.explanations();
        }
        INDArray out = task.predict(x).castTo(DataType.DOUBLE);
        List<SubjectPrediction> result = new ArrayList<>(batch.size());
        List<String> names = TransformExplainer.ALL_NAMES;
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            double prediction;
            double[] probabilities;
            switch (task.kind()) {
                case REGRESSOR -> {
                    prediction = out.getDouble(i);
                    probabilities = null;
                }
                case BINARY -> {
                    double p1 = out.getDouble(i);
                    prediction = p1 >= 0.5 ? 1 : 0;
                    probabilities = new double[] {1 - p1, p1};
                }
                default -> {
                    probabilities = out.getRow(i).toDoubleVector();
                    int best = 0;
                    for (int c = 1; c < probabilities.length; c++) {
                        if (probabilities[c] > probabilities[best]) {
                            best = c;
                        }
                    }
                    prediction = best;
                }
            }
            double[] ex = new double[names.size()];
            Arrays.fill(ex, Double.NaN);
            if (explanations != null) {
                for (Map.Entry<String, Double> e : explanations.get(i).entrySet()) {
                    ex[names.indexOf(e.getKey())] = e.getValue();
                }
            }
            float[] image = keepImages ? Batches.image(x, i) : null;
            result.add(new SubjectPrediction(s.id(), s.line(), s.hasLabel() ? s.label() : Double.NaN, prediction,
                    probabilities, ex, image));
        }
        return result;
    }
}
