package org.istn.brain;

import java.util.Objects;

/**
 * How one site images a subject, in the order it is applied to the resampled brain (intensities
 * in [0, 1], background 0): the pose (where the head sits in the grid), the contrast curve
 * {@code v → v^gamma}, the multiplicative bias field {@code exp(bias · P(x))} with a fixed random
 * quadratic P of the site (|P| ≤ 1 over the brain's box), the Gaussian blur of {@code blur} mm
 * (the scanner's point spread), normalisation to the brain's 99.5th percentile, and Rician noise
 * of standard deviation {@code noise} in those normalised units. Ranges are checked by
 * {@link BrainCohortOptions}, which names the options.
 *
 * @param bias log-amplitude of the bias field (0 = none; 0.2 means factors in [e^−0.2, e^0.2])
 * @param gamma contrast exponent (1 = none; below 1 brightens mid-grey)
 * @param noise Rician noise standard deviation, fraction of the normalised brain intensity
 * @param blur Gaussian blur sigma in mm (0 = none)
 * @param pose head pose in the grid
 */
public record SiteProfile(double bias, double gamma, double noise, double blur, Pose pose) {

    public SiteProfile {
        Objects.requireNonNull(pose, "pose");
    }

    /** The default source site: mild bias, linear contrast, little noise, slight blur (2 mm), no pose change. */
    public static SiteProfile defaultSource() {
        return new SiteProfile(0.10, 1.0, 0.02, 2.0, Pose.IDENTITY);
    }

    /**
     * The default target site: stronger bias, a darkening contrast curve (v^1.5), more noise, more
     * blur (3.2 mm), a rotation of (3°, −2°, 6°) and a shift of (8, −12, 4) mm (2, −3, 1 voxels of
     * the default 4 mm grid).
     */
    public static SiteProfile defaultTarget() {
        return new SiteProfile(0.30, 1.5, 0.04, 3.2, new Pose(3, -2, 6, 8, -12, 4));
    }

    /** This profile with another pose. */
    public SiteProfile withPose(Pose p) {
        return new SiteProfile(bias, gamma, noise, blur, p);
    }

    /** This profile with other intensity settings and the same pose. */
    public SiteProfile withIntensity(double b, double g, double n, double bl) {
        return new SiteProfile(b, g, n, bl, pose);
    }
}
