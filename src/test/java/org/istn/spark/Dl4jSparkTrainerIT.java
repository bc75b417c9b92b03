package org.istn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.istn.data.Augmenter;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.ComputationGraphTaskModel;
import org.istn.nn.Dl4jLeNet;
import org.istn.nn.TaskModel;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * dl4j-spark parameter averaging of the 2D DL4J task models on the shared local[2] session: they
 * learn separable synthetic problems, one worker reproduces plain local training exactly, and an
 * imported state is what the next epoch trains from.
 */
class Dl4jSparkTrainerIT {
    private static final int SIDE = 16;
    private static JavaSparkContext sc;

    @BeforeAll
    static void spark() {
        sc = TestSpark.context();
    }

    // ---- synthetic data: a bright 4x4 blob on faint noise ------------------------------------------

    /** Blob at (x0, y0) with brightness b on noise U(0, 0.2); x fastest, as a Sample holds it. */
    private static float[] blob(SplittableRandom rng, int x0, int y0, float b) {
        float[] img = new float[SIDE * SIDE];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (0.2 * rng.nextDouble());
        }
        for (int y = y0; y < y0 + 4; y++) {
            for (int x = x0; x < x0 + 4; x++) {
                img[y * SIDE + x] = b;
            }
        }
        return img;
    }

    /** Label 0: blob in the left half; 1: in the right half. */
    private static List<Sample> leftRight(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            int x0 = label == 0 ? rng.nextInt(0, 5) : rng.nextInt(8, 13);
            out.add(new Sample("s" + seed + "-" + i, i + 2, new int[] {SIDE, SIDE}, blob(rng, x0, rng.nextInt(0, 13), 1f),
                    label));
        }
        return out;
    }

    /** Label k in 0..3: blob in quadrant k (k mod 2 = right half, k / 2 = lower half). */
    private static List<Sample> quadrants(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i % 4;
            int x0 = (k % 2) * 8 + rng.nextInt(0, 5);
            int y0 = (k / 2) * 8 + rng.nextInt(0, 5);
            out.add(new Sample("q" + seed + "-" + i, i + 2, new int[] {SIDE, SIDE}, blob(rng, x0, y0, 1f), k));
        }
        return out;
    }

    /** Label = the blob's brightness, U(0.2, 1), anywhere in the image. */
    private static List<Sample> brightness(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float b = (float) (0.2 + 0.8 * rng.nextDouble());
            out.add(new Sample("b" + seed + "-" + i, i + 2, new int[] {SIDE, SIDE},
                    blob(rng, rng.nextInt(0, 13), rng.nextInt(0, 13), b), b));
        }
        return out;
    }

    private static JavaRDD<Sample> rdd(List<Sample> samples, int partitions) {
        return sc.parallelize(samples, partitions).cache();
    }

    private static Dl4jSparkTrainer trainer(ComputationGraphTaskModel m, int workers, int batch, int freq) {
        return new Dl4jSparkTrainer(sc, m, new Dl4jSparkTrainer.Options(workers, batch, freq, 42), null);
    }

    private static double accuracy(TaskModel m, List<Sample> test) {
        INDArray p = m.predict(Batches.images(test));
        int ok = 0;
        for (int i = 0; i < test.size(); i++) {
            int pred = m.kind() == TaskModel.Kind.BINARY ? (p.getDouble(i) > 0.5 ? 1 : 0)
                    : p.getRow(i).argMax().getInt(0);
            ok += pred == (int) test.get(i).label() ? 1 : 0;
        }
        return (double) ok / test.size();
    }

    private static List<Double> train(Dl4jSparkTrainer t, JavaRDD<Sample> train, int epochs) {
        List<Double> losses = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            Dl4jSparkTrainer.EpochResult r = t.fitEpoch(train, e);
            assertEquals(e, r.epoch());
            assertTrue(Double.isFinite(r.meanLoss()), "epoch " + e + " loss " + r.meanLoss());
            losses.add(r.meanLoss());
        }
        return losses;
    }

    // ---- learning -----------------------------------------------------------------------------------

    @Test
    void binaryClassifierLearnsLeftVersusRightOnTwoWorkers() {
        ComputationGraphTaskModel m = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {SIDE, SIDE}, 2, 1).build(0.01, 1);
        Dl4jSparkTrainer t = trainer(m, 2, 8, 2);
        JavaRDD<Sample> train = rdd(leftRight(64, 1), 3);
        Dl4jSparkTrainer.EpochResult first = t.fitEpoch(train, 0);
        // 64 samples = 8 minibatches of 8 = 2 rounds of 2 workers x 2 steps
        assertEquals(64, first.samples());
        assertEquals(8, first.minibatches());
        assertEquals(2, first.rounds());
        assertEquals(2, first.workers());
        assertEquals(4, t.network().getConfiguration().getIterationCount(), "2 rounds of 2 steps per worker");
        List<Double> losses = train(t, train, 6);
        double chance = accuracy(m, leftRight(40, 99));
        System.out.printf("binary: epoch losses %.4f then %s, held-out accuracy %.3f%n", first.meanLoss(), losses,
                chance);
        assertTrue(losses.get(losses.size() - 1) < 0.5 * first.meanLoss(), "loss " + first.meanLoss() + " -> " + losses);
        assertTrue(chance >= 0.9, "held-out accuracy " + chance + " (chance 0.5)");
    }

    @Test
    void multiclassClassifierLearnsQuadrants() {
        ComputationGraphTaskModel m = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {SIDE, SIDE}, 2, 4)
                .build(0.01, 2);
        Dl4jSparkTrainer t = trainer(m, 2, 8, 2);
        List<Double> losses = train(t, rdd(quadrants(64, 2), 2), 8);
        double acc = accuracy(m, quadrants(40, 98));
        System.out.printf("multiclass: epoch losses %s, held-out accuracy %.3f%n", losses, acc);
        assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "loss " + losses);
        assertTrue(acc >= 0.75, "held-out accuracy " + acc + " (chance 0.25)");
    }

    @Test
    void regressorLearnsBlobBrightness() {
        ComputationGraphTaskModel m = new Dl4jLeNet(TaskModel.Kind.REGRESSOR, new int[] {SIDE, SIDE}, 2, 1)
                .build(0.005, 3);
        Dl4jSparkTrainer t = trainer(m, 2, 8, 2);
        List<Sample> train = brightness(96, 3);
        List<Double> losses = train(t, rdd(train, 2), 8);
        List<Sample> test = brightness(40, 97);
        INDArray p = m.predict(Batches.images(test));
        INDArray y = Batches.labels(test);
        double mae = Transforms.abs(p.sub(y)).meanNumber().doubleValue();
        // the baseline predicts the training mean for every image
        double mean = Batches.labels(train).meanNumber().doubleValue();
        double baseline = Transforms.abs(y.sub(mean)).meanNumber().doubleValue();
        System.out.printf("regressor: epoch losses %s, held-out MAE %.4f, mean-predictor MAE %.4f%n", losses, mae,
                baseline);
        assertTrue(losses.get(losses.size() - 1) < 0.3 * losses.get(0), "loss " + losses);
        assertTrue(mae < 0.5 * baseline, "MAE " + mae + " vs mean predictor " + baseline);
    }

    // ---- equivalence with local training ------------------------------------------------------------

    /**
     * One worker, averaging frequency 3, 5 minibatches per epoch (rounds of 3 and 2 steps), two
     * epochs: the Spark-trained parameters and Adam state equal plain {@code ComputationGraph.fit}
     * over the same minibatches in the same order, bit for bit. Without handing the iteration
     * counter to the worker (dl4j-spark's own behaviour) they do not.
     */
    @Test
    void oneWorkerIsExactlyLocalTrainingOverTheSameMinibatches() {
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {SIDE, SIDE}, 2, 1);
        JavaRDD<Sample> train = rdd(leftRight(36, 5), 2);
        ComputationGraphTaskModel spark = net.build(0.01, 7);
        Dl4jSparkTrainer t = trainer(spark, 1, 8, 3);
        ComputationGraph local = net.graph(0.01, 7);
        assertEquals(local.params(), spark.graph().params());
        for (int epoch = 0; epoch < 2; epoch++) {
            List<DataSet> batches = t.epochMinibatches(train, epoch).collect();
            assertEquals(5, batches.size());
            assertEquals(4, batches.get(4).numExamples(), "36 = 4 x 8 + 4");
            double localLoss = 0;
            for (DataSet b : batches) {
                local.fit(b);
                localLoss += local.score() * b.numExamples();
            }
            Dl4jSparkTrainer.EpochResult r = t.fitEpoch(train, epoch);
            assertEquals(2, r.rounds());
            assertEquals(localLoss / 36, r.meanLoss(), 1e-12, "epoch loss");
            assertEquals(5 * (epoch + 1), spark.graph().getConfiguration().getIterationCount());
            double dp = maxAbsDiff(local.params(), spark.graph().params());
            double du = maxAbsDiff(local.getUpdater().getStateViewArray(), spark.graph().getUpdater().getStateViewArray());
            System.out.printf("one worker vs local fit, epoch %d: max |param diff| %.3g, max |Adam state diff| %.3g%n",
                    epoch, dp, du);
            assertEquals(0.0, dp, "parameters after epoch " + epoch);
            assertEquals(0.0, du, "Adam state after epoch " + epoch);
        }

        // dl4j-spark as it is: each round's worker network restarts at iteration 0. Local training
        // that resets the counter at every round start reproduces it exactly; continuous counting does not.
        ComputationGraphTaskModel vanilla = net.build(0.01, 7);
        Dl4jSparkTrainer v = trainer(vanilla, 1, 8, 3);
        v.carryIterationCount(false);
        v.fitEpoch(train, 0);
        List<DataSet> batches = v.epochMinibatches(train, 0).collect();
        ComputationGraph continuous = net.graph(0.01, 7);
        ComputationGraph restarted = net.graph(0.01, 7);
        for (int i = 0; i < batches.size(); i++) {
            if (i % 3 == 0) {
                restarted.getConfiguration().setIterationCount(0);
            }
            continuous.fit(batches.get(i));
            restarted.fit(batches.get(i));
        }
        double dRestart = maxAbsDiff(restarted.params(), vanilla.graph().params());
        double dContinuous = maxAbsDiff(continuous.params(), vanilla.graph().params());
        System.out.printf("dl4j-spark without the iteration hand-over, one epoch: max |param diff| %.3g to local"
                + " training restarting Adam's counter each round, %.3g to local training%n", dRestart, dContinuous);
        assertEquals(0.0, dRestart);
        assertTrue(dContinuous > 1e-3, "restarted bias correction: " + dContinuous);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        return a.sub(b).amaxNumber().doubleValue();
    }

    // ---- resume -------------------------------------------------------------------------------------

    /** A state imported between epochs (parameters, Adam state, iteration) is what the next epoch trains. */
    @Test
    void importedStateIsWhatTheNextEpochTrainsFrom() {
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {SIDE, SIDE}, 2, 4);
        JavaRDD<Sample> train = rdd(quadrants(32, 6), 2);
        ComputationGraphTaskModel a = net.build(0.01, 8);
        Dl4jSparkTrainer ta = trainer(a, 2, 8, 1);
        ta.fitEpoch(train, 0);
        Map<String, INDArray> afterFirst = a.exportState();
        ta.fitEpoch(train, 1);
        INDArray expected = a.graph().params().dup();

        // a model built from another seed, with the first epoch's state imported, trains to the same place
        ComputationGraphTaskModel b = net.build(0.01, 1234);
        Dl4jSparkTrainer tb = trainer(b, 2, 8, 1);
        b.importState(afterFirst);
        assertEquals(2, b.graph().getConfiguration().getIterationCount());
        tb.fitEpoch(train, 1);
        System.out.printf("resume: max |param diff| %.3g%n", maxAbsDiff(expected, b.graph().params()));
        assertEquals(0.0, maxAbsDiff(expected, b.graph().params()));

        // the same trainer honours an import too (rewinding a to the first epoch's end)
        a.importState(afterFirst);
        ta.fitEpoch(train, 1);
        assertEquals(0.0, maxAbsDiff(expected, a.graph().params()));

        // control: without the imported Adam state the epoch lands elsewhere, so the check above can fail
        ComputationGraphTaskModel c = net.build(0.01, 1234);
        Dl4jSparkTrainer tc = trainer(c, 2, 8, 1);
        c.importState(afterFirst);
        c.graph().getUpdater().getStateViewArray().assign(0);
        tc.fitEpoch(train, 1);
        assertTrue(maxAbsDiff(expected, c.graph().params()) > 1e-4);
    }

    // ---- the epoch's minibatches --------------------------------------------------------------------

    /** Each image carries its index in pixel 0, so minibatches can be traced back to samples. */
    private static List<Sample> indexed(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] img = new float[SIDE * SIDE];
            img[0] = i;
            out.add(new Sample("id" + i, 100 + i, new int[] {SIDE, SIDE}, img, i % 2));
        }
        return out;
    }

    private static List<Integer> order(List<DataSet> batches) {
        List<Integer> ids = new ArrayList<>();
        for (DataSet d : batches) {
            for (int i = 0; i < d.numExamples(); i++) {
                ids.add((int) d.getFeatures().getDouble(i, 0, 0, 0));
            }
        }
        return ids;
    }

    @Test
    void shuffleIsAPermutationSeededByEpochWhateverThePartitioning() {
        Dl4jSparkTrainer t = trainer(new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {SIDE, SIDE}, 2, 1).build(0.01, 1),
                2, 4, 2);
        List<Sample> samples = indexed(30);
        List<Integer> e0 = order(t.epochMinibatches(rdd(samples, 2), 0).collect());
        List<Integer> again = order(t.epochMinibatches(rdd(samples, 5), 0).collect());
        List<Integer> e1 = order(t.epochMinibatches(rdd(samples, 2), 1).collect());
        assertEquals(e0, again, "same (seed, epoch), other partitioning: same minibatches");
        assertFalse(e0.equals(e1), "another epoch, another order");
        assertEquals(30, new HashSet<>(e0).size());
        assertEquals(30, e0.size());
        // labels travel with their images: sample i has label i mod 2
        for (DataSet d : t.epochMinibatches(rdd(samples, 2), 0).collect()) {
            for (int i = 0; i < d.numExamples(); i++) {
                assertEquals(((int) d.getFeatures().getDouble(i, 0, 0, 0)) % 2, d.getLabels().getDouble(i, 0));
            }
        }
    }

    @Test
    void augmentationRunsPerEpochOnTheWorkers() {
        Dl4jSparkTrainer.Augmentation mark = (s, epoch) -> {
            float[] img = s.image().clone();
            img[1] = 1000 + epoch;
            return s.withImage(img);
        };
        Dl4jSparkTrainer t = new Dl4jSparkTrainer(sc,
                new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {SIDE, SIDE}, 2, 1).build(0.01, 1),
                new Dl4jSparkTrainer.Options(2, 4, 2, 42), mark);
        for (int epoch : new int[] {0, 3}) {
            Set<Double> marks = new HashSet<>();
            for (DataSet d : t.epochMinibatches(rdd(indexed(12), 2), epoch).collect()) {
                for (int i = 0; i < d.numExamples(); i++) {
                    marks.add(d.getFeatures().getDouble(i, 0, 0, 1));
                }
            }
            assertEquals(Set.of(1000.0 + epoch), marks);
        }
        Dl4jSparkTrainer.EpochResult r = t.fitEpoch(rdd(indexed(12), 2), 0);
        assertEquals(12, r.samples());
        // the project's Augmenter plugs in as a method reference
        Augmenter augmenter = new Augmenter(5, 2, true);
        Dl4jSparkTrainer.Augmentation a = augmenter::apply;
        Sample s = leftRight(1, 3).get(0);
        assertEquals(augmenter.apply(s, 4), a.apply(s, 4));
    }

    // ---- bad input ----------------------------------------------------------------------------------

    @Test
    void badLabelsAndDuplicateSamplesAreNamed() {
        ComputationGraphTaskModel m = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {SIDE, SIDE}, 2, 4)
                .build(0.01, 1);
        Dl4jSparkTrainer t = trainer(m, 2, 4, 1);
        List<Sample> samples = new ArrayList<>(quadrants(8, 4));
        samples.set(5, new Sample("subject-17", 23, new int[] {SIDE, SIDE}, new float[SIDE * SIDE], 4));
        INDArray before = m.graph().params().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fitEpoch(rdd(samples, 2), 0));
        assertEquals("training sample subject-17 (manifest line 23): label 4.0 is not a class index 0 .. 3",
                e.getMessage());
        assertEquals(before, m.graph().params(), "nothing trained before the check");

        List<Sample> wrongSize = new ArrayList<>(quadrants(8, 4));
        wrongSize.set(2, new Sample("subject-3", 4, new int[] {SIDE, SIDE / 2}, new float[SIDE * SIDE / 2], 1));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> t.fitEpoch(rdd(wrongSize, 2), 0));
        assertEquals("training sample subject-3 (manifest line 4) has image shape [16, 8], sample q4-0 (manifest line 2)"
                + " [16, 16]; all training images must have one shape", w.getMessage());

        List<Sample> dup = new ArrayList<>(quadrants(8, 4));
        dup.add(dup.get(3));
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> t.fitEpoch(rdd(dup, 2), 0));
        assertEquals("two training samples share id \"q4-3\" and manifest line 5; each sample needs its own (line, id)",
                d.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> t.fitEpoch(rdd(List.of(), 2), 0));
        assertEquals("no training samples: the training set is empty", empty.getMessage());
    }

}
