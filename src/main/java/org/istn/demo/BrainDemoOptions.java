package org.istn.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.istn.brain.Pose;
import org.istn.brain.Template;

/**
 * Settings of {@code istn demo --cohort brain} ({@link BrainDemo}), immutable and validated; each
 * error names the command-line option.
 *
 * @param out the demo's folder (cohort, runs, report)
 * @param template the Colin27 brain every subject is made from ({@code ch2bet.nii.gz})
 * @param size the cohort's grid and the networks' input, {@code size}³ voxels over 256 mm
 *        (a multiple of 8, 16 … 64)
 * @param train training subjects per site
 * @param val validation subjects per site
 * @param test test subjects per site
 * @param taskEpochs epochs of Task_S
 * @param daEpochs epochs of the DA job
 * @param batch subjects per step (and per site in the DA job)
 * @param itn whether the DA job trains an ITN
 * @param stn {@code affine}, {@code bspline} or {@code none}
 * @param seed the seed of the cohort, initialisation and shuffles
 * @param master Spark master
 * @param magnification how much larger site T shows heads than they are (make-brain-cohort's
 *        {@code --t-magnification}; 0.8 … 1.25)
 */
public record BrainDemoOptions(Path out, Path template, int size, int train, int val, int test, int taskEpochs,
        int daEpochs, int batch, boolean itn, String stn, long seed, String master, double magnification) {

    /**
     * Site T's magnification in the demo: a size classifier trained on S calls about a third of T's
     * subjects large that are not, so the shift costs Task_S about 30 points, and an affine STN
     * can undo it.
     */
    public static final double DEFAULT_MAGNIFICATION = 1.12;

    public BrainDemoOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(master, "master");
        if (size < 16 || size > 64 || size % 8 != 0) {
            throw new IllegalArgumentException("--size must be a multiple of 8 between 16 and 64 (the networks halve"
                    + " the grid three times), found " + size);
        }
        if (!List.of("affine", "bspline", "none").contains(stn)) {
            throw new IllegalArgumentException("--stn must be affine, bspline or none, found \"" + stn + "\"");
        }
        if (!itn && stn.equals("none")) {
            throw new IllegalArgumentException("--no-itn with --stn none leaves nothing to train");
        }
        for (int v : new int[] {train, val, test, taskEpochs, daEpochs, batch}) {
            if (v < 1) {
                throw new IllegalArgumentException("sizes, epochs and --batch must be >= 1");
            }
        }
        if (!Pose.magnificationInRange(magnification)) {
            throw new IllegalArgumentException("--t-magnification must be between " + Pose.MIN_MAGNIFICATION + " and "
                    + Pose.MAX_MAGNIFICATION + ", found " + magnification);
        }
        if (batch > train) {
            throw new IllegalArgumentException("--batch " + batch + " is larger than --train " + train);
        }
    }

    /**
     * The documented brain demo (docs/brain-cohort.md): 32³, 100/25/50 subjects per site, Task_S
     * 10 epochs, DA 15 epochs, batch 4.
     */
    public static BrainDemoOptions defaults() {
        return new BrainDemoOptions(Path.of("runs/demo-brain"), Template.DEFAULT_PATH, 32, 100, 25, 50, 10, 15, 4,
                true, "affine", 42, "local[*]", DEFAULT_MAGNIFICATION);
    }

    /** Site T's magnification as written in the cohort folder's name and the report: 1.12, 1. */
    public String magnificationText() {
        return plain(magnification);
    }

    /** A number as the cohort folder's name and the report write it: 1.12, 1, 0.02. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The CI brain demo: 16³, 16/8/8 subjects per site, 2 + 1 epochs. */
    public static BrainDemoOptions quick() {
        return new BrainDemoOptions(Path.of("runs/demo-brain-quick"), Template.DEFAULT_PATH, 16, 16, 8, 8, 2, 1, 4,
                true, "affine", 42, "local[*]", DEFAULT_MAGNIFICATION);
    }
}
