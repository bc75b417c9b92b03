package org.istn.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.istn.data.Sample;
import org.istn.nn.Dl4jLeNet;
import org.istn.nn.TaskModel;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Throughput of {@link Dl4jSparkTrainer#fitEpoch} (not a test; run by hand, see
 * docs/task-training.md): a binary {@link Dl4jLeNet} (nf 4) on 28×28 images, batch 64 per worker,
 * averaging frequency 5, one worker per Spark core, against plain {@code ComputationGraph.fit}
 * over the same minibatches in the same JVM.
 *
 * <p>Arguments: master (e.g. {@code local[2]}), samples (default 1024), timed epochs (default 3).
 */
public final class Dl4jSparkTrainerBenchmark {

    private Dl4jSparkTrainerBenchmark() {}

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("spark.ui.enabled", "false");
        SparkSession session = SparkSessions.getOrCreate("dl4j-bench", master);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        SplittableRandom rng = new SplittableRandom(1);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] img = new float[28 * 28];
            for (int j = 0; j < img.length; j++) {
                img[j] = (float) (0.2 * rng.nextDouble());
            }
            int x0 = i % 2 == 0 ? rng.nextInt(0, 10) : rng.nextInt(14, 24);
            int y0 = rng.nextInt(0, 24);
            for (int y = y0; y < y0 + 4; y++) {
                for (int x = x0; x < x0 + 4; x++) {
                    img[y * 28 + x] = 1f;
                }
            }
            samples.add(new Sample("s" + i, i + 2, new int[] {28, 28}, img, i % 2));
        }
        JavaRDD<Sample> train = sc.parallelize(samples, sc.defaultParallelism()).cache();
        train.count();
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {28, 28}, 4, 1);
        Dl4jSparkTrainer t = new Dl4jSparkTrainer(sc, net.build(1e-3, 1), new Dl4jSparkTrainer.Options(0, 64, 5, 42),
                null);
        System.out.printf("master %s, workers %d, %d samples of 28x28, batch 64, averaging frequency 5%n", master,
                t.workers(), n);
        t.fitEpoch(train, 0); // warm-up: JIT, native kernels, Spark job start
        double sum = 0;
        for (int e = 1; e <= epochs; e++) {
            Dl4jSparkTrainer.EpochResult r = t.fitEpoch(train, e);
            System.out.printf("spark epoch %d: %.2f s, %.1f samples/s, loss %.4f, %d rounds%n", e, r.seconds(),
                    r.samplesPerSecond(), r.meanLoss(), r.rounds());
            sum += r.seconds();
        }
        System.out.printf("spark mean: %.1f samples/s%n", epochs * n / sum);

        List<DataSet> batches = t.epochMinibatches(train, 1).collect();
        ComputationGraph local = net.graph(1e-3, 1);
        for (DataSet b : batches) {
            local.fit(b);
        }
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (DataSet b : batches) {
                local.fit(b);
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("plain ComputationGraph.fit on the driver: %.1f samples/s%n", epochs * n / s);
        session.stop();
    }
}
