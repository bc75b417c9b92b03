package org.istn.eval;

/**
 * How a task model's outputs are read, as far as metrics care: a binary classifier (one score,
 * P(label = 1)), a multi-class classifier (one probability per class) or a regressor (a value).
 * Mirrors {@code org.istn.nn.TaskModel.Kind} by name ({@code TaskKind.valueOf(model.kind().name())}),
 * without depending on it.
 */
public enum TaskKind {
    /** Labels 0/1; prediction P(label = 1). */
    BINARY,
    /** Labels 0 … K−1; prediction a probability per class. */
    MULTICLASS,
    /** Real-valued labels and predictions. */
    REGRESSOR;

    /** Whether this kind is a classifier. */
    public boolean classifier() {
        return this != REGRESSOR;
    }
}
