package org.istn.train;

import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.Validation;

/**
 * Cross-cutting concerns of a training run — progress logs, metric tables, plots, sample
 * images — observe the run through this interface; the training loops know nothing of them.
 * Listeners run on the driver, in the order registered; an exception from a listener fails the
 * run (a metric that cannot be written is an error, not a warning).
 */
public interface TrainingListener {

    /** Once, before the first step (also when resuming: {@link RunStart#firstEpoch()} > 1). */
    default void onStart(RunStart run) throws Exception {}

    /** Every few steps (after each averaging round), with running figures. */
    default void onProgress(Progress progress) throws Exception {}

    /** After each epoch. */
    default void onEpoch(EpochSummary epoch) throws Exception {}

    /** After each validation (every {@code val_interval} epochs and after the last one). */
    default void onValidation(Validation validation) throws Exception {}

    /** Once, at the end: completed, stopped early, diverged or failed. */
    default void onEnd(RunEnd end) throws Exception {}
}
