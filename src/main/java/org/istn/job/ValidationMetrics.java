package org.istn.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.istn.nn.TaskModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Task metrics of a validation set, named with a prefix ({@code A2B_}, {@code B_}): accuracy
 * for classifiers (binary at P = 0.5, multi-class by arg max), MAE and RMSE for regressors.
 * The model-selection metric (lower is better) is {@code <prefix>error} (1 − accuracy) for a
 * classifier and {@code <prefix>mae} for a regressor.
 */
final class ValidationMetrics {

    private ValidationMetrics() {}

    /** One row per subject: the prediction (P(1), class probabilities, or value). */
    static List<double[]> rows(TaskModel m, INDArray predictions) {
        List<double[]> r = new ArrayList<>();
        for (long i = 0; i < predictions.size(0); i++) {
            r.add(predictions.rank() == 1 ? new double[] {predictions.getDouble(i)}
                    : predictions.getRow(i).toDoubleVector());
        }
        return r;
    }

    static String selection(TaskModel m, String prefix) {
        return prefix + (m.kind() == TaskModel.Kind.REGRESSOR ? "mae" : "error");
    }

    static void put(Map<String, Double> into, String prefix, TaskModel m, double[] labels, List<double[]> pred) {
        int n = labels.length;
        if (m.kind() == TaskModel.Kind.REGRESSOR) {
            double ae = 0;
            double se = 0;
            for (int i = 0; i < n; i++) {
                double e = pred.get(i)[0] - labels[i];
                ae += Math.abs(e);
                se += e * e;
            }
            into.put(prefix + "mae", ae / n);
            into.put(prefix + "rmse", Math.sqrt(se / n));
            return;
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double[] p = pred.get(i);
            int cls;
            if (p.length == 1) {
                cls = p[0] >= 0.5 ? 1 : 0;
            } else {
                cls = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[cls]) {
                        cls = k;
                    }
                }
            }
            if (cls == Math.round(labels[i])) {
                correct++;
            }
        }
        into.put(prefix + "accuracy", (double) correct / n);
        into.put(prefix + "error", 1 - (double) correct / n);
    }
}
