package org.istn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.data.Augmenter;
import org.istn.data.Batches;
import org.istn.data.Sample;

/**
 * Runs planned steps on one model: assembles each step's batches from the samples (augmented per
 * epoch and id when augmentation is on), takes the step, sums the losses. The same code runs on
 * a Spark worker and in a single process, so both train identically.
 */
public final class StepRunner {

    /**
     * Voxels per step (A and B batches together) from which a garbage collection follows each
     * step. SameDiff leaves its step buffers (off-heap) to the Java garbage collector, whose heap
     * barely grows meanwhile, so without it a 3D run's resident memory climbs by gigabytes per
     * step (measured: 22 GB peak for 64³ batch 4 on local[2]). A collection costs a few tens of
     * milliseconds, small against a 3D step (seconds); 2D steps stay below the threshold.
     */
    static final long COLLECT_FROM_VOXELS = 1L << 19;

    private StepRunner() {}

    /** What a run of steps produced. */
    public record Outcome(Map<String, Double> lossSums, long steps, long samples, double seconds, String divergence) {}

    /**
     * @param augmenter applied to training images, or null for none
     * @return the sums of each loss; {@code divergence} names the first non-finite loss, after
     *         which no further step is taken
     */
    public static Outcome run(TrainableModel model, int epoch, List<EpochPlan.Step> steps, Map<String, Sample> a,
            Map<String, Sample> b, Augmenter augmenter, long seed) {
        long t0 = System.nanoTime();
        Map<String, Double> sums = new LinkedHashMap<>();
        long done = 0;
        long samples = 0;
        for (EpochPlan.Step s : steps) {
            List<Sample> as = pick(s.a(), a, epoch, augmenter);
            StepBatch batch = new StepBatch(epoch, s.index(), Batches.images(as), Batches.labels(as),
                    s.b().isEmpty() ? null : Batches.images(pick(s.b(), b, epoch, augmenter)), seed);
            long voxels = batch.a().length() + (batch.b() == null ? 0 : batch.b().length());
            Map<String, Double> losses = model.step(batch);
            batch = null;
            if (voxels >= COLLECT_FROM_VOXELS) {
                System.gc();
            }
            done++;
            samples += as.size();
            for (Map.Entry<String, Double> e : losses.entrySet()) {
                if (!Double.isFinite(e.getValue())) {
                    return new Outcome(sums, done, samples, (System.nanoTime() - t0) / 1e9, e.getKey() + " became "
                            + e.getValue() + " at epoch " + epoch + ", step " + (s.index() + 1));
                }
                sums.merge(e.getKey(), e.getValue(), Double::sum);
            }
        }
        return new Outcome(sums, done, samples, (System.nanoTime() - t0) / 1e9, null);
    }

    private static List<Sample> pick(List<String> ids, Map<String, Sample> from, int epoch, Augmenter aug) {
        List<Sample> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Sample s = from.get(id);
            if (s == null) {
                throw new IllegalStateException("sample " + id + " of the epoch plan is not among the worker's samples");
            }
            out.add(aug == null ? s : aug.apply(s, epoch));
        }
        return out;
    }
}
