package org.istn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times repeated steps and notices when other processes competed for the CPU: a step during
 * which they used more than {@code maxOtherCores} is "disturbed" and repeated, up to three times
 * the number of steps asked for. (On 2 cores a competing process can slow ND4J's OpenMP kernels
 * down by far more than its share: disturbed steps are not merely noisy.) Steps shorter than
 * {@value #MIN_SAMPLE_MS} ms are timed in runs of several, so that each sample is long enough for
 * {@code /proc/stat}'s 10 ms ticks to tell; the sample's time is divided by the run length.
 */
final class StepTimer {

    /** The timed steps of one measurement. */
    record Timing(double[] cleanMs, double[] disturbedMs, double maxOtherCores) {

        /** Median of the clean steps, or of all steps when fewer than half of those asked were clean. */
        double medianMs(int asked) {
            double[] use = cleanMs.length * 2 >= asked ? cleanMs : concat(cleanMs, disturbedMs);
            if (use.length == 0) {
                return Double.NaN;
            }
            double[] s = use.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        int clean() {
            return cleanMs.length;
        }

        int total() {
            return cleanMs.length + disturbedMs.length;
        }

        private static double[] concat(double[] a, double[] b) {
            double[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }

    /** Shortest timed sample, ms. */
    static final double MIN_SAMPLE_MS = 200;
    private static final int MAX_RUN = 1000;

    private final int steps;
    private final double maxOtherCores;
    private final boolean gcBetweenSamples;
    private final OtherCpu other = new OtherCpu();

    /**
     * @param gcBetweenSamples run the collector after each sample, outside the timed interval:
     *     SameDiff leaves each step's arrays to the garbage collector, and without collections
     *     their off-heap memory piles up (hundreds of MB per step) and every step pays page faults
     *     for fresh memory
     */
    StepTimer(int steps, double maxOtherCores, boolean gcBetweenSamples) {
        this.steps = steps;
        this.maxOtherCores = maxOtherCores;
        this.gcBetweenSamples = gcBetweenSamples;
    }

    /** Collects garbage (and so frees ND4J buffers nobody holds) when asked to. */
    void betweenSteps() {
        if (gcBetweenSamples) {
            System.gc();
        }
    }

    /** Times {@code step}; the first call (also a warm-up) decides how many steps form a sample. */
    Timing time(Runnable step) {
        long c0 = System.nanoTime();
        step.run();
        double once = (System.nanoTime() - c0) / 1e6;
        betweenSteps();
        int run = (int) Math.min(MAX_RUN, Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 1e-3))));
        List<Double> clean = new ArrayList<>();
        List<Double> disturbed = new ArrayList<>();
        double maxOther = 0;
        for (int i = 0; i < 3 * steps && clean.size() < steps; i++) {
            other.start();
            long t0 = System.nanoTime();
            for (int r = 0; r < run; r++) {
                step.run();
            }
            double ms = (System.nanoTime() - t0) / 1e6 / run;
            double oc = other.otherCores();
            betweenSteps();
            maxOther = Math.max(maxOther, oc);
            (oc > maxOtherCores ? disturbed : clean).add(ms);
        }
        return new Timing(clean.stream().mapToDouble(Double::doubleValue).toArray(),
                disturbed.stream().mapToDouble(Double::doubleValue).toArray(), maxOther);
    }
}
