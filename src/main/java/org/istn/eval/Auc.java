package org.istn.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve by the Mann–Whitney statistic: the probability that a random positive
 * scores higher than a random negative, ties counting 1/2. Computed from average ranks in
 * O(n log n).
 */
public final class Auc {

    private Auc() {}

    /**
     * @param positive whether each item is a positive
     * @param score the score of each item (higher = more positive)
     * @return the AUC in [0, 1], or NaN when there are no positives or no negatives
     */
    public static double of(boolean[] positive, double[] score) {
        if (positive.length != score.length) {
            throw new IllegalArgumentException("AUC needs one score per item, found " + score.length
                    + " scores for " + positive.length + " items");
        }
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(score[i])) {
                throw new IllegalArgumentException("AUC: score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        long positives = 0;
        double rankSum = 0; // sum of the positives' 1-based average ranks
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
