package org.istn.spark;

import java.io.Serializable;

/**
 * What inference found for one subject.
 *
 * @param id subject id
 * @param line manifest line
 * @param label the label, NaN when the manifest has none
 * @param prediction the value of a regressor, the predicted class of a classifier (binary: 1
 *     when P(1) ≥ 0.5; multi-class: the most probable class, the lowest on ties)
 * @param probabilities the class probabilities of a classifier ({@code [P(0), P(1)]} when
 *     binary), null for a regressor
 * @param explanation one value per {@link org.istn.nn.TransformExplainer#ALL_NAMES} entry, NaN
 *     where the transformers did not produce it
 * @param transformed the image after the transformers (x fastest), when images are kept; else null
 */
public record SubjectPrediction(String id, int line, double label, double prediction, double[] probabilities,
        double[] explanation, float[] transformed) implements Serializable {

    /** Whether the subject has a label. */
    public boolean hasLabel() {
        return !Double.isNaN(label);
    }

    /** P(predicted class) for a classifier, NaN for a regressor. */
    public double probability() {
        return probabilities == null ? Double.NaN : probabilities[(int) prediction];
    }

    /**
     * Regressor: prediction − label; classifier: 1 when wrong, 0 when right; NaN without label.
     */
    public double error() {
        if (!hasLabel()) {
            return Double.NaN;
        }
        return probabilities == null ? prediction - label : prediction == label ? 0 : 1;
    }

    /** This prediction without the image. */
    public SubjectPrediction withoutImage() {
        return new SubjectPrediction(id, line, label, prediction, probabilities, explanation, null);
    }
}
