package org.istn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.istn.config.LossType;
import org.istn.config.ModelType;
import org.istn.config.StnType;
import org.istn.data.Sample;
import org.istn.testing.TestSpark;
import org.istn.testing.TwoDomains;
import org.istn.train.DomainAdaptationModel;
import org.istn.train.DomainAdaptationRecipe;
import org.istn.train.EpochPlan;
import org.istn.train.StateVector;
import org.istn.train.StepRunner;
import org.junit.jupiter.api.Test;

/**
 * Parameter averaging on Spark against single-process training of the DA model: one worker
 * gives bit-identical state; two workers train (losses finite, the state moves) and stay close.
 */
class ParameterAveragingIT {
    private static final int SIZE = 16;

    private static DomainAdaptationRecipe recipe(boolean bidirectional) {
        return new DomainAdaptationRecipe(new int[] {SIZE, SIZE}, bidirectional, true, StnType.AFFINE, 0.1,
                new int[] {4, 4}, 2, LossType.BCE, LossType.L1, LossType.BCE, true, bidirectional ? LossType.L1 : null,
                10, 0, 1e-3, 7, ModelType.CLASSIFIER, 1, null);
    }

    private static Map<String, Sample> byId(List<Sample> s) {
        Map<String, Sample> m = new LinkedHashMap<>();
        s.forEach(x -> m.put(x.id(), x));
        return m;
    }

    @Test
    void oneWorkerEqualsSingleProcessTrainingBitForBit() throws Exception {
        for (boolean bi : new boolean[] {false, true}) {
            List<Sample> a = TwoDomains.make("a", 12, SIZE, false, 2, 1);
            List<Sample> b = TwoDomains.make("b", 12, SIZE, true, 2, 2);
            DomainAdaptationRecipe rec = recipe(bi);
            JavaSparkContext sc = TestSpark.context();
            JavaRDD<Sample> ra = sc.parallelize(a, 2);
            JavaRDD<Sample> rb = sc.parallelize(b, 2);
            ParameterAveragingTrainer<DomainAdaptationModel> t = new ParameterAveragingTrainer<>(sc, rec, null, 7, "test");
            DomainAdaptationModel reference = rec.build();
            StateVector start = StateVector.of(reference.exportState());
            StateVector state = start;
            List<String> ids = ids(a);
            List<String> idsB = ids(b);
            for (int epoch = 1; epoch <= 2; epoch++) {
                EpochPlan plan = EpochPlan.of(7, epoch, ids, idsB, 4, 1, 2);
                assertEquals(3, plan.steps().size());
                assertEquals(2, plan.rounds());
                ParameterAveragingTrainer.EpochResult r = t.trainEpoch(plan, ra, rb, state, null);
                assertNull(r.divergence());
                assertEquals(3, r.steps());
                state = r.state();
                StepRunner.Outcome o = StepRunner.run(reference, epoch, plan.steps(), byId(a), byId(b), null, 7);
                assertEquals(o.lossSums().get("loss_d"), r.lossSums().get("loss_d"), 0.0, "epoch " + epoch);
            }
            StateVector single = StateVector.of(reference.exportState());
            assertEquals(single.nameList(), state.nameList());
            assertArrayEquals(single.values(), state.values(), "bidirectional " + bi + ": Spark, 1 worker = one process");
            assertTrue(distance(start, state) > 0, "training changed the state");
            ModelPool.clear(rec);
        }
    }

    @Test
    void twoWorkersTrainAndStayCloseToOneWorker() throws Exception {
        List<Sample> a = TwoDomains.make("a", 16, SIZE, false, 2, 3);
        List<Sample> b = TwoDomains.make("b", 16, SIZE, true, 2, 4);
        DomainAdaptationRecipe rec = recipe(false);
        JavaSparkContext sc = TestSpark.context();
        ParameterAveragingTrainer<DomainAdaptationModel> t = new ParameterAveragingTrainer<>(sc, rec, null, 7, "test");
        StateVector start = StateVector.of(rec.build().exportState());
        StateVector one = start;
        StateVector two = start;
        List<Double> taskLoss = new ArrayList<>();
        for (int epoch = 1; epoch <= 3; epoch++) {
            ParameterAveragingTrainer.EpochResult r1 = t.trainEpoch(EpochPlan.of(7, epoch, ids(a), ids(b), 4, 1, 1),
                    sc.parallelize(a, 2), sc.parallelize(b, 2), one, null);
            ParameterAveragingTrainer.EpochResult r2 = t.trainEpoch(EpochPlan.of(7, epoch, ids(a), ids(b), 4, 2, 1),
                    sc.parallelize(a, 3), sc.parallelize(b, 1), two, null);
            assertNull(r2.divergence());
            assertEquals(4, r2.steps());
            one = r1.state();
            two = r2.state();
            taskLoss.add(r2.lossSums().get("loss_task") / r2.steps());
        }
        assertTrue(two.isFinite());
        double moved = distance(start, two);
        double apart = distance(one, two);
        assertTrue(moved > 0, "two workers trained");
        // averaging halves the steps per worker: the two runs differ, but by less than either moved
        assertTrue(apart < moved, "2-worker state " + apart + " from 1-worker, moved " + moved);
        assertTrue(taskLoss.get(2) < taskLoss.get(0), "task loss falls with 2 workers: " + taskLoss);
        ModelPool.clear(rec);
    }

    private static List<String> ids(List<Sample> s) {
        return s.stream().map(Sample::id).collect(Collectors.toList());
    }

    private static double distance(StateVector x, StateVector y) {
        double s = 0;
        for (int i = 0; i < x.values().length; i++) {
            double d = x.values()[i] - y.values()[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
