package org.istn.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.istn.data.Sample;
import org.istn.eval.TaskKind;
import org.istn.eval.TaskMetrics;
import org.istn.nn.TaskModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Task metrics of a validation set under a prefix ({@code A2B_}, {@code B_}, or none): the
 * metrics of {@link TaskMetrics} (accuracy, balanced accuracy and AUC for classifiers; MAE, RMSE,
 * R² and the threshold accuracies for regressors), plus {@code <prefix>error} = 1 − accuracy for
 * classifiers. The model-selection metric (lower is better) is {@code <prefix>error} for a
 * classifier and {@code <prefix>mae} for a regressor.
 */
final class ValidationMetrics {

    private ValidationMetrics() {}

    /** One row per subject: the prediction (P(1), class probabilities, or value). */
    static List<double[]> rows(INDArray predictions) {
        List<double[]> r = new ArrayList<>();
        for (long i = 0; i < predictions.size(0); i++) {
            r.add(predictions.rank() == 1 ? new double[] {predictions.getDouble(i)}
                    : predictions.getRow(i).toDoubleVector());
        }
        return r;
    }

    /** The samples' labels, in order. */
    static double[] labels(List<Sample> s) {
        double[] l = new double[s.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = s.get(i).label();
        }
        return l;
    }

    static String selection(TaskModel m, String prefix) {
        return prefix + (m.kind() == TaskModel.Kind.REGRESSOR ? "mae" : "error");
    }

    static void put(Map<String, Double> into, String prefix, TaskModel m, double[] labels, List<double[]> pred,
            List<Double> thresholds) {
        Map<String, Double> r = TaskMetrics.compute(TaskKind.valueOf(m.kind().name()), labels,
                pred.toArray(double[][]::new), thresholds);
        r.forEach((k, v) -> into.put(prefix + k, v));
        if (m.kind() != TaskModel.Kind.REGRESSOR) {
            into.put(prefix + "error", 1 - r.get("accuracy"));
        }
    }
}
