package org.istn.train.event;

import java.util.Map;

/**
 * One finished epoch.
 *
 * @param epoch the epoch (1-based)
 * @param losses mean of each training loss over the epoch
 * @param samples training samples processed
 * @param seconds wall time of the epoch
 * @param samplesPerSecond samples / seconds
 * @param averagingSeconds of {@code seconds}, the time spent outside the workers' steps
 *        (broadcasting, scheduling, aggregating and averaging parameters)
 */
public record EpochSummary(int epoch, Map<String, Double> losses, long samples, double seconds,
        double samplesPerSecond, double averagingSeconds) {

    public EpochSummary {
        losses = Map.copyOf(losses);
    }
}
