package org.istn.eval;

/**
 * Metrics of a classifier from its labels and probabilities.
 *
 * <ul>
 *   <li>accuracy: fraction of correct predictions; a binary prediction is 1 when P(1) ≥ 0.5, a
 *       multi-class prediction the class of highest probability (the lowest index on ties);</li>
 *   <li>balanced accuracy: the mean recall over the classes present among the labels;</li>
 *   <li>AUC: binary, the Mann–Whitney AUC of P(1) ({@link Auc}), NaN when either class is
 *       missing; multi-class, the mean one-vs-rest AUC over the classes present among the labels
 *       (class k's probability as the score), NaN when fewer than two classes are present.</li>
 * </ul>
 * Every metric is NaN for no subjects.
 */
public final class ClassifierMetrics {

    private ClassifierMetrics() {}

    /** The three metrics of one evaluation. */
    public record Result(double accuracy, double balancedAccuracy, double auc) {}

    /**
     * @param labels 0 or 1 per subject
     * @param p1 P(label = 1) per subject
     */
    public static Result binary(double[] labels, double[] p1) {
        same(labels.length, p1.length);
        int[] y = classes(labels, 2);
        int[] predicted = new int[y.length];
        boolean[] positive = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            checkProbability(p1[i], i);
            predicted[i] = p1[i] >= 0.5 ? 1 : 0;
            positive[i] = y[i] == 1;
        }
        return new Result(accuracy(y, predicted), balancedAccuracy(y, predicted, 2),
                y.length == 0 ? Double.NaN : Auc.of(positive, p1));
    }

    /**
     * @param labels class index in [0, K) per subject
     * @param probabilities K class probabilities per subject
     */
    public static Result multiclass(double[] labels, double[][] probabilities) {
        same(labels.length, probabilities.length);
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[] y = classes(labels, k);
        int[] predicted = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            if (probabilities[i].length != k) {
                throw new IllegalArgumentException("subject " + i + " has " + probabilities[i].length
                        + " class probabilities, subject 0 has " + k);
            }
            int best = 0;
            for (int c = 0; c < k; c++) {
                checkProbability(probabilities[i][c], i);
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return new Result(accuracy(y, predicted), balancedAccuracy(y, predicted, k), macroAuc(y, probabilities, k));
    }

    private static double macroAuc(int[] y, double[][] p, int k) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            boolean[] positive = new boolean[y.length];
            double[] score = new double[y.length];
            boolean any = false;
            for (int i = 0; i < y.length; i++) {
                positive[i] = y[i] == c;
                any |= positive[i];
                score[i] = p[i][c];
            }
            if (any) {
                present++;
                sum += Auc.of(positive, score); // NaN when c is the only class present
            }
        }
        return present < 2 ? Double.NaN : sum / present;
    }

    private static double accuracy(int[] y, int[] predicted) {
        if (y.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += y[i] == predicted[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }

    private static double balancedAccuracy(int[] y, int[] predicted, int k) {
        long[] total = new long[k];
        long[] right = new long[k];
        for (int i = 0; i < y.length; i++) {
            total[y[i]]++;
            right[y[i]] += y[i] == predicted[i] ? 1 : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (total[c] > 0) {
                present++;
                sum += (double) right[c] / total[c];
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Labels as class indices; each must be a whole number in [0, k). */
    static int[] classes(double[] labels, int k) {
        int[] y = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double l = labels[i];
            if (!(l >= 0 && l < k && l == Math.rint(l))) {
                throw new IllegalArgumentException("label " + l + " of subject " + i + " is not a class index"
                        + " in [0, " + (k - 1) + "]" + (k == 2 ? " (a binary classifier needs labels 0 or 1)" : ""));
            }
            y[i] = (int) l;
        }
        return y;
    }

    private static void checkProbability(double p, int i) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("subject " + i + " has probability " + p + ", expected a number in [0, 1]");
        }
    }

    private static void same(int labels, int predictions) {
        if (labels != predictions) {
            throw new IllegalArgumentException("metrics need one prediction per label, found " + predictions
                    + " predictions for " + labels + " labels");
        }
    }
}
