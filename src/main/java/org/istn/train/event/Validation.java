package org.istn.train.event;

import java.util.List;
import java.util.Map;

/**
 * One validation round.
 *
 * @param epoch the epoch after which it ran
 * @param metrics metric name → value (task metrics on the validation sets, validation losses)
 * @param selectionMetric the metric that selects the best model (lower is better)
 * @param improved whether this round set a new best
 * @param samples a few validation subjects with their images at each stage (may be empty)
 * @param explain per-subject explainability figures (affine parameters, displacement and
 *        Jacobian statistics, ITN intensity change) of the validation subjects, may be empty
 */
public record Validation(int epoch, Map<String, Double> metrics, String selectionMetric, boolean improved,
        List<SampleImages> samples, List<SubjectExplanation> explain) {

    public Validation {
        metrics = Map.copyOf(metrics);
        samples = List.copyOf(samples);
        explain = List.copyOf(explain);
    }
}
