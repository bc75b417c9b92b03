package org.istn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric against values worked out by hand (the arithmetic is in the comments). */
class TaskMetricsTest {
    private static final double TOL = 1e-12;

    private static double[][] column(double... v) {
        double[][] m = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            m[i] = new double[] {v[i]};
        }
        return m;
    }

    @Test
    void binaryWithTiedScores() {
        double[] y = {0, 0, 1, 1, 1, 0};
        double[] p = {0.1, 0.6, 0.6, 0.8, 0.4, 0.6};
        Map<String, Double> m = TaskMetrics.compute(TaskKind.BINARY, y, column(p), List.of());
        assertEquals(List.of("accuracy", "balanced_accuracy", "auc"), List.copyOf(m.keySet()));
        // predicted 0,1,1,1,0,1: right at 0, 2, 3
        assertEquals(3.0 / 6, m.get("accuracy"), TOL);
        // recall class 0: 1 of {0, 1, 5}; class 1: 2 of {2, 3, 4}
        assertEquals((1.0 / 3 + 2.0 / 3) / 2, m.get("balanced_accuracy"), TOL);
        // positives .6 .8 .4 against negatives .1 .6 .6: (1 + .5 + .5) + 3 + 1 = 6 of 9 pairs
        assertEquals(6.0 / 9, m.get("auc"), TOL);
    }

    @Test
    void binaryThresholdIsInclusiveAndAucIsRankBased() {
        ClassifierMetrics.Result r = ClassifierMetrics.binary(new double[] {1, 0}, new double[] {0.5, 0.49});
        assertEquals(1.0, r.accuracy(), TOL); // 0.5 counts as class 1
        assertEquals(1.0, r.auc(), TOL);
        // all scores tied: every pair counts 1/2
        assertEquals(0.5, Auc.of(new boolean[] {true, false, true, false}, new double[] {3, 3, 3, 3}), TOL);
        // perfectly wrong ranking
        assertEquals(0.0, Auc.of(new boolean[] {true, true, false}, new double[] {0.1, 0.2, 0.9}), TOL);
    }

    @Test
    void constantLabelsLeaveAucUndefined() {
        Map<String, Double> m = TaskMetrics.compute(TaskKind.BINARY, new double[] {1, 1, 1},
                column(0.9, 0.2, 0.7), List.of());
        assertEquals(2.0 / 3, m.get("accuracy"), TOL);
        assertEquals(2.0 / 3, m.get("balanced_accuracy"), TOL); // only class 1 present
        assertTrue(m.get("auc").isNaN());
    }

    @Test
    void multiclass() {
        double[] y = {0, 1, 2, 2, 1};
        double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.5, 0.3}, {0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}};
        Map<String, Double> m = TaskMetrics.compute(TaskKind.MULTICLASS, y, p, List.of(0.5));
        // argmax 0, 1, 1, 2, 0: right at 0, 1, 3
        assertEquals(3.0 / 5, m.get("accuracy"), TOL);
        // recalls 1/1, 1/2, 1/2
        assertEquals(2.0 / 3, m.get("balanced_accuracy"), TOL);
        // one-vs-rest: class 0 4 of 4 pairs, class 1 4 of 6, class 2 (2.5 + 3) of 6
        assertEquals((1.0 + 4.0 / 6 + 5.5 / 6) / 3, m.get("auc"), TOL);
    }

    @Test
    void multiclassAveragesOverTheClassesPresent() {
        double[] y = {0, 0, 1};
        double[][] p = {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.3, 0.4, 0.3}};
        ClassifierMetrics.Result r = ClassifierMetrics.multiclass(y, p);
        assertEquals(2.0 / 3, r.accuracy(), TOL); // argmax 0, 1, 1
        assertEquals((0.5 + 1.0) / 2, r.balancedAccuracy(), TOL); // class 2 absent
        // class 0: positives .6 .2 vs negative .3 -> 1/2; class 1: positive .4 vs .3 .5 -> 1/2
        assertEquals(0.5, r.auc(), TOL);
        assertTrue(Double.isNaN(ClassifierMetrics.multiclass(new double[] {2, 2},
                new double[][] {{.2, .3, .5}, {.1, .1, .8}}).auc()));
        // ties in argmax go to the lowest class
        assertEquals(1.0, ClassifierMetrics.multiclass(new double[] {0}, new double[][] {{.5, .5}}).accuracy(), TOL);
    }

    @Test
    void regressor() {
        double[] y = {1, 2, 3, 4};
        double[] p = {1.1, 1.8, 3.5, 4.0};
        Map<String, Double> m = TaskMetrics.compute(TaskKind.REGRESSOR, y, column(p), List.of(0.10, 0.2, 0.5));
        assertEquals(List.of("mae", "rmse", "r2", "acc_at_0.1", "acc_at_0.2", "acc_at_0.5"), List.copyOf(m.keySet()));
        // errors .1 -.2 .5 0
        assertEquals(0.8 / 4, m.get("mae"), TOL);
        assertEquals(Math.sqrt(0.30 / 4), m.get("rmse"), TOL);
        // SS_res .30, mean 2.5, SS_tot 2.25 + .25 + .25 + 2.25 = 5
        assertEquals(1 - 0.30 / 5, m.get("r2"), TOL);
        // |e| <= t, the boundary values included (1.1 - 1 is 0.10000000000000009 in binary)
        assertEquals(2.0 / 4, m.get("acc_at_0.1"), TOL);
        assertEquals(3.0 / 4, m.get("acc_at_0.2"), TOL);
        assertEquals(1.0, m.get("acc_at_0.5"), TOL);
    }

    @Test
    void constantRegressionLabelsLeaveR2Undefined() {
        RegressorMetrics.Result r = RegressorMetrics.of(new double[] {5, 5}, new double[] {4, 7}, List.of(1.0));
        assertEquals(1.5, r.mae(), TOL);
        assertEquals(Math.sqrt(2.5), r.rmse(), TOL);
        assertTrue(Double.isNaN(r.r2()));
        assertEquals(0.5, r.thresholdAccuracies()[0], TOL);
    }

    @Test
    void noSubjectsGiveNaN() {
        for (TaskKind k : TaskKind.values()) {
            Map<String, Double> m = TaskMetrics.compute(k, new double[0], new double[0][], List.of(0.1));
            assertEquals(TaskMetrics.names(k, List.of(0.1)), List.copyOf(m.keySet()));
            m.values().forEach(v -> assertTrue(v.isNaN(), k + " " + m));
        }
    }

    @Test
    void thresholdNames() {
        assertEquals("acc_at_0.05", TaskMetrics.thresholdName(0.05));
        assertEquals("acc_at_0.1", TaskMetrics.thresholdName(0.10));
        assertEquals("acc_at_2", TaskMetrics.thresholdName(2.0));
        assertEquals("acc_at_0", TaskMetrics.thresholdName(0));
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("label 2.0 of subject 1 is not a class index in [0, 1] (a binary classifier needs labels 0 or 1)",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassifierMetrics.binary(new double[] {0, 2}, new double[] {.1, .2})).getMessage());
        assertEquals("label 0.5 of subject 0 is not a class index in [0, 2]", assertThrows(IllegalArgumentException.class,
                () -> ClassifierMetrics.multiclass(new double[] {0.5}, new double[][] {{.2, .3, .5}})).getMessage());
        assertEquals("metrics need one prediction per label, found 1 predictions for 2 labels",
                assertThrows(IllegalArgumentException.class,
                        () -> RegressorMetrics.of(new double[] {1, 2}, new double[] {1}, List.of())).getMessage());
        assertEquals("BINARY predictions need one value per subject, subject 0 has 2",
                assertThrows(IllegalArgumentException.class, () -> TaskMetrics.compute(TaskKind.BINARY,
                        new double[] {1}, new double[][] {{.4, .6}}, List.of())).getMessage());
    }
}
