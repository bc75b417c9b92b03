package org.istn.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step's data: a batch of domain A (with labels) and, for adversarial training, a
 * batch of domain B. The step's own random numbers (soft labels) come from {@link #random()},
 * which depends only on (seed, epoch, step), so a step is the same on any worker.
 *
 * @param epoch 1-based epoch
 * @param step 0-based step within the epoch
 * @param a images of domain A {@code [n, 1, ...]}
 * @param aLabels labels of the A images {@code [n]}
 * @param b images of domain B, or null
 * @param seed the run's seed
 */
public record StepBatch(int epoch, long step, INDArray a, INDArray aLabels, INDArray b, long seed) {

    /** The step's random generator. */
    public SplittableRandom random() {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + step * 0x165667B19E3779F9L;
        return new SplittableRandom(h ^ (h >>> 29));
    }

    /** Samples in the step (an A–B pair counts once). */
    public long samples() {
        return a.size(0);
    }
}
