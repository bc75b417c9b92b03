package org.istn.eval;

import java.util.List;

/**
 * Metrics of a regressor: mean absolute error, root mean squared error, the coefficient of
 * determination {@code R² = 1 − SS_res / SS_tot} (NaN when every label is the same, SS_tot = 0),
 * and for each threshold t the fraction of subjects with {@code |prediction − label| ≤ t} (with
 * an allowance of 1e-9·max(1, t) so that decimal thresholds are not lost to binary rounding).
 * Every metric is NaN for no subjects.
 */
public final class RegressorMetrics {

    private RegressorMetrics() {}

    /**
     * @param thresholdAccuracies one fraction per threshold, in the order given
     */
    public record Result(double mae, double rmse, double r2, double[] thresholdAccuracies) {}

    public static Result of(double[] labels, double[] predictions, List<Double> thresholds) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("metrics need one prediction per label, found " + predictions.length
                    + " predictions for " + labels.length + " labels");
        }
        int n = labels.length;
        double[] acc = new double[thresholds.size()];
        if (n == 0) {
            java.util.Arrays.fill(acc, Double.NaN);
            return new Result(Double.NaN, Double.NaN, Double.NaN, acc);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(labels[i]) || !Double.isFinite(predictions[i])) {
                throw new IllegalArgumentException("subject " + i + " has label " + labels[i] + " and prediction "
                        + predictions[i] + "; both must be finite");
            }
            mean += labels[i];
        }
        mean /= n;
        double abs = 0;
        double sq = 0;
        double tot = 0;
        long[] within = new long[thresholds.size()];
        for (int i = 0; i < n; i++) {
            double e = predictions[i] - labels[i];
            abs += Math.abs(e);
            sq += e * e;
            tot += (labels[i] - mean) * (labels[i] - mean);
            for (int t = 0; t < within.length; t++) {
                double th = thresholds.get(t);
                within[t] += Math.abs(e) <= th + 1e-9 * Math.max(1, th) ? 1 : 0;
            }
        }
        for (int t = 0; t < acc.length; t++) {
            acc[t] = (double) within[t] / n;
        }
        return new Result(abs / n, Math.sqrt(sq / n), tot == 0 ? Double.NaN : 1 - sq / tot, acc);
    }
}
