package org.istn.train.event;

import java.time.Duration;
import java.util.Map;

/**
 * Running figures within an epoch.
 *
 * @param epoch current epoch (1-based)
 * @param epochs configured number of epochs
 * @param step steps done in this epoch, over all workers
 * @param stepsPerEpoch steps per epoch
 * @param losses mean of each loss over the steps since the last report
 * @param samplesPerSecond training samples per second since the last report (pairs count once)
 * @param elapsed time since the run (or the resumed run) started
 * @param eta estimated time to the end of the configured epochs
 */
public record Progress(int epoch, int epochs, long step, long stepsPerEpoch, Map<String, Double> losses,
        double samplesPerSecond, Duration elapsed, Duration eta) {

    public Progress {
        losses = Map.copyOf(losses);
    }
}
