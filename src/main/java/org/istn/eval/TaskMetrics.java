package org.istn.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one evaluation under stable names, the seam inference summaries and training
 * validation share:
 * <ul>
 *   <li>classifiers: {@code accuracy}, {@code balanced_accuracy}, {@code auc} ({@link ClassifierMetrics});</li>
 *   <li>regressors: {@code mae}, {@code rmse}, {@code r2}, then {@code acc_at_<t>} for each
 *       threshold t in the order given, t written in plain decimal without trailing zeros
 *       ({@code 0.10} gives {@code acc_at_0.1}) ({@link RegressorMetrics}).</li>
 * </ul>
 * Undefined values (AUC with one class, R² of constant labels, anything of zero subjects) are NaN.
 */
public final class TaskMetrics {

    private TaskMetrics() {}

    /**
     * Computes the metrics of {@code kind}.
     *
     * @param labels one label per subject (0/1, a class index, or a value)
     * @param predictions per subject: {@code {P(1)}} for BINARY, the K class probabilities for
     *     MULTICLASS, {@code {value}} for REGRESSOR
     * @param thresholds the threshold-accuracy levels of a regressor (ignored for classifiers)
     * @return metric name → value, in the order of {@link #names(TaskKind, List)}
     */
    public static Map<String, Double> compute(TaskKind kind, double[] labels, double[][] predictions,
            List<Double> thresholds) {
        Map<String, Double> m = new LinkedHashMap<>();
        switch (kind) {
            case BINARY -> {
                ClassifierMetrics.Result r = ClassifierMetrics.binary(labels, single(predictions, "BINARY"));
                put(m, r);
            }
            case MULTICLASS -> put(m, ClassifierMetrics.multiclass(labels, predictions));
            case REGRESSOR -> {
                RegressorMetrics.Result r = RegressorMetrics.of(labels, single(predictions, "REGRESSOR"), thresholds);
                m.put("mae", r.mae());
                m.put("rmse", r.rmse());
                m.put("r2", r.r2());
                for (int t = 0; t < thresholds.size(); t++) {
                    m.put(thresholdName(thresholds.get(t)), r.thresholdAccuracies()[t]);
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The metric names {@link #compute} returns for {@code kind}, in order. */
    public static List<String> names(TaskKind kind, List<Double> thresholds) {
        List<String> n = new ArrayList<>();
        if (kind.classifier()) {
            n.addAll(List.of("accuracy", "balanced_accuracy", "auc"));
        } else {
            n.addAll(List.of("mae", "rmse", "r2"));
            for (double t : thresholds) {
                n.add(thresholdName(t));
            }
        }
        return n;
    }

    /** {@code acc_at_<t>}: 0.05 → {@code acc_at_0.05}, 0.10 → {@code acc_at_0.1}, 2 → {@code acc_at_2}. */
    public static String thresholdName(double t) {
        return "acc_at_" + BigDecimal.valueOf(t).stripTrailingZeros().toPlainString();
    }

    private static void put(Map<String, Double> m, ClassifierMetrics.Result r) {
        m.put("accuracy", r.accuracy());
        m.put("balanced_accuracy", r.balancedAccuracy());
        m.put("auc", r.auc());
    }

    private static double[] single(double[][] predictions, String kind) {
        double[] v = new double[predictions.length];
        for (int i = 0; i < v.length; i++) {
            if (predictions[i].length != 1) {
                throw new IllegalArgumentException(kind + " predictions need one value per subject, subject " + i
                        + " has " + predictions[i].length);
            }
            v[i] = predictions[i][0];
        }
        return v;
    }
}
