package org.istn.train;

import java.util.List;
import java.util.Map;

/**
 * The engine of a {@link TrainingLoop}: trains one epoch from a state and returns the new one.
 * Implementations: parameter averaging over Spark ({@code org.istn.spark}), dl4j-spark for
 * DL4J graphs.
 */
public interface EpochTrainer {

    /** An epoch's outcome. */
    record Epoch(StateVector state, Map<String, Double> meanLosses, long steps, long samples, double seconds,
            double averagingSeconds, String divergence) {}

    /** Receives running figures during an epoch. */
    @FunctionalInterface
    interface ProgressSink {
        void report(long stepsDone, Map<String, Double> meanLosses, long samples, double seconds) throws Exception;
    }

    /** Loss names reported, in order. */
    List<String> lossNames();

    /** Steps per epoch (over all workers). */
    long stepsPerEpoch();

    /** Parallel workers. */
    int workers();

    /** Trains epoch {@code epoch} (1-based) starting from {@code state}. */
    Epoch train(int epoch, StateVector state, ProgressSink progress) throws Exception;

}
